"""Content is text, never markup: one hostile grid and record through every output outside the window.

tests/data/hostile/hostile-grid.yaml holds, in every text field, markup that
Qt or reportlab would obey (<img src>, <a href>, <table>, <style>, <font>,
<b>, <br/>), entities, terminal escape sequences (CSI and OSC 8 links), bidi
controls and other control characters. Outputs checked: ``list`` (text and
JSON), ``validate`` (text and JSON), the PDF's record, patient and hand-out
copies, the audit CSV and the FHIR Bundle.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from sdm_desktop.cli import main
from sdm_desktop.config import Config
from sdm_desktop.grids.library import Library, load_file
from sdm_desktop.grids.model import OptionGrid
from sdm_desktop.records.export_csv import write_records_csv
from sdm_desktop.records.export_fhir import export_fhir
from sdm_desktop.records.fhir_check import check_bundle
from sdm_desktop.records.model import AidRef, Decision, Record
from sdm_desktop.summary import build_summary_pdf
from sdm_desktop.summary.example import EXAMPLE_NHS_NUMBER

HOSTILE = Path(__file__).parent / "data" / "hostile"
GRID_FILE = HOSTILE / "hostile-grid.yaml"

# What must print literally wherever the text is shown.
MARKUP = (
    '<img src="file:///etc/hosts">',
    '<a href="https://evil.example/">link</a>',
    "<table><tr><td>cell</td></tr></table>",
    "<style>body{color:red}</style>",
    '<font color="red" size="7">big</font>',
    "<b>bold</b>",
    "&amp;",
    "&lt;i&gt;",
    "&#65;",
    "&nbsp;",
    "&unknown;",
)
# What must never reach a terminal, a FHIR string or a CSV cell as it is.
TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _grid() -> OptionGrid:
    lf = load_file(GRID_FILE)
    assert lf.ok, [f.format() for f in lf.findings]
    assert isinstance(lf.document, OptionGrid)
    return lf.document


def _payload() -> str:
    title = str(_grid().title)
    return title.removeprefix("Title ")


def test_the_fixture_holds_every_kind_of_hostile_string_in_every_text_field() -> None:
    payload = _payload()
    for token in (*MARKUP, "\x1b[2J", "\x1b]8;;", "\x07", "\u202e", "\u2066", "\u200f", "\x00", "\x7f", "\x85", "\x9b"):
        assert token in payload
    raw = GRID_FILE.read_text(encoding="utf-8")
    quoted = re.findall(r'^\s*(?:- )?([a-z_]+): "', raw, re.MULTILINE)
    assert set(quoted) >= {
        "title",
        "decision",
        "condition",
        "name",
        "summary",
        "reason",
        "text",
        "question",
        "outcome",
        "time_frame",
        "citation",
        "note",
        "update_policy",
        "funding",
        "role",
        "competing_interests",
        "by",
    }
    quoted_lines = [line for line in raw.splitlines() if re.match(r'^\s*(?:- )?[a-z_]+: "', line)]
    texts = [line for line in quoted_lines if not re.match(r"^\s*(version|published|review_by|date): ", line)]
    assert len(texts) == 27 and all("<img src=" in line for line in texts)


def hostile_record(grid: OptionGrid) -> Record:
    text = _payload()
    return Record(
        record_id="00000000-0000-4000-8000-0000000000aa",
        status="final",
        created=dataclasses.replace(Record(), record_id="x").created,
        finalised=Record().created,
        clinician_name="Dr " + text,
        clinician_role="GP " + text,
        patient_id=EXAMPLE_NHS_NUMBER,
        aid=AidRef(grid.id, grid.version, grid.content_hash, str(grid.title)),
        rows_discussed=tuple(r.id for r in grid.rows),
        importance={"avoid-pills": 4},
        importance_words={"avoid-pills": "words " + text},
        what_matters="matters " + text,
        questions=("question " + text, "second " + text),
        decision=Decision("decided", "pill", None, "next " + text),
        notes="notes " + text,
    )


# -- list and validate --------------------------------------------------------------------------


@pytest.fixture
def hostile_library(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "hostile-grid.yaml").write_bytes(GRID_FILE.read_bytes())
    # A finding that quotes content (an unknown key), in a file whose name holds an escape.
    bad = GRID_FILE.read_text(encoding="utf-8").replace("id: hostile-grid", 'id: hostile-two\n"\\e[2Jkey\\u202e": 1', 1)
    (folder / "hostile\x1b[31m-two.yaml").write_text(bad, encoding="utf-8")
    Path(os.environ["SDM_DESKTOP_CONFIG_DIR"]).mkdir(parents=True, exist_ok=True)
    Config(library_folders=[str(folder)]).save()
    return folder


def test_list_escapes_terminal_sequences(hostile_library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("hostile-grid\t"))
    assert not TERMINAL.search(out)
    assert "\\x1b[2J" in line and "\\u202e" in line and "\\x9b" in line
    for token in MARKUP:
        assert token in line
    assert main(["list", "--json"]) == 0
    raw = capsys.readouterr().out
    assert not TERMINAL.search(raw)
    (row,) = [r for r in json.loads(raw) if r["id"] == "hostile-grid"]
    assert row["title"] == str(_grid().title)  # the JSON still says exactly what the file says


def test_validate_escapes_terminal_sequences(hostile_library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(hostile_library)]) == 1
    out = capsys.readouterr().out
    assert not TERMINAL.search(out)
    unknown = [line for line in out.splitlines() if "[unknown-key]" in line]
    assert unknown and "hostile\\x1b[31m-two.yaml" in unknown[0] and "'\\x1b[2Jkey\\u202e'" in unknown[0]
    assert main(["validate", "--format", "json", str(hostile_library)]) == 1
    raw = capsys.readouterr().out
    assert not TERMINAL.search(raw)
    report = json.loads(raw)
    assert any("\x1b[2Jkey\u202e" in f["message"] for f in report["findings"])


# -- the PDF ------------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split()), reader


def _no_links_or_images(reader: PdfReader) -> None:
    page = reader.pages[0]
    assert "/Annots" not in page  # no <a href> became a link
    xobjects = page["/Resources"].get("/XObject", {})
    images = [name for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"]
    assert images == []  # no <img src> read a file


@pytest.mark.parametrize("copy", ["record", "patient", "handout"])
def test_pdf_prints_hostile_markup_as_text(copy: str) -> None:
    grid = _grid()
    if copy == "handout":
        data = build_summary_pdf(grid)
    else:
        data = build_summary_pdf(grid, hostile_record(grid), copy="record" if copy == "record" else "patient")
    text, reader = _pdf_text(data)
    _no_links_or_images(reader)
    assert "Title <img src=" in text
    for token in MARKUP:
        assert token in text, token
    assert not CONTROLS.search(text)
    if copy != "handout":
        typed = ("Dr <img src=", "matters <img src=", "question <img src=", "next <img src=")
        assert any(t in text for t in typed)  # typed text too


# -- CSV and FHIR -------------------------------------------------------------------------------


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_csv_keeps_markup_as_text_without_control_characters(tmp_path: Path) -> None:
    grid = _grid()
    path = tmp_path / "records.csv"
    assert write_records_csv([hostile_record(grid)], path, include_free_text=True) == 1
    text = path.read_text(encoding="utf-8-sig")
    assert not CONTROLS.search(text)
    (row,) = csv.DictReader(io.StringIO(text))
    for column in ("clinician_name", "aid_title", "what_matters", "questions", "next_step", "notes"):
        for token in MARKUP:
            assert token in row[column], (column, token)
        assert "\u202e" in row[column]  # bidi marks are text a person may need; kept


def test_fhir_strings_carry_no_control_characters(tmp_path: Path) -> None:
    grid = _grid()
    library = Library([load_file(GRID_FILE)])
    result = export_fhir([hostile_record(grid)], tmp_path, library, pdf_builder=build_summary_pdf)
    assert result.failed == [] and result.warnings == []
    (path,) = result.written
    data = json.loads(path.read_text(encoding="utf-8"))
    check_bundle(data)
    strings = _strings(data)
    assert not [s for s in strings if CONTROLS.search(s)]
    assert any("matters <img src=" in s for s in strings)
    assert any("notes " in s and "&lt;i&gt;" in s for s in strings)
    qr_text = json.dumps(data)
    assert "\\u001b" not in qr_text and "\\u0007" not in qr_text


def test_control_characters_are_cleaned_the_same_from_json_text_as_from_values() -> None:
    import random

    from sdm_desktop.records.textclean import clean_json, clean_strings

    pieces = [
        "a",
        "\\",
        "u",
        "0",
        "7",
        "\x07",
        "\x00",
        "\t",
        "\n",
        "\r",
        "\x1b",
        "\x85",
        "\x9b",
        "\x7f",
        "\u202e",
        '"',
        "b",
        "f",
        "\x08",
        "\x0c",
        "\ud800",
        "\udfff",
        "\u00e9",
    ]
    rng = random.Random(14)
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        value = {"k" + text: [text, {"x": text}, 1, None]}
        cleaned = json.loads(clean_json(json.dumps(value, ensure_ascii=False)))
        assert cleaned == clean_strings(value), repr(text)
        assert not [s for s in _strings(cleaned) if CONTROLS.search(s) or re.search("[\ud800-\udfff]", s)]
