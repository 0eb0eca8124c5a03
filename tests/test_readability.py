"""The Flesch-Kincaid grade behind the reading-age rule, against published worked examples."""

from __future__ import annotations

import pytest

from sdm_desktop.grids.readability import (
    GRADE_TO_AGE,
    MIN_WORDS,
    Counts,
    counts,
    grade_level,
    reading_age,
    sentence_count,
    syllable_count,
    word_count,
)

# The worked example of the Flesch-Kincaid article (and of the flesch-kincaid package's
# documentation): 1 sentence, 13 words, 26 syllables, grade 13.08.
PLATYPUS = "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."


def test_grade_of_the_published_worked_example() -> None:
    assert grade_level(Counts(words=13, sentences=1, syllables=26)) == pytest.approx(13.08)


def test_lowest_possible_grade_is_minus_3_4() -> None:
    # One-word sentences of one-syllable words: 0.39 + 11.8 - 15.59, the published floor.
    assert grade_level(Counts(words=5, sentences=5, syllables=5)) == pytest.approx(-3.40)


def test_words_and_sentences_of_the_worked_example() -> None:
    found = counts(PLATYPUS)
    assert (found.words, found.sentences) == (13, 1)
    # Hyphenation points undercount spoken syllables (26), never overcount them.
    assert 13 < found.syllables <= 26


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1),
        ("stroke", 1),
        ("bleeding", 2),
        ("hybrid", 2),
        ("mammal", 2),
        ("warfarin", 3),
        ("hospital", 3),
        ("operation", 4),
        ("tablet", 2),
        ("well-being", 3),
        ("don't", 1),
    ],
)
def test_syllables_of_words_whose_hyphenation_matches_their_syllables(word: str, syllables: int) -> None:
    assert syllable_count(word) == syllables


def test_flesch_counting_rules_for_words() -> None:
    # Hyphenated words and contractions are one word; numbers are words.
    assert word_count("A well-being check doesn't take 10 minutes.") == 7


def test_sentences_end_at_full_stops_but_not_inside_abbreviations() -> None:
    assert sentence_count("Take it daily. Ask your nurse, e.g. at a review. Is it safe?") == 3
    assert sentence_count("No full stop at all") == 1
    assert sentence_count("It costs 2.5 pounds. That is all.") == 2


def test_reading_age_is_the_grade_plus_five_to_the_nearest_year() -> None:
    easy = "The cat sat on the mat. The dog sat on the log. The pig sat in the mud."
    found = counts(easy)
    assert (found.words, found.sentences, found.syllables) == (18, 3, 18)
    assert reading_age(easy) == 5.0  # grade -1.45: the youngest age given is 5
    # 18 words, 1 sentence, 24 syllables: grade 7.16, age 12.16, about 12.
    text = "If the border of healthy tissue is not clear, you may need a second operation, or a mastectomy."
    found = counts(text)
    assert (found.words, found.sentences, found.syllables) == (18, 1, 24)
    assert grade_level(found) + GRADE_TO_AGE == pytest.approx(12.16, abs=0.005)
    assert reading_age(text) == 12.0


def test_long_words_and_sentences_read_older_than_short_ones() -> None:
    plain = "You can take a pill each day. It may stop a clot. Some people get a bleed."
    dense = (
        "Anticoagulation substantially diminishes thromboembolic complications, "
        "notwithstanding considerable haemorrhagic vulnerability among elderly individuals."
    )
    assert word_count(plain) >= MIN_WORDS and word_count(dense) >= MIN_WORDS
    plain_age, dense_age = reading_age(plain), reading_age(dense)
    assert plain_age is not None and dense_age is not None
    assert plain_age < 10 < 20 < dense_age


def test_short_text_is_not_judged() -> None:
    assert reading_age("Take one tablet a day.") is None
