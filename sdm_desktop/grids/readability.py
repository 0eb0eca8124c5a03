"""UK reading age of English text, from the Flesch-Kincaid grade (textstat)."""

from __future__ import annotations

import functools
import re
from typing import Any

# The US school grade plus five gives the UK reading age in years.
GRADE_TO_AGE = 5
MIN_WORDS = 12  # shorter text gives unstable scores and is not judged

@functools.lru_cache(maxsize=1)
def _textstat() -> Any:
    """textstat, imported on first use: it is slow to import and most commands never need it."""
    import textstat

    textstat.set_lang("en_GB")
    return textstat

def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z']+", text))

@functools.lru_cache(maxsize=65536)
def reading_age(text: str) -> float | None:
    """The reading age of ``text`` in years, or None when it is too short to judge."""
    if word_count(text) < MIN_WORDS:
        return None
    grade = float(_textstat().flesch_kincaid_grade(text))
    return max(grade + GRADE_TO_AGE, 5.0)
