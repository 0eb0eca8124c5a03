"""Content text on screen: a long unbroken word may wrap anywhere instead of widening the window."""

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
