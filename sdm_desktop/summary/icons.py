"""Icon arrays: 100 small figures, those affected filled, the rest outlined.

Where the figure is a range, the figures between its ends are shaded grey
with a dark outline ("may"), between the filled and the outlined ones.

Drawn as vectors, so they stay sharp at any zoom, and they read in greyscale:
a filled dark figure against an outlined white one, never colour alone.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

FILLED = Color(0.13, 0.13, 0.16)
OUTLINE = Color(0.35, 0.35, 0.38)
WHITE = Color(1, 1, 1)
MAYBE = Color(0.68, 0.68, 0.7)


def _person(path: object, x: float, y: float, w: float, h: float) -> None:
    """Add one figure (a head and rounded shoulders) with its box at (x, y)."""
    head_r = min(w, h) * 0.27
    path.circle(x + w / 2, y + h - head_r, head_r)  # type: ignore[attr-defined]
    body_w = w * 0.8
    body_h = h - 2 * head_r - h * 0.08
    path.roundRect(x + (w - body_w) / 2, y, body_w, body_h, body_w * 0.38)  # type: ignore[attr-defined]


class IconArray(Flowable):  # type: ignore[misc]
    """``filled`` of ``total`` figures filled, then ``maybe`` shaded, in rows of ``columns``, top left first."""

    def __init__(self, filled: int, total: int = 100, columns: int = 10, cell: float = 5.0, maybe: int = 0) -> None:
        super().__init__()
        self.filled = max(0, min(filled, total))
        self.maybe = max(0, min(maybe, total - self.filled))
        self.total = total
        self.columns = columns
        self.rows = -(-total // columns)
        self.cell_w = cell
        self.cell_h = cell * 1.2
        self.width = self.columns * self.cell_w
        self.height = self.rows * self.cell_h

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        w, h = self.cell_w, self.cell_h
        pad = w * 0.08
        path = canvas.beginPath()
        _person(path, pad, pad, w - 2 * pad, h - 2 * pad)
        # One figure's outline, built once; each figure is that path moved into
        # place ("cm"), filled and stroked ("B"): a few bytes per figure.
        shape = path.getCode()
        places = [divmod(k, self.columns) for k in range(self.total)]
        canvas.saveState()
        canvas.setLineWidth(max(0.3, w * 0.06))
        edge = self.filled + self.maybe
        groups = (
            (places[: self.filled], FILLED, FILLED),
            (places[self.filled : edge], FILLED, MAYBE),
            (places[edge:], OUTLINE, WHITE),
        )
        for chosen, stroke, fill in groups:
            if not chosen:
                continue
            canvas.setStrokeColor(stroke)
            canvas.setFillColor(fill)
            canvas.addLiteral(
                "\n".join(
                    f"q 1 0 0 1 {col * w:.2f} {self.height - (row + 1) * h:.2f} cm {shape} B Q" for row, col in chosen
                )
            )
        canvas.restoreState()


def legend_icon(filled: bool, cell: float, maybe: bool = False) -> IconArray:
    """A single figure for a legend."""
    return IconArray(1 if filled and not maybe else 0, total=1, columns=1, cell=cell, maybe=1 if maybe else 0)
