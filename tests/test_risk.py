"""Points-based scores and personal figures, on a small synthetic score."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sdm_desktop.grids.library import load_file
from sdm_desktop.grids.model import RiskScore
from sdm_desktop.grids.risk import MissingInput, about, compute, possible_totals, relative_risk

GOOD = Path(__file__).parent / "data" / "good"


@pytest.fixture(scope="module")
def score() -> RiskScore:
    loaded = load_file(GOOD / "example-score.yaml", dt.date(2026, 11, 24))
    assert isinstance(loaded.document, RiskScore)
    return loaded.document


@pytest.mark.parametrize(
    ("values", "total", "events"),
    [
        ({"age": 40, "sex": "male"}, 0, 1),
        ({"age": 49.9, "sex": "female"}, 1, 2.5),
        ({"age": 50, "sex": "male"}, 1, 2.5),
        ({"age": 69, "sex": "female", "smoker": True}, 3, 6),
        ({"age": 70, "sex": "male"}, 2, 6),
        ({"age": 70, "sex": "female", "smoker": True}, 4, 12),
    ],
)
def test_totals_and_table_rows(score: RiskScore, values: dict[str, object], total: int, events: float) -> None:
    result = compute(score, values)  # type: ignore[arg-type]
    assert result.total == total
    assert result.baseline == events


def test_age_bands_exclude_each_other(score: RiskScore) -> None:
    assert possible_totals(score) == {0, 1, 2, 3, 4}
    assert score.max_score == 5  # the naive sum, which no one can reach


def test_chained_effects_multiply(score: RiskScore) -> None:
    assert relative_risk(score, "none") == 1.0
    assert relative_risk(score, "pill") == 0.5
    assert relative_risk(score, "better-pill") == pytest.approx(0.4)


def test_missing_number_is_reported(score: RiskScore) -> None:
    with pytest.raises(MissingInput) as exc:
        compute(score, {"sex": "male"})
    assert exc.value.input.id == "age"


def test_out_of_range_number_is_refused(score: RiskScore) -> None:
    with pytest.raises(ValueError, match="outside"):
        compute(score, {"age": 130, "sex": "male"})


@pytest.mark.parametrize(("exact", "shown"), [(0.4, 0), (0.5, 1), (2.49, 2), (2.5, 3), (11.2, 11)])
def test_about_rounds_half_up(exact: float, shown: int) -> None:
    assert about(exact) == shown


def test_personal_figures_for_a_linked_grid(tmp_path: Path) -> None:
    from sdm_desktop.grids.library import load_library
    from sdm_desktop.grids.risk import row_figures

    (tmp_path / "score.yaml").write_text((GOOD / "example-score.yaml").read_text())
    grid = (
        (GOOD / "example-grid.yaml")
        .read_text()
        .replace(
            "      figures:\n        wait: {events: 10}\n        pill: {events: 5}\n",
            "      from_score: {score: example-score, effects: {wait: none, pill: better-pill}}\n",
        )
        .replace(
            "rows:\n",
            "not_for:\n  - {who: People in a made-up group, reason: Not studied., evidence: [made-up]}\nrows:\n",
            1,
        )
    )
    (tmp_path / "grid.yaml").write_text(grid)
    library = load_library([tmp_path], dt.date(2026, 11, 24))
    assert not library.problems, [f.format() for f in library.findings]
    (g,) = library.grids
    row = next(r for r in g.rows if r.risk)
    figures = row_figures(g, row, library.scores, {"age": 75, "sex": "female", "smoker": True})
    assert figures["wait"].exact == 12 and figures["wait"].events == 12
    assert figures["pill"].exact == pytest.approx(12 * 0.5 * 0.8)
    assert figures["pill"].events == 5
    assert figures["pill"].sentence() == "about 5 out of 100 will get worse; about 95 will not"
    typical = row_figures(g, row, library.scores)
    assert typical == {}  # no typical figures written for this row
