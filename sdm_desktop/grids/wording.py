"""Wording a reviewer would query, found with its exact place in the file.

"1 in X" in all its forms, percentages in patient-facing text, and comparative
words with no number beside them. Each finder yields the phrase and its offset
in the text value; :func:`place` turns that into the phrase's line and column
in the file, by finding the phrase in the raw source from where the value
starts (folded lines and indentation may separate its words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_NUMBER = (
    rf"(?:a\s+|one\s+)?(?:hundred|thousand|million)"
    rf"|(?:{_TENS})(?:[\s-](?:{_UNITS}))?"
    rf"|{_TEENS}|two|three|four|five|six|seven|eight|nine"
)
_NUMBER = rf"(?:[0-9][0-9,]*(?:\.[0-9]+)?|{_WORD_NUMBER})"
_SEP = r"(?:\s*-\s*|\s+)"

ONE_IN_X = re.compile(
    rf"\b(?:1|one|a\s+single){_SEP}in{_SEP}(?:every\s+)?(?P<in>{_NUMBER})\b"
    rf"|\b(?:1|one){_SEP}out{_SEP}of{_SEP}(?:every\s+)?(?P<of>{_NUMBER})\b"
    r"|(?<![0-9/.,])\b1\s*/\s*(?P<slash>[0-9][0-9,]*)\b(?!\s*/|[0-9])",
    re.I,
)
_NATURAL_DENOMINATORS = {
    "100",
    "1000",
    "1,000",
    "a hundred",
    "one hundred",
    "hundred",
    "a thousand",
    "one thousand",
    "thousand",
}

PERCENTAGE = re.compile(r"\b[0-9]+(?:\.[0-9]+)?\s*(?:%|per\s*cent\b|percent\b)", re.I)

COMPARATIVE = re.compile(
    r"\b(?:a\s+lot|lots|(?:twice|three\s+times|half)\s+as|double[sd]?|triple[sd]?|halve[sd]?"
    r"|(?:much|far|a\s+(?:bit|little)|slightly)\s+(?:more|less|fewer|better|worse|higher|lower)"
    r"|(?:better|worse)\s+by|(?:works?|did|does|do)\s+(?:better|worse)"
    r"|(?:more|less)\s+likely|likelier"
    r"|(?:higher|lower|greater|smaller|bigger|reduced|increased)\s+(?:risk|chance)"
    r"|(?:reduces?|lowers?|raises?|increases?|cuts?)\s+(?:the|your)\s+(?:risk|chance))\b",
    re.I,
)
_ANY_NUMBER = re.compile(rf"[0-9]|\b(?:{_WORD_NUMBER}|one|none|no\s+one)\b", re.I)


def one_in_x(text: str) -> Iterator[re.Match[str]]:
    """'1 in 20', 'one in twenty', '1/20', '1-in-20', '1 out of 20' (but not '1 out of 100')."""
    for match in ONE_IN_X.finditer(text):
        of = match.group("of")
        if of is not None and " ".join(of.lower().split()) in _NATURAL_DENOMINATORS:
            continue  # a natural frequency with the usual denominator
        yield match


def percentages(text: str) -> Iterator[re.Match[str]]:
    return PERCENTAGE.finditer(text)


def comparatives_without_number(text: str) -> Iterator[re.Match[str]]:
    """Comparative words in a text that has no number at all."""
    if _ANY_NUMBER.search(text):
        return iter(())
    return COMPARATIVE.finditer(text)


def place(source_text: str | None, start: tuple[int, int], phrase: str, skip: int = 0) -> tuple[int, int]:
    """The line and column of ``phrase`` in the file, searching from the value's ``start``
    and passing over ``skip`` earlier occurrences of it in the same value.

    Falls back to ``start`` when the phrase cannot be found as written (an
    escape in a quoted string, for example)."""
    if not source_text:
        return start
    lines = source_text.split("\n")
    line, col = start
    if not 1 <= line <= len(lines):
        return start
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + col - 1
    words = phrase.split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.I)
    end = offset + 8000
    match = pattern.search(source_text, offset, end)
    for _ in range(skip):
        if match is None:
            break
        match = pattern.search(source_text, match.end(), end)
    if match is None:
        return start
    before = source_text[: match.start()]
    found_line = before.count("\n") + 1
    return found_line, match.start() - (before.rfind("\n") + 1) + 1


def occurrences_before(text: str, match: re.Match[str]) -> int:
    """How many times the phrase of ``match`` occurs in ``text`` before it."""
    words = match.group(0).split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.I)
    return len(pattern.findall(text, 0, match.start()))
