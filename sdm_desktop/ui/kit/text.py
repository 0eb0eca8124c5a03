"""Text on screen: a long unbroken word may wrap anywhere instead of widening the window; typed text cannot reorder itself."""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"
LONGEST = 24  # letters without a space before a break is allowed
_LONG = re.compile(rf"\S{{{LONGEST + 1},}}")


def breakable(text: str) -> str:
    """``text`` with an invisible break allowed every ``LONGEST`` letters of any unbroken run."""
    if len(text) <= LONGEST:
        return text

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        return ZERO_WIDTH_SPACE.join(word[i : i + LONGEST] for i in range(0, len(word), LONGEST))

    return _LONG.sub(split, text)


# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): in typed text they can make
# "take 5.7 mg" show as "take 7.5 mg". Shown without them, as the printed summary is; right-to-left
# words still read right to left (the bidi algorithm orders them from their letters).
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069]")


def no_reorder(text: str) -> str:
    """Typed ``text`` as shown: without the controls that would reorder it."""
    return _REORDERING.sub("", text)
