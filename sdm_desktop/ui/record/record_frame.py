"""The window's frame for records: the storage banner, and the Record dock's scroll area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget

from ..kit.text import plain
from ..kit.widgets import warn_style


class StorageBanner(QWidget):
    """A strip across the top of the window: records cannot be saved, and why. Never modal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storageBanner")
        self.label = plain(QLabel())  # messages name files and folders: never markup
        self.label.setObjectName("storageMessage")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        warn_style(self.label)
        self.new_database = QPushButton("Set it aside and start a new database")
        self.new_database.setObjectName("startNewDatabase")
        self.new_database.setAccessibleName("Set the damaged database aside and start a new one")
        self.new_database.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.new_database)
        self.hide()

    def say(self, message: str, *, offer_new_database: bool = False) -> None:
        self.label.setText(message)
        self.label.setAccessibleName(message)
        self.new_database.setVisible(offer_new_database)
        self.setVisible(bool(message))


class RecordScroll(QScrollArea):
    """Asks to be as wide as the form's narrowest layout, so nothing is cut off; scrolls sideways if made narrower."""

    PREFERRED_WIDTH = 460

    def __init__(self, form: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordScroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(form)

    def _extra(self) -> int:
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        inner = self.widget()
        needed = inner.minimumSizeHint().width() if inner is not None else 0
        return QSize(max(needed, self.PREFERRED_WIDTH) + self._extra(), super().sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
