"""Honest personal figures: Yes, No or Not known for every input, and no figure until all are answered.

The personal-risk form calls :func:`assess_row` (or :func:`assess` for one score)
with the answers given so far:

* an input that is absent (or ``None``) is unanswered: there are no personal
  figures, and the result lists what is missing;
* :data:`NOT_KNOWN` is an answer: the figures become a range over every value
  the input could take, and the result says in plain words what was assumed;
* otherwise the figures are the person's own, with the range of the sources'
  confidence intervals where the content gives them.

``NOT_KNOWN`` is the plain text ``"not_known"``, so it keeps in a record as it
is; no choice id can be mistaken for it (ids have no underscore).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from .model import OptionGrid, RiskScore, Row, ScoreInput
from .risk import (
    MAX_COMBINATIONS,
    PersonalFigure,
    ScoreResult,
    Value,
    candidates,
    compute,
    figure_for,
)

NOT_KNOWN: Final = "not_known"
Status = Literal["incomplete", "complete", "range"]


def is_answered(value: Value) -> bool:
    return value is not None


def _check(spec: ScoreInput, value: Value) -> None:
    """A plain message for an answer that does not fit its input."""
    if value == NOT_KNOWN or value is None:
        return
    if spec.type == "boolean" and not isinstance(value, bool):
        raise ValueError(f"{spec.label}: answer Yes, No or Not known")
    if spec.type == "choice" and value not in {c.id for c in spec.choices}:
        raise ValueError(f"{spec.label}: choose one of the answers, or Not known")
    if spec.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{spec.label}: give a number, or Not known")
        low = spec.minimum if spec.minimum is not None else value
        high = spec.maximum if spec.maximum is not None else value
        if not low <= value <= high:
            raise ValueError(f"{spec.label}: {value:g} is outside {low:g} to {high:g}")


def assumption(spec: ScoreInput) -> str:
    """What a 'Not known' answer to ``spec`` means for the figures, in plain words."""
    label = str(spec.label)
    if spec.type == "boolean":
        cover = "both Yes and No"
    elif spec.type == "choice":
        cover = "every answer (" + ", ".join(str(c.label) for c in spec.choices) + ")"
    else:
        unit = f" {spec.unit}" if spec.unit else ""
        cover = f"every value from {spec.minimum:g} to {spec.maximum:g}{unit}"
    return f"{label}: not known, so the figures cover {cover}."


@dataclass(frozen=True)
class Assessment:
    """One score for one person: complete, a range over what is not known, or incomplete."""

    score: RiskScore
    status: Status
    missing: tuple[ScoreInput, ...] = ()
    assumptions: tuple[str, ...] = ()
    results: tuple[ScoreResult, ...] = ()

    @property
    def complete(self) -> bool:
        return self.status != "incomplete"

    @property
    def missing_text(self) -> str:
        """'Still to answer: Age, Diabetes.' or ''."""
        if not self.missing:
            return ""
        return "Still to answer: " + ", ".join(str(s.label) for s in self.missing) + "."


def assess(score: RiskScore, answers: Mapping[str, Value]) -> Assessment:
    """``score`` for ``answers``: every input must have an answer, which may be ``NOT_KNOWN``."""
    for spec in score.inputs:
        _check(spec, answers.get(spec.id))
    missing = tuple(spec for spec in score.inputs if not is_answered(answers.get(spec.id)))
    if missing:
        return Assessment(score, "incomplete", missing)
    unknown = [spec for spec in score.inputs if answers.get(spec.id) == NOT_KNOWN]
    known = {k: v for k, v in answers.items() if v != NOT_KNOWN}
    choices = [candidates(score, spec) for spec in unknown]
    count = 1
    for c in choices:
        count *= max(len(c), 1)
    if count > MAX_COMBINATIONS:
        raise ValueError("too many answers are 'Not known' to work out a range; answer some of them")
    results: dict[tuple[int, int], ScoreResult] = {}
    for combo in itertools.product(*choices):
        values = {**known, **dict(zip((s.id for s in unknown), combo, strict=True))}
        result = compute(score, values)
        results.setdefault((result.total, id(result.row)), result)
    status: Status = "range" if unknown else "complete"
    return Assessment(score, status, (), tuple(assumption(s) for s in unknown), tuple(results.values()))


@dataclass(frozen=True)
class RowAssessment:
    """The personal figures of one grid row, or why there are none."""

    row: Row
    status: Status
    figures: dict[str, PersonalFigure] = field(default_factory=dict)
    missing: tuple[ScoreInput, ...] = ()
    assumptions: tuple[str, ...] = ()


def assess_row(
    grid: OptionGrid, row: Row, scores: Mapping[str, RiskScore], answers: Mapping[str, Value]
) -> RowAssessment:
    """Personal figures for a row linked to a score: none until every input is answered.

    With a 'Not known' answer each figure is a range from the lowest to the
    highest it could be (its ``exact`` is the middle of the figures the range
    spans), and ``assumptions`` says what was assumed."""
    risk = row.risk
    if risk is None or risk.from_score is None:
        raise ValueError(f"row '{row.id}' has no personal figures")
    score = scores.get(risk.from_score.score)
    if score is None or score.table is None:
        raise ValueError(f"the risk score '{risk.from_score.score}' is not in the library")
    found = assess(score, answers)
    if not found.complete:
        return RowAssessment(row, "incomplete", missing=found.missing)
    scale = risk.denominator / score.table.denominator
    figures: dict[str, PersonalFigure] = {}
    for option in grid.options:
        effect = risk.from_score.effects.get(option.id)
        if effect is None:
            continue
        each = [
            figure_for(r.row, score, effect, scale, option.id, risk.denominator, risk.outcome) for r in found.results
        ]
        if len(each) == 1:
            figures[option.id] = each[0]
            continue
        low = min(f.low if f.low is not None else f.exact for f in each)
        high = max(f.high if f.high is not None else f.exact for f in each)
        points = [f.exact for f in each]
        middle = (min(points) + max(points)) / 2
        figures[option.id] = PersonalFigure(
            option.id, middle, risk.denominator, score.table.time_frame, risk.outcome, low, high
        )
    return RowAssessment(row, found.status, figures, (), found.assumptions)
