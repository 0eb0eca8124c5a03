"""Lint rules on top of the schema, each with a stable id and a severity.

The rules and their ids are listed in docs/lint-rules.md; keep the two in step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from . import wording
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
    "one-in-x": (Severity.ERROR, "no '1 in X' phrasing in any form; use 'N out of 100'"),
    "percentage": (Severity.WARNING, "no percentages in patient-facing text; use 'N out of 100'"),
    "comparative-no-number": (Severity.WARNING, "a comparative word has a number in the same cell"),
    "not-for-missing": (Severity.ERROR, "a grid with personal risk says who it is not for"),
    "relative-risk-alone": (Severity.ERROR, "relative risk is never given without absolute figures"),
    "reading-age": (Severity.WARNING, "text reads above the document's reading-age target"),
    "review-overdue": (Severity.WARNING, "the review-by date has passed"),
    "content-expired": (Severity.ERROR, "long past review: not for patient use"),
    "do-nothing": (Severity.ERROR, "'do nothing' is an option, or its absence is explained"),
    "translation-missing": (Severity.WARNING, "text is given in every language the document offers"),
}

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
    def __init__(
        self, doc: Document, source: SourceMap, today: dt.date, skip: frozenset[str], text: str | None
    ) -> None:
        self.doc = doc
        self.source = source
        self.text = text
        self.today = today
        self.skip = skip
        self.findings: list[Finding] = []

    def add(
        self, rule: str, where: Where, message: str, *, key: bool = False, severity: Severity | None = None
    ) -> None:
        self.add_at(rule, self.source.locate(where, key=key), message, severity)

    def add_at(self, rule: str, mark: tuple[int, int], message: str, severity: Severity | None = None) -> None:
        sev = severity or RULES[rule][0]
        self.findings.append(Finding(self.doc.path, mark[0], mark[1], sev, message, rule))

    def phrase(self, rule: str, where: Where, lang: str, value: str, match: re.Match[str], message: str) -> None:
        """A finding at the phrase itself, quoting it."""
        start = self.source.values.get((*where, lang)) or self.source.locate(where)
        mark = wording.place(self.text, start, match.group(0), wording.occurrences_before(value, match))
        quoted = " ".join(match.group(0).split())
        self.add_at(rule, mark, f"'{quoted}': {message}")

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
        for nf in doc.not_for:
            yield nf.who, (*nf.where, "who")
            yield nf.reason, (*nf.where, "reason")
        if not isinstance(doc, OptionGrid):
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
                self.add(
                    "ipdas-required",
                    ("metadata",),
                    f"metadata is missing '{name}', which the IPDAS certification criteria require",
                    key=True,
                )

    def dates(self) -> None:
        m = self.doc.metadata
        if m.expired(self.today):
            self.add(
                "content-expired",
                ("metadata", "review_by"),
                f"review was due on {m.review_by} and the content expired on {m.hard_expiry}: it must not be used with patients until it is reviewed",
            )
        elif m.review_overdue(self.today):
            self.add("review-overdue", ("metadata", "review_by"), f"review was due on {m.review_by}")

    def not_for(self, g: OptionGrid) -> None:
        if (g.personalise_inputs or g.score_ids) and not g.not_for:
            where: Where = ("personalise",) if ("personalise",) in self.source.keys else ("rows",)
            self.add(
                "not-for-missing",
                where,
                "this grid gives personal risk but does not say who it is not for: add 'not_for' with who, why and the evidence",
                key=True,
            )

    def grid(self, g: OptionGrid) -> None:
        if not any(o.do_nothing for o in g.options) and g.no_do_nothing_reason is None:
            self.add(
                "do-nothing",
                ("options",),
                "no option is marked 'do_nothing: true' and 'no_do_nothing_reason' does not say why",
                key=True,
            )
        option_ids = [o.id for o in g.options]
        for row in g.rows:
            missing = [oid for oid in option_ids if oid not in row.cells]
            if missing:
                self.add(
                    "row-missing-cell",
                    (*row.where, "cells"),
                    f"row '{row.id}' has no cell for {', '.join(repr(m) for m in missing)}",
                    key=True,
                )
            self.row_risk(g, row)
            has_numbers = row.risk is not None
            for cell in row.cells.values():
                for lang, text in cell.text.values.items():
                    if _RELATIVE.search(text) and not has_numbers and not _NATURAL_FREQUENCY.search(text):
                        self.add(
                            "relative-risk-alone",
                            (*cell.where, "text"),
                            "a relative change is given without the absolute figures (say 'N out of 100' too)",
                        )
                    for m in wording.comparatives_without_number(text):
                        self.phrase(
                            "comparative-no-number",
                            (*cell.where, "text"),
                            lang,
                            text,
                            m,
                            "a comparison with no number in this cell; give the absolute figure ('N out of 100') or say why there is none",
                        )

    def row_risk(self, g: OptionGrid, row: Row) -> None:
        risk = row.risk
        if risk is None:
            return
        denominators = {f.denominator for f in risk.figures.values()}
        if len(denominators) > 1:
            self.add(
                "risk-mixed-denominator",
                (*risk.where, "figures"),
                f"the options use different denominators ({', '.join(map(str, sorted(denominators)))}); use one so they compare",
                key=True,
            )
        frames = {str(f.time_frame) for f in risk.figures.values()}
        if len(frames) > 1:
            self.add(
                "risk-mixed-time-frame",
                (*risk.where, "figures"),
                f"the options use different time frames ({', '.join(sorted(frames))}); use one so they compare",
                key=True,
            )
        covered = set(risk.figures) | (set(risk.from_score.effects) if risk.from_score else set())
        missing = [o.id for o in g.options if o.id not in covered]
        if missing:
            self.add(
                "risk-missing-figure",
                risk.where,
                f"no figure for {', '.join(missing)}: give one, or map it to null under 'from_score: effects' and say why in the cell",
                key=True,
            )

    def phrasing(self) -> None:
        target = self.doc.metadata.reading_age_target
        languages = set(self.doc.languages)
        for text, where in self.texts():
            for lang, value in text.values.items():
                for m in wording.one_in_x(value):
                    self.phrase(
                        "one-in-x",
                        where,
                        lang,
                        value,
                        m,
                        "'1 in X' is hard to compare; say 'N out of 100' with the same denominator across options",
                    )
                for m in wording.percentages(value):
                    self.phrase(
                        "percentage",
                        where,
                        lang,
                        value,
                        m,
                        "patients understand natural frequencies better than percentages; say 'N out of 100'",
                    )
                if target is not None and lang.split("-")[0] == "en" and "reading-age" not in self.skip:
                    age = reading_age(value)
                    if age is not None and age > target:
                        self.add(
                            "reading-age",
                            where,
                            f"reading age about {age:.0f}, above the target of {target}: use shorter words and sentences",
                        )
            if len(languages) > 1:
                missing = sorted(languages - set(text.values))
                if missing:
                    self.add("translation-missing", where, f"no {', '.join(missing)} translation")

    def run(self) -> list[Finding]:
        self.ipdas()
        self.dates()
        if isinstance(self.doc, OptionGrid):
            self.grid(self.doc)
            self.not_for(self.doc)
        self.phrasing()
        return self.findings


def lint(
    doc: Document,
    source: SourceMap,
    today: dt.date | None = None,
    *,
    skip: frozenset[str] = frozenset(),
    text: str | None = None,
) -> list[Finding]:
    """Every finding of the content rules, less the rules in ``skip``; with the
    file's ``text``, wording findings point at the phrase itself."""
    return _Linter(doc, source, today or dt.date.today(), skip, text).run()
