"""Wording rules: '1 in X' in all its forms, percentages, comparisons with no number, and where they are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sdm_desktop.grids import wording
from sdm_desktop.grids.library import load_data

BAD = Path(__file__).parent / "data" / "bad"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("About 1 in 20 people", "1 in 20"),
        ("about one in twenty people", "one in twenty"),
        ("One in a hundred", "One in a hundred"),
        ("roughly 1/20 of people", "1/20"),
        ("1 out of 20 people", "1 out of 20"),
        ("a 1-in-20 chance", "1-in-20"),
        ("one in every 250 people", "one in every 250"),
        ("one-in-twenty-five", "one-in-twenty-five"),
    ],
)
def test_one_in_x_in_all_its_forms(text: str, phrase: str) -> None:
    assert [m.group(0) for m in wording.one_in_x(text)] == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "About 1 out of 100 people",
        "1 out of 1,000",
        "one out of a hundred",
        "seen on 1/2/2026",
        "take 11/20 tablets",
        "21 in 100",
    ],
)
def test_natural_frequencies_and_dates_are_not_one_in_x(text: str) -> None:
    assert list(wording.one_in_x(text)) == []


def test_percentages() -> None:
    assert [m.group(0) for m in wording.percentages("10% or 2.5 per cent or 3 percent, not 100 people")] == [
        "10%",
        "2.5 per cent",
        "3 percent",
    ]


def test_comparatives_only_count_without_a_number() -> None:
    assert [m.group(0) for m in wording.comparatives_without_number("Much better, and twice as likely.")] == [
        "Much better",
        "twice as",
    ]
    assert list(wording.comparatives_without_number("Take it once or twice a day; call if you feel worse.")) == []
    assert list(wording.comparatives_without_number("Better: 5 out of 100 instead of 10.")) == []
    assert list(wording.comparatives_without_number("Two people in three feel better.")) == []


def test_the_phrase_is_placed_where_it_is_in_a_folded_value() -> None:
    text = "a: 1\ncell:\n  text: >-\n    Most people are fine but about\n    one in\n    twenty get worse, and 1 in 5 worry.\n"
    # The value starts at line 3 column 9 (">-"); the phrase spans lines 5 and 6.
    assert wording.place(text, (3, 9), "one in twenty") == (5, 5)
    assert wording.place(text, (3, 9), "1 in 5") == (6, 27)
    assert wording.place(text, (3, 9), "not there") == (3, 9)


def test_two_of_the_same_phrase_in_one_value_point_at_each() -> None:
    text = 'x: "1 in 10 now, 1 in 10 later"\n'
    value = "1 in 10 now, 1 in 10 later"
    found = list(wording.one_in_x(value))
    places = [wording.place(text, (1, 4), m.group(0), wording.occurrences_before(value, m)) for m in found]
    assert places == [(1, 5), (1, 18)]


def test_finding_quotes_the_phrase() -> None:
    path = BAD / "one-in-x-words.yaml"
    loaded = load_data(path.read_bytes(), str(path), dt.date(2026, 11, 24))
    [hit] = [f for f in loaded.findings if f.rule == "one-in-x"]
    assert hit.message.startswith("'one in twenty': ")


def test_unknown_evidence_suggests_the_closest_ids() -> None:
    path = BAD / "unknown-evidence.yaml"
    loaded = load_data(path.read_bytes(), str(path), dt.date(2026, 11, 24))
    [hit] = [f for f in loaded.findings if f.rule == "unknown-evidence"]
    assert "did you mean 'made-up'?" in hit.message


def test_every_schema_error_is_reported_in_one_pass() -> None:
    good = (Path(__file__).parent / "data" / "good" / "example-grid.yaml").read_text(encoding="utf-8")
    broken = (
        good.replace('version: "1.0.0"', "version: one")
        .replace("    do_nothing: true", "    do_nothing: sometimes")
        .replace("certainty: low", "certainty: middling")
    )
    assert broken.count("one") > good.count("one")
    loaded = load_data(broken.encode(), "x.yaml", dt.date(2026, 11, 24))
    messages = sorted(f.message for f in loaded.findings if f.rule == "schema")
    assert len(messages) == 3, messages
    assert any("'version'" in m for m in messages)
    assert any("do_nothing" in m for m in messages)
    assert any("certainty" in m for m in messages)
