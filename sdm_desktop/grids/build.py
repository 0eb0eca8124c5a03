"""Turn a schema-valid mapping into model objects, checking references inside it."""

from __future__ import annotations

from typing import Any

from . import locked
from .build_score import ScoreBuilder
from .findings import Finding
from .model import (
    Answer,
    Cell,
    Consideration,
    Document,
    Figure,
    NotOffered,
    Option,
    OptionGrid,
    Prompt,
    PromptSet,
    Row,
    RowRisk,
    ScoreLink,
    Where,
)
from .yamlsafe import SourceMap


class _Builder(ScoreBuilder):
    # -- option grid -----------------------------------------------------
    def option_grid(self) -> OptionGrid:
        d = self.data
        self.unique(d["options"], ("options",), "option")
        self.unique(d["rows"], ("rows",), "row")
        self.unique(d.get("considerations", []), ("considerations",), "consideration")
        options = tuple(
            Option(
                o["id"],
                self.text(o["name"], ("options", i, "name")),
                self.opt_text(o.get("summary"), ("options", i, "summary")),
                bool(o.get("do_nothing", False)),
                ("options", i),
            )
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
                NotOffered(
                    self.text(n["name"], ("not_offered", i, "name")),
                    self.text(n["reason"], ("not_offered", i, "reason")),
                    self.refs(n["evidence"], ("not_offered", i, "evidence")),
                    ("not_offered", i),
                )
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
                self.error(
                    cw,
                    f"a cell for '{oid}', which is not one of the options ({', '.join(sorted(option_ids))})",
                    "unknown-option",
                    key=True,
                )
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
                f["events"],
                f.get("denominator", denominator),
                self.text(f["time_frame"], (*fw, "time_frame")) if "time_frame" in f else time_frame,
                fw,
            )
            if f["events"] > figures[oid].denominator:
                self.error((*fw, "events"), "more events than people in the denominator", "risk-figure")
        link = None
        if "from_score" in k:
            s = k["from_score"]
            for oid in s["effects"]:
                if oid not in option_ids:
                    self.error(
                        (*w, "from_score", "effects", oid),
                        f"an effect for '{oid}', which is not one of the options",
                        "unknown-option",
                        key=True,
                    )
            link = ScoreLink(s["score"], dict(s["effects"]), (*w, "from_score"))
        if not figures and link is None:
            self.error(w, "a risk row needs 'figures' or 'from_score'", "risk-figure")
        return RowRisk(
            outcome=self.text(k["outcome"], (*w, "outcome")),
            denominator=denominator,
            time_frame=time_frame,
            evidence=self.refs(k["evidence"], (*w, "evidence")),
            figures=figures,
            from_score=link,
            uncertainty=self.opt_text(k.get("uncertainty"), (*w, "uncertainty")),
            where=w,
        )

    # -- prompt set ------------------------------------------------------
    def prompt_set(self) -> PromptSet:
        d = self.data
        self.unique(d["prompts"], ("prompts",), "prompt")
        prompts = tuple(
            Prompt(
                p["id"],
                self.text(p["text"], ("prompts", i, "text")),
                self.opt_text(p.get("label"), ("prompts", i, "label")),
                self.opt_text(p.get("hint"), ("prompts", i, "hint")),
                ("prompts", i),
            )
            for i, p in enumerate(d["prompts"])
        )
        answers = tuple(
            Answer(a["value"], self.text(a["label"], ("answers", i, "label")))
            for i, a in enumerate(d.get("answers", []))
        )
        scoring = d.get("scoring", {})
        doc = PromptSet(
            **self.common(),
            prompts=prompts,
            description=self.opt_text(d.get("description"), ("description",)),
            locked=bool(d.get("locked", False)),
            wording_sha256=d.get("wording_sha256"),
            answers=answers,
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
            self.error(
                ("id",), f"'{doc.id}' is a validated measure and must be marked 'locked: true'", "locked-wording"
            )
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
