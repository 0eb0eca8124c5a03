"""The consultation in progress, Qt-free: what is open and what has been said.

The window's widgets call the setters of :class:`Session` (through the small
Qt controller in ``controller.py``); the consultation record will be built
from this object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..grids.model import OptionGrid, RiskScore, Row, ScoreInput
from ..grids.personal import assess_row
from ..grids.risk import PersonalFigure, Value, row_figures


@dataclass
class RowResult:
    """The figures for one risk row, or why there are none yet.

    ``personal`` is True only when every input of the row's score has an
    answer; ``assumptions`` then says, in plain words, what a 'Not known'
    answer covers (the figures are ranges over it). ``missing`` says what is
    still to answer while the figures shown are for people with the condition."""

    row: Row
    figures: dict[str, PersonalFigure]
    personal: bool
    missing: str | None = None
    assumptions: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        """Personal figures with every answer known (no 'Not known')."""
        return self.personal and not self.assumptions


@dataclass
class Session:
    grid: OptionGrid | None = None
    discussed: set[str] = field(default_factory=set)
    risk_values: dict[str, Value] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)

    def open(self, grid: OptionGrid) -> None:
        """Start on ``grid``; ticks and risk inputs belong to the grid, questions stay."""
        if self.grid is None or self.grid.id != grid.id:
            self.discussed.clear()
            self.risk_values.clear()
        else:  # the same grid reloaded: keep ticks for rows that still exist
            self.discussed &= {r.id for r in grid.rows}
        self.grid = grid

    def set_discussed(self, row_id: str, discussed: bool) -> bool:
        """Tick or untick a row; returns whether anything changed."""
        if discussed == (row_id in self.discussed):
            return False
        if discussed:
            self.discussed.add(row_id)
        else:
            self.discussed.discard(row_id)
        return True

    def set_value(self, input_id: str, value: Value) -> bool:
        if self.risk_values.get(input_id) == value and input_id in self.risk_values:
            return False
        self.risk_values[input_id] = value
        return True

    def add_question(self, text: str) -> bool:
        text = " ".join(text.split())
        if not text:
            return False
        self.questions.append(text)
        return True

    def remove_question(self, index: int) -> bool:
        if 0 <= index < len(self.questions):
            del self.questions[index]
            return True
        return False


def form_inputs(grid: OptionGrid, scores: Mapping[str, RiskScore]) -> list[ScoreInput]:
    """The inputs the personal risk form asks: the grid's order first, then the rest, each once."""
    found: dict[str, ScoreInput] = {}
    for score_id in grid.score_ids:
        score = scores.get(score_id)
        if score is None:
            continue
        for spec in score.inputs:
            found.setdefault(spec.id, spec)
    ordered = [found[i] for i in grid.personalise_inputs if i in found]
    return ordered + [spec for i, spec in found.items() if i not in grid.personalise_inputs]


def risk_rows(grid: OptionGrid) -> list[Row]:
    return [row for row in grid.rows if row.risk is not None]


def row_results(grid: OptionGrid, scores: Mapping[str, RiskScore], values: Mapping[str, Value]) -> list[RowResult]:
    """Figures for every risk row: personal once every input is answered (Yes, No, a value or
    Not known), for people with the condition otherwise, with what is still to answer."""
    out: list[RowResult] = []
    for row in risk_rows(grid):
        assert row.risk is not None
        link = row.risk.from_score
        typical = row_figures(grid, row, scores)
        if link is None:
            out.append(RowResult(row, typical, personal=False))
            continue
        if link.score not in scores:
            out.append(RowResult(row, typical, False, "the risk score for this row is not in the library"))
            continue
        try:
            found = assess_row(grid, row, scores, values)
        except ValueError as exc:
            out.append(RowResult(row, typical, False, str(exc)))
            continue
        if found.status == "incomplete":
            still = ", ".join(str(spec.label) for spec in found.missing)
            out.append(RowResult(row, typical, False, f"still to answer for personal figures: {still}"))
            continue
        out.append(RowResult(row, found.figures, True, assumptions=found.assumptions))
    return out
