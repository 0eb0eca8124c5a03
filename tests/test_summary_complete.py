"""The record copy never leaves out the record: the grid gives way first, and the page says so."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from sdm_desktop.grids.library import Library, load_library
from sdm_desktop.grids.model import OptionGrid
from sdm_desktop.paths import SHIPPED_LIBRARY
from sdm_desktop.records.model import Record
from sdm_desktop.summary.example import example_record
from sdm_desktop.summary.pdf import build_summary_pdf

TODAY = dt.date(2026, 12, 1)
LONG_NAME = "Dr Bartholomew Alexander Featherstonehaugh-Montgomery-Smythe"
NOTES = "Take \u202e5.7\u202c mg with food. " + "Discussed at length with her daughter present. " * 3


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([SHIPPED_LIBRARY], TODAY)


def grids(library: Library) -> list[OptionGrid]:
    return [lf.document for lf in library.files if isinstance(lf.document, OptionGrid)]


def everything_discussed(grid: OptionGrid, library: Library) -> Record:
    record = example_record(grid, library.scores)
    return replace(record, rows_discussed=tuple(r.id for r in grid.rows), clinician_name=LONG_NAME, notes=NOTES)


def page_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def assert_record_complete(text: str, record: Record) -> None:
    assert "Leaning towards" in text
    assert "SURE test: 3 of 4" in text
    assert "What matters to the patient" in text and "grandson twice a week" in text
    for question in record.questions:
        assert question in text
    assert "Clinician notes" in text and "Take 5.7 mg with food." in text  # never "7.5 mg"
    assert text.count("daughter present") == 3


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_shipped_grid_all_rows_discussed_keeps_the_whole_record(library: Library, paper: str) -> None:
    for grid in grids(library):
        record = everything_discussed(grid, library)
        pdf = build_summary_pdf(
            grid, record, scores=library.scores, prompt_sets=library.prompt_sets, paper=paper, today=TODAY
        )  # type: ignore[arg-type]
        text = page_text(pdf)
        assert_record_complete(text, record)
        assert "Featherstonehaugh" in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_twelve_row_grid_gives_way_and_says_so(library: Library, paper: str) -> None:
    breast = next(g for g in grids(library) if g.id == "early-breast-cancer-surgery")
    extra = tuple(replace(row, id=f"{row.id}-again") for row in breast.rows[: 12 - len(breast.rows)])
    grid = replace(breast, rows=breast.rows + extra)
    assert len(grid.rows) == 12
    record = everything_discussed(grid, library)
    pdf = build_summary_pdf(
        grid, record, scores=library.scores, prompt_sets=library.prompt_sets, paper=paper, today=TODAY
    )  # type: ignore[arg-type]
    text = page_text(pdf)
    assert_record_complete(text, record)
    assert "To fit one page, the table of options" in text


def test_characters_the_font_cannot_draw_print_as_a_visible_replacement(library: Library) -> None:
    grid = next(g for g in grids(library) if g.id == "knee-osteoarthritis")
    record = replace(example_record(grid, library.scores), notes="Prefers 中文 leaflets. Dŵr, שלום, مرحبا.")
    text = page_text(
        build_summary_pdf(grid, record, scores=library.scores, prompt_sets=library.prompt_sets, today=TODAY)
    )
    assert "Prefers \ufffd\ufffd leaflets" in text
    assert "Dŵr" in text and "\x00" not in text


def test_arabic_and_hebrew_names_in_the_header_are_shaped_and_in_reading_order(library: Library) -> None:
    from sdm_desktop.summary.bidi import visual

    grid = next(g for g in grids(library) if g.id == "knee-osteoarthritis")
    record = replace(example_record(grid, library.scores), clinician_name="محمد أحمد", clinician_role="שרה")
    text = page_text(
        build_summary_pdf(grid, record, scores=library.scores, prompt_sets=library.prompt_sets, today=TODAY)
    )
    # drawn right to left (text extraction maps the joined forms back to plain letters)
    assert visual("محمد أحمد", True) in text and "محمد" not in text
    assert visual("שרה", True) in text and "שרה" not in text
