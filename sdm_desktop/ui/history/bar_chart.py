"""A plain horizontal bar chart drawn with QPainter, readable in greyscale.

Each bar carries its own words (``label``) and its figure (``text``, such as
"12 (40%)") printed beside it, so nothing depends on colour. Bars can be
grouped under a heading (one group per decision aid). The same figures are
given to screen readers in the accessible description.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 8
LABEL_SHARE = 0.45  # at most this share of the width for the labels
GAP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str  # the figure printed beside the bar
    group: str = ""


@dataclass(frozen=True)
class _Line:
    kind: str  # "group" or "bar"
    text: str
    bar: Bar | None
    top: float


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barChart")
        self.setAccessibleName("Bar chart")
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_bars(self, bars: list[Bar], name: str = "Bar chart") -> None:
        self.bars = list(bars)
        self.setAccessibleName(name)
        self.setAccessibleDescription(
            "; ".join(f"{b.group + ', ' if b.group else ''}{b.label}: {b.text}" for b in self.bars)
        )
        self.updateGeometry()
        self.update()

    # -- geometry --------------------------------------------------------------------

    def row_height(self) -> float:
        return self.fontMetrics().height() * 1.7

    def _lines(self) -> list[_Line]:
        lines: list[_Line] = []
        top = float(MARGIN)
        group: str | None = None
        for bar in self.bars:
            if bar.group and bar.group != group:
                lines.append(_Line("group", bar.group, None, top))
                top += self.row_height()
            group = bar.group
            lines.append(_Line("bar", bar.label, bar, top))
            top += self.row_height()
        return lines

    def _columns(self) -> tuple[float, float, float]:
        """(label width, bar start, longest bar) for the current width."""
        metrics = self.fontMetrics()
        widest_label = max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0) + 2 * GAP
        widest_text = max((metrics.horizontalAdvance(b.text) for b in self.bars), default=0) + GAP
        label_width = min(float(widest_label), self.width() * LABEL_SHARE)
        start = MARGIN + label_width
        longest = max(0.0, self.width() - MARGIN - start - widest_text)
        return label_width, start, longest

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is drawn (zero width for a zero count), in order."""
        _label_width, start, longest = self._columns()
        top_value = max((b.value for b in self.bars), default=0)
        height = self.row_height()
        rects: list[QRectF] = []
        for line in self._lines():
            if line.bar is None:
                continue
            length = longest * line.bar.value / top_value if top_value else 0.0
            rects.append(QRectF(start, line.top + height * 0.2, length, height * 0.6))
        return rects

    def sizeHint(self) -> QSize:
        return QSize(640, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        groups = len({b.group for b in self.bars if b.group})
        return QSize(320, int(2 * MARGIN + (len(self.bars) + groups) * self.row_height()))

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        fill = QColor(ink)
        fill.setAlphaF(0.6)
        metrics = self.fontMetrics()
        label_width, start, _longest = self._columns()
        height = self.row_height()
        bold = QFont(self.font())
        bold.setBold(True)
        rects = iter(self.bar_rects())
        for line in self._lines():
            row = QRectF(MARGIN, line.top, self.width() - 2 * MARGIN, height)
            painter.setPen(QPen(ink))
            if line.bar is None:
                painter.setFont(bold)
                painter.drawText(
                    row,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    painter.fontMetrics().elidedText(line.text, Qt.TextElideMode.ElideRight, int(row.width())),
                )
                painter.setFont(self.font())
                continue
            label_rect = QRectF(MARGIN + GAP, line.top, label_width - 2 * GAP, height)
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(line.text, Qt.TextElideMode.ElideRight, int(label_rect.width())),
            )
            rect = next(rects)
            if rect.width() > 0:
                painter.fillRect(rect, fill)
                painter.drawRect(rect)
            else:
                painter.drawLine(rect.topLeft(), rect.bottomLeft())  # a zero still shows where it starts
            text_rect = QRectF(start + rect.width() + GAP / 2, line.top, self.width() - start - rect.width(), height)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line.bar.text)
        painter.end()
