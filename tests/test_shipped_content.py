"""The shipped content in option_grids/: it validates, and its numbers match the published sources.

Every expected figure below is written out from the paper it comes from (see
docs/content-review.md), not read from the YAML, so a mistyped figure in a
content file makes a test fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sdm_desktop.grids import risk
from sdm_desktop.grids.findings import Severity
from sdm_desktop.grids.library import Library, discover, load_data, load_library
from sdm_desktop.grids.locked import wording_hash
from sdm_desktop.grids.model import OptionGrid, PromptSet, RiskScore, Row
from sdm_desktop.paths import SHIPPED_LIBRARY

# Files this suite owns the wording and numbers of: they must also be free of warnings.
OWN_FILES = (
    "af-anticoagulation.yaml",
    "cha2ds2-vasc.yaml",
    "orbit-bleeding.yaml",
    "bran.yaml",
    "ask-3-questions.yaml",
    "sure-test.yaml",
    "collaborate.yaml",
)

# Friberg, Rosenqvist, Lip. Eur Heart J 2012;33:1500-10. Ischaemic stroke per 100
# person-years without anticoagulation, by CHA2DS2-VASc score 0..9.
FRIBERG_2012 = {0: 0.2, 1: 0.6, 2: 2.2, 3: 3.2, 4: 4.8, 5: 7.2, 6: 9.7, 7: 11.2, 8: 10.8, 9: 12.2}
# Hart, Pearce, Aguilar. Ann Intern Med 2007;146:857-67: adjusted-dose warfarin reduced stroke by 64%.
HART_2007_WARFARIN_RR = 1 - 0.64
# Ruff et al. Lancet 2014;383:955-62, DOAC versus warfarin: ischaemic stroke (the row's outcome,
# not stroke or systemic embolism) and major bleeding.
RUFF_2014_STROKE_RR = 0.92
RUFF_2014_MAJOR_BLEEDING_RR = 0.86
# Segal et al. J Gen Intern Med 2000;15:56-67, abstract: warfarin versus placebo, major bleeding
# odds ratio 1.90. No blood thinner = the warfarin figure / 1.90.
SEGAL_2000_WARFARIN_BLEEDING_OR = 1.90
# O'Brien et al. Eur Heart J 2015;36:3258-64. Major bleeds per 100 patient-years by ORBIT score.
ORBIT_BANDS = {
    0: ("low", 2.4),
    1: ("low", 2.4),
    2: ("low", 2.4),
    3: ("medium", 4.7),
    4: ("high", 8.1),
    5: ("high", 8.1),
    6: ("high", 8.1),
    7: ("high", 8.1),
}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([SHIPPED_LIBRARY])


@pytest.fixture(scope="module")
def af_grid(library: Library) -> OptionGrid:
    grid = library.by_id()["af-anticoagulation"]
    assert isinstance(grid, OptionGrid)
    return grid


@pytest.fixture(scope="module")
def chads(library: Library) -> RiskScore:
    return library.scores["cha2ds2-vasc"]


@pytest.fixture(scope="module")
def orbit(library: Library) -> RiskScore:
    return library.scores["orbit-bleeding"]


# -- every shipped file validates -------------------------------------------------------

SHIPPED_FILES = discover([SHIPPED_LIBRARY])


def test_own_files_are_shipped() -> None:
    names = {p.name for p in SHIPPED_FILES}
    assert set(OWN_FILES) <= names


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.name)
def test_shipped_file_has_no_errors(library: Library, path: Path) -> None:
    loaded = library.file_for(str(path))
    assert loaded is not None
    errors = [f"{f.line}:{f.column} {f.message} [{f.rule}]" for f in loaded.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert loaded.document is not None


@pytest.mark.parametrize("name", OWN_FILES)
def test_own_file_has_no_warnings(library: Library, name: str) -> None:
    loaded = library.file_for(str(SHIPPED_LIBRARY / name))
    assert loaded is not None
    assert [f"{f.line}:{f.column} {f.message}" for f in loaded.findings] == []


# -- the scores reproduce their published tables ---------------------------------------

# One person per CHA2DS2-VASc total, with the total worked out by hand from the
# published points (heart failure 1, high blood pressure 1, age 75+ 2, diabetes 1,
# stroke/TIA/clot 2, vascular disease 1, age 65-74 1, female 1).
CHADS_PEOPLE: dict[int, dict[str, risk.Value]] = {
    0: {"age": 40, "sex": "male"},
    1: {"age": 40, "sex": "male", "high-blood-pressure": True},
    2: {"age": 70, "sex": "male", "high-blood-pressure": True},
    3: {"age": 70, "sex": "female", "diabetes": True},
    4: {"age": 80, "sex": "male", "stroke-or-tia": True},
    5: {"age": 80, "sex": "female", "stroke-or-tia": True},
    6: {"age": 80, "sex": "female", "stroke-or-tia": True, "heart-failure": True},
    7: {"age": 80, "sex": "female", "stroke-or-tia": True, "heart-failure": True, "high-blood-pressure": True},
    8: {
        "age": 80,
        "sex": "female",
        "stroke-or-tia": True,
        "heart-failure": True,
        "high-blood-pressure": True,
        "diabetes": True,
    },
    9: {
        "age": 80,
        "sex": "female",
        "stroke-or-tia": True,
        "heart-failure": True,
        "high-blood-pressure": True,
        "diabetes": True,
        "vascular-disease": True,
    },
}


@pytest.mark.parametrize("total", sorted(FRIBERG_2012))
def test_cha2ds2_vasc_reproduces_friberg_table(chads: RiskScore, total: int) -> None:
    result = risk.compute(chads, CHADS_PEOPLE[total])
    assert result.total == total
    assert result.baseline == FRIBERG_2012[total]


# Friberg, Skeppholm, Terent. JACC 2015;65:225-32, abstract (Results): women whose only point
# is their sex, 0.1% to 0.2% a year depending on the stroke definition (0.1 ischaemic only).
FRIBERG_2015_WOMEN_SEX_ONLY = (0.1, 0.1, 0.2)


@pytest.mark.parametrize("age", [18, 40, 64])
def test_cha2ds2_vasc_women_whose_only_point_is_sex(chads: RiskScore, age: int) -> None:
    result = risk.compute(chads, {"age": age, "sex": "female"})
    assert result.total == 1
    events, low, high = FRIBERG_2015_WOMEN_SEX_ONLY
    assert (result.row.events, result.row.events_low, result.row.events_high) == (events, low, high)
    # A man with a score of 1 keeps the pooled Friberg 2012 figure.
    assert risk.compute(chads, {"age": age, "sex": "male", "diabetes": True}).baseline == FRIBERG_2012[1]


def test_nice_ng196_no_anticoagulation_statement_is_shown(library: Library, af_grid: OptionGrid) -> None:
    whos = [str(n.who) for n in af_grid.not_for]
    assert any("under 65" in w and "0 for men, 1 for women" in w for w in whos)
    nice = next(n for n in af_grid.not_for if "under 65" in str(n.who))
    assert "NICE" in str(nice.reason) and "nice-ng196" in nice.evidence


def test_af_grid_is_not_for_pregnancy_with_its_sources(af_grid: OptionGrid) -> None:
    pregnancy = [n for n in af_grid.not_for if "pregnan" in str(n.who).lower()]
    assert len(pregnancy) == 1
    reason = str(pregnancy[0].reason)
    assert "Warfarin" in reason and "DOAC" in reason
    assert {"uktis-warfarin", "rivaroxaban-smpc"} <= set(pregnancy[0].evidence)


@pytest.mark.parametrize("doc_id", ["af-anticoagulation", "cha2ds2-vasc", "orbit-bleeding"])
def test_af_documents_say_who_they_are_not_for(library: Library, doc_id: str) -> None:
    doc = library.by_id()[doc_id]
    assert isinstance(doc, (OptionGrid, RiskScore))
    text = " ".join(str(n.who) for n in doc.not_for).lower()
    assert "mechanical heart valve" in text and "mitral" in text
    for entry in doc.not_for:
        assert entry.evidence and all(e in {ev.id for ev in doc.evidence} for e in entry.evidence)


def test_cha2ds2_vasc_covers_every_published_score(chads: RiskScore) -> None:
    assert risk.possible_totals(chads) == set(FRIBERG_2012)
    assert chads.table is not None
    assert chads.table.denominator == 100 and str(chads.table.time_frame) == "1 year"


@pytest.mark.parametrize(("age", "points"), [(64, 0), (65, 1), (74, 1), (74.9, 1), (75, 2), (95, 2)])
def test_cha2ds2_vasc_age_bands(chads: RiskScore, age: float, points: int) -> None:
    assert risk.compute(chads, {"age": age, "sex": "male"}).total == points


# One person per ORBIT total, from the published points (age 75+ 1, low haemoglobin
# or anaemia 2, bleeding history 2, eGFR below 60 1, antiplatelet 1).
ORBIT_PEOPLE: dict[int, dict[str, risk.Value]] = {
    0: {"age": 60},
    1: {"age": 80},
    2: {"age": 60, "low-blood-count": True},
    3: {"age": 80, "low-blood-count": True},
    4: {"age": 60, "low-blood-count": True, "past-bleeding": True},
    5: {"age": 60, "low-blood-count": True, "past-bleeding": True, "kidney-disease": True},
    6: {"age": 60, "low-blood-count": True, "past-bleeding": True, "kidney-disease": True, "antiplatelet": True},
    7: {"age": 80, "low-blood-count": True, "past-bleeding": True, "kidney-disease": True, "antiplatelet": True},
}


@pytest.mark.parametrize("total", sorted(ORBIT_BANDS))
def test_orbit_reproduces_published_bands(orbit: RiskScore, total: int) -> None:
    result = risk.compute(orbit, ORBIT_PEOPLE[total])
    band, events = ORBIT_BANDS[total]
    assert result.total == total
    assert result.baseline == events
    assert result.row.band is not None and str(result.row.band) == band


def test_orbit_covers_every_published_score(orbit: RiskScore) -> None:
    assert risk.possible_totals(orbit) == set(ORBIT_BANDS)


def test_published_relative_effects(chads: RiskScore, orbit: RiskScore) -> None:
    assert risk.relative_risk(chads, "untreated") == 1.0
    assert risk.relative_risk(chads, "warfarin") == pytest.approx(HART_2007_WARFARIN_RR)
    assert risk.relative_risk(chads, "doac") == pytest.approx(HART_2007_WARFARIN_RR * RUFF_2014_STROKE_RR)
    assert risk.relative_risk(orbit, "warfarin") == 1.0
    assert risk.relative_risk(orbit, "doac") == pytest.approx(RUFF_2014_MAJOR_BLEEDING_RR)
    assert risk.relative_risk(orbit, "untreated") == pytest.approx(1 / SEGAL_2000_WARFARIN_BLEEDING_OR, abs=0.005)


def test_shared_inputs_mean_the_same(chads: RiskScore, orbit: RiskScore) -> None:
    a = {i.id: i for i in chads.inputs}
    b = {i.id: i for i in orbit.inputs}
    shared = set(a) & set(b)
    assert shared == {"age"}
    for name in shared:
        assert (a[name].type, a[name].minimum, a[name].maximum, a[name].unit) == (
            b[name].type,
            b[name].minimum,
            b[name].maximum,
            b[name].unit,
        )


# -- personal figures in the AF grid ------------------------------------------------------


def _row(grid: OptionGrid, row_id: str) -> Row:
    return next(r for r in grid.rows if r.id == row_id)


# Personal figures for 22 people, worked by hand from the cited effects: tests/test_personal_figures.py.
def test_af_grid_sentences_for_a_low_risk_person(library: Library, af_grid: OptionGrid) -> None:
    figures = risk.row_figures(af_grid, _row(af_grid, "stroke"), library.scores, {"age": 50, "sex": "male"})
    assert figures["none"].fewer_than_one
    assert (
        figures["none"].sentence() == "fewer than 1 out of 100 will have a stroke caused by a clot; almost all will not"
    )
    older = risk.row_figures(af_grid, _row(af_grid, "stroke"), library.scores, CHADS_PEOPLE[9])
    assert older["none"].sentence() == "about 12 out of 100 will have a stroke caused by a clot; about 88 will not"


def test_af_grid_bleeding_row_shows_no_blood_thinner_beside_treatment(af_grid: OptionGrid) -> None:
    row = _row(af_grid, "bleeding")
    assert row.risk is not None and row.risk.from_score is not None
    # The harm of treatment is shown beside the benefit: a cited figure for no blood thinner.
    assert row.risk.from_score.effects == {"none": "untreated", "warfarin": "warfarin", "doac": "doac"}
    assert "segal-2000" in row.risk.evidence


def test_af_grid_asks_score_inputs_in_order(af_grid: OptionGrid, chads: RiskScore, orbit: RiskScore) -> None:
    asked = af_grid.personalise_inputs
    assert asked[:2] == ("age", "sex")
    assert set(asked) == {i.id for i in chads.inputs} | {i.id for i in orbit.inputs}
    assert len(asked) == len(set(asked))


def test_af_grid_does_not_offer_aspirin(af_grid: OptionGrid) -> None:
    assert [str(n.name) for n in af_grid.not_offered] == ["Aspirin on its own"]
    assert {"nice-ng196", "hart-2007"} <= set(af_grid.not_offered[0].evidence)


def test_af_grid_is_marked_not_clinically_reviewed(af_grid: OptionGrid) -> None:
    assert af_grid.metadata.sign_off_status == "not_reviewed"
    assert "must not be used with patients" in (af_grid.metadata.sign_off_note or "")


# -- published question wording ---------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_id", "published"),
    [
        # Choosing Wisely UK (Academy of Medical Royal Colleges).
        (
            "bran",
            ["What are the Benefits?", "What are the Risks?", "What are the Alternatives?", "What if I do Nothing?"],
        ),
        # Ask 3 Questions (MAGIC; after Shepherd et al. 2011).
        (
            "ask-3-questions",
            [
                "What are my options?",
                "What are the pros and cons of each option for me?",
                "How do I get support to help me make a decision that is right for me?",
            ],
        ),
        # SURE test (Légaré et al. 2010, Table 1).
        (
            "sure-test",
            [
                "Do you feel SURE about the best choice for you?",
                "Do you know the benefits and risks of each option?",
                "Are you clear about which benefits and risks matter most to you?",
                "Do you have enough support and advice to make a choice?",
            ],
        ),
        # CollaboRATE (Elwyn et al. 2013).
        (
            "collaborate",
            [
                "How much effort was made to help you understand your health issues?",
                "How much effort was made to listen to the things that matter most to you about your health issues?",
                "How much effort was made to include what matters most to you in choosing what to do next?",
            ],
        ),
    ],
)
def test_prompt_wording_is_as_published(library: Library, doc_id: str, published: list[str]) -> None:
    doc = library.by_id()[doc_id]
    assert isinstance(doc, PromptSet)
    assert [str(p.text) for p in doc.prompts] == published


def test_measure_scales(library: Library) -> None:
    sure = library.by_id()["sure-test"]
    collaborate = library.by_id()["collaborate"]
    assert isinstance(sure, PromptSet) and isinstance(collaborate, PromptSet)
    assert [(a.value, str(a.label)) for a in sure.answers] == [(1, "Yes"), (0, "No")]
    assert sure.flag_at_or_below == 3
    assert sure.flagged(sure.total({"sure": 1, "understand": 1, "risk-benefit": 1, "encouragement": 0}))
    assert not sure.flagged(sure.total({"sure": 1, "understand": 1, "risk-benefit": 1, "encouragement": 1}))
    assert [(a.value, str(a.label)) for a in collaborate.answers] == [
        (0, "No effort was made"),
        (1, "A little effort was made"),
        (2, "Some effort was made"),
        (3, "A lot of effort was made"),
        (4, "Every effort was made"),
    ]


# -- locked measures refuse edited wording -----------------------------------------------


def _edited(name: str, old: str, new: str) -> bytes:
    text = (SHIPPED_LIBRARY / name).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def _locked_errors(data: bytes, name: str) -> list[str]:
    loaded = load_data(data, str(SHIPPED_LIBRARY / name))
    assert not loaded.ok
    return [f.rule for f in loaded.findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("sure-test.yaml", "Do you feel SURE about", "Do you feel sure about"),
        ("sure-test.yaml", "matter most to you?", "matter to you most?"),
        ("sure-test.yaml", '{value: 1, label: "Yes"}', '{value: 1, label: "Yes, I do"}'),
        ("collaborate.yaml", "Every effort was made", "Great effort was made"),
        ("collaborate.yaml", "choosing what to do next?", "deciding what to do next?"),
    ],
)
def test_locked_measure_refuses_edited_wording(name: str, old: str, new: str) -> None:
    assert "locked-wording" in _locked_errors(_edited(name, old, new), name)


def test_locked_measure_refuses_edit_even_with_a_matching_hash() -> None:
    """Updating the file's own hash does not help: the published wording is pinned in code."""
    data = _edited("sure-test.yaml", "Do you feel SURE about", "Do you feel sure about")
    loaded = load_data(data, "edited.yaml", run_lint=False)
    assert isinstance(loaded.document, PromptSet)
    doc = loaded.document
    new_hash = wording_hash(
        ((p.id, p.text.values) for p in doc.prompts), ((a.value, a.label.values) for a in doc.answers)
    )
    assert doc.wording_sha256 is not None and new_hash != doc.wording_sha256
    rehashed = data.decode("utf-8").replace(doc.wording_sha256, new_hash).encode("utf-8")
    assert "locked-wording" in _locked_errors(rehashed, "sure-test.yaml")


def test_locked_measure_cannot_be_unlocked() -> None:
    data = _edited("sure-test.yaml", "locked: true", "locked: false")
    assert "locked-wording" in _locked_errors(data, "sure-test.yaml")
