"""An icon array: N out of 100 people, drawn as filled figures among outlined ones.

Filled versus outlined reads in greyscale and for people who do not see colour;
the colours come from the palette, so high contrast works too.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..kit.text import tooltip_text


def grid_shape(denominator: int) -> tuple[int, int]:
    """Columns and rows: 10 x 10 for 100, 40 x 25 for 1,000."""
    if denominator <= 100:
        return 10, max(1, -(-denominator // 10))
    return 40, -(-denominator // 40)


def person_path(cell: QRectF) -> QPainterPath:
    """A simple standing figure (head and body) inside ``cell``."""
    w, h = cell.width(), cell.height()
    path = QPainterPath()
    head_r = min(w, h) * 0.17
    cx = cell.center().x()
    path.addEllipse(QPointF(cx, cell.top() + h * 0.08 + head_r), head_r, head_r)
    body = QRectF(cx - w * 0.30, cell.top() + h * 0.45, w * 0.60, h * 0.50)
    path.addRoundedRect(body, w * 0.22, w * 0.22)
    return path


class IconArray(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = 0
        self.upto = 0  # with a range: figures from ``events`` up to ``upto`` are hatched
        self.denominator = 100
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_figure(self, events: int, denominator: int, description: str, upto: int | None = None) -> None:
        """``events`` filled figures; with ``upto`` (a range), hatched ones after them up to ``upto``."""
        self.events = max(0, min(events, denominator))
        self.upto = max(self.events, min(upto if upto is not None else self.events, denominator))
        self.denominator = denominator
        self.setAccessibleName(description)
        self.setToolTip(tooltip_text(description))
        self.updateGeometry()
        self.update()

    def _cell(self) -> float:
        return max(self.fontMetrics().height() * 1.15, 8.0)

    def sizeHint(self) -> QSize:
        cols, rows = grid_shape(self.denominator)
        cell = self._cell() if self.denominator <= 100 else self._cell() / 3
        return QSize(int(cols * cell), int(rows * cell * 1.25))

    def minimumSizeHint(self) -> QSize:
        cols, rows = grid_shape(self.denominator)
        return QSize(cols * 6, int(rows * 6 * 1.25))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        cols, rows = grid_shape(self.denominator)
        return int(width / cols * rows * 1.25)

    def cells(self) -> list[QRectF]:
        """Where each figure goes, in reading order."""
        cols, rows = grid_shape(self.denominator)
        cw = self.width() / cols
        ch = min(self.height() / rows, cw * 1.25)
        cw = min(cw, ch / 1.25)
        left = (self.width() - cw * cols) / 2
        return [QRectF(left + (i % cols) * cw, (i // cols) * ch, cw, ch) for i in range(self.denominator)]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        filled = QBrush(ink)
        empty = QBrush(QColor(self.palette().color(QPalette.ColorRole.Base)))
        hatched = QBrush(ink, Qt.BrushStyle.BDiagPattern)
        cells = self.cells()
        if cells:
            painter.setPen(QPen(QBrush(ink), max(1.0, cells[0].width() * 0.06)))
        for i, cell in enumerate(cells):
            inner = cell.adjusted(cell.width() * 0.1, cell.height() * 0.05, -cell.width() * 0.1, -cell.height() * 0.05)
            path = person_path(inner)
            if self.events <= i < self.upto:
                painter.setBrush(empty)
                painter.drawPath(path)
                painter.setBrush(hatched)
            else:
                painter.setBrush(filled if i < self.events else empty)
            painter.drawPath(path)
        painter.end()
