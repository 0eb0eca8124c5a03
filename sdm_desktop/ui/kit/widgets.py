"""Small helpers shared by the window's panels."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QLayout

AMBER = QColor("#fff3cd")
INK = QColor("#000000")


def warn_style(label: QLabel, line_width: int = 1) -> None:
    """Black on amber in a box: seen at a glance, readable in any theme and in greyscale."""
    label.setFrameShape(QFrame.Shape.Box)
    label.setLineWidth(line_width)
    label.setMargin(3)
    label.setAutoFillBackground(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.Window, AMBER)
    palette.setColor(QPalette.ColorRole.WindowText, INK)
    label.setPalette(palette)


def clear_layout(layout: QLayout) -> None:
    """Take every item out of ``layout``; its widgets are hidden at once and deleted later."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def literal(text: str) -> str:
    """``text`` for a button or tab: an "&" in content stays an "&", never a shortcut marker."""
    return text.replace("&", "&&")
