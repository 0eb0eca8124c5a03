"""Everything a summary shows, resolved to plain values before any layout.

This is where the grid, the record, the risk scores and the prompt sets meet:
the layout code below only arranges what this module has worked out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..grids.model import OptionGrid, PromptSet, RiskScore, Row, Text
from ..grids.personal import RowAssessment, assess_row
from ..grids.risk import PersonalFigure, about, row_figures
from ..grids.signoff import TRAINING_LABEL, Review
from ..records.model import Record

Copy = Literal["record", "patient"]

DECISION_WORDS: dict[str, tuple[str, str]] = {
    # status: (record copy, patient copy); {option} is the option's name
    "none": ("No decision recorded", "No decision yet"),
    "leaning": ("Leaning towards: {option}", "You are leaning towards: {option}"),
    "decided": ("Decided: {option}", "You decided: {option}"),
    "undecided": ("Not decided yet", "You have not decided yet"),
    "more_time": ("Wants more time to decide", "You wanted more time to decide"),
}
SIGN_OFF_WORDS = {
    "signed_off": "Clinically reviewed",
    "in_review": "Not clinically reviewed (review in progress)",
    "not_reviewed": "Not clinically reviewed",
    None: "Not clinically reviewed",
}
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def format_nhs_number(value: str) -> str:
    """'9434765919' -> '943 476 5919'; anything else is returned tidied but unchanged."""
    digits = re.sub(r"[\s-]", "", value)
    if len(digits) == 10 and digits.isdigit():
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return value.strip()


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def short_citation(citation: str) -> str:
    """'Friberg L, Rosenqvist M, ... 2012;33:1500' -> 'Friberg et al. 2012'."""
    first = re.split(r"[,.;(]", citation.strip(), maxsplit=1)[0].strip()
    words = first.split()
    author = words[0] if words else citation[:30]
    year = _YEAR.search(citation)
    several = "," in citation.split(".")[0]
    name = f"{author} et al." if several else author
    return f"{name} {year.group(0)}" if year else name


@dataclass(frozen=True)
class OptionFigure:
    option_id: str
    option_name: str
    figure: PersonalFigure


@dataclass(frozen=True)
class RiskBlock:
    row_id: str
    outcome: str
    denominator: int
    time_frame: str
    personal: bool
    figures: tuple[OptionFigure, ...]
    columns: tuple[str, ...]  # option ids of the panels' columns, figures or not
    sources: tuple[str, ...]
    uncertainty: str | None
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Consideration:
    text: str
    importance: int | None


@dataclass
class Context:
    grid: OptionGrid
    record: Record | None
    copy: Copy
    language: str
    today: dt.date
    scores: Mapping[str, RiskScore] = field(default_factory=dict)
    prompt_sets: Sequence[PromptSet] = ()
    review: Review | None = None  # the sign-off beside the content file (grids/signoff.py)
    training: bool = False  # the service allows unreviewed content in training mode only

    @property
    def reviewed(self) -> bool:
        return self.grid.metadata.signed_off or (self.review is not None and self.review.reviewed)

    def training_label(self) -> str:
        return TRAINING_LABEL if self.training and not self.reviewed else ""

    def not_for(self) -> list[tuple[str, str]]:
        """Who the aid is not for, and why: printed on every page."""
        return [(self.t(n.who), self.t(n.reason)) for n in self.grid.not_for]

    def t(self, text: Text | None) -> str:
        return text.get(self.language) if text is not None else ""

    @property
    def patient(self) -> bool:
        return self.copy == "patient"

    @property
    def title(self) -> str:
        return self.t(self.grid.title)

    def option_name(self, option_id: str | None) -> str:
        if option_id is None:
            return ""
        try:
            return self.t(self.grid.option(option_id).name)
        except KeyError:
            return option_id

    # -- who, when ------------------------------------------------------------
    def patient_identifier(self) -> str:
        r = self.record
        if r is None or not r.patient_id.strip():
            return ""
        if r.patient_id_kind == "nhs_number":
            return f"NHS number {format_nhs_number(r.patient_id)}"
        return f"Local reference {r.patient_id.strip()}"

    def clinician(self) -> str:
        r = self.record
        if r is None:
            return ""
        name, role = r.clinician_name.strip(), r.clinician_role.strip()
        return f"{name} ({role})" if name and role else name or role

    def date(self) -> str:
        return long_date(self.record.created.date()) if self.record else long_date(self.today)

    # -- rows and options -------------------------------------------------------
    @property
    def discussed(self) -> frozenset[str]:
        return frozenset(self.record.rows_discussed) if self.record else frozenset()

    @property
    def chosen(self) -> str | None:
        r = self.record
        if r is None or r.decision.status not in ("leaning", "decided"):
            return None
        return r.decision.option_id

    # -- risk -------------------------------------------------------------------
    def risk_blocks(self, rows: Sequence[Row], option_ids: Sequence[str]) -> list[RiskBlock]:
        blocks = []
        for row in rows:
            block = self._risk_block(row, option_ids)
            if block is not None:
                blocks.append(block)
        return blocks

    def _assessed(self, row: Row) -> RowAssessment | None:
        """The record's answers through the score: None unless every input is answered."""
        r, risk = self.record, row.risk
        if (
            r is None
            or not r.risk_inputs
            or risk is None
            or risk.from_score is None
            or risk.from_score.score not in self.scores
        ):
            return None
        try:
            found = assess_row(self.grid, row, self.scores, dict(r.risk_inputs))
        except (ValueError, KeyError):
            return None
        return found if found.status != "incomplete" else None

    def _figures_and_assumptions(self, row: Row) -> tuple[dict[str, PersonalFigure], bool, tuple[str, ...]]:
        risk = row.risk
        assert risk is not None
        r = self.record
        assessed = self._assessed(row)
        if r is not None:
            shown = [f for f in r.figures_shown if f.row_id == row.id]
            if assessed is not None and (
                not shown
                or all(
                    f.option_id in assessed.figures and assessed.figures[f.option_id].events == f.events for f in shown
                )
            ):
                # The answers give what was shown: print it with its range and what was assumed.
                return assessed.figures, True, assessed.assumptions
            if shown:
                out = {}
                for f in shown:
                    exact = f.exact if about(f.exact) == f.events else float(f.events)
                    out[f.option_id] = PersonalFigure(
                        f.option_id, exact, f.denominator, Text.of(f.time_frame), risk.outcome
                    )
                return out, True, ()
        # No answers, or not every input answered: no personal figures, only the typical ones.
        return row_figures(self.grid, row, self.scores, None), False, ()

    def _risk_block(self, row: Row, option_ids: Sequence[str]) -> RiskBlock | None:
        risk = row.risk
        if risk is None:
            return None
        figures, personal, assumptions = self._figures_and_assumptions(row)
        chosen = [OptionFigure(oid, self.option_name(oid), figures[oid]) for oid in option_ids if oid in figures]
        if not chosen:
            return None
        first = chosen[0].figure
        sources = list(self._citations(self.grid.evidence_by_id, risk.evidence))
        if risk.from_score is not None and risk.from_score.score in self.scores:
            score = self.scores[risk.from_score.score]
            if score.table is not None:
                sources += [c for c in self._citations(score.evidence_by_id, score.table.evidence) if c not in sources]
        return RiskBlock(
            row.id,
            self.t(risk.outcome),
            first.denominator,
            self.t(first.time_frame),
            personal,
            tuple(chosen),
            tuple(option_ids),
            tuple(sources),
            self.t(risk.uncertainty) or None,
            assumptions,
        )

    @staticmethod
    def _citations(by_id: Mapping[str, object], ids: Sequence[str]) -> list[str]:
        out = []
        for eid in ids:
            ev = by_id.get(eid)
            citation = getattr(ev, "citation", None)
            if citation:
                short = short_citation(citation)
                if short not in out:
                    out.append(short)
        return out

    # -- what matters, decision, measures ----------------------------------------
    def considerations(self) -> list[Consideration]:
        importance = self.record.importance if self.record else {}
        return [Consideration(self.t(c.text), importance.get(c.id)) for c in self.grid.considerations]

    def decision_words(self) -> str:
        r = self.record
        status = r.decision.status if r else "none"
        words = DECISION_WORDS[status][1 if self.patient else 0]
        return words.format(option=self.option_name(r.decision.option_id if r else None))

    def prompt_set(self, set_id: str) -> PromptSet | None:
        for ps in self.prompt_sets:
            if ps.id == set_id:
                return ps
        return None

    def sure_words(self) -> tuple[str, bool]:
        """The SURE result in words, and whether it is flagged."""
        r = self.record
        if r is None or not r.sure:
            return "", False
        total = r.sure_total
        if total is None:
            return f"SURE test not finished ({len(r.sure)} of 4 answered)", False
        if self.patient:
            return f"You answered 'yes' to {total} of the 4 SURE questions", False
        if r.sure_flagged:
            return f"SURE test: {total} of 4. 3 or less: possible decisional conflict", True
        return f"SURE test: {total} of 4 (no sign of decisional conflict)", False

    # -- footer -----------------------------------------------------------------
    def sign_off(self) -> str:
        if self.review is not None and (self.review.reviewed or self.review.stale is not None):
            return self.review.words()
        return SIGN_OFF_WORDS.get(self.grid.metadata.sign_off_status, SIGN_OFF_WORDS[None])

    def sources(self) -> list[str]:
        return self._citations(self.grid.evidence_by_id, [e.id for e in self.grid.evidence])
