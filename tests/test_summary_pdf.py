"""The one-page PDF: content, fitting, text safety, fonts and metadata (read back with pypdf)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
from pathlib import Path

import pytest
from pypdf import PdfReader

from sdm_desktop import __version__
from sdm_desktop.grids.library import load_file, load_library
from sdm_desktop.grids.model import Cell, Option, OptionGrid, Row, Text
from sdm_desktop.paths import SHIPPED_LIBRARY
from sdm_desktop.records.model import Decision, Record
from sdm_desktop.summary import ContentExpired, build_summary_pdf
from sdm_desktop.summary.context import format_nhs_number, short_citation
from sdm_desktop.summary.example import EXAMPLE_NHS_NUMBER, example_record
from sdm_desktop.summary.styles import BODY_FLOOR

DATA = Path(__file__).resolve().parent / "data"
TODAY = dt.date(2026, 11, 24)
FOOTER_BAND = 90.0  # points from the bottom edge: only the footer may be smaller than 9 pt

SHIPPED = load_library([SHIPPED_LIBRARY], TODAY)
GRIDS = SHIPPED.grids or load_library([DATA / "good"], TODAY).grids


def _example() -> OptionGrid:
    doc = load_file(DATA / "good" / "example-grid.yaml", TODAY).document
    assert isinstance(doc, OptionGrid)
    return doc


class Page:
    """One PDF read back: its text, every text run's size and height on the page."""

    def __init__(self, data: bytes) -> None:
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = len(self.reader.pages)
        self.runs: list[tuple[str, float, float]] = []
        page = self.reader.pages[0]

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if not text.strip():
                return
            a, b, c, d = (
                tm[0] * cm[0] + tm[1] * cm[2],
                tm[0] * cm[1] + tm[1] * cm[3],
                tm[2] * cm[0] + tm[3] * cm[2],
                tm[2] * cm[1] + tm[3] * cm[3],
            )
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            self.runs.append((text, size * math.sqrt(abs(a * d - b * c)), y))

        self.text = page.extract_text(visitor_text=visit)
        self.flat = " ".join(self.text.split())

    def smallest(self, above: float = 0.0) -> float:
        return min(size for _t, size, y in self.runs if y >= above)


def _grids_ids() -> list[str]:
    return [g.id for g in GRIDS]


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("grid", GRIDS, ids=_grids_ids())
def test_every_shipped_aid_prints_on_one_page(grid: OptionGrid, paper: str) -> None:
    record = example_record(grid, SHIPPED.scores)
    variants = {
        "grid": build_summary_pdf(
            grid, None, scores=SHIPPED.scores, prompt_sets=SHIPPED.prompt_sets, paper=paper, today=TODAY
        ),  # type: ignore[arg-type]
        "record": build_summary_pdf(
            grid, record, scores=SHIPPED.scores, prompt_sets=SHIPPED.prompt_sets, paper=paper, today=TODAY
        ),  # type: ignore[arg-type]
        "patient": build_summary_pdf(
            grid,
            record,
            scores=SHIPPED.scores,
            prompt_sets=SHIPPED.prompt_sets,
            copy="patient",
            paper=paper,
            today=TODAY,
        ),  # type: ignore[arg-type]
    }
    for kind, data in variants.items():
        page = Page(data)
        assert page.pages == 1, kind
        assert page.smallest(above=FOOTER_BAND) >= BODY_FLOOR, kind
        assert page.smallest() >= 7, kind
        assert " ".join(str(grid.title).split()) in page.flat, kind
        assert "Page 1 of 1" in page.flat and f"SDM Desktop {__version__}" in page.flat
        assert f"{grid.id} version {grid.version}" in page.flat
        if not grid.metadata.signed_off:
            assert "Not clinically reviewed" in page.flat
        box = page.reader.pages[0].mediabox
        expected = (595.27, 841.89) if paper == "a4" else (612, 792)
        assert (round(float(box.width), 1), round(float(box.height), 1)) == tuple(round(v, 1) for v in expected)
    record_page, patient_page = Page(variants["record"]), Page(variants["patient"])
    assert "NHS number 943 476 5919" in record_page.flat
    assert grid.content_hash[:12] in record_page.flat
    assert grid.content_hash[:12] not in patient_page.flat
    assert "Kidney function checked" in record_page.flat  # clinician notes
    assert "Kidney function checked" not in patient_page.flat
    assert "Dr Sam Patel (GP)" in record_page.flat
    for page in (record_page, patient_page):
        assert "8 December 2026" in page.flat  # follow-up
        assert "What happens if I forget a tablet?" in page.flat
        assert "leaning" in page.flat.lower()
    assert "3 or less: possible decisional conflict" in record_page.flat
    assert "decisional conflict" not in patient_page.flat


def test_record_copy_shows_risk_in_both_framings_with_source() -> None:
    grid = next((g for g in GRIDS if g.score_ids), None) or _example()
    record = example_record(grid, SHIPPED.scores)
    page = Page(build_summary_pdf(grid, record, scores=SHIPPED.scores, prompt_sets=SHIPPED.prompt_sets, today=TODAY))
    shown = record.figures_shown[0]
    assert f"About {shown.events} out of 100 will" in page.flat
    assert f"about {100 - shown.events} will not" in page.flat
    assert "Source:" in page.flat
    assert "people like you" in page.flat


def test_typical_figures_are_labelled_as_not_personal() -> None:
    page = Page(build_summary_pdf(_example(), today=TODAY))
    assert "About 10 out of 100 will get worse; about 90 will not" in page.flat
    assert "typical figures, not personal" in page.flat
    assert "NHS number" not in page.flat


def test_bran_prompts_come_from_the_bran_set() -> None:
    bran = [p for p in SHIPPED.prompt_sets if p.id == "bran"]
    if not bran:
        pytest.skip("the shipped library has no 'bran' prompt set yet")
    grid = _example()
    page = Page(build_summary_pdf(grid, example_record(grid), prompt_sets=bran, today=TODAY))
    for prompt in bran[0].prompts:
        assert " ".join(str(prompt.text).split()) in page.flat


def _wide_grid(rows: int = 10, options: int = 4, words: int = 60) -> OptionGrid:
    base = _example()
    opts = tuple(Option(f"o{i}", Text.of(f"Option number {i} with a long name")) for i in range(options))
    sentence = " ".join(f"word{j}" for j in range(words))
    grid_rows = tuple(
        Row(
            f"r{r}",
            Text.of(f"Question {r}: what happens to me over the next few years if I choose this?"),
            {o.id: Cell(o.id, Text.of(f"R{r} {o.id}: {sentence}"), ()) for o in opts},
        )
        for r in range(rows)
    )
    return dataclasses.replace(base, options=opts, rows=grid_rows)


def _full_record(grid: OptionGrid, **changes: object) -> Record:
    base = example_record(grid)
    return base.updated(
        rows_discussed=tuple(r.id for r in grid.rows[:2]),
        decision=Decision("decided", grid.options[-1].id, dt.date(2027, 1, 5), "Next step " * 80),
        **changes,
    )


def test_large_grid_without_record_fits_at_legible_size() -> None:
    page = Page(build_summary_pdf(_wide_grid(), today=TODAY))
    assert page.pages == 1
    assert page.smallest(above=FOOTER_BAND) >= BODY_FLOOR
    assert "Question 9" in page.flat  # no row dropped when nothing was discussed
    assert "shortened" in page.flat


def test_extreme_record_leaves_the_grid_out_before_it_truncates_the_record() -> None:
    grid = _wide_grid()
    record = _full_record(
        grid,
        notes="N" * 5000,
        what_matters=("important " * 600).strip(),
        questions=tuple(f"Question {i} about something that worries me?" for i in range(200)),
    )
    page = Page(build_summary_pdf(grid, record, today=TODAY))
    assert page.pages == 1
    assert page.smallest(above=FOOTER_BAND) >= BODY_FLOOR
    assert "To fit one page, the table of options" in page.flat and "left out" in page.flat
    assert "(continues in the record)" in page.flat  # the free text is cut only once the grid has gone
    assert "Question 9:" not in page.flat and "Question 0:" not in page.flat
    assert "Question 0 about something" in page.flat  # the patient's own questions stay


@pytest.mark.parametrize("copy", ["record", "patient"])
def test_unbroken_words_never_overflow_or_add_pages(copy: str) -> None:
    grid = _wide_grid(rows=4, options=3, words=3)
    grid = dataclasses.replace(grid, title=Text.of("T" * 300))
    record = _full_record(grid, what_matters="W" * 3000, notes="X" * 5000, questions=("Q" * 2000,))
    data = build_summary_pdf(grid, record, copy=copy, today=TODAY)  # type: ignore[arg-type]
    page = Page(data)
    assert page.pages == 1
    assert page.smallest(above=FOOTER_BAND) >= BODY_FLOOR


def test_patient_copy_starts_larger_than_the_record_copy() -> None:
    grid = _example()
    record = example_record(grid)
    record_page = Page(build_summary_pdf(grid, record, today=TODAY))
    patient_page = Page(build_summary_pdf(grid, record, copy="patient", today=TODAY))

    def body_size(page: Page) -> float:
        return next(size for text, size, _y in page.runs if "Talk it over" in text)

    assert body_size(patient_page) > body_size(record_page)


INJECTED = (
    '<a href="https://attacker.example/x">click me</a> <img src="/etc/passwd"/> <font size="2">tiny</font> & AT&T'
)


def test_markup_in_content_and_record_prints_literally() -> None:
    base = _example()
    row = base.rows[0]
    cells = {oid: dataclasses.replace(c, text=Text.of(INJECTED)) for oid, c in row.cells.items()}
    grid = dataclasses.replace(
        base, title=Text.of("Title <b>bold</b>"), rows=(dataclasses.replace(row, cells=cells), *base.rows[1:])
    )
    record = example_record(grid).updated(what_matters=INJECTED, questions=(INJECTED,), notes=INJECTED)
    data = build_summary_pdf(grid, record, today=TODAY)
    page = Page(data)
    assert page.pages == 1
    assert '<a href="https://attacker.example/x">click me</a>' in page.flat
    assert '<img src="/etc/passwd"/>' in page.flat
    assert "Title <b>bold</b>" in page.flat
    assert "AT&T" in page.flat
    assert "/Annots" not in page.reader.pages[0]
    assert b"/URI" not in data and b"/Link" not in data
    assert page.smallest(above=FOOTER_BAND) >= BODY_FLOOR  # <font size="2"> did nothing


def test_metadata_names_the_aid_and_app_but_no_patient() -> None:
    grid = _example()
    record = example_record(grid).updated(patient_id_kind="local_reference", patient_id="HOSP-12345")
    for rec in (record, example_record(grid)):
        reader = PdfReader(io.BytesIO(build_summary_pdf(grid, rec, today=TODAY)))
        meta = reader.metadata
        assert meta is not None
        assert meta.creator == f"SDM Desktop {__version__}"
        assert str(grid.title) in (meta.title or "")
        assert "record copy" in (meta.subject or "")
        assert reader.trailer["/Root"]["/Lang"] == grid.language
        values = " ".join(str(v) for v in meta.values())
        for secret in ("HOSP-12345", EXAMPLE_NHS_NUMBER, format_nhs_number(EXAMPLE_NHS_NUMBER), "Sam Patel"):
            assert secret not in values


def test_bundled_font_is_embedded_and_prints_welsh_and_polish() -> None:
    grid = dataclasses.replace(_example(), title=Text.of("Dŵr a thŷ: zażółć gęślą jaźń"))
    data = build_summary_pdf(grid, today=TODAY)
    page = Page(data)
    assert "Dŵr a thŷ: zażółć gęślą jaźń" in page.flat
    fonts = page.reader.pages[0]["/Resources"]["/Font"]
    names = []
    for ref in fonts.values():
        font = ref.get_object()
        names.append(str(font["/BaseFont"]))
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # embedded TrueType
    assert any("DejaVuSans" in n for n in names)
    assert not any("Helvetica" in n for n in names)


def test_hebrew_is_reordered_line_by_line_and_right_aligned() -> None:
    bidi = pytest.importorskip("bidi")
    from sdm_desktop.summary.bidi import BidiParagraph
    from sdm_desktop.summary.fonts import REGULAR, register_fonts

    register_fonts()
    words = "שלום עולם " * 12
    para = BidiParagraph(words, REGULAR, 10, 12)
    _w, height = para.wrap(120, 1000)
    assert len(para.lines) > 1 and height == 12 * len(para.lines)
    assert para.rtl
    # each drawn line is the display order of a run of words, first words on the first line
    assert para.lines[0] == bidi.get_display(" ".join(words.split()[: len(para.lines[0].split())]), base_dir="R")
    record = example_record(_example()).updated(what_matters="שלום עולם")
    page = Page(build_summary_pdf(_example(), record, today=TODAY))
    assert "שלום" in page.text and "עולם" in page.text  # printed with real glyphs, not blanks


def test_arabic_is_joined_into_presentation_forms() -> None:
    pytest.importorskip("arabic_reshaper")
    from sdm_desktop.summary.bidi import shape

    shaped = shape("مرحبا")
    assert shaped != "مرحبا"
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)  # joined forms, which the bundled font has


def test_expired_content_is_refused_for_patients_but_kept_for_the_record() -> None:
    grid = _example()
    late = grid.metadata.hard_expiry + dt.timedelta(days=1)  # type: ignore[operator]
    with pytest.raises(ContentExpired, match="expired"):
        build_summary_pdf(grid, example_record(grid), copy="patient", today=late)
    with pytest.raises(ContentExpired):
        build_summary_pdf(grid, None, today=late)
    page = Page(build_summary_pdf(grid, example_record(grid), today=late))
    assert "not for use with patients" in page.flat


def test_nhs_number_and_citation_formatting() -> None:
    assert format_nhs_number("9434765919") == "943 476 5919"
    assert format_nhs_number("943-476-5919") == "943 476 5919"
    assert format_nhs_number("12345") == "12345"
    assert (
        short_citation("Friberg L, Rosenqvist M, Lip GY. Evaluation of risk. Eur Heart J 2012;33:1500-10.")
        == "Friberg et al. 2012"
    )
    assert short_citation("Example A. A made-up source. Journal 2020.") == "Example 2020"


def test_a_handout_leaves_out_pictures_before_shortening_any_cell() -> None:
    grids = {g.id: g for g in SHIPPED.grids}
    grid = grids.get("early-breast-cancer-surgery")
    if grid is None:
        pytest.skip("the breast surgery grid is not in this library")
    page = Page(build_summary_pdf(grid, None, scores=SHIPPED.scores, prompt_sets=SHIPPED.prompt_sets, today=TODAY))
    assert page.pages == 1
    squashed = "".join(page.text.split())
    assert "is shortened" not in page.flat
    assert "pictures of 100 people are left out" in page.flat
    for row in grid.rows:  # every word of every cell is on the page
        for cell in row.cells.values():
            assert "".join(str(cell.text).split()) in squashed, str(cell.text)[:40]
    assert page.smallest(FOOTER_BAND) >= BODY_FLOOR


@pytest.mark.parametrize("grid", GRIDS, ids=_grids_ids())
def test_the_print_check_agrees_with_the_page_printed(grid: OptionGrid) -> None:
    from sdm_desktop.summary import print_check

    check = print_check(grid, scores=SHIPPED.scores, prompt_sets=SHIPPED.prompt_sets, today=TODAY)
    page = Page(build_summary_pdf(grid, None, scores=SHIPPED.scores, prompt_sets=SHIPPED.prompt_sets, today=TODAY))
    assert (check.cells_shortened > 0) == ("is shortened" in page.flat)
    assert check.pictures_left_out == ("pictures of 100 people are left out" in page.flat)
    assert not check.clipped and check.size >= BODY_FLOOR
    assert page.smallest(FOOTER_BAND) >= min(check.size, BODY_FLOOR) - 0.01
