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
    assert score.table is not None
    for row in score.table.rows:
        if row.low <= total <= row.high:
            return ScoreResult(score, total, counted, row)
    raise ValueError(f"the table of {score.id} has no row for score {total}")  # validated away


def relative_risk(score: RiskScore, effect_id: str) -> float:
    """The effect's relative risk against the table's population (chains multiply)."""
    by_id = {e.id: e for e in score.effects}
    rr = 1.0
    seen: set[str] = set()
    current: str | None = effect_id
    while current is not None:
        if current in seen:
            raise ValueError(f"effects of {score.id} loop at {current}")
        seen.add(current)
        effect = by_id[current]
        rr *= effect.relative_risk
        current = effect.relative_to
    return rr


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

    @property
    def events(self) -> int:
        return about(self.exact)

    @property
    def fewer_than_one(self) -> bool:
        return self.events == 0 and self.exact > 0

    def sentence(self, language: str | None = None) -> str:
        outcome = self.outcome.get(language)
        if self.fewer_than_one:
            return f"fewer than 1 out of {self.denominator} will {outcome}; almost all will not"
        return (
            f"about {self.events} out of {self.denominator} will {outcome}; "
            f"about {self.denominator - self.events} will not"
        )


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
            exact = result.baseline * relative_risk(score, effect) * scale
            out[option.id] = PersonalFigure(option.id, exact, risk.denominator, score.table.time_frame, risk.outcome)
        return out
    return {
        oid: PersonalFigure(oid, f.events, f.denominator, f.time_frame, risk.outcome)
        for oid, f in risk.figures.items()
    }


MAX_COMBINATIONS = 200_000


def _thresholds(condition: Condition, name: str) -> set[float]:
    if condition.any:
        return set().union(*(_thresholds(c, name) for c in condition.any))
    if condition.input != name:
        return set()
    return {t for t in (condition.at_least, condition.below) if t is not None}


def _candidates(score: RiskScore, spec: ScoreInput) -> Sequence[Value]:
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
    choices = [_candidates(score, spec) for spec in score.inputs]
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
