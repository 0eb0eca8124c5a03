"""Points-based risk scores and personal figures, computed from content documents."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import Condition, OptionGrid, RiskScore, Row, ScoreInput, TableRow, Text

Value = bool | float | int | str | None


class MissingInput(ValueError):
    """A score needs an input that has not been given."""

    def __init__(self, score_input: ScoreInput) -> None:
        super().__init__(f"'{score_input.label}' is needed")
        self.input = score_input


def holds(condition: Condition, values: Mapping[str, Value], inputs: Mapping[str, ScoreInput]) -> bool:
    """Whether ``condition`` holds for ``values``; booleans left out count as no."""
    if condition.any:
        return any(holds(c, values, inputs) for c in condition.any)
    assert condition.input is not None
    value = values.get(condition.input)
    spec = inputs[condition.input]
    if value is None:
        if spec.type == "boolean":
            return condition.equals is False
        raise MissingInput(spec)
    if condition.equals is not None:
        return value == condition.equals
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise MissingInput(spec)
    if condition.at_least is not None and value < condition.at_least:
        return False
    return not (condition.below is not None and value >= condition.below)


@dataclass(frozen=True)
class ScoreResult:
    score: RiskScore
    total: int
    counted: tuple[str, ...]
    row: TableRow

    @property
    def baseline(self) -> float:
        """Events per denominator with no treatment effect applied."""
        return self.row.events


def compute(score: RiskScore, values: Mapping[str, Value]) -> ScoreResult:
    """Total ``score`` for ``values`` and find its row in the published table."""
    inputs = {i.id: i for i in score.inputs}
    for spec in score.inputs:
        v = values.get(spec.id)
        if spec.type != "number" or isinstance(v, bool) or not isinstance(v, (int, float)):
            continue
        low = spec.minimum if spec.minimum is not None else v
        high = spec.maximum if spec.maximum is not None else v
        if not low <= v <= high:
            raise ValueError(f"{spec.label}: {v:g} is outside {low:g} to {high:g}")
    counted = tuple(item.id for item in score.items if holds(item.when, values, inputs))
    total = sum(item.points for item in score.items if item.id in counted)
    return ScoreResult(score, total, counted, table_row(score, total, values))


def table_row(score: RiskScore, total: int, values: Mapping[str, Value]) -> TableRow:
    """The table's row for ``total``: a row whose ``when`` holds for ``values`` before the plain row."""
    assert score.table is not None
    inputs = {i.id: i for i in score.inputs}
    rows = [row for row in score.table.rows if row.low <= total <= row.high]
    for row in rows:
        if row.when is not None and holds(row.when, values, inputs):
            return row
    for row in rows:
        if row.when is None:
            return row
    raise ValueError(f"the table of {score.id} has no row for score {total}")  # validated away


def relative_risk(score: RiskScore, effect_id: str) -> float:
    """The effect's relative risk against the table's population (chains multiply)."""
    return relative_risk_range(score, effect_id)[1]


def relative_risk_range(score: RiskScore, effect_id: str) -> tuple[float, float, float]:
    """(low, point, high) of the chained relative risk; an effect without a
    confidence interval counts as exact. The ends multiply as the points do,
    so the range is wide rather than narrow."""
    by_id = {e.id: e for e in score.effects}
    low = rr = high = 1.0
    seen: set[str] = set()
    current: str | None = effect_id
    while current is not None:
        if current in seen:
            raise ValueError(f"effects of {score.id} loop at {current}")
        seen.add(current)
        effect = by_id[current]
        rr *= effect.relative_risk
        low *= effect.low if effect.low is not None else effect.relative_risk
        high *= effect.high if effect.high is not None else effect.relative_risk
        current = effect.relative_to
    return low, rr, high


def about(events: float) -> int:
    """Round half up to a whole number of people."""
    return math.floor(events + 0.5)


@dataclass(frozen=True)
class PersonalFigure:
    """'Out of {denominator} people like you, over {time_frame}, about {events} will ...'."""

    option_id: str
    exact: float
    denominator: int
    time_frame: Text
    outcome: Text
    low: float | None = None
    high: float | None = None

    @property
    def events(self) -> int:
        return about(self.exact)

    @property
    def fewer_than_one(self) -> bool:
        return self.events == 0 and self.exact > 0

    @property
    def is_range(self) -> bool:
        """True when the range says more than the single figure (its ends round apart)."""
        return self.low is not None and self.high is not None and about(self.low) != about(self.high)

    def sentence(self, language: str | None = None) -> str:
        outcome = self.outcome.get(language)
        if self.is_range:
            assert self.low is not None and self.high is not None
            return f"{say_range(self.low, self.high, self.denominator)} will {outcome}"
        if self.fewer_than_one:
            return f"fewer than 1 out of {self.denominator} will {outcome}; almost all will not"
        return (
            f"about {self.events} out of {self.denominator} will {outcome}; "
            f"about {self.denominator - self.events} will not"
        )


def _count(events: float) -> str:
    n = about(events)
    return "fewer than 1" if n == 0 and events > 0 else str(n)


def say_range(low: float, high: float, denominator: int) -> str:
    """A range in plain words: 'between about 1 and 3 out of 100'."""
    a, b = _count(low), _count(high)
    if a == b:
        return f"about {a} out of {denominator}" if a != "fewer than 1" else f"fewer than 1 out of {denominator}"
    if a == "fewer than 1":
        return f"between fewer than 1 and about {b} out of {denominator}"
    return f"between about {a} and {b} out of {denominator}"


def row_figures(
    grid: OptionGrid,
    row: Row,
    scores: Mapping[str, RiskScore],
    values: Mapping[str, Value] | None = None,
) -> dict[str, PersonalFigure]:
    """Figures per option for ``row``: personal if ``values`` are given, else typical."""
    risk = row.risk
    if risk is None:
        return {}
    if values is not None and risk.from_score is not None:
        score = scores[risk.from_score.score]
        result = compute(score, values)
        assert score.table is not None
        scale = risk.denominator / score.table.denominator
        out: dict[str, PersonalFigure] = {}
        for option in grid.options:
            effect = risk.from_score.effects.get(option.id)
            if effect is None:
                continue
            out[option.id] = figure_for(result.row, score, effect, scale, option.id, risk.denominator, risk.outcome)
        return out
    return {
        oid: PersonalFigure(oid, f.events, f.denominator, f.time_frame, risk.outcome) for oid, f in risk.figures.items()
    }


def figure_for(
    row: TableRow, score: RiskScore, effect_id: str, scale: float, option_id: str, denominator: int, outcome: Text
) -> PersonalFigure:
    """One option's figure from a table row and an effect, with the range where the sources give one."""
    assert score.table is not None
    rr_low, rr, rr_high = relative_risk_range(score, effect_id)
    exact = row.events * rr * scale
    low = (row.events_low if row.events_low is not None else row.events) * rr_low * scale
    high = (row.events_high if row.events_high is not None else row.events) * rr_high * scale
    ranged = (low, high) != (exact, exact)
    return PersonalFigure(
        option_id,
        exact,
        denominator,
        score.table.time_frame,
        outcome,
        low if ranged else None,
        high if ranged else None,
    )


MAX_COMBINATIONS = 200_000


def _thresholds(condition: Condition, name: str) -> set[float]:
    if condition.any:
        return set().union(*(_thresholds(c, name) for c in condition.any))
    if condition.input != name:
        return set()
    return {t for t in (condition.at_least, condition.below) if t is not None}


def candidates(score: RiskScore, spec: ScoreInput) -> Sequence[Value]:
    if spec.type == "boolean":
        return [False, True]
    if spec.type == "choice":
        return [c.id for c in spec.choices]
    low = spec.minimum if spec.minimum is not None else 0.0
    high = spec.maximum if spec.maximum is not None else low
    points = {low, high}
    for item in score.items:
        for t in _thresholds(item.when, spec.id):
            points |= {t, t - 1e-9}
    return sorted(p for p in points if low <= p <= high)


def possible_totals(score: RiskScore) -> set[int] | None:
    """Every total a person can reach (items such as age bands exclude each other).

    None when there are too many combinations of inputs to try them all.
    """
    import itertools

    inputs = {i.id: i for i in score.inputs}
    choices = [candidates(score, spec) for spec in score.inputs]
    count = 1
    for c in choices:
        count *= max(len(c), 1)
    if count > MAX_COMBINATIONS:
        return None
    totals: set[int] = set()
    for combo in itertools.product(*choices):
        values = dict(zip(inputs, combo, strict=True))
        totals.add(sum(item.points for item in score.items if holds(item.when, values, inputs)))
    return totals
