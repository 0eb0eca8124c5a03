"""Building a risk score document, with the checks of its table and effects."""

from __future__ import annotations

from typing import Any

from .build_base import BuilderBase
from .model import (
    Choice,
    Condition,
    Effect,
    RiskScore,
    RiskTable,
    ScoreInput,
    ScoreItem,
    TableRow,
    Where,
)
from .risk import possible_totals


class ScoreBuilder(BuilderBase):
    """Building a risk score: inputs, items and their conditions, the table, the effects."""

    # -- risk score ------------------------------------------------------
    def risk_score(self) -> RiskScore:
        d = self.data
        for key, what in (("inputs", "input"), ("items", "item"), ("effects", "effect")):
            self.unique(d.get(key, []), (key,), what)
        inputs = tuple(self.score_input(x, ("inputs", i)) for i, x in enumerate(d["inputs"]))
        by_id = {x.id: x for x in inputs}
        items = tuple(
            ScoreItem(
                it["id"],
                self.text(it["label"], ("items", i, "label")),
                it["points"],
                self.condition(it["when"], ("items", i, "when"), by_id),
                ("items", i),
            )
            for i, it in enumerate(d["items"])
        )
        t = d["table"]
        tw: Where = ("table",)
        table_rows = [self.table_row(r, (*tw, "rows", i), t["denominator"], by_id) for i, r in enumerate(t["rows"])]
        table = RiskTable(
            self.text(t["outcome"], (*tw, "outcome")),
            self.text(t["population"], (*tw, "population")),
            t["denominator"],
            self.text(t["time_frame"], (*tw, "time_frame")),
            self.refs(t["evidence"], (*tw, "evidence")),
            tuple(table_rows),
            tw,
        )
        effects = tuple(self.effect(e, ("effects", i)) for i, e in enumerate(d.get("effects", [])))
        doc = RiskScore(
            **self.common(),
            inputs=inputs,
            items=items,
            table=table,
            effects=effects,
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
        return TableRow(
            low, high, r["events"], self.opt_text(r.get("band"), (*w, "band")), w, when, r.get("low"), r.get("high")
        )

    def effect(self, e: dict[str, Any], w: Where) -> Effect:
        self.check_range(e, "relative_risk", w)
        return Effect(
            e["id"],
            self.text(e["label"], (*w, "label")),
            e["relative_risk"],
            self.refs(e["evidence"], (*w, "evidence")),
            e.get("relative_to"),
            w,
            e.get("low"),
            e.get("high"),
        )

    def check_range(self, m: dict[str, Any], name: str, w: Where) -> None:
        """``low`` <= ``name`` <= ``high``, and both ends given together."""
        low, high, value = m.get("low"), m.get("high"), m[name]
        if (low is None) != (high is None):
            given = "low" if low is not None else "high"
            self.error(
                (*w, given), f"a range needs both 'low' and 'high'; only '{given}' is given", "score-range", key=True
            )
        elif low is not None and high is not None and not low <= value <= high:
            self.error(
                (*w, "low"),
                f"the range must hold the figure: 'low' ({low:g}) <= '{name}' ({value:g}) <= 'high' ({high:g})",
                "score-range",
                key=True,
            )

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
            x["id"],
            self.text(x["label"], (*w, "label")),
            kind,
            self.opt_text(x.get("help"), (*w, "help")),
            x.get("unit"),
            x.get("minimum"),
            x.get("maximum"),
            tuple(
                Choice(c["id"], self.text(c["label"], (*w, "choices", i, "label")))
                for i, c in enumerate(x.get("choices", []))
            ),
            w,
        )

    def condition(self, c: dict[str, Any], w: Where, inputs: dict[str, ScoreInput]) -> Condition:
        if "any" in c:
            return Condition(
                any=tuple(self.condition(s, (*w, "any", i), inputs) for i, s in enumerate(c["any"])), where=w
            )
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
                    self.error(
                        (*row.where, "scores"),
                        f"score {s} is already in row {covered[s] + 1} of the table",
                        "score-table",
                    )
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
            self.error(
                ("table", "rows"),
                f"the table has no row for score{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))} (scores run 0 to {top})",
                "score-table",
            )
        if any(s > top for s in covered):
            self.error(("table", "rows"), f"the table has rows above the highest possible score ({top})", "score-table")
        for row in doc.table.rows:
            if row.when is not None and not all(s in covered for s in range(row.low, row.high + 1)):
                self.error(
                    (*row.where, "scores"),
                    f"this row for some people only has no plain row for score {row.low} beside it",
                    "score-table",
                )

    def check_effects(self, doc: RiskScore) -> None:
        by_id = {e.id: e for e in doc.effects}
        for e in doc.effects:
            seen = {e.id}
            cur = e
            while cur.relative_to is not None:
                nxt = by_id.get(cur.relative_to)
                if nxt is None:
                    self.error(
                        (*cur.where, "relative_to"),
                        f"'relative_to' names '{cur.relative_to}', which is not an effect here",
                        "unknown-effect",
                    )
                    break
                if nxt.id in seen:
                    self.error(
                        (*e.where, "relative_to"), "effects are relative to each other in a loop", "unknown-effect"
                    )
                    break
                seen.add(nxt.id)
                cur = nxt
