"""Honest personal figures: Yes / No / Not known, no figure until every input is answered, ranges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sdm_desktop.grids.library import load_file
from sdm_desktop.grids.model import OptionGrid, RiskScore
from sdm_desktop.grids.personal import NOT_KNOWN, assess, assess_row
from sdm_desktop.grids.risk import Value, compute, say_range

GOOD = Path(__file__).parent / "data" / "good"
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def score() -> RiskScore:
    doc = load_file(GOOD / "example-ranges.yaml", TODAY).document
    assert isinstance(doc, RiskScore)
    return doc


@pytest.fixture(scope="module")
def grid() -> OptionGrid:
    doc = load_file(GOOD / "example-personal.yaml", TODAY).document
    assert isinstance(doc, OptionGrid)
    return doc


def figures(
    grid: OptionGrid, score: RiskScore, answers: dict[str, Value]
) -> dict[str, tuple[float, float | None, float | None]]:
    row = next(r for r in grid.rows if r.id == "chance")
    found = assess_row(grid, row, {score.id: score}, answers)
    return {oid: (f.exact, f.low, f.high) for oid, f in found.figures.items()}


def test_no_figures_until_every_input_is_answered(grid: OptionGrid, score: RiskScore) -> None:
    row = next(r for r in grid.rows if r.id == "chance")
    for answers in ({}, {"age": 60}, {"age": 60, "sex": "male"}, {"age": 60, "sex": "male", "smoker": None}):
        found = assess_row(grid, row, {score.id: score}, answers)
        assert found.status == "incomplete"
        assert found.figures == {}
        assert {s.id for s in found.missing} == {"age", "sex", "smoker"} - {
            k for k, v in answers.items() if v is not None
        }
    assert assess(score, {"age": 60}).missing_text == "Still to answer: Sex, Smokes."


def test_a_no_is_an_answer_and_gives_figures(grid: OptionGrid, score: RiskScore) -> None:
    # 60, male, not smoking: 1 point (aged 50 to 69) -> the plain score-1 row: 2.5 (2 to 3).
    got = figures(grid, score, {"age": 60, "sex": "male", "smoker": False})
    assert got["wait"] == (2.5, 2.0, 3.0)
    exact, low, high = got["pill"]  # relative risk 0.5 (0.4 to 0.6)
    assert exact == pytest.approx(1.25)
    assert low == pytest.approx(0.8)
    assert high == pytest.approx(1.8)


def test_a_row_for_some_people_is_used_before_the_plain_row(score: RiskScore) -> None:
    # 30, female, not smoking: 1 point (female); the row 'when sex is female' gives 0.5, not 2.5.
    female = compute(score, {"age": 30, "sex": "female", "smoker": False})
    male = compute(score, {"age": 60, "sex": "male", "smoker": False})
    assert (female.total, male.total) == (1, 1)
    assert (female.baseline, male.baseline) == (0.5, 2.5)
    assert (female.row.events_low, female.row.events_high) == (0.2, 0.8)


def test_not_known_gives_the_range_over_every_possible_answer(grid: OptionGrid, score: RiskScore) -> None:
    row = next(r for r in grid.rows if r.id == "chance")
    found = assess_row(grid, row, {score.id: score}, {"age": 60, "sex": "male", "smoker": NOT_KNOWN})
    assert found.status == "range"
    # Not smoking: score 1, 2.5 (2 to 3). Smoking: score 2, 6 (no range given).
    wait = found.figures["wait"]
    assert (wait.low, wait.high) == (2.0, 6.0)
    assert wait.sentence() == "between about 2 and 6 out of 100 will get worse"
    assert found.assumptions == ("Smokes: not known, so the figures cover both Yes and No.",)


def test_not_known_number_and_choice_are_said_plainly(score: RiskScore) -> None:
    found = assess(score, {"age": NOT_KNOWN, "sex": NOT_KNOWN, "smoker": True})
    assert found.status == "range"
    assert found.assumptions == (
        "Age: not known, so the figures cover every value from 18 to 120 years.",
        "Sex: not known, so the figures cover every answer (Female, Male).",
    )
    totals = sorted({r.total for r in found.results})
    assert totals == [1, 2, 3, 4]


def test_answers_that_do_not_fit_get_a_plain_message(score: RiskScore) -> None:
    with pytest.raises(ValueError, match="Smokes: answer Yes, No or Not known"):
        assess(score, {"age": 60, "sex": "male", "smoker": "yes"})
    with pytest.raises(ValueError, match="Age: 150 is outside 18 to 120"):
        assess(score, {"age": 150, "sex": "male", "smoker": False})
    with pytest.raises(ValueError, match="Sex: choose one of the answers"):
        assess(score, {"age": 60, "sex": "other", "smoker": False})


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (1.2, 2.8, "between about 1 and 3 out of 100"),
        (0.2, 0.4, "fewer than 1 out of 100"),
        (0.3, 2.6, "between fewer than 1 and about 3 out of 100"),
        (4.6, 5.4, "about 5 out of 100"),
        (0.0, 0.0, "about 0 out of 100"),
    ],
)
def test_ranges_in_plain_words(low: float, high: float, words: str) -> None:
    assert say_range(low, high, 100) == words


def test_a_figure_without_a_range_reads_as_before(grid: OptionGrid, score: RiskScore) -> None:
    row = next(r for r in grid.rows if r.id == "chance")
    # 30, male, not smoking: 0 points -> 1 out of 100, no range in the table and none for 'none'.
    found = assess_row(grid, row, {score.id: score}, {"age": 30, "sex": "male", "smoker": False})
    wait = found.figures["wait"]
    assert (wait.low, wait.high, wait.is_range) == (None, None, False)
    assert wait.sentence() == "about 1 out of 100 will get worse; about 99 will not"


def test_harm_beside_benefit_untreated_bleeding_below_the_treated_baseline(tmp_path: Path) -> None:
    """A table measured in treated people: the untreated figure is an effect relative to it."""
    text = (
        (GOOD / "example-ranges.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  - id: none\n    label: No treatment\n    relative_risk: 1.0\n",
            "  - id: none\n    label: No treatment (control arms)\n    relative_risk: 0.25\n    low: 0.2\n    high: 0.5\n",
        )
    )
    (tmp_path / "score.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "grid.yaml").write_text((GOOD / "example-personal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    from sdm_desktop.grids.library import load_library

    library = load_library([tmp_path], TODAY)
    assert not library.problems, [f.format() for f in library.findings]
    grid = library.grids[0]
    row = next(r for r in grid.rows if r.id == "chance")
    # 75, male, smoking: 2 + 1 = 3 points -> the [2, 3] row: 6 out of 100 on treatment ('pill' is 0.5 of it).
    found = assess_row(grid, row, library.scores, {"age": 75, "sex": "male", "smoker": True})
    untreated, treated = found.figures["wait"], found.figures["pill"]
    assert untreated.exact == pytest.approx(6 * 0.25) and (untreated.low, untreated.high) == pytest.approx((1.2, 3.0))
    assert treated.exact == pytest.approx(6 * 0.5)
    assert untreated.sentence() == "between about 1 and 3 out of 100 will get worse"
