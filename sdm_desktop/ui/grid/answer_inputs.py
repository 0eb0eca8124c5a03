"""One answer for one risk input: Yes / No / Not known, a number or Not known, a choice or Not known.

An input with no answer is unanswered, never "No": the form shows what is
still to answer and the figures stay those for people with the condition.
``NOT_KNOWN`` (grids/personal.py) is an answer: the figures become a range.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QRadioButton,
    QWidget,
)

from ...grids.model import ScoreInput
from ...grids.personal import NOT_KNOWN
from ...grids.risk import Value
from ..kit.inputs import OptionalCombo, OptionalSpinBox

NOT_ANSWERED = "Not given"
NOT_KNOWN_WORDS = "Not known"


class AnswerInput(QWidget):
    """The common face of the three kinds of input."""

    answered = Signal(object)  # the Value (None when unanswered)

    def __init__(self, spec: ScoreInput, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    @property
    def field(self) -> QWidget:
        """The input's first field: where Tab and Ctrl+R put the focus."""
        raise NotImplementedError

    def value(self) -> Value:
        raise NotImplementedError

    def set_value(self, value: Value) -> None:
        """Show ``value`` without announcing it."""
        raise NotImplementedError

    def answer(self, value: Value) -> None:
        """Answer as a person would: shown and announced."""
        self.set_value(value)
        self.answered.emit(self.value())


class YesNoInput(AnswerInput):
    """Three buttons, none pressed until answered."""

    CHOICES: tuple[tuple[str, Value], ...] = (("Yes", True), ("No", False), (NOT_KNOWN_WORDS, NOT_KNOWN))

    def __init__(self, spec: ScoreInput, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for index, (words, _value) in enumerate(self.CHOICES):
            button = QRadioButton(words)
            button.setAccessibleName(f"{spec.label}: {words}")
            self.group.addButton(button, index)
            self.row.addWidget(button)
            self.buttons[words] = button
        self.row.addStretch(1)
        self.group.idClicked.connect(lambda _i: self.answered.emit(self.value()))

    @property
    def field(self) -> QWidget:
        return self.buttons["Yes"]

    def value(self) -> Value:
        index = self.group.checkedId()
        return self.CHOICES[index][1] if index >= 0 else None

    def set_value(self, value: Value) -> None:
        with QSignalBlocker(self.group):
            self.group.setExclusive(False)
            for index, (_words, choice) in enumerate(self.CHOICES):
                button = self.group.button(index)
                button.setChecked(value is not None and value == choice and type(value) is type(choice))
            self.group.setExclusive(True)


class NumberInput(AnswerInput):
    """A spin box (its lowest step is "not given") and a 'Not known' box."""

    def __init__(self, spec: ScoreInput, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.spin = OptionalSpinBox(NOT_ANSWERED)
        low = int(spec.minimum if spec.minimum is not None else 0)
        high = int(spec.maximum if spec.maximum is not None else 999)
        self.spin.setRange(low - 1, high)  # one below the minimum means "not given"
        self.spin.setAccessibleName(str(spec.label))
        if spec.unit:
            self.spin.setSuffix(f" {spec.unit}")
        self.unknown = QCheckBox(NOT_KNOWN_WORDS)
        self.unknown.setAccessibleName(f"{spec.label}: {NOT_KNOWN_WORDS}")
        self.row.addWidget(self.spin, 1)
        self.row.addWidget(self.unknown)
        self.spin.valueChanged.connect(lambda _v: self.answered.emit(self.value()))
        self.unknown.toggled.connect(self._unknown_toggled)
        self.setFocusProxy(self.spin)

    @property
    def field(self) -> QWidget:
        return self.spin

    def _unknown_toggled(self, on: bool) -> None:
        self.spin.setEnabled(not on)
        self.answered.emit(self.value())

    def value(self) -> Value:
        if self.unknown.isChecked():
            return NOT_KNOWN
        v = self.spin.value()
        return None if v == self.spin.minimum() else v

    def set_value(self, value: Value) -> None:
        with QSignalBlocker(self.spin), QSignalBlocker(self.unknown):
            self.unknown.setChecked(value == NOT_KNOWN)
            self.spin.setEnabled(value != NOT_KNOWN)
            if value == NOT_KNOWN:
                return  # the number typed before stays, for when 'Not known' is unticked
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            self.spin.setValue(int(value) if number else self.spin.minimum())  # type: ignore[arg-type]


class ChoiceInput(AnswerInput):
    """A list: "Not given", each answer, then "Not known"."""

    def __init__(self, spec: ScoreInput, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = OptionalCombo(NOT_ANSWERED)
        self.combo.setAccessibleName(str(spec.label))
        for choice in spec.choices:
            self.combo.addItem(str(choice.label), choice.id)
        self.combo.addItem(NOT_KNOWN_WORDS, NOT_KNOWN)
        self.row.addWidget(self.combo, 1)
        self.combo.currentIndexChanged.connect(lambda _i: self.answered.emit(self.value()))
        self.setFocusProxy(self.combo)

    @property
    def field(self) -> QWidget:
        return self.combo

    def value(self) -> Value:
        data = self.combo.currentData()
        return data if isinstance(data, str) else None

    def set_value(self, value: Value) -> None:
        with QSignalBlocker(self.combo):
            index = self.combo.findData(value) if isinstance(value, str) else 0
            self.combo.setCurrentIndex(max(index, 0))


class ChoiceButtonsInput(AnswerInput):
    """A short choice (such as sex) as buttons, one click each: each answer, then "Not known"; none pressed until answered."""

    def __init__(self, spec: ScoreInput, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.group = QButtonGroup(self)
        self.values: list[Value] = [*(choice.id for choice in spec.choices), NOT_KNOWN]
        self.buttons: dict[str, QRadioButton] = {}
        words = [*(str(choice.label) for choice in spec.choices), NOT_KNOWN_WORDS]
        for index, label in enumerate(words):
            button = QRadioButton(label.replace("&", "&&"))
            button.setAccessibleName(f"{spec.label}: {label}")
            self.group.addButton(button, index)
            self.row.addWidget(button)
            self.buttons[label] = button
        self.row.addStretch(1)
        self.group.idClicked.connect(lambda _i: self.answered.emit(self.value()))

    @property
    def field(self) -> QWidget:
        return self.group.button(0)

    def value(self) -> Value:
        index = self.group.checkedId()
        return self.values[index] if index >= 0 else None

    def set_value(self, value: Value) -> None:
        with QSignalBlocker(self.group):
            self.group.setExclusive(False)
            for index, choice in enumerate(self.values):
                self.group.button(index).setChecked(value is not None and value == choice)
            self.group.setExclusive(True)


SHORT_CHOICE = 3  # a choice with this many answers or fewer is buttons, one click; a longer one is a list


def answer_input(spec: ScoreInput) -> AnswerInput:
    if spec.type == "boolean":
        return YesNoInput(spec)
    if spec.type == "number":
        return NumberInput(spec)
    if len(spec.choices) <= SHORT_CHOICE:
        return ChoiceButtonsInput(spec)
    return ChoiceInput(spec)
