"""Turn a schema-valid mapping into model objects, checking references inside it."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from typing import Any

from . import locked
from .findings import Finding, Severity
from .model import (
    DEFAULT_LANGUAGE,
    Answer,
    Cell,
    Choice,
    Condition,
    Consideration,
    Document,
    Effect,
    Evidence,
    Figure,
    Metadata,
    NotFor,
    NotOffered,
    Option,
    OptionGrid,
    Person,
    Prompt,
    PromptSet,
    RiskScore,
    RiskTable,
    Row,
    RowRisk,
    ScoreInput,
    ScoreItem,
    ScoreLink,
    TableRow,
    Text,
    Where,
)
from .risk import possible_totals
from .yamlsafe import SourceMap


class _Builder:
    def __init__(self, data: dict[str, Any], source: SourceMap, path: str, content_hash: str) -> None:
        self.data = data
        self.source = source
        self.path = path
        self.content_hash = content_hash
        self.findings: list[Finding] = []
        self.language: str = data.get("language", DEFAULT_LANGUAGE)
        self.languages: tuple[str, ...] = tuple(data.get("languages") or (self.language,))
        self.evidence_ids = {e["id"] for e in data.get("evidence", [])}

    # -- helpers ---------------------------------------------------------
    def error(self, where: Where, message: str, rule: str, *, key: bool = False) -> None:
        line, col = self.source.locate(where, key=key)
        self.findings.append(Finding(self.path, line, col, Severity.ERROR, message, rule))

    def text(self, value: Any, where: Where) -> Text:
        t = Text.of(value, self.language)
        if isinstance(value, Mapping):
            for tag in value:
                if tag not in self.languages:
                    self.error((*where, tag), f"the language '{tag}' is not in this document's 'languages' list", "unknown-language", key=True)
        return t

    def opt_text(self, value: Any, where: Where) -> Text | None:
        return None if value is None else self.text(value, where)

    def date(self, value: str | None, where: Where) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.error(where, f"{value!r} is not a real date", "bad-date")
            return None

    def refs(self, values: list[str], where: Where) -> tuple[str, ...]:
        for i, ref in enumerate(values):
            if ref not in self.evidence_ids:
                close = difflib.get_close_matches(ref, sorted(self.evidence_ids), n=3, cutoff=0.5)
                hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
                if not close and 0 < len(self.evidence_ids) <= 8:
                    hint = f"; the ids here are {', '.join(sorted(self.evidence_ids))}"
                self.error((*where, i), f"the evidence id '{ref}' is not in this document's evidence list{hint}", "unknown-evidence")
        return tuple(values)

    def unique(self, items: list[dict[str, Any]], where: Where, what: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = str(item.get("id"))
            if ident in seen:
                self.error((*where, i, "id"), f"the {what} id '{ident}' is used twice (first at item {seen[ident] + 1})", "duplicate-id")
            else:
                seen[ident] = i

    # -- shared parts ----------------------------------------------------
    def common(self) -> dict[str, Any]:
        d = self.data
        self.unique(d.get("evidence", []), ("evidence",), "evidence")
        evidence = tuple(
            Evidence(
                id=e["id"], citation=e["citation"], certainty=e["certainty"], doi=e.get("doi"),
                url=e.get("url"), note=e.get("note"), where=("evidence", i),
            )
            for i, e in enumerate(d.get("evidence", []))
        )
        if self.language not in self.languages:
            self.error(("languages",), f"'languages' must include the document's language '{self.language}'", "unknown-language")
        return {
            "id": d["id"],
            "version": d["version"],
            "title": self.text(d["title"], ("title",)),
            "language": self.language,
            "languages": self.languages,
            "topics": tuple(d.get("topics", [])),
            "keywords": tuple(d.get("keywords", [])),
            "evidence": evidence,
            "metadata": self.metadata(d.get("metadata", {})),
            "path": self.path,
            "content_hash": self.content_hash,
            "not_for": tuple(
                NotFor(self.text(n["who"], ("not_for", i, "who")), self.text(n["reason"], ("not_for", i, "reason")),
                       self.refs(n["evidence"], ("not_for", i, "evidence")), ("not_for", i))
                for i, n in enumerate(d.get("not_for", []))
            ),
        }

    def metadata(self, m: dict[str, Any]) -> Metadata:
        w: Where = ("metadata",)
        sign = m.get("sign_off", {})
        meta = Metadata(
            published=self.date(m.get("published"), (*w, "published")),
            review_by=self.date(m.get("review_by"), (*w, "review_by")),
            expires=self.date(m.get("expires"), (*w, "expires")),
            update_policy=m.get("update_policy"),
            funding=m.get("funding"),
            authors=tuple(Person(a["name"], a["role"], a["competing_interests"]) for a in m.get("authors", [])),
            reading_age_target=m.get("reading_age_target"),
            licence=m.get("licence"),
            sign_off_status=sign.get("status"),
            sign_off_by=sign.get("by"),
            sign_off_date=self.date(sign.get("date"), (*w, "sign_off", "date")),
            sign_off_note=sign.get("note"),
        )
        if meta.published and meta.review_by and meta.review_by <= meta.published:
            self.error((*w, "review_by"), "'review_by' must be after 'published'", "bad-date")
        if meta.expires and meta.review_by and meta.expires < meta.review_by:
            self.error((*w, "expires"), "'expires' must not be before 'review_by'", "bad-date")
        if meta.sign_off_status == "signed_off" and not (meta.sign_off_by and meta.sign_off_date):
            self.error((*w, "sign_off"), "signed-off content must say who signed it off ('by') and when ('date')", "sign-off")
        return meta

    # -- option grid -----------------------------------------------------
    def option_grid(self) -> OptionGrid:
        d = self.data
        self.unique(d["options"], ("options",), "option")
        self.unique(d["rows"], ("rows",), "row")
        self.unique(d.get("considerations", []), ("considerations",), "consideration")
        options = tuple(
            Option(o["id"], self.text(o["name"], ("options", i, "name")),
                   self.opt_text(o.get("summary"), ("options", i, "summary")),
                   bool(o.get("do_nothing", False)), ("options", i))
            for i, o in enumerate(d["options"])
        )
        option_ids = {o.id for o in options}
        rows = tuple(self.row(r, ("rows", i), option_ids) for i, r in enumerate(d["rows"]))
        return OptionGrid(
            **self.common(),
            decision=self.text(d["decision"], ("decision",)),
            condition=self.text(d["condition"], ("condition",)),
            options=options,
            rows=rows,
            no_do_nothing_reason=self.opt_text(d.get("no_do_nothing_reason"), ("no_do_nothing_reason",)),
            not_offered=tuple(
                NotOffered(self.text(n["name"], ("not_offered", i, "name")), self.text(n["reason"], ("not_offered", i, "reason")),
                           self.refs(n["evidence"], ("not_offered", i, "evidence")), ("not_offered", i))
                for i, n in enumerate(d.get("not_offered", []))
            ),
            considerations=tuple(
                Consideration(c["id"], self.text(c["text"], ("considerations", i, "text")), ("considerations", i))
                for i, c in enumerate(d.get("considerations", []))
            ),
            personalise_inputs=tuple(d.get("personalise", {}).get("inputs", [])),
        )

    def row(self, r: dict[str, Any], w: Where, option_ids: set[str]) -> Row:
        cells: dict[str, Cell] = {}
        for oid, c in r["cells"].items():
            cw = (*w, "cells", oid)
            if oid not in option_ids:
                self.error(cw, f"a cell for '{oid}', which is not one of the options ({', '.join(sorted(option_ids))})", "unknown-option", key=True)
                continue
            cells[oid] = Cell(oid, self.text(c["text"], (*cw, "text")), self.refs(c["evidence"], (*cw, "evidence")), cw)
        risk = self.row_risk(r["risk"], (*w, "risk"), option_ids) if "risk" in r else None
        return Row(r["id"], self.text(r["question"], (*w, "question")), cells, risk, w)

    def row_risk(self, k: dict[str, Any], w: Where, option_ids: set[str]) -> RowRisk:
        denominator = k.get("denominator", 100)
        time_frame = self.text(k.get("time_frame", "1 year"), (*w, "time_frame"))
        figures: dict[str, Figure] = {}
        for oid, f in k.get("figures", {}).items():
            fw = (*w, "figures", oid)
            if oid not in option_ids:
                self.error(fw, f"a figure for '{oid}', which is not one of the options", "unknown-option", key=True)
                continue
            figures[oid] = Figure(
                f["events"], f.get("denominator", denominator),
                self.text(f["time_frame"], (*fw, "time_frame")) if "time_frame" in f else time_frame, fw,
            )
            if f["events"] > figures[oid].denominator:
                self.error((*fw, "events"), "more events than people in the denominator", "risk-figure")
        link = None
        if "from_score" in k:
            s = k["from_score"]
            for oid in s["effects"]:
                if oid not in option_ids:
                    self.error((*w, "from_score", "effects", oid), f"an effect for '{oid}', which is not one of the options", "unknown-option", key=True)
            link = ScoreLink(s["score"], dict(s["effects"]), (*w, "from_score"))
        if not figures and link is None:
            self.error(w, "a risk row needs 'figures' or 'from_score'", "risk-figure")
        return RowRisk(
            outcome=self.text(k["outcome"], (*w, "outcome")), denominator=denominator, time_frame=time_frame,
            evidence=self.refs(k["evidence"], (*w, "evidence")), figures=figures, from_score=link,
            uncertainty=self.opt_text(k.get("uncertainty"), (*w, "uncertainty")), where=w,
        )

    # -- prompt set ------------------------------------------------------
    def prompt_set(self) -> PromptSet:
        d = self.data
        self.unique(d["prompts"], ("prompts",), "prompt")
        prompts = tuple(
            Prompt(p["id"], self.text(p["text"], ("prompts", i, "text")),
                   self.opt_text(p.get("label"), ("prompts", i, "label")),
                   self.opt_text(p.get("hint"), ("prompts", i, "hint")), ("prompts", i))
            for i, p in enumerate(d["prompts"])
        )
        answers = tuple(Answer(a["value"], self.text(a["label"], ("answers", i, "label"))) for i, a in enumerate(d.get("answers", [])))
        scoring = d.get("scoring", {})
        doc = PromptSet(
            **self.common(), prompts=prompts, description=self.opt_text(d.get("description"), ("description",)),
            locked=bool(d.get("locked", False)), wording_sha256=d.get("wording_sha256"), answers=answers,
            flag_at_or_below=scoring.get("flag_at_or_below"),
            flag=self.opt_text(scoring.get("flag"), ("scoring", "flag")) if scoring else None,
        )
        if scoring and not answers:
            self.error(("scoring",), "'scoring' needs an 'answers' scale", "measure")
        self.check_locked(doc)
        return doc

    def check_locked(self, doc: PromptSet) -> None:
        actual = locked.wording_hash(
            ((p.id, p.text.values) for p in doc.prompts), ((a.value, a.label.values) for a in doc.answers)
        )
        published = locked.PUBLISHED.get(doc.id)
        if published is not None and not doc.locked:
            self.error(("id",), f"'{doc.id}' is a validated measure and must be marked 'locked: true'", "locked-wording")
        if not doc.locked:
            return
        if doc.wording_sha256 is None:
            self.error(("locked",), f"a locked document needs 'wording_sha256: {actual}'", "locked-wording")
        elif doc.wording_sha256 != actual or (published is not None and published != actual):
            self.error(
                ("prompts",),
                "the wording of this locked measure differs from its published wording; validated measures "
                "must be used exactly as published, so this document is refused",
                "locked-wording",
            )

    # -- risk score ------------------------------------------------------
    def risk_score(self) -> RiskScore:
        d = self.data
        for key, what in (("inputs", "input"), ("items", "item"), ("effects", "effect")):
            self.unique(d.get(key, []), (key,), what)
        inputs = tuple(self.score_input(x, ("inputs", i)) for i, x in enumerate(d["inputs"]))
        by_id = {x.id: x for x in inputs}
        items = tuple(
            ScoreItem(it["id"], self.text(it["label"], ("items", i, "label")), it["points"],
                      self.condition(it["when"], ("items", i, "when"), by_id), ("items", i))
            for i, it in enumerate(d["items"])
        )
        t = d["table"]
        tw: Where = ("table",)
        table_rows = [self.table_row(r, (*tw, "rows", i), t["denominator"], by_id) for i, r in enumerate(t["rows"])]
        table = RiskTable(
            self.text(t["outcome"], (*tw, "outcome")), self.text(t["population"], (*tw, "population")),
            t["denominator"], self.text(t["time_frame"], (*tw, "time_frame")),
            self.refs(t["evidence"], (*tw, "evidence")), tuple(table_rows), tw,
        )
        effects = tuple(
            self.effect(e, ("effects", i)) for i, e in enumerate(d.get("effects", []))
        )
        doc = RiskScore(
            **self.common(), inputs=inputs, items=items, table=table, effects=effects,
            description=self.opt_text(d.get("description"), ("description",)),
            applies_to=self.opt_text(d.get("applies_to"), ("applies_to",)),
        )
        self.check_table(doc, inputs_ok=not self.findings)
        self.check_effects(doc)
        return doc

    def table_row(self, r: dict[str, Any], w: Where, denominator: int, inputs: dict[str, ScoreInput]) -> TableRow:
        scores = r["scores"]
        low, high = scores[0], scores[-1]
        if high < low:
            self.error((*w, "scores"), "a score band must be written [lowest, highest]", "score-table")
        if r["events"] > denominator:
            self.error((*w, "events"), "more events than people in the denominator", "score-table")
        self.check_range(r, "events", w)
        if r.get("high", 0) > denominator:
            self.error((*w, "high"), "more events than people in the denominator", "score-table")
        when = self.condition(r["when"], (*w, "when"), inputs) if "when" in r else None
        return TableRow(low, high, r["events"], self.opt_text(r.get("band"), (*w, "band")), w, when, r.get("low"), r.get("high"))

    def effect(self, e: dict[str, Any], w: Where) -> Effect:
        self.check_range(e, "relative_risk", w)
        return Effect(
            e["id"], self.text(e["label"], (*w, "label")), e["relative_risk"], self.refs(e["evidence"], (*w, "evidence")),
            e.get("relative_to"), w, e.get("low"), e.get("high"),
        )

    def check_range(self, m: dict[str, Any], name: str, w: Where) -> None:
        """``low`` <= ``name`` <= ``high``, and both ends given together."""
        low, high, value = m.get("low"), m.get("high"), m[name]
        if (low is None) != (high is None):
            given = "low" if low is not None else "high"
            self.error((*w, given), f"a range needs both 'low' and 'high'; only '{given}' is given", "score-range", key=True)
        elif low is not None and high is not None and not low <= value <= high:
            self.error((*w, "low"), f"the range must hold the figure: 'low' ({low:g}) <= '{name}' ({value:g}) <= 'high' ({high:g})", "score-range", key=True)

    def score_input(self, x: dict[str, Any], w: Where) -> ScoreInput:
        kind = x["type"]
        if kind == "choice" and "choices" not in x:
            self.error(w, "a 'choice' input needs 'choices'", "score-input")
        if kind != "choice" and "choices" in x:
            self.error((*w, "choices"), "only a 'choice' input has 'choices'", "score-input", key=True)
        if kind == "number" and ("minimum" not in x or "maximum" not in x):
            self.error(w, "a 'number' input needs a 'minimum' and a 'maximum'", "score-input")
        elif kind == "number" and x["minimum"] > x["maximum"]:
            self.error((*w, "minimum"), "the 'minimum' is above the 'maximum'", "score-input")
        self.unique(x.get("choices", []), (*w, "choices"), "choice")
        return ScoreInput(
            x["id"], self.text(x["label"], (*w, "label")), kind, self.opt_text(x.get("help"), (*w, "help")),
            x.get("unit"), x.get("minimum"), x.get("maximum"),
            tuple(Choice(c["id"], self.text(c["label"], (*w, "choices", i, "label"))) for i, c in enumerate(x.get("choices", []))),
            w,
        )

    def condition(self, c: dict[str, Any], w: Where, inputs: dict[str, ScoreInput]) -> Condition:
        if "any" in c:
            return Condition(any=tuple(self.condition(s, (*w, "any", i), inputs) for i, s in enumerate(c["any"])), where=w)
        name = c["input"]
        target = inputs.get(name)
        if target is None:
            self.error((*w, "input"), f"the input '{name}' is not defined in 'inputs'", "unknown-score-input")
        elif "equals" in c:
            value = c["equals"]
            if target.type == "boolean" and not isinstance(value, bool):
                self.error((*w, "equals"), f"'{name}' is yes/no; compare it with true or false", "score-input")
            if target.type == "choice" and value not in {ch.id for ch in target.choices}:
                self.error((*w, "equals"), f"'{value}' is not one of the choices of '{name}'", "score-input")
            if target.type == "number":
                self.error((*w, "equals"), f"'{name}' is a number; use 'at_least' and 'below'", "score-input")
        elif target.type != "number":
            self.error(w, f"'at_least' and 'below' need a number input; '{name}' is {target.type}", "score-input")
        return Condition(name, c.get("equals"), c.get("at_least"), c.get("below"), (), w)

    def check_table(self, doc: RiskScore, inputs_ok: bool) -> None:
        assert doc.table is not None
        covered: dict[int, int] = {}
        for i, row in enumerate(doc.table.rows):
            if row.when is not None:
                continue  # a row for some people only: the plain row for its scores is still needed
            for s in range(row.low, row.high + 1):
                if s in covered:
                    self.error((*row.where, "scores"), f"score {s} is already in row {covered[s] + 1} of the table", "score-table")
                covered[s] = i
        if not inputs_ok:
            return  # the conditions have their own errors; totals cannot be worked out
        reachable = possible_totals(doc)
        if reachable is None:  # too many combinations to try: assume every total up to the sum
            reachable = set(range(doc.max_score + 1))
        if not reachable:
            return  # no one can be scored; the inputs say why
        top = max(reachable)
        missing = sorted(reachable - set(covered))
        if missing:
            self.error(("table", "rows"), f"the table has no row for score{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))} (scores run 0 to {top})", "score-table")
        if any(s > top for s in covered):
            self.error(("table", "rows"), f"the table has rows above the highest possible score ({top})", "score-table")
        for row in doc.table.rows:
            if row.when is not None and not all(s in covered for s in range(row.low, row.high + 1)):
                self.error((*row.where, "scores"), f"this row for some people only has no plain row for score {row.low} beside it", "score-table")

    def check_effects(self, doc: RiskScore) -> None:
        by_id = {e.id: e for e in doc.effects}
        for e in doc.effects:
            seen = {e.id}
            cur = e
            while cur.relative_to is not None:
                nxt = by_id.get(cur.relative_to)
                if nxt is None:
                    self.error((*cur.where, "relative_to"), f"'relative_to' names '{cur.relative_to}', which is not an effect here", "unknown-effect")
                    break
                if nxt.id in seen:
                    self.error((*e.where, "relative_to"), "effects are relative to each other in a loop", "unknown-effect")
                    break
                seen.add(nxt.id)
                cur = nxt


def build(data: dict[str, Any], source: SourceMap, path: str, content_hash: str) -> tuple[Document, list[Finding]]:
    """Build the model from schema-valid ``data``; the findings are reference errors."""
    b = _Builder(data, source, path, content_hash)
    kind = data["kind"]
    doc: Document
    if kind == "option_grid":
        doc = b.option_grid()
    elif kind == "prompt_set":
        doc = b.prompt_set()
    else:
        doc = b.risk_score()
    return doc, b.findings
