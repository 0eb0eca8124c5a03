"""UK reading age of English text, from the Flesch-Kincaid grade (textstat)."""

from __future__ import annotations

import functools
import re

import textstat

# The US school grade plus five gives the UK reading age in years.
GRADE_TO_AGE = 5
MIN_WORDS = 12  # shorter text gives unstable scores and is not judged

textstat.set_lang("en_GB")


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z']+", text))


@functools.lru_cache(maxsize=65536)
def reading_age(text: str) -> float | None:
    """The reading age of ``text`` in years, or None when it is too short to judge."""
    if word_count(text) < MIN_WORDS:
        return None
    grade = float(textstat.flesch_kincaid_grade(text))
    return max(grade + GRADE_TO_AGE, 5.0)
