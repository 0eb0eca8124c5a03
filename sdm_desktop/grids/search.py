"""Search as you type over the library: matching and ranking, Qt-free.

Every document becomes an :class:`Entry` once (its searchable text folded to
lower case without accents); a query is then matched against those strings
only, so a keystroke costs a few string searches per document.

Each word of the query must appear somewhere in the entry. A whole word of the
title ranks highest, then a whole keyword ("af" finds atrial fibrillation before
"after"), a word that starts a word of the title, the title anywhere, the
condition, option names and keywords, and finally anything else (topics, decision).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Document, OptionGrid

_SPLIT = re.compile(r"[^\w]+", re.UNICODE)

# Field weights: how much a query word found in that field counts.
TITLE_WORD = 120  # a whole word of the title
KEYWORD_WORD = 110  # a whole word of the keywords, such as "AF" or "COPD": what the author says it is called
TITLE_WORD_START = 100
TITLE = 60
CONDITION = 30
OPTIONS = 20
KEYWORDS = 20
OTHER = 5


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation turned into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " " + " ".join(w for w in _SPLIT.split(plain) if w) + " "


def words(query: str) -> list[str]:
    """The folded words of a query, without repeats, in order."""
    seen: list[str] = []
    for word in fold(query).split():
        if word not in seen:
            seen.append(word)
    return seen


@dataclass(frozen=True)
class Entry:
    """One document's searchable text, folded once."""

    key: str
    kind: str
    topics: tuple[str, ...]
    title: str
    condition: str
    options: str
    keywords: str
    other: str

    @classmethod
    def of(cls, key: str, doc: Document) -> Entry:
        condition = options = decision = ""
        if isinstance(doc, OptionGrid):
            condition = str(doc.condition)
            options = " ".join(str(o.name) for o in doc.options)
            decision = str(doc.decision)
        return cls(
            key=key,
            kind=doc.kind,
            topics=doc.topics,
            title=fold(str(doc.title)),
            condition=fold(condition),
            options=fold(options),
            keywords=fold(" ".join(doc.keywords)),
            other=fold(" ".join((*doc.topics, decision, doc.id))),
        )

    def score(self, query_words: Sequence[str]) -> int:
        """0 if some word is missing, else how well the words match (higher is better)."""
        total = 0
        for word in query_words:
            whole = f" {word} "
            if whole in self.title:
                total += TITLE_WORD
            elif whole in self.keywords:
                total += KEYWORD_WORD
            elif (" " + word) in self.title:
                total += TITLE_WORD_START
            elif word in self.title:
                total += TITLE
            elif word in self.condition:
                total += CONDITION
            elif word in self.options:
                total += OPTIONS
            elif word in self.keywords:
                total += KEYWORDS
            elif word in self.other:
                total += OTHER
            else:
                return 0
        return total


class SearchIndex:
    """Entries in library order; :meth:`search` returns matching keys, best first.

    Typing forward only narrows: when every word of the last query is part of a
    word of the new one (same kind and topic), only the last matches can match, so
    a keystroke looks at those rather than at the whole library."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self._order = {e.key: i for i, e in enumerate(self.entries)}
        self._last: tuple[list[str], str | None, str | None, list[Entry]] | None = None

    @property
    def topics(self) -> list[str]:
        return sorted({t for e in self.entries for t in e.topics})

    def _candidates(self, query_words: list[str], kind: str | None, topic: str | None) -> list[Entry]:
        if self._last is not None:
            last_words, last_kind, last_topic, matched = self._last
            if (last_kind, last_topic) == (kind, topic) and all(
                any(old in new for new in query_words) for old in last_words
            ):
                return matched
        return [e for e in self.entries if (kind is None or e.kind == kind) and (topic is None or topic in e.topics)]

    def search(self, query: str, kind: str | None = None, topic: str | None = None) -> list[str]:
        query_words = words(query)
        candidates = self._candidates(query_words, kind, topic)
        if not query_words:
            self._last = (query_words, kind, topic, candidates)
            return [e.key for e in candidates]
        scored = [(s, e) for e in candidates if (s := e.score(query_words)) > 0]
        self._last = (query_words, kind, topic, [e for _s, e in scored])
        ranked = sorted(scored, key=lambda se: (-se[0], se[1].title, self._order[se[1].key]))
        return [e.key for _s, e in ranked]
