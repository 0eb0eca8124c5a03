"""The shared base of the model builder: helpers and the parts every kind of document has."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from typing import Any

from .findings import Finding, Severity
from .model import (
    DEFAULT_LANGUAGE,
    Evidence,
    Metadata,
    NotFor,
    Person,
    Text,
    Where,
)
from .yamlsafe import SourceMap


class BuilderBase:
    """Shared parts of building any document: located errors, text, dates, evidence references."""

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
                    self.error(
                        (*where, tag),
                        f"the language '{tag}' is not in this document's 'languages' list",
                        "unknown-language",
                        key=True,
                    )
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
                self.error(
                    (*where, i),
                    f"the evidence id '{ref}' is not in this document's evidence list{hint}",
                    "unknown-evidence",
                )
        return tuple(values)

    def unique(self, items: list[dict[str, Any]], where: Where, what: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = str(item.get("id"))
            if ident in seen:
                self.error(
                    (*where, i, "id"),
                    f"the {what} id '{ident}' is used twice (first at item {seen[ident] + 1})",
                    "duplicate-id",
                )
            else:
                seen[ident] = i

    # -- shared parts ----------------------------------------------------
    def common(self) -> dict[str, Any]:
        d = self.data
        self.unique(d.get("evidence", []), ("evidence",), "evidence")
        evidence = tuple(
            Evidence(
                id=e["id"],
                citation=e["citation"],
                certainty=e["certainty"],
                doi=e.get("doi"),
                url=e.get("url"),
                note=e.get("note"),
                where=("evidence", i),
            )
            for i, e in enumerate(d.get("evidence", []))
        )
        if self.language not in self.languages:
            self.error(
                ("languages",),
                f"'languages' must include the document's language '{self.language}'",
                "unknown-language",
            )
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
                NotFor(
                    self.text(n["who"], ("not_for", i, "who")),
                    self.text(n["reason"], ("not_for", i, "reason")),
                    self.refs(n["evidence"], ("not_for", i, "evidence")),
                    ("not_for", i),
                )
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
            self.error(
                (*w, "sign_off"), "signed-off content must say who signed it off ('by') and when ('date')", "sign-off"
            )
        return meta
