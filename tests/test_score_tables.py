"""Every row of every shipped score table, reproduced from the paper's table.

The figures below are written out from the sources (with the table or section they are in),
not read from the YAML. Each YAML row must be one of them, and each of them must be in the
YAML: a row added, dropped or mistyped in a content file makes a test fail.
"""

from __future__ import annotations

import pytest

from sdm_desktop.grids.library import Library, load_library
from sdm_desktop.grids.model import Condition, RiskScore, TableRow
from sdm_desktop.paths import SHIPPED_LIBRARY

# (score range low, high, condition as text or None) -> (events, events_low, events_high, band)
Key = tuple[int, int, str | None]
Expected = tuple[float, float | None, float | None, str | None]

PUBLISHED: dict[str, dict[Key, Expected]] = {
    # Friberg, Rosenqvist, Lip. Eur Heart J 2012;33:1500-10: table of event rates by
    # CHA2DS2-VASc score in patients without anticoagulation, ischaemic stroke per 100
    # person-years (secondary copies; see docs/content-review.md row 1).
    # Friberg, Skeppholm, Terent. JACC 2015;65:225-32, abstract (Results): women with a score
    # of 1 (their sex only), 0.1% to 0.2% a year depending on the definition of stroke.
    "cha2ds2-vasc": {
        (0, 0, None): (0.2, None, None, None),
        (1, 1, None): (0.6, None, None, None),
        (1, 1, "sex equals female"): (0.1, 0.1, 0.2, None),
        (2, 2, None): (2.2, None, None, None),
        (3, 3, None): (3.2, None, None, None),
        (4, 4, None): (4.8, None, None, None),
        (5, 5, None): (7.2, None, None, None),
        (6, 6, None): (9.7, None, None, None),
        (7, 7, None): (11.2, None, None, None),
        (8, 8, None): (10.8, None, None, None),
        (9, 9, None): (12.2, None, None, None),
    },
    # O'Brien et al. Eur Heart J 2015;36:3258-64: major bleeds per 100 patient-years in
    # ORBIT-AF by risk group: low (0-2) 2.4, medium (3) 4.7, high (4-7) 8.1.
    "orbit-bleeding": {
        (0, 2, None): (2.4, None, None, "low"),
        (3, 3, None): (4.7, None, None, "medium"),
        (4, 7, None): (8.1, None, None, "high"),
    },
}


def _describe(condition: Condition | None) -> str | None:
    if condition is None:
        return None
    assert condition.input is not None and condition.equals is not None, "only 'equals' rows are shipped"
    return f"{condition.input} equals {condition.equals}"


def _key(row: TableRow) -> Key:
    return (row.low, row.high, _describe(row.when))


def _value(row: TableRow) -> Expected:
    return (row.events, row.events_low, row.events_high, None if row.band is None else str(row.band))


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([SHIPPED_LIBRARY])


def test_every_shipped_score_has_its_published_table(library: Library) -> None:
    with_tables = {sid for sid, score in library.scores.items() if score.table is not None}
    assert with_tables == set(PUBLISHED)


@pytest.mark.parametrize("score_id", sorted(PUBLISHED))
def test_table_rows_are_the_published_rows(library: Library, score_id: str) -> None:
    score: RiskScore = library.scores[score_id]
    assert score.table is not None
    shipped = {_key(row): _value(row) for row in score.table.rows}
    assert len(shipped) == len(score.table.rows), "two rows for the same scores and condition"
    assert shipped == PUBLISHED[score_id]


@pytest.mark.parametrize("score_id", sorted(PUBLISHED))
def test_every_conditional_row_has_a_plain_row_for_its_scores(library: Library, score_id: str) -> None:
    score = library.scores[score_id]
    assert score.table is not None
    plain = {(row.low, row.high) for row in score.table.rows if row.when is None}
    for row in score.table.rows:
        if row.when is not None:
            assert (row.low, row.high) in plain


@pytest.mark.parametrize("score_id", sorted(PUBLISHED))
def test_table_cites_its_sources(library: Library, score_id: str) -> None:
    score = library.scores[score_id]
    assert score.table is not None
    cited = set(score.table.evidence)
    expected = {"cha2ds2-vasc": {"friberg-2012", "friberg-2015"}, "orbit-bleeding": {"obrien-2015"}}[score_id]
    assert cited == expected
