"""Benefit and harm in one picture: every risk row's figure for each option, side by side.

The rows of the personal-risk page come one under another; this table puts them
together, so the fall in one outcome (fewer strokes) is seen beside the rise in
another (more bleeds) for the same option.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from ...consult.session import RowResult
from ...grids.model import OptionGrid
from ...grids.risk import PersonalFigure, say_range
from ..kit.text import html_text, plain_label, rich
from .in_place import set_text

TITLE = "Benefits and harms together"


def short_words(figure: PersonalFigure) -> str:
    """'about 8 out of 100', 'fewer than 1 out of 100' or 'between about 1 and 3 out of 100'."""
    if figure.is_range and figure.low is not None and figure.high is not None:
        return say_range(figure.low, figure.high, figure.denominator)
    if figure.fewer_than_one:
        return f"fewer than 1 out of {figure.denominator}"
    return f"about {figure.events} out of {figure.denominator}"


class RiskTogether(QFrame):
    """Options across, outcomes down; each box says how many out of 100."""

    def __init__(self, grid: OptionGrid, results: list[RowResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskTogether")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.cells: dict[tuple[str, str], QLabel] = {}
        layout = QGridLayout(self)
        layout.setHorizontalSpacing(18)
        layout.addWidget(rich(QLabel(f"<b>{html_text(TITLE)}</b>")), 0, 0)
        for c, option in enumerate(grid.options, start=1):
            name = rich(QLabel(f"<b>{html_text(option.name)}</b>"))
            name.setWordWrap(True)
            layout.addWidget(name, 0, c, Qt.AlignmentFlag.AlignTop)
            layout.setColumnStretch(c, 1)
        for r, result in enumerate(results, start=1):
            first = next(iter(result.figures.values()), None)
            if first is None:
                continue
            layout.addWidget(plain_label(f"How many will {first.outcome}, over {first.time_frame}"), r, 0)
            for c, option in enumerate(grid.options, start=1):
                figure = result.figures.get(option.id)
                cell = result.row.cells.get(option.id)
                text = short_words(figure) if figure is not None else (str(cell.text) if cell else "No figure")
                label = plain_label(text)
                label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.cells[(result.row.id, option.id)] = label
                layout.addWidget(label, r, c)
        layout.setColumnStretch(0, 1)

    def show_results(self, results: list[RowResult]) -> None:
        """New figures for the same rows and options with figures: each box's words change in place."""
        for result in results:
            for option_id, figure in result.figures.items():
                label = self.cells.get((result.row.id, option_id))
                if label is not None:
                    set_text(label, short_words(figure))


def worth_showing(results: list[RowResult]) -> bool:
    """Two or more rows with figures: then there is something to put side by side."""
    return sum(1 for r in results if r.figures) >= 2
