"""The shipped grids for knee osteoarthritis, prostate enlargement, early breast cancer
surgery and COPD: each must load cleanly and meet the content standard."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sdm_desktop.grids.findings import Severity
from sdm_desktop.grids.library import LoadedFile, load_file
from sdm_desktop.grids.model import OptionGrid, Text

PROJECT = Path(__file__).resolve().parent.parent
GRIDS = PROJECT / "option_grids"
REVIEW = PROJECT / "docs" / "content-review.md"
NAMES = (
    "knee-osteoarthritis",
    "benign-prostate-enlargement",
    "early-breast-cancer-surgery",
    "copd-self-management",
)
# A day inside the review period, so the date rules neither pass nor fail by accident.
TODAY = dt.date(2027, 1, 15)


@pytest.fixture(scope="module", params=NAMES)
def loaded(request: pytest.FixtureRequest) -> LoadedFile:
    return load_file(GRIDS / f"{request.param}.yaml", today=TODAY)


@pytest.fixture(scope="module")
def grid(loaded: LoadedFile) -> OptionGrid:
    assert isinstance(loaded.document, OptionGrid), [f.format() for f in loaded.findings]
    return loaded.document


def all_texts(g: OptionGrid) -> Iterator[Text]:
    yield g.title
    yield g.decision
    yield g.condition
    if g.no_do_nothing_reason is not None:
        yield g.no_do_nothing_reason
    for o in g.options:
        yield o.name
        if o.summary is not None:
            yield o.summary
    for n in g.not_offered:
        yield n.name
        yield n.reason
    for c in g.considerations:
        yield c.text
    for r in g.rows:
        yield r.question
        for cell in r.cells.values():
            yield cell.text
        if r.risk is not None:
            yield r.risk.outcome
            if r.risk.uncertainty is not None:
                yield r.risk.uncertainty


def test_loads_with_no_errors_and_no_warnings(loaded: LoadedFile) -> None:
    errors = [f.format() for f in loaded.findings if f.severity is Severity.ERROR]
    warnings = [f.format() for f in loaded.findings if f.severity is Severity.WARNING]
    assert errors == []
    assert warnings == []


def test_has_seven_to_ten_rows(grid: OptionGrid) -> None:
    assert 7 <= len(grid.rows) <= 10


def test_every_row_has_a_cell_for_every_option(grid: OptionGrid) -> None:
    option_ids = {o.id for o in grid.options}
    for row in grid.rows:
        assert set(row.cells) == option_ids, row.id


def test_every_cell_cites_known_evidence(grid: OptionGrid) -> None:
    known = set(grid.evidence_by_id)
    for row in grid.rows:
        for cell in row.cells.values():
            assert cell.evidence, f"{row.id}/{cell.option_id} cites nothing"
            assert set(cell.evidence) <= known


def test_every_evidence_entry_is_cited_and_says_where(grid: OptionGrid) -> None:
    cited: set[str] = set()
    for row in grid.rows:
        for cell in row.cells.values():
            cited.update(cell.evidence)
        if row.risk is not None:
            cited.update(row.risk.evidence)
    for n in grid.not_offered:
        cited.update(n.evidence)
    for who in grid.not_for:
        cited.update(who.evidence)
    for e in grid.evidence:
        assert e.id in cited, f"evidence '{e.id}' is listed but never cited"
        assert e.note, f"evidence '{e.id}' has no note saying where its figures are"
        assert e.link is not None and e.link.startswith("https://")


def test_says_who_it_is_not_for_with_known_sources(grid: OptionGrid) -> None:
    assert grid.not_for, f"{grid.id} says nobody it is not for"
    known = set(grid.evidence_by_id)
    for entry in grid.not_for:
        assert str(entry.who).strip() and str(entry.reason).strip()
        assert entry.evidence and set(entry.evidence) <= known, entry.evidence


def test_risk_rows_have_one_denominator_and_one_time_frame(grid: OptionGrid) -> None:
    option_ids = {o.id for o in grid.options}
    for row in grid.rows:
        if row.risk is None:
            continue
        figures = row.risk.figures
        assert set(figures) == option_ids, f"{row.id}: a figure for every option"
        assert len({f.denominator for f in figures.values()}) == 1, row.id
        assert len({str(f.time_frame) for f in figures.values()}) == 1, row.id


def test_figures_match_the_cell_text(grid: OptionGrid) -> None:
    for row in grid.rows:
        if row.risk is None:
            continue
        for option_id, figure in row.risk.figures.items():
            text = str(row.cells[option_id].text)
            events = f"{figure.events:g}"
            pattern = rf"\babout {re.escape(events)} out of {figure.denominator}\b"
            assert re.search(pattern, text, re.I), (
                f"{row.id}/{option_id}: '{text}' lacks 'about {events} out of {figure.denominator}'"
            )
            rest = figure.denominator - figure.events
            assert f"{rest:g} out of {figure.denominator}" in text, (
                f"{row.id}/{option_id}: give the other side too ('{rest:g} out of {figure.denominator}')"
            )


def test_numbers_in_cells_only_appear_in_risk_rows(grid: OptionGrid) -> None:
    frequency = re.compile(r"\b\d+ out of \d+\b")
    for row in grid.rows:
        if row.risk is not None:
            continue
        for cell in row.cells.values():
            assert not frequency.search(str(cell.text)), f"{row.id}: numbers need a 'risk' block"


def test_no_one_in_x_and_no_trademark(grid: OptionGrid) -> None:
    for text in all_texts(grid):
        for value in text.values.values():
            assert not re.search(r"\b(1|one) in \d", value, re.I), value
            assert "option grid" not in value.lower(), value


def test_do_nothing_or_a_reason(grid: OptionGrid) -> None:
    has_do_nothing = any(o.do_nothing for o in grid.options)
    assert has_do_nothing or grid.no_do_nothing_reason is not None
    if grid.id == "early-breast-cancer-surgery":
        assert not has_do_nothing
        assert grid.no_do_nothing_reason is not None


def test_considerations_are_given(grid: OptionGrid) -> None:
    assert len(grid.considerations) >= 3
    assert len({c.id for c in grid.considerations}) == len(grid.considerations)


def test_ipdas_metadata(grid: OptionGrid) -> None:
    m = grid.metadata
    assert m.published == dt.date(2026, 11, 24)
    assert m.review_by == dt.date(2027, 11, 24)
    assert m.funding is not None and m.funding.startswith("None known.")
    assert m.reading_age_target == 12
    assert m.licence
    assert m.update_policy
    assert m.authors and all(a.role and a.competing_interests for a in m.authors)
    # Who wrote it, truly: no placeholder clinical authors.
    assert [a.name for a in m.authors] == ["SDM Desktop project maintainers"]
    assert all("not clinicians" in a.role for a in m.authors)
    assert m.sign_off_status == "not_reviewed"
    assert m.sign_off_note is not None and "must not be used with patients" in m.sign_off_note


def test_knee_grid_says_why_washout_is_not_offered() -> None:
    loaded = load_file(GRIDS / "knee-osteoarthritis.yaml", today=TODAY)
    assert isinstance(loaded.document, OptionGrid)
    names = [str(n.name).lower() for n in loaded.document.not_offered]
    assert any("wash out" in name for name in names)


def review_sections() -> dict[str, str]:
    text = REVIEW.read_text(encoding="utf-8")
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_review_document_lists_every_figure(grid: OptionGrid) -> None:
    sections = review_sections()
    title = str(grid.title)
    assert title in sections, f"docs/content-review-more.md has no '## {title}' section"
    section = sections[title]
    for row in grid.rows:
        if row.risk is None:
            continue
        for option_id, figure in row.risk.figures.items():
            assert f"about {figure.events:g} out of {figure.denominator}" in section, (row.id, option_id)
        for ref in row.risk.evidence:
            assert ref in section, (row.id, ref)
