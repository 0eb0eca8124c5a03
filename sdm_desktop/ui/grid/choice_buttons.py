"""A short choice (such as sex) as a row of radio buttons: one click, every answer in view.

"Not given" is the first button, so an answer can be taken back. The value is the
chosen item's id, or ``None`` for "Not given".
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

MAX_BUTTONS = 3  # a choice with more items than this stays a list


class ChoiceButtons(QWidget):
    """Radio buttons for ``choices`` ((id, label) pairs) after a "Not given" button."""

    valueChanged = Signal(object)

    def __init__(self, not_given: str, choices: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ids: list[str | None] = [None, *(choice_id for choice_id, _ in choices)]
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, label in enumerate([not_given, *(label for _, label in choices)]):
            button = QRadioButton(label.replace("&", "&&"))
            button.setAccessibleName(label)
            self.group.addButton(button, index)
            layout.addWidget(button)
        layout.addStretch(1)
        self.buttons = self.group.buttons()
        self.buttons[0].setChecked(True)
        self.group.idClicked.connect(lambda index: self.valueChanged.emit(self.ids[index]))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        for button, choice_id in zip(self.buttons, self.ids, strict=True):
            button.setAccessibleName(
                f"{name}: {button.text().replace('&&', '&')}" if choice_id else f"{name} not given"
            )

    def value(self) -> str | None:
        return self.ids[max(self.group.checkedId(), 0)]

    def set_value(self, value: object) -> None:
        """Check the button for ``value`` (an unknown value or ``None`` is "Not given"); no signal."""
        index = self.ids.index(value) if value in self.ids else 0
        self.group.blockSignals(True)
        self.buttons[index].setChecked(True)
        self.group.blockSignals(False)
