"""Lint rules on top of the schema, each with a stable id and a severity.

The rules and their ids are listed in docs/lint-rules.md; keep the two in step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .findings import Finding, Severity
from .model import Document, OptionGrid, Row, Text, Where
from .readability import reading_age
from .yamlsafe import SourceMap

RULES: dict[str, tuple[Severity, str]] = {
    "ipdas-required": (Severity.ERROR, "IPDAS certification fields are present"),
    "row-missing-cell": (Severity.ERROR, "every row has a cell for every option"),
    "risk-mixed-denominator": (Severity.ERROR, "one denominator across the options of a risk row"),
    "risk-mixed-time-frame": (Severity.ERROR, "one time frame across the options of a risk row"),
    "risk-missing-figure": (Severity.WARNING, "a risk row has a figure for every option, or says why not"),
    "one-in-x": (Severity.ERROR, "no '1 in X' phrasing; use 'N out of 100'"),
    "relative-risk-alone": (Severity.ERROR, "relative risk is never given without absolute figures"),
    "reading-age": (Severity.WARNING, "text reads above the document's reading-age target"),
    "review-overdue": (Severity.WARNING, "the review-by date has passed"),
    "content-expired": (Severity.ERROR, "long past review: not for patient use"),
    "do-nothing": (Severity.ERROR, "'do nothing' is an option, or its absence is explained"),
    "translation-missing": (Severity.WARNING, "text is given in every language the document offers"),
}

_ONE_IN_X_STRICT = re.compile(r"\b(1|one)\s+in\s+(every\s+)?[0-9][0-9,]*", re.I)
_RELATIVE = re.compile(
    r"(\b\d+(\.\d+)?\s*(%|per\s*cent|percent)\s+(lower|higher|less|more|fewer|reduction|increase|reduced|increased|lower risk|higher risk))"
    r"|(\brelative risk\b)|(\b(halves|doubles|triples|halved|doubled)\b)|(\b\d+(\.\d+)?\s+times\s+(more|less|as|higher|lower)\b)",
    re.I,
)
_NATURAL_FREQUENCY = re.compile(r"\b\d+(\.\d+)?\s+(out\s+of|in)\s+(every\s+)?(100|1,?000)\b", re.I)


# Rules for editors only: the window skips them when it loads a library, because
# they are slow (a readability library) and say nothing about whether the
# content can be used. `validate` and `preview` run them.
AUTHORING_RULES = frozenset({"reading-age"})


class _Linter:
    def __init__(self, doc: Document, source: SourceMap, today: dt.date, skip: frozenset[str]) -> None:
        self.doc = doc
        self.source = source
        self.today = today
        self.skip = skip
        self.findings: list[Finding] = []

    def add(self, rule: str, where: Where, message: str, *, key: bool = False, severity: Severity | None = None) -> None:
        line, col = self.source.locate(where, key=key)
        sev = severity or RULES[rule][0]
        self.findings.append(Finding(self.doc.path, line, col, sev, message, rule))

    def texts(self) -> Iterator[tuple[Text, Where]]:
        doc = self.doc
        yield doc.title, ("title",)
        if isinstance(doc, OptionGrid):
            yield doc.decision, ("decision",)
            yield doc.condition, ("condition",)
            for o in doc.options:
                yield o.name, (*o.where, "name")
                if o.summary:
                    yield o.summary, (*o.where, "summary")
            for n in doc.not_offered:
                yield n.name, (*n.where, "name")
                yield n.reason, (*n.where, "reason")
            for c in doc.considerations:
                yield c.text, (*c.where, "text")
            for r in doc.rows:
                yield r.question, (*r.where, "question")
                for cell in r.cells.values():
                    yield cell.text, (*cell.where, "text")
                if r.risk:
                    yield r.risk.outcome, (*r.risk.where, "outcome")
                    if r.risk.uncertainty:
                        yield r.risk.uncertainty, (*r.risk.where, "uncertainty")
        else:
            for attr in ("description", "applies_to"):
                value = getattr(doc, attr, None)
                if value is not None:
                    yield value, (attr,)
            for p in getattr(doc, "prompts", ()):
                yield p.text, (*p.where, "text")
                if p.hint:
                    yield p.hint, (*p.where, "hint")

    # -- rules ------------------------------------------------------------
    def ipdas(self) -> None:
        required = ["published", "review_by", "update_policy", "funding", "authors", "sign_off"]
        if isinstance(self.doc, OptionGrid):
            required.append("reading_age_target")
        for name in required:
            # Presence in the file: a value that is there but wrong has its own finding.
            if ("metadata", name) not in self.source.values:
                self.add("ipdas-required", ("metadata",), f"metadata is missing '{name}', which the IPDAS certification criteria require", key=True)

    def dates(self) -> None:
        m = self.doc.metadata
        if m.expired(self.today):
            self.add("content-expired", ("metadata", "review_by"), f"review was due on {m.review_by} and the content expired on {m.hard_expiry}: it must not be used with patients until it is reviewed")
        elif m.review_overdue(self.today):
            self.add("review-overdue", ("metadata", "review_by"), f"review was due on {m.review_by}")

    def grid(self, g: OptionGrid) -> None:
        if not any(o.do_nothing for o in g.options) and g.no_do_nothing_reason is None:
            self.add("do-nothing", ("options",), "no option is marked 'do_nothing: true' and 'no_do_nothing_reason' does not say why", key=True)
        option_ids = [o.id for o in g.options]
        for row in g.rows:
            missing = [oid for oid in option_ids if oid not in row.cells]
            if missing:
                self.add("row-missing-cell", (*row.where, "cells"), f"row '{row.id}' has no cell for {', '.join(repr(m) for m in missing)}", key=True)
            self.row_risk(g, row)
            has_numbers = row.risk is not None
            for cell in row.cells.values():
                for text in cell.text.values.values():
                    if _RELATIVE.search(text) and not has_numbers and not _NATURAL_FREQUENCY.search(text):
                        self.add("relative-risk-alone", (*cell.where, "text"), "a relative change is given without the absolute figures (say 'N out of 100' too)")

    def row_risk(self, g: OptionGrid, row: Row) -> None:
        risk = row.risk
        if risk is None:
            return
        denominators = {f.denominator for f in risk.figures.values()}
        if len(denominators) > 1:
            self.add("risk-mixed-denominator", (*risk.where, "figures"), f"the options use different denominators ({', '.join(map(str, sorted(denominators)))}); use one so they compare", key=True)
        frames = {str(f.time_frame) for f in risk.figures.values()}
        if len(frames) > 1:
            self.add("risk-mixed-time-frame", (*risk.where, "figures"), f"the options use different time frames ({', '.join(sorted(frames))}); use one so they compare", key=True)
        covered = set(risk.figures) | (set(risk.from_score.effects) if risk.from_score else set())
        missing = [o.id for o in g.options if o.id not in covered]
        if missing:
            self.add("risk-missing-figure", risk.where, f"no figure for {', '.join(missing)}: give one, or map it to null under 'from_score: effects' and say why in the cell", key=True)

    def phrasing(self) -> None:
        target = self.doc.metadata.reading_age_target
        languages = set(self.doc.languages)
        for text, where in self.texts():
            for lang, value in text.values.items():
                if _ONE_IN_X_STRICT.search(value):
                    self.add("one-in-x", where, "'1 in X' is hard to compare; say 'N out of 100' with the same denominator across options")
                if target is not None and lang.split("-")[0] == "en" and "reading-age" not in self.skip:
                    age = reading_age(value)
                    if age is not None and age > target:
                        self.add("reading-age", where, f"reading age about {age:.0f}, above the target of {target}: use shorter words and sentences")
            if len(languages) > 1:
                missing = sorted(languages - set(text.values))
                if missing:
                    self.add("translation-missing", where, f"no {', '.join(missing)} translation")

    def run(self) -> list[Finding]:
        self.ipdas()
        self.dates()
        if isinstance(self.doc, OptionGrid):
            self.grid(self.doc)
        self.phrasing()
        return self.findings


def lint(doc: Document, source: SourceMap, today: dt.date | None = None, *, skip: frozenset[str] = frozenset()) -> list[Finding]:
    """Every finding of the content rules, less the rules in ``skip``."""
    return _Linter(doc, source, today or dt.date.today(), skip).run()

