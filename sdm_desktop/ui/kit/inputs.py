"""Inputs that never change by accident, and "not given" that never looks like an answer.

The mouse wheel never changes a value: over a spin box, date field, list or slider it
scrolls whatever panel holds the control instead, as if the control were not there.
Values change only by typing, clicking or the arrow keys (:class:`WheelGuard`,
installed once on the application).

A number that has not been given shows its placeholder ("Not given", "Not asked")
in italics and between dashes, and typing a
digit over it replaces it (:class:`OptionalSpinBox`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QSpinBox,
    QWidget,
)

DASH = "\u2013"


def placeholder_text(words: str) -> str:
    """How an unanswered value reads: ``– Not given –``."""
    return f"{DASH} {words} {DASH}"


def _guarded(widget: QObject) -> bool:
    if isinstance(widget, QScrollBar):
        return False
    return isinstance(widget, (QAbstractSpinBox, QComboBox, QAbstractSlider))


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """Application event filter: wheel events over value inputs scroll the panel around them."""

    def eventFilter(self, watched: QObject, event: object) -> bool:
        if not isinstance(event, QWheelEvent) or not _guarded(watched):
            return False
        assert isinstance(watched, QWidget)
        area = _scroll_area(watched)
        if area is not None:
            delta = event.angleDelta()
            bar = area.horizontalScrollBar() if abs(delta.x()) > abs(delta.y()) else area.verticalScrollBar()
            if bar is not None and bar.maximum() > bar.minimum():
                centre = QPointF(bar.width() / 2, bar.height() / 2)
                forwarded = QWheelEvent(
                    centre,
                    QPointF(bar.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
                    event.pixelDelta(),
                    event.angleDelta(),
                    event.buttons(),
                    event.modifiers(),
                    event.phase(),
                    event.inverted(),
                )
                QApplication.sendEvent(bar, forwarded)
        event.accept()
        return True  # the value never changes


def install_wheel_guard(app: QCoreApplication | None = None) -> WheelGuard | None:
    """Install the guard once on ``app`` (the running application by default); returns the one in place."""
    app = app if app is not None else QCoreApplication.instance()
    if app is None:
        return None
    existing = app.findChild(WheelGuard, "wheelGuard")
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    guard.setObjectName("wheelGuard")
    app.installEventFilter(guard)
    return guard


def mark_placeholder(widget: QWidget, showing: bool) -> None:
    """Italic text while ``widget`` shows its placeholder (with the dashes, unlike any answer in any theme)."""
    if widget.font().italic() != showing:
        font = QFont()  # only the slant is set here: size and family still follow the panel (zoom)
        font.setItalic(showing)
        widget.setFont(font)
    widget.setProperty("showsPlaceholder", showing)


class OptionalCombo(QComboBox):
    """A list whose first entry (no data) means "not given"; shown as a placeholder while chosen."""

    def __init__(self, words: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # never focused by the wheel
        self.addItem(placeholder_text(words), None)
        self.currentIndexChanged.connect(self.mark)
        self.mark()

    def mark(self, *_: object) -> None:
        mark_placeholder(self, self.currentIndex() <= 0 and self.currentData() is None)

    def setCurrentIndex(self, index: int) -> None:
        """Also marks the placeholder when the value is shown with signals blocked."""
        super().setCurrentIndex(index)
        self.mark()


class OptionalSpinBox(QSpinBox):
    """A whole number that may be left unanswered: its minimum shows ``words`` as a placeholder.

    Typing a digit while the placeholder shows replaces it; the value stays "not
    given" until a number in range is typed.
    """

    def __init__(self, words: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self.setSpecialValueText(placeholder_text(words))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # never focused by the wheel
        self.valueChanged.connect(self._mark)
        self.lineEdit().textChanged.connect(self._mark)
        self._mark()

    def is_unanswered(self) -> bool:
        return self.value() == self.minimum()

    def _mark(self, *_: object) -> None:
        mark_placeholder(self, self.lineEdit().text() == self.specialValueText())

    def setValue(self, value: int) -> None:
        """Also marks the placeholder when the value is shown with signals blocked."""
        super().setValue(value)
        self._mark()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.is_unanswered():
            self.lineEdit().selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        showing = self.lineEdit().text() == self.specialValueText()
        if showing and text and (text.isdigit() or text == "-"):
            line = self.lineEdit()
            line.setText(self.prefix() + self.suffix())
            line.setCursorPosition(len(self.prefix()))
        super().keyPressEvent(event)
