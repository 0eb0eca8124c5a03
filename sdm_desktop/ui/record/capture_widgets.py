"""Parts of the capture panel: inline messages, what matters, and the locked measures.

The wording of SURE and CollaboRATE comes from the library's locked documents
as loaded; nothing here retypes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...consult.draft import sure_summary
from ...grids.model import Consideration, PromptSet
from ..kit.inputs import OptionalCombo, OptionalSpinBox
from ..kit.widgets import clear_layout, literal, warn_style

NOT_ASKED = "Not asked"


class InlineError(QLabel):
    """A message under a field, hidden while there is nothing to say."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # an apostrophe shows as one, never as &#x27;
        warn_style(self)
        self.hide()

    def say(self, message: str | None) -> None:
        self.setText(message or "")
        self.setAccessibleName(message or "")
        self.setVisible(bool(message))


class ImportanceBox(QGroupBox):
    """How much each consideration matters (0 to 5, or not asked), and the patient's own words."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("What matters to the patient", parent)
        self.setObjectName("importanceBox")
        self.grid = QGridLayout()
        self.spins: dict[str, OptionalSpinBox] = {}
        self.words: dict[str, QLineEdit] = {}
        self.none_label = QLabel("This aid lists no considerations to rate.")
        self.what_matters = QLineEdit()
        self.what_matters.setObjectName("whatMatters")
        self.what_matters.setAccessibleName("What matters most, in the patient's words")
        self.what_matters.setPlaceholderText("What matters most, in their words")
        layout = QVBoxLayout(self)
        hint = QLabel("0 = does not matter, 5 = matters a lot.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.none_label)
        layout.addLayout(self.grid)
        layout.addWidget(self.what_matters)
        self.what_matters.textChanged.connect(self.changed)

    def set_considerations(self, considerations: Sequence[Consideration]) -> None:
        clear_layout(self.grid)
        self.spins.clear()
        self.words.clear()
        for r, item in enumerate(considerations):
            text = str(item.text)
            label = QLabel(escape(text))
            label.setWordWrap(True)
            spin = OptionalSpinBox(NOT_ASKED)
            spin.setObjectName(f"importance_{item.id}")
            spin.setRange(-1, 5)
            spin.setAccessibleName(f"How much it matters: {text}")
            label.setBuddy(spin)
            words = QLineEdit()
            words.setObjectName(f"words_{item.id}")
            words.setPlaceholderText("In their words")
            words.setAccessibleName(f"In their words: {text}")
            spin.valueChanged.connect(self.changed)
            words.textChanged.connect(self.changed)
            self.grid.addWidget(label, r, 0)
            self.grid.addWidget(spin, r, 1)
            self.grid.addWidget(words, r, 2)
            for widget in (label, spin, words):
                widget.show()  # added to a shown panel: show now, not on the next event loop turn
            self.spins[item.id] = spin
            self.words[item.id] = words
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(2, 3)
        self.none_label.setVisible(not considerations)

    def importance(self) -> dict[str, int]:
        return {cid: spin.value() for cid, spin in self.spins.items() if spin.value() >= 0}

    def own_words(self) -> dict[str, str]:
        return {cid: edit.text() for cid, edit in self.words.items() if edit.text().strip()}

    def show_values(self, importance: Mapping[str, int], words: Mapping[str, str], what_matters: str) -> None:
        for cid, spin in self.spins.items():
            with QSignalBlocker(spin):
                spin.setValue(importance.get(cid, -1))
        for cid, edit in self.words.items():
            if edit.text() != words.get(cid, ""):
                with QSignalBlocker(edit):
                    edit.setText(words.get(cid, ""))
        if self.what_matters.text() != what_matters:
            with QSignalBlocker(self.what_matters):
                self.what_matters.setText(what_matters)


class MeasureBox(QGroupBox):
    """A locked measure from the library: one row per item, answered with one click (SURE) or from a list.

    ``answered`` carries the answers so far (item id -> value).
    """

    answered = Signal(dict)

    def __init__(self, name: str, title: str, use_buttons: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.use_buttons = use_buttons
        self.measure: PromptSet | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons: dict[str, dict[int, QRadioButton]] = {}
        self.combos: dict[str, QComboBox] = {}
        self.body = QGridLayout()
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName(f"{name}Summary")
        self.summary.setWordWrap(True)
        self.flag = InlineError(f"{name}Flag")
        self.clear_button = QPushButton("Clear answers")
        self.clear_button.setObjectName(f"{name}Clear")
        self.clear_button.setAccessibleName(f"Clear the {title} answers")
        self.clear_button.clicked.connect(self.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.missing)
        layout.addLayout(self.body)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.clear_button)
        layout.addLayout(bottom)
        layout.addWidget(self.flag)

    def set_measure(self, measure: PromptSet | None, missing_text: str) -> None:
        clear_layout(self.body)
        self.groups.clear()
        self.buttons.clear()
        self.combos.clear()
        self.measure = measure
        self.missing.setText(missing_text)
        self.missing.setVisible(measure is None)
        self.clear_button.setVisible(measure is not None)
        if measure is None:
            self.summary.clear()
            self.flag.say(None)
            return
        for r, prompt in enumerate(measure.prompts):
            text = str(prompt.text)
            label = QLabel(f"{r + 1}. {escape(text)}")
            label.setWordWrap(True)
            self.body.addWidget(label, r, 0)
            label.show()
            if self.use_buttons:
                row = QWidget()
                row_layout = QHBoxLayout(row)
                row_layout.setContentsMargins(0, 0, 0, 0)
                group = QButtonGroup(self)
                self.buttons[prompt.id] = {}
                for answer in measure.answers:
                    button = QRadioButton(literal(str(answer.label)))
                    button.setObjectName(f"{self.objectName()}_{prompt.id}_{answer.value}")
                    button.setAccessibleName(f"{text} {answer.label}")
                    group.addButton(button, answer.value)
                    row_layout.addWidget(button)
                    self.buttons[prompt.id][answer.value] = button
                group.idClicked.connect(self._changed)
                self.groups[prompt.id] = group
                self.body.addWidget(row, r, 1)
                row.show()
            else:
                combo = OptionalCombo(NOT_ASKED)
                combo.setObjectName(f"{self.objectName()}_{prompt.id}")
                combo.setAccessibleName(text)
                for answer in measure.answers:
                    combo.addItem(f"{answer.value} {answer.label}", answer.value)
                combo.currentIndexChanged.connect(self._changed)
                label.setBuddy(combo)
                self.combos[prompt.id] = combo
                self.body.addWidget(combo, r, 1)
                combo.show()
        self.body.setColumnStretch(0, 1)

    def answers(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for pid, group in self.groups.items():
            if group.checkedId() != -1:
                out[pid] = group.checkedId()
        for pid, combo in self.combos.items():
            if combo.currentData() is not None:
                out[pid] = int(combo.currentData())
        return out

    def _changed(self, *_: object) -> None:
        values = self.answers()
        self._summarise(values)
        self.answered.emit(values)

    def show_values(self, answers: Mapping[str, int]) -> None:
        for pid, group in self.groups.items():
            group.setExclusive(False)
            for value, button in self.buttons[pid].items():
                with QSignalBlocker(button):
                    button.setChecked(answers.get(pid) == value)
            group.setExclusive(True)
        for pid, combo in self.combos.items():
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(combo.findData(answers[pid]), 0) if pid in answers else 0)
        self._summarise(answers)

    def clear(self) -> None:
        self.show_values({})
        self.answered.emit({})

    def _summarise(self, answers: Mapping[str, int]) -> None:
        if self.measure is None:
            return
        if self.measure.flag_at_or_below is None:  # no total to flag (CollaboRATE)
            left = sum(1 for p in self.measure.prompts if p.id not in answers)
            self.summary.setText("All answered." if not left else f"{left} of {len(self.measure.prompts)} not asked.")
            return
        line, flagged = sure_summary(self.measure, answers)
        self.summary.setText(line if not flagged else "")
        self.flag.say(line if flagged else None)

    def first_button(self) -> QAbstractButton | None:
        for row in self.buttons.values():
            return next(iter(row.values()), None)
        return None


def option_buttons(parent: QWidget, options: Sequence[tuple[str, str]], group: QButtonGroup) -> list[QRadioButton]:
    """One radio button per option, for the leaning; the group is not exclusive so none can be chosen."""
    out: list[QRadioButton] = []
    for i, (oid, name) in enumerate(options):
        button = QRadioButton(literal(name), parent)  # "Watch & wait" stays as written
        button.setObjectName(f"option_{oid}")
        button.setAccessibleName(f"Option: {name}")
        button.setProperty("optionId", oid)
        group.addButton(button, i)
        out.append(button)
    return out


def align_top(label: QLabel) -> QLabel:
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def line_edit(name: str, accessible: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    return edit


def set_text(edit: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Show ``text`` without signalling an edit (and without moving the cursor when it is already there)."""
    current = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
    if current != text:
        with QSignalBlocker(edit):
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(text)
            else:
                edit.setText(text)
