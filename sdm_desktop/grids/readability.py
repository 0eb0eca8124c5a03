"""UK reading age of English text, from the Flesch-Kincaid grade level.

Grade = 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59
(Kincaid, Fishburne, Rogers and Chissom, 1975), computed here directly:

- a word is a group of letters, digits or symbols between spaces, with at least
  one letter or digit: "well-being", "don't", "10%" and "e.g." are one word each,
  as in Flesch's counting rules;
- a sentence ends at ``.``, ``!`` or ``?`` followed by a space and a capital, a
  digit or the end of the text, so "e.g. aspirin" does not end one;
- syllables are counted with the British English hyphenation patterns (pyphen):
  one more than the number of places the word, less its punctuation, can be
  hyphenated (each part of a hyphenated word on its own). Hyphenation points are fewer than spoken syllables in some words
  ("people", "every"), so the grade reads somewhat low; it is a prompt for
  editors, not a measurement.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from pyphen import Pyphen

# The US school grade plus five gives the UK reading age in years.
GRADE_TO_AGE = 5
MIN_WORDS = 12  # shorter text gives unstable scores and is not judged

_WORD = re.compile(r"\S*[^\W_]\S*")
_PUNCTUATION = re.compile(r"[^\w]|_")
_SENTENCE_END = re.compile(r"[.!?]+[\"'’”)\]]*(?=\s+[\"'‘“(\[]*[A-Z0-9]|\s*$)")


@dataclass(frozen=True)
class Counts:
    words: int
    sentences: int
    syllables: int


def grade_level(counts: Counts) -> float:
    """The Flesch-Kincaid grade level for these counts."""
    return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59


@functools.lru_cache(maxsize=1)
def _dictionary() -> Pyphen:
    return Pyphen(lang="en_GB")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def sentence_count(text: str) -> int:
    """Sentences that hold at least one word (at least one for any text with words)."""
    pieces = _SENTENCE_END.split(text)
    return max(1, sum(1 for piece in pieces if _WORD.search(piece)))


@functools.lru_cache(maxsize=65536)
def syllable_count(word: str) -> int:
    """Syllables in one word (at least one); each part of a hyphenated word is counted on its own."""
    dictionary = _dictionary()
    parts = [_PUNCTUATION.sub("", part) for part in word.lower().split("-")]
    return sum(len(dictionary.positions(part)) + 1 for part in parts if part) or 1


def counts(text: str) -> Counts:
    found = words(text)
    return Counts(len(found), sentence_count(text), sum(syllable_count(w) for w in found))


@functools.lru_cache(maxsize=65536)
def reading_age(text: str) -> float | None:
    """The reading age of ``text`` to the nearest year, or None when it is too short to judge.

    Whole years, as reading ages are given: the estimate is not precise enough for more,
    and a finding then says the age it was judged on ("about 13, above the target of 12").
    """
    found = counts(text)
    if found.words < MIN_WORDS:
        return None
    return float(max(math.floor(grade_level(found) + GRADE_TO_AGE + 0.5), 5))
