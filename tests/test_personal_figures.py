"""Personal figures in the AF grid, worked out by hand from the cited effects.

Every expected number here comes from the published figures written out below (with where
each is in its source), not from the YAML: a mistyped rate or effect in a content file makes
a test fail. The hand-rounded people (half up, "fewer than 1" when it rounds to 0) are written
out per profile in the table, so a change in rounding fails too.
"""

from __future__ import annotations

import pytest

from sdm_desktop.grids import risk
from sdm_desktop.grids.library import Library, load_library
from sdm_desktop.grids.model import OptionGrid, Row
from sdm_desktop.paths import SHIPPED_LIBRARY

# Friberg, Rosenqvist, Lip. Eur Heart J 2012;33:1500-10, table of event rates by CHA2DS2-VASc
# score, ischaemic stroke per 100 person-years without anticoagulation.
FRIBERG_2012 = {0: 0.2, 1: 0.6, 2: 2.2, 3: 3.2, 4: 4.8, 5: 7.2, 6: 9.7, 7: 11.2, 8: 10.8, 9: 12.2}
# Friberg, Skeppholm, Terent. JACC 2015;65:225-32, abstract: women whose only point is their sex,
# 0.1 to 0.2 per 100 a year (0.1 for ischaemic stroke only).
FRIBERG_2015_WOMEN_SEX_ONLY = (0.1, 0.1, 0.2)
# Hart, Pearce, Aguilar. Ann Intern Med 2007;146:857-67, abstract: warfarin reduced stroke by 64%
# (95% CI 49% to 74%).
WARFARIN_STROKE_RR = (1 - 0.74, 1 - 0.64, 1 - 0.49)
# Ruff et al. Lancet 2014;383:955-62, figure of efficacy outcomes: ischaemic stroke, DOAC versus
# warfarin, RR 0.92 (0.83 to 1.02).
DOAC_VS_WARFARIN_ISCHAEMIC_STROKE_RR = (0.83, 0.92, 1.02)
# O'Brien et al. Eur Heart J 2015;36:3258-64: major bleeds per 100 patient-years on an
# anticoagulant by ORBIT group: 0-2 low 2.4; 3 medium 4.7; 4-7 high 8.1.
ORBIT_2015 = {0: 2.4, 1: 2.4, 2: 2.4, 3: 4.7, 4: 8.1, 5: 8.1, 6: 8.1, 7: 8.1}
# Ruff et al. 2014, abstract: major bleeding, DOAC versus warfarin, RR 0.86 (0.73 to 1.00).
DOAC_VS_WARFARIN_MAJOR_BLEEDING_RR = (0.73, 0.86, 1.00)
# Segal et al. J Gen Intern Med 2000;15:56-67, abstract: major bleeding, warfarin versus placebo,
# odds ratio 1.90 (0.89 to 4.04). With no blood thinner: the warfarin figure / 1.90. The YAML
# holds 0.53 (1 / 1.90 = 0.526, rounded to two places), so exact figures are compared within 1%.
WARFARIN_VS_NONE_MAJOR_BLEEDING_OR = (0.89, 1.90, 4.04)

Person = dict[str, risk.Value]

# (person, CHA2DS2-VASc total, ORBIT total,
#  stroke people none/warfarin/DOAC, bleed people none/warfarin/DOAC), each worked by hand:
#  stroke: rate, rate x 0.36, rate x 0.36 x 0.92; bleed: rate / 1.90, rate, rate x 0.86.
PROFILES: list[tuple[str, Person, int, int, tuple[int, int, int], tuple[int, int, int]]] = [
    # C 0: 0.2, 0.072, 0.066. O 0: 1.26, 2.4, 2.06.
    ("man 50, nothing else", {"age": 50, "sex": "male"}, 0, 0, (0, 0, 0), (1, 2, 2)),
    # C 1 from sex alone: the Friberg 2015 row, 0.1, 0.036, 0.033.
    ("woman 50, nothing else", {"age": 50, "sex": "female"}, 1, 0, (0, 0, 0), (1, 2, 2)),
    # C 1 (age 65-74): 0.6, 0.216, 0.199.
    ("man 70", {"age": 70, "sex": "male"}, 1, 0, (1, 0, 0), (1, 2, 2)),
    (
        "man 60, high blood pressure",
        {"age": 60, "sex": "male", "high-blood-pressure": True},
        1,
        0,
        (1, 0, 0),
        (1, 2, 2),
    ),
    # C 3 (1+1+1): 3.2, 1.152, 1.060.
    (
        "woman 72, high blood pressure",
        {"age": 72, "sex": "female", "high-blood-pressure": True},
        3,
        0,
        (3, 1, 1),
        (1, 2, 2),
    ),
    # C 5 (2+2+1): 7.2, 2.592, 2.385. O 4 (1+2+1): 4.26, 8.1, 6.97.
    (
        "man 80, past stroke, diabetes, anaemia, kidney disease",
        {
            "age": 80,
            "sex": "male",
            "stroke-or-tia": True,
            "diabetes": True,
            "low-blood-count": True,
            "kidney-disease": True,
        },
        5,
        4,
        (7, 3, 2),
        (4, 8, 7),
    ),
    # C 2 (1+1): 2.2, 0.792, 0.729. O 3 (2+1): 2.47, 4.7, 4.04.
    (
        "woman 68, past bleed, aspirin",
        {"age": 68, "sex": "female", "past-bleeding": True, "antiplatelet": True},
        2,
        3,
        (2, 1, 1),
        (2, 5, 4),
    ),
    # C 2 (age 75+): O 1 (age).
    ("man 76", {"age": 76, "sex": "male"}, 2, 1, (2, 1, 1), (1, 2, 2)),
    ("woman 80", {"age": 80, "sex": "female"}, 3, 1, (3, 1, 1), (1, 2, 2)),
    # C 4 (2+1+1): 4.8, 1.728, 1.590.
    (
        "man 80, heart failure, high blood pressure",
        {"age": 80, "sex": "male", "heart-failure": True, "high-blood-pressure": True},
        4,
        1,
        (5, 2, 2),
        (1, 2, 2),
    ),
    (
        "woman 70, diabetes, artery disease",
        {"age": 70, "sex": "female", "diabetes": True, "vascular-disease": True},
        4,
        0,
        (5, 2, 2),
        (1, 2, 2),
    ),
    ("woman 80, past stroke", {"age": 80, "sex": "female", "stroke-or-tia": True}, 5, 1, (7, 3, 2), (1, 2, 2)),
    # C 6: 9.7, 3.492, 3.213.
    (
        "woman 80, past stroke, heart failure",
        {"age": 80, "sex": "female", "stroke-or-tia": True, "heart-failure": True},
        6,
        1,
        (10, 3, 3),
        (1, 2, 2),
    ),
    # C 7: 11.2, 4.032, 3.709. O 3 (1+2).
    (
        "woman 80, past stroke, heart failure, high blood pressure, anaemia",
        {
            "age": 80,
            "sex": "female",
            "stroke-or-tia": True,
            "heart-failure": True,
            "high-blood-pressure": True,
            "low-blood-count": True,
        },
        7,
        3,
        (11, 4, 4),
        (2, 5, 4),
    ),
    # C 8: 10.8, 3.888, 3.577. O 6 (1+2+2+1).
    (
        "woman 80, four conditions, anaemia, past bleed, kidney disease",
        {
            "age": 80,
            "sex": "female",
            "stroke-or-tia": True,
            "heart-failure": True,
            "high-blood-pressure": True,
            "diabetes": True,
            "low-blood-count": True,
            "past-bleeding": True,
            "kidney-disease": True,
        },
        8,
        6,
        (11, 4, 4),
        (4, 8, 7),
    ),
    # C 9: 12.2, 4.392, 4.041. O 2 (1+1).
    (
        "woman 80, every condition, aspirin",
        {
            "age": 80,
            "sex": "female",
            "stroke-or-tia": True,
            "heart-failure": True,
            "high-blood-pressure": True,
            "diabetes": True,
            "vascular-disease": True,
            "antiplatelet": True,
        },
        9,
        2,
        (12, 4, 4),
        (1, 2, 2),
    ),
    ("man 55, past stroke", {"age": 55, "sex": "male", "stroke-or-tia": True}, 2, 0, (2, 1, 1), (1, 2, 2)),
    (
        "man 66, high blood pressure, diabetes, kidney disease",
        {"age": 66, "sex": "male", "high-blood-pressure": True, "diabetes": True, "kidney-disease": True},
        3,
        1,
        (3, 1, 1),
        (1, 2, 2),
    ),
    # O 3 (2+1): medium.
    (
        "man 60, past bleed, kidney disease",
        {"age": 60, "sex": "male", "past-bleeding": True, "kidney-disease": True},
        0,
        3,
        (0, 0, 0),
        (2, 5, 4),
    ),
    # C 2 (1+1); O 4 (2+2).
    (
        "woman 60, high blood pressure, anaemia, past bleed",
        {"age": 60, "sex": "female", "high-blood-pressure": True, "low-blood-count": True, "past-bleeding": True},
        2,
        4,
        (2, 1, 1),
        (4, 8, 7),
    ),
    # C 8 (1+1+2+1+1+2); O 2 (1+1).
    (
        "man 90, five conditions, aspirin",
        {
            "age": 90,
            "sex": "male",
            "heart-failure": True,
            "high-blood-pressure": True,
            "diabetes": True,
            "vascular-disease": True,
            "stroke-or-tia": True,
            "antiplatelet": True,
        },
        8,
        2,
        (11, 4, 4),
        (1, 2, 2),
    ),
    (
        "man 74, artery disease, aspirin, kidney disease",
        {"age": 74, "sex": "male", "vascular-disease": True, "antiplatelet": True, "kidney-disease": True},
        2,
        2,
        (2, 1, 1),
        (1, 2, 2),
    ),
    # C 5 (1+1+1+2); O 4 (2+1+1).
    (
        "woman 66, heart failure, past stroke, anaemia, kidney disease, aspirin",
        {
            "age": 66,
            "sex": "female",
            "heart-failure": True,
            "stroke-or-tia": True,
            "low-blood-count": True,
            "kidney-disease": True,
            "antiplatelet": True,
        },
        5,
        4,
        (7, 3, 2),
        (4, 8, 7),
    ),
]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([SHIPPED_LIBRARY])


@pytest.fixture(scope="module")
def af_grid(library: Library) -> OptionGrid:
    grid = library.by_id()["af-anticoagulation"]
    assert isinstance(grid, OptionGrid)
    return grid


def _row(grid: OptionGrid, row_id: str) -> Row:
    return next(r for r in grid.rows if r.id == row_id)


def _ids(profile: tuple[str, Person, int, int, tuple[int, int, int], tuple[int, int, int]]) -> str:
    return profile[0]


def test_there_are_at_least_twenty_profiles() -> None:
    assert len(PROFILES) >= 20
    assert len({name for name, *_ in PROFILES}) == len(PROFILES)


@pytest.mark.parametrize("profile", PROFILES, ids=_ids)
def test_scores_are_as_worked_by_hand(
    library: Library, profile: tuple[str, Person, int, int, tuple[int, int, int], tuple[int, int, int]]
) -> None:
    _name, person, chads_total, orbit_total, _stroke, _bleed = profile
    assert risk.compute(library.scores["cha2ds2-vasc"], person).total == chads_total
    assert risk.compute(library.scores["orbit-bleeding"], person).total == orbit_total


@pytest.mark.parametrize("profile", PROFILES, ids=_ids)
def test_stroke_figures(
    library: Library,
    af_grid: OptionGrid,
    profile: tuple[str, Person, int, int, tuple[int, int, int], tuple[int, int, int]],
) -> None:
    _name, person, chads_total, _orbit_total, people, _bleed = profile
    figures = risk.row_figures(af_grid, _row(af_grid, "stroke"), library.scores, person)
    women_sex_only = person.get("sex") == "female" and chads_total == 1
    rate = FRIBERG_2015_WOMEN_SEX_ONLY if women_sex_only else (FRIBERG_2012[chads_total],) * 3
    warfarin, doac = WARFARIN_STROKE_RR, DOAC_VS_WARFARIN_ISCHAEMIC_STROKE_RR
    # (low, point, high): the low ends multiply together, and the high ends.
    expected = {
        "none": rate,
        "warfarin": tuple(rate[i] * warfarin[i] for i in range(3)),
        "doac": tuple(rate[i] * warfarin[i] * doac[i] for i in range(3)),
    }
    assert set(figures) == set(expected)
    for option, (low, exact, high) in expected.items():
        assert figures[option].exact == pytest.approx(exact)
        if low == exact == high:
            assert figures[option].low is None and figures[option].high is None
        else:
            assert (figures[option].low, figures[option].high) == (pytest.approx(low), pytest.approx(high))
        assert figures[option].denominator == 100
        assert str(figures[option].time_frame) == "1 year"
    assert (figures["none"].events, figures["warfarin"].events, figures["doac"].events) == people


@pytest.mark.parametrize("profile", PROFILES, ids=_ids)
def test_bleeding_figures_with_and_without_a_blood_thinner(
    library: Library,
    af_grid: OptionGrid,
    profile: tuple[str, Person, int, int, tuple[int, int, int], tuple[int, int, int]],
) -> None:
    _name, person, _chads_total, orbit_total, _stroke, people = profile
    figures = risk.row_figures(af_grid, _row(af_grid, "bleeding"), library.scores, person)
    on_warfarin = ORBIT_2015[orbit_total]
    doac, odds = DOAC_VS_WARFARIN_MAJOR_BLEEDING_RR, WARFARIN_VS_NONE_MAJOR_BLEEDING_OR
    assert set(figures) == {"none", "warfarin", "doac"}
    assert figures["warfarin"].exact == pytest.approx(on_warfarin)
    assert figures["warfarin"].low is None and figures["warfarin"].high is None
    assert figures["doac"].exact == pytest.approx(on_warfarin * doac[1])
    assert (figures["doac"].low, figures["doac"].high) == (
        pytest.approx(on_warfarin * doac[0]),
        pytest.approx(on_warfarin * doac[2]),
    )
    # No blood thinner = the warfarin figure / the odds ratio; the low end uses the high odds ratio.
    assert figures["none"].exact == pytest.approx(on_warfarin / odds[1], rel=0.01)
    assert (figures["none"].low, figures["none"].high) == (
        pytest.approx(on_warfarin / odds[2], rel=0.01),
        pytest.approx(on_warfarin / odds[0], rel=0.01),
    )
    assert (figures["none"].events, figures["warfarin"].events, figures["doac"].events) == people


def test_the_rise_in_bleeding_shows_beside_the_fall_in_strokes(library: Library, af_grid: OptionGrid) -> None:
    # Man of 80 with past stroke, diabetes, anaemia and kidney disease (CHA2DS2-VASc 5, ORBIT 4).
    person = next(p for name, p, *_ in PROFILES if name.startswith("man 80, past stroke"))
    stroke = risk.row_figures(af_grid, _row(af_grid, "stroke"), library.scores, person)
    bleed = risk.row_figures(af_grid, _row(af_grid, "bleeding"), library.scores, person)
    # Stroke: 7.2 with none; warfarin 7.2 x 0.26 = 1.9 to 7.2 x 0.51 = 3.7.
    assert stroke["none"].sentence() == "about 7 out of 100 will have a stroke caused by a clot; about 93 will not"
    assert stroke["warfarin"].sentence() == "between about 2 and 4 out of 100 will have a stroke caused by a clot"
    # Bleeding: 8.1 on warfarin; none 8.1 / 4.04 = 2.0 to 8.1 / 0.89 = 9.1.
    assert bleed["warfarin"].sentence() == "about 8 out of 100 will have a serious bleed; about 92 will not"
    assert bleed["none"].sentence() == "between about 2 and 9 out of 100 will have a serious bleed"
