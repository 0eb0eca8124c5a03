"""The content model: plain, frozen dataclasses built from validated documents.

Nothing here knows about YAML, Qt or PDF. Every object that a finding may point
at keeps ``where``, its path inside the source document, so that lint rules and
the UI can give a line and column.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Where = tuple[str | int, ...]
DEFAULT_LANGUAGE = "en-GB"
RTL_LANGUAGES = frozenset({"ar", "arc", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})


def is_rtl(language: str) -> bool:
    """True for languages written right to left (Arabic, Hebrew, Urdu, ...)."""
    return language.split("-")[0].lower() in RTL_LANGUAGES


@dataclass(frozen=True)
class Text:
    """Text in one or more languages; ``str(text)`` is the default language."""

    values: Mapping[str, str]
    default: str = DEFAULT_LANGUAGE

    @classmethod
    def of(cls, value: str | Mapping[str, str], default: str = DEFAULT_LANGUAGE) -> Text:
        if isinstance(value, str):
            return cls({default: value}, default)
        return cls(dict(value), default)

    def get(self, language: str | None = None) -> str:
        """The text in ``language``, else its base language, else the default."""
        if language:
            if language in self.values:
                return self.values[language]
            base = language.split("-")[0]
            for tag, text in self.values.items():
                if tag.split("-")[0] == base:
                    return text
        if self.default in self.values:
            return self.values[self.default]
        return next(iter(self.values.values()))

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.values)

    def __str__(self) -> str:
        return self.get()


_EMPTY = Text({DEFAULT_LANGUAGE: ""})

SignOff = Literal["not_reviewed", "in_review", "signed_off"]
Certainty = Literal["high", "moderate", "low", "very_low", "not_graded"]


@dataclass(frozen=True)
class Evidence:
    id: str
    citation: str
    certainty: Certainty
    doi: str | None = None
    url: str | None = None
    note: str | None = None
    where: Where = ()

    @property
    def link(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    competing_interests: str


@dataclass(frozen=True)
class Metadata:
    published: _dt.date | None = None
    review_by: _dt.date | None = None
    expires: _dt.date | None = None
    update_policy: str | None = None
    funding: str | None = None
    authors: tuple[Person, ...] = ()
    reading_age_target: int | None = None
    licence: str | None = None
    sign_off_status: SignOff | None = None
    sign_off_by: str | None = None
    sign_off_date: _dt.date | None = None
    sign_off_note: str | None = None

    @property
    def hard_expiry(self) -> _dt.date | None:
        """The date after which the content must not be used with patients."""
        if self.expires is not None:
            return self.expires
        if self.review_by is not None:
            try:
                return self.review_by.replace(year=self.review_by.year + 1)
            except ValueError:  # 29 February
                return self.review_by + _dt.timedelta(days=365)
        return None

    @property
    def signed_off(self) -> bool:
        return self.sign_off_status == "signed_off"

    def review_overdue(self, today: _dt.date) -> bool:
        return self.review_by is not None and today > self.review_by

    def expired(self, today: _dt.date) -> bool:
        expiry = self.hard_expiry
        return expiry is not None and today > expiry


@dataclass(frozen=True)
class NotFor:
    """People the document does not apply to, why, and the sources that say so."""

    who: Text
    reason: Text
    evidence: tuple[str, ...]
    where: Where = ()


@dataclass(frozen=True)
class DocumentBase:
    id: str
    version: str
    title: Text
    language: str
    languages: tuple[str, ...]
    topics: tuple[str, ...]
    keywords: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    metadata: Metadata
    path: str
    content_hash: str
    not_for: tuple[NotFor, ...] = ()

    @property
    def evidence_by_id(self) -> dict[str, Evidence]:
        return {e.id: e for e in self.evidence}


@dataclass(frozen=True)
class Option:
    id: str
    name: Text
    summary: Text | None = None
    do_nothing: bool = False
    where: Where = ()


@dataclass(frozen=True)
class Cell:
    option_id: str
    text: Text
    evidence: tuple[str, ...]
    where: Where = ()


@dataclass(frozen=True)
class Figure:
    events: float
    denominator: int
    time_frame: Text
    where: Where = ()


@dataclass(frozen=True)
class ScoreLink:
    score: str
    effects: Mapping[str, str | None]
    where: Where = ()


@dataclass(frozen=True)
class RowRisk:
    outcome: Text
    denominator: int
    time_frame: Text
    evidence: tuple[str, ...]
    figures: Mapping[str, Figure] = field(default_factory=dict)
    from_score: ScoreLink | None = None
    uncertainty: Text | None = None
    where: Where = ()


@dataclass(frozen=True)
class Row:
    id: str
    question: Text
    cells: Mapping[str, Cell]
    risk: RowRisk | None = None
    where: Where = ()


@dataclass(frozen=True)
class NotOffered:
    name: Text
    reason: Text
    evidence: tuple[str, ...]
    where: Where = ()


@dataclass(frozen=True)
class Consideration:
    id: str
    text: Text
    where: Where = ()


@dataclass(frozen=True)
class OptionGrid(DocumentBase):
    decision: Text = _EMPTY
    condition: Text = _EMPTY
    options: tuple[Option, ...] = ()
    rows: tuple[Row, ...] = ()
    no_do_nothing_reason: Text | None = None
    not_offered: tuple[NotOffered, ...] = ()
    considerations: tuple[Consideration, ...] = ()
    personalise_inputs: tuple[str, ...] = ()
    kind: Literal["option_grid"] = "option_grid"

    @property
    def score_ids(self) -> tuple[str, ...]:
        seen: list[str] = []
        for row in self.rows:
            if row.risk and row.risk.from_score and row.risk.from_score.score not in seen:
                seen.append(row.risk.from_score.score)
        return tuple(seen)

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


@dataclass(frozen=True)
class Answer:
    value: int
    label: Text


@dataclass(frozen=True)
class Prompt:
    id: str
    text: Text
    label: Text | None = None
    hint: Text | None = None
    where: Where = ()


@dataclass(frozen=True)
class PromptSet(DocumentBase):
    prompts: tuple[Prompt, ...] = ()
    description: Text | None = None
    locked: bool = False
    wording_sha256: str | None = None
    answers: tuple[Answer, ...] = ()
    flag_at_or_below: int | None = None
    flag: Text | None = None
    kind: Literal["prompt_set"] = "prompt_set"

    @property
    def is_measure(self) -> bool:
        return bool(self.answers)

    def total(self, answers: Mapping[str, int]) -> int | None:
        """The total of a complete set of answers, or None if any is missing."""
        if any(p.id not in answers for p in self.prompts):
            return None
        return sum(answers[p.id] for p in self.prompts)

    def flagged(self, total: int | None) -> bool:
        return total is not None and self.flag_at_or_below is not None and total <= self.flag_at_or_below


@dataclass(frozen=True)
class Choice:
    id: str
    label: Text


@dataclass(frozen=True)
class ScoreInput:
    id: str
    label: Text
    type: Literal["boolean", "number", "choice"]
    help: Text | None = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Choice, ...] = ()
    where: Where = ()


@dataclass(frozen=True)
class Condition:
    input: str | None = None
    equals: bool | str | None = None
    at_least: float | None = None
    below: float | None = None
    any: tuple[Condition, ...] = ()
    where: Where = ()


@dataclass(frozen=True)
class ScoreItem:
    id: str
    label: Text
    points: int
    when: Condition
    where: Where = ()


@dataclass(frozen=True)
class TableRow:
    """Scores ``low`` to ``high`` give ``events`` (between ``events_low`` and
    ``events_high`` where the source gives a range); a row with ``when`` is used
    instead of the plain row for the same score when its condition holds."""

    low: int
    high: int
    events: float
    band: Text | None = None
    where: Where = ()
    when: Condition | None = None
    events_low: float | None = None
    events_high: float | None = None


@dataclass(frozen=True)
class RiskTable:
    outcome: Text
    population: Text
    denominator: int
    time_frame: Text
    evidence: tuple[str, ...]
    rows: tuple[TableRow, ...]
    where: Where = ()


@dataclass(frozen=True)
class Effect:
    id: str
    label: Text
    relative_risk: float
    evidence: tuple[str, ...]
    relative_to: str | None = None
    where: Where = ()
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class RiskScore(DocumentBase):
    inputs: tuple[ScoreInput, ...] = ()
    items: tuple[ScoreItem, ...] = ()
    table: RiskTable | None = None
    effects: tuple[Effect, ...] = ()
    description: Text | None = None
    applies_to: Text | None = None
    kind: Literal["risk_score"] = "risk_score"

    @property
    def max_score(self) -> int:
        """The sum of all points: an upper bound (see risk.possible_totals for the real one)."""
        return sum(item.points for item in self.items)


Document = OptionGrid | PromptSet | RiskScore
