"""Windows that fit the screen they are on: a sensible first size, never larger than the screen.

The window's own minimum is set small and explicitly, so that long wrapped text in a
panel can never make the window taller or wider than the screen's available area;
panels scroll instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FIRST_SIZE = QSize(1280, 820)
SMALLEST = QSize(640, 440)
FRAME_ALLOWANCE = QSize(16, 48)  # a window manager's title bar and borders


def available(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def room(widget: QWidget) -> QSize:
    """The largest client size whose frame still fits the available area."""
    area = available(widget)
    return QSize(area.width() - FRAME_ALLOWANCE.width(), area.height() - FRAME_ALLOWANCE.height())


def set_small_minimum(widget: QWidget) -> None:
    """A minimum size that fits the screen, set explicitly so layouts cannot ask for more."""
    most = room(widget)
    widget.setMinimumSize(min(SMALLEST.width(), most.width()), min(SMALLEST.height(), most.height()))


def first_size(widget: QWidget, wanted: QSize = FIRST_SIZE) -> None:
    """Open at ``wanted``, or as much of it as the screen has room for, centred."""
    set_small_minimum(widget)
    most = room(widget)
    size = QSize(min(wanted.width(), most.width()), min(wanted.height(), most.height()))
    widget.resize(size)
    area = available(widget)
    widget.move(
        area.x() + (area.width() - size.width() - FRAME_ALLOWANCE.width()) // 2,
        area.y() + (area.height() - size.height() - FRAME_ALLOWANCE.height()) // 2,
    )


def keep_on_screen(widget: QWidget) -> None:
    """After restoring a saved size: shrink to the screen and move back onto it."""
    set_small_minimum(widget)
    most = room(widget)
    if widget.width() > most.width() or widget.height() > most.height():
        widget.resize(min(widget.width(), most.width()), min(widget.height(), most.height()))
    area = available(widget)
    x = min(max(widget.x(), area.x()), area.right() - widget.width() - FRAME_ALLOWANCE.width())
    y = min(max(widget.y(), area.y()), area.bottom() - widget.height() - FRAME_ALLOWANCE.height())
    widget.move(max(x, area.x()), max(y, area.y()))
