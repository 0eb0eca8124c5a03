"""What the library needs to know about a document without holding the document.

A :class:`Facts` is taken once from a built document and its source map: the
text the library list shows and searches, the dates and sign-off behind its
badges, and the links between documents (ids, a grid's risk scores, a score's
inputs and effects) with the line and column of each, so that the checks
between documents (:func:`cross_check`) can run, and point at the right place,
from facts alone. Facts round-trip through JSON, so the window can list a
large library from its catalogue cache and build a document only when it is
opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .findings import Finding, Severity
from .model import Document, Metadata, OptionGrid, RiskScore
from .search import Entry
from .yamlsafe import SourceMap

Position = tuple[int, int]


@dataclass(frozen=True)
class EffectLink:
    option: str
    effect: str | None
    at: Position


@dataclass(frozen=True)
class ScoreLinkFacts:
    """A grid row that takes its figures from a risk score."""

    score: str
    time_frame: str
    effects: tuple[EffectLink, ...]
    at_score: Position
    at_time_frame: Position


@dataclass(frozen=True)
class Facts:
    id: str
    kind: str
    title: str
    subtitle: str  # a grid's decision, or the first sentence of a description
    description: str
    status: Metadata  # only the dates and sign-off fields are kept
    entry: Entry  # searchable text, folded; its key is the file's path
    id_at: Position
    links: tuple[ScoreLinkFacts, ...] = ()
    personalise: tuple[tuple[str, Position], ...] = ()
    score_inputs: tuple[str, ...] = ()
    score_effects: tuple[str, ...] = ()
    score_time_frame: str | None = None

    # -- JSON ----------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        s = self.status
        e = self.entry
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "subtitle": self.subtitle,
            "description": self.description,
            "status": [_iso(s.review_by), _iso(s.expires), s.sign_off_status, s.sign_off_by, _iso(s.sign_off_date)],
            "entry": [list(e.topics), e.title, e.condition, e.options, e.keywords, e.other],
            "id_at": list(self.id_at),
            "links": [
                [
                    ln.score,
                    ln.time_frame,
                    [[x.option, x.effect, list(x.at)] for x in ln.effects],
                    list(ln.at_score),
                    list(ln.at_time_frame),
                ]
                for ln in self.links
            ],
            "personalise": [[name, list(at)] for name, at in self.personalise],
            "score": [list(self.score_inputs), list(self.score_effects), self.score_time_frame],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], path: str) -> Facts:
        """The facts written by :meth:`to_json`; raises ValueError, KeyError or TypeError if damaged."""
        review_by, expires, sign_off, sign_off_by, sign_off_date = data["status"]
        topics, title, condition, options, keywords, other = data["entry"]
        inputs, effects, time_frame = data["score"]
        kind = str(data["kind"])
        return cls(
            id=str(data["id"]),
            kind=kind,
            title=str(data["title"]),
            subtitle=str(data["subtitle"]),
            description=str(data["description"]),
            status=Metadata(
                review_by=_date(review_by),
                expires=_date(expires),
                sign_off_status=sign_off,
                sign_off_by=sign_off_by,
                sign_off_date=_date(sign_off_date),
            ),
            entry=Entry(path, kind, tuple(topics), title, condition, options, keywords, other),
            id_at=_pos(data["id_at"]),
            links=tuple(
                ScoreLinkFacts(
                    str(score),
                    str(tf),
                    tuple(EffectLink(str(o), e, _pos(at)) for o, e, at in fx),
                    _pos(at_score),
                    _pos(at_tf),
                )
                for score, tf, fx, at_score, at_tf in data["links"]
            ),
            personalise=tuple((str(name), _pos(at)) for name, at in data["personalise"]),
            score_inputs=tuple(map(str, inputs)),
            score_effects=tuple(map(str, effects)),
            score_time_frame=None if time_frame is None else str(time_frame),
        )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _pos(value: Any) -> Position:
    line, col = value
    return int(line), int(col)


def first_sentence(text: str) -> str:
    end = text.find(". ")
    return text[: end + 1] if end > 0 else text


def facts_of(doc: Document, source: SourceMap, path: str) -> Facts:
    """The facts of a built document; positions come from its source map."""
    m = doc.metadata
    status = Metadata(
        review_by=m.review_by,
        expires=m.expires,
        sign_off_status=m.sign_off_status,
        sign_off_by=m.sign_off_by,
        sign_off_date=m.sign_off_date,
    )
    description = getattr(doc, "description", None)
    description_text = str(description) if description else ""
    links: list[ScoreLinkFacts] = []
    personalise: tuple[tuple[str, Position], ...] = ()
    inputs: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()
    time_frame: str | None = None
    if isinstance(doc, OptionGrid):
        subtitle = str(doc.decision)
        for row in doc.rows:
            link = row.risk.from_score if row.risk else None
            if link is None or row.risk is None:
                continue
            links.append(
                ScoreLinkFacts(
                    link.score,
                    str(row.risk.time_frame),
                    tuple(
                        EffectLink(oid, effect, source.locate((*link.where, "effects", oid)))
                        for oid, effect in link.effects.items()
                    ),
                    source.locate((*link.where, "score")),
                    source.locate((*row.risk.where, "time_frame")),
                )
            )
        personalise = tuple(
            (name, source.locate(("personalise", "inputs", i))) for i, name in enumerate(doc.personalise_inputs)
        )
    else:
        subtitle = first_sentence(description_text)
    if isinstance(doc, RiskScore):
        inputs = tuple(i.id for i in doc.inputs)
        effects = tuple(e.id for e in doc.effects)
        time_frame = str(doc.table.time_frame) if doc.table is not None else None
    return Facts(
        doc.id,
        doc.kind,
        str(doc.title),
        subtitle,
        description_text,
        status,
        Entry.of(path, doc),
        source.locate(("id",)),
        tuple(links),
        personalise,
        inputs,
        effects,
        time_frame,
    )


class Checked(Protocol):
    """A file as :func:`cross_check` sees it: its path, its facts (None if not built) and its findings."""

    path: str
    findings: list[Finding]

    @property
    def facts(self) -> Facts | None: ...


def cross_check(files: Sequence[Checked]) -> None:
    """References between documents: unique ids, and grids' links to risk scores.

    Findings are added to each file's ``findings``.
    """
    first: dict[str, Checked] = {}
    for lf in files:
        f = lf.facts
        if f is None:
            continue
        if f.id in first:
            _add(lf, f.id_at, f"the id '{f.id}' is already used by {first[f.id].path}", "duplicate-id")
        else:
            first[f.id] = lf
    scores = {lf.facts.id: lf.facts for lf in files if lf.facts is not None and lf.facts.kind == "risk_score"}
    for lf in files:
        grid = lf.facts
        if grid is None or grid.kind != "option_grid":
            continue
        inputs: set[str] = set()
        for link in grid.links:
            score = scores.get(link.score)
            if score is None:
                _add(lf, link.at_score, f"no risk score with the id '{link.score}' is in the library", "unknown-score")
                continue
            inputs |= set(score.score_inputs)
            for effect in link.effects:
                if effect.effect is not None and effect.effect not in score.score_effects:
                    known = ", ".join(sorted(score.score_effects)) or "none"
                    _add(
                        lf,
                        effect.at,
                        f"'{link.score}' has no effect '{effect.effect}' (it has: {known})",
                        "unknown-effect",
                    )
            if score.score_time_frame is not None and score.score_time_frame != link.time_frame:
                _add(
                    lf,
                    link.at_time_frame,
                    f"the row's time frame '{link.time_frame}' differs from the score "
                    f"table's '{score.score_time_frame}'",
                    "risk-mixed-time-frame",
                )
        for name, at in grid.personalise:
            if name not in inputs:
                _add(lf, at, f"'{name}' is not an input of any risk score this grid uses", "unknown-score-input")


def _add(lf: Checked, at: Position, message: str, rule: str) -> None:
    lf.findings.append(Finding(lf.path, at[0], at[1], Severity.ERROR, message, rule))
    lf.findings.sort()
