"""The personal risk form, built from the risk scores' inputs (no arithmetic here).

Every input is answered Yes, No or Not known (a number or Not known; a choice
or Not known); an input with no answer is not a "No". Above the inputs: who the
aid is not for, then what is still to answer.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ...consult.not_for import not_for_text
from ...consult.session import form_inputs
from ...grids.model import ScoreInput
from ...grids.personal import is_answered
from ...grids.risk import Value
from ..kit.text import plain, plain_label, plain_tooltip
from ..kit.widgets import warn_style
from .answer_inputs import NOT_ANSWERED, AnswerInput, answer_input
from .controller import SessionController

NOT_GIVEN = NOT_ANSWERED  # the words for an input with no answer yet
ALL_ANSWERED = "Every question is answered."


def missing_words(specs: list[ScoreInput], values: dict[str, Value]) -> str:
    """'Still to answer: Age, Sex.' (each input Yes, No, a value or Not known) or ''."""
    missing = [str(spec.label) for spec in specs if not is_answered(values.get(spec.id))]
    return f"Still to answer: {', '.join(missing)}." if missing else ""


class FormNote(QLabel):
    """A wrapped note in the form that never asks for more width than a form field would."""

    CHARACTERS = 34

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = min(hint.width(), self.fontMetrics().averageCharWidth() * self.CHARACTERS)
        return QSize(width, self.heightForWidth(width) if self.wordWrap() else hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.sizeHint().width()), hint.height())


def form_note(name: str) -> FormNote:
    note = FormNote()
    plain(note)
    note.setObjectName(name)
    return note


class RiskForm(QWidget):
    """One answer per input; what is missing and who the aid is not for above them."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.not_for = form_note("riskNotFor")
        warn_style(self.not_for)
        self.missing = form_note("riskFormMissing")
        self.inputs = QWidget()
        self.layout_ = QFormLayout(self.inputs)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        outer.addWidget(self.not_for)
        outer.addWidget(self.missing)
        outer.addWidget(self.inputs)
        self.answers: dict[str, AnswerInput] = {}  # each input's Yes / No / Not known, number or choice
        self.controls: dict[str, QWidget] = {}  # each input's first field (for Tab and focus)
        self.specs: dict[str, ScoreInput] = {}
        controller.gridChanged.connect(self.rebuild)
        controller.riskChanged.connect(self.show_values)
        self.rebuild()

    def rebuild(self) -> None:
        while self.layout_.rowCount():
            self.layout_.removeRow(0)
        self.answers.clear()
        self.controls.clear()
        self.specs.clear()
        grid = self.controller.grid
        statement = not_for_text(grid) if grid is not None else ""
        self.not_for.setText(statement)
        self.not_for.setVisible(bool(statement))
        if grid is None:
            self.missing.clear()
            return
        for spec in form_inputs(grid, self.controller.scores):
            control = answer_input(spec)
            label = plain_label(f"{spec.label}:")
            label.setBuddy(control)
            control.setAccessibleName(str(spec.label))
            if spec.help:
                plain_tooltip(control, str(spec.help))
                control.setAccessibleDescription(str(spec.help))
            control.answered.connect(lambda value, i=spec.id: self.controller.set_value(i, value))
            self.layout_.addRow(label, control)
            self.answers[spec.id] = control
            self.controls[spec.id] = control.field
            self.specs[spec.id] = spec
        self.show_values()

    def show_values(self) -> None:
        values = self.controller.session.risk_values
        for input_id, control in self.answers.items():
            control.set_value(values.get(input_id))
        missing = missing_words(list(self.specs.values()), dict(values))
        self.missing.setText(missing or (ALL_ANSWERED if self.specs else ""))
        self.missing.setVisible(bool(self.specs))

    def set_input(self, input_id: str, value: Value) -> None:
        """Answer one input as a person would (used by scripts and tests): a value, NOT_KNOWN or None."""
        self.answers[input_id].answer(value)
