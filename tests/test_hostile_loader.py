"""One bad file never empties the library: located errors for hostile numbers, and isolation."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from fuzz_content import cases

from sdm_desktop.cli import main
from sdm_desktop.config import Config
from sdm_desktop.grids.findings import Severity
from sdm_desktop.grids.library import LOADER_FAULT, load_data, load_library
from sdm_desktop.grids.store import LibraryStore
from sdm_desktop.paths import SHIPPED_LIBRARY

SHIPPED = sorted(SHIPPED_LIBRARY.glob("*.yaml"))
SCORE = (SHIPPED_LIBRARY / "cha2ds2-vasc.yaml").read_text(encoding="utf-8")


def _errors(data: bytes | str) -> list[tuple[int, int, str]]:
    raw = data.encode() if isinstance(data, str) else data
    lf = load_data(raw, "x.yaml")
    assert lf.document is None or not lf.ok
    return [(f.line, f.column, f.rule) for f in lf.findings if f.severity is Severity.ERROR]


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("digits", [31, 4_301, 50_000])
def test_an_integer_with_thousands_of_digits_is_a_located_error(digits: int) -> None:
    text = SCORE.replace("denominator: 100", "denominator: " + "9" * digits, 1)
    errors = _errors(text)
    assert errors, "the file loaded"
    start = text.index("denominator: 9") + len("denominator: ")
    column = start - text.rfind("\n", 0, start)
    assert (_line_of(text, "denominator: 9"), column, "number-too-long") in errors


@pytest.mark.parametrize("number", ["1e999", "-1e999", "1" + "0" * 400 + ".5"])
def test_a_float_beyond_range_is_a_located_error(number: str) -> None:
    text = SCORE.replace("events: 0.6", "events: " + number, 1)
    assert text != SCORE
    assert [e for e in _errors(text) if e[2] == "number-too-long"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("denominator: 100", "denominator: 100.0"),
        ("scores: [0]", "scores: [0.0]"),
        ("points: 1", "points: 1.0"),
    ],
)
def test_a_float_where_an_integer_belongs_is_a_located_schema_error(old: str, new: str) -> None:
    assert old in SCORE
    text = SCORE.replace(old, new, 1)
    errors = _errors(text)
    line = _line_of(text, new)
    assert any(e[0] == line and e[2] == "schema" for e in errors), errors
    lf = load_data(text.encode(), "x.yaml")
    assert any("a whole number" in f.message for f in lf.findings)


def test_a_whole_float_where_any_number_belongs_still_loads() -> None:
    text = SCORE.replace("events: 0.6", "events: 1.0", 1)
    lf = load_data(text.encode(), "x.yaml")
    assert lf.ok, [f.format() for f in lf.findings]


def test_a_number_input_with_minimum_above_maximum_is_an_error_not_a_crash() -> None:
    text = SCORE.replace("minimum: 18", "minimum: 200", 1)
    assert text != SCORE
    assert any(rule == "score-input" for _, _, rule in _errors(text))


def test_a_fault_inside_the_loader_becomes_this_files_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from sdm_desktop.grids import library

    def boom(*_args: object, **_kwargs: object) -> object:
        raise TypeError("unexpected")

    monkeypatch.setattr(library, "build", boom)
    lf = load_data(SCORE.encode(), "x.yaml")
    assert not lf.ok
    (finding,) = lf.findings
    assert (finding.line, finding.column, finding.rule) == (1, 1, LOADER_FAULT)
    assert "Traceback" not in finding.message


BAD_FILES = {
    "huge-int.yaml": SCORE.replace("id: cha2ds2-vasc", "id: huge-one", 1).replace(
        "denominator: 100", "denominator: " + "9" * 5000, 1
    ),
    "float-score.yaml": SCORE.replace("id: cha2ds2-vasc", "id: float-one", 1).replace(
        "scores: [0]", "scores: [1.0]", 1
    ),
}


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "extra"
    folder.mkdir()
    for name, text in BAD_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    config_dir = Path(os.environ["SDM_DESKTOP_CONFIG_DIR"])
    config_dir.mkdir(parents=True, exist_ok=True)
    Config(library_folders=[str(folder)]).save()
    return folder


def test_bad_files_in_a_library_folder_leave_every_shipped_aid_usable(bad_folder: Path) -> None:
    library = load_library([SHIPPED_LIBRARY, bad_folder])
    good = {Path(lf.path).name for lf in library.files if lf.ok}
    assert good == {p.name for p in SHIPPED}
    bad = {Path(lf.path).name: lf for lf in library.problems}
    assert set(bad) == set(BAD_FILES)
    for lf in bad.values():
        assert all(f.line > 1 for f in lf.findings if f.severity is Severity.ERROR)


def test_list_validate_and_pdf_still_work_with_bad_files_in_the_library(
    bad_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {row["id"] for row in listed} >= {"af-anticoagulation", "cha2ds2-vasc", "bran"}
    assert main(["validate", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    by_file = {Path(f["path"]).name for f in report["findings"] if f["severity"] == "error"}
    assert by_file == set(BAD_FILES)
    out = tmp_path / "aid.pdf"
    assert main(["pdf", "--grid", "af-anticoagulation", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_the_watched_folder_reload_keeps_the_good_files_when_one_turns_bad(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    shutil.copytree(SHIPPED_LIBRARY, folder)
    store = LibraryStore([folder], cache_file=None)
    first = store.load()
    assert len([lf for lf in first.files if lf.ok]) == len(SHIPPED)
    target = folder / "cha2ds2-vasc.yaml"
    target.write_text(SCORE.replace("denominator: 100", "denominator: " + "9" * 5000, 1), encoding="utf-8")
    os.utime(target, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    second = store.refresh()
    problems = {Path(lf.path).name for lf in second.files if not lf.ok}
    assert "cha2ds2-vasc.yaml" in problems
    still_good = {Path(lf.path).name for lf in second.files if lf.ok}
    assert {"bran.yaml", "orbit-bleeding.yaml", "sure-test.yaml"} <= still_good


def _run_fuzz(count: int) -> tuple[int, float, str]:
    """Load ``count`` mutated shipped files; every one loads or has a located error."""
    slowest, slowest_name = 0.0, ""
    loaded = 0
    for case in cases(SHIPPED, count):
        start = time.perf_counter()
        lf = load_data(case.data, case.name)
        elapsed = time.perf_counter() - start
        if elapsed > slowest:
            slowest, slowest_name = elapsed, case.name
        faults = [f for f in lf.findings if f.rule == LOADER_FAULT]
        assert not faults, f"{case.name}: the loader failed inside"
        if lf.document is None or not lf.ok:
            errors = [f for f in lf.findings if f.severity is Severity.ERROR]
            assert errors, f"{case.name}: not loaded, and no error says why"
            assert all(f.line >= 1 and f.column >= 1 and f.path == case.name for f in errors)
        else:
            loaded += 1
    return loaded, slowest, slowest_name


@pytest.mark.slow  # a property test over every shipped file
def test_fuzzed_shipped_files_never_escape_the_loader() -> None:
    loaded, _slowest, _name = _run_fuzz(400)
    assert 0 < loaded < 400  # some mutations are harmless, most are not


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("SDM_RUN_SLOW"), reason="set SDM_RUN_SLOW=1 to run the long fuzz run")
def test_fuzzed_shipped_files_never_escape_the_loader_long_run() -> None:
    count = int(os.environ.get("SDM_FUZZ_CASES", "12600"))
    loaded, slowest, name = _run_fuzz(count)
    print(f"\nfuzz: {count} cases, {loaded} loaded, 0 crashes; slowest {slowest * 1000:.0f} ms ({name})")


GRID = (Path(__file__).parent / "data" / "good" / "example-grid.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("w" * 900_000, "900,000 characters long"),
        ("a few words " + "w" * 1_001, "a word over 1,000 characters"),
    ],
)
def test_a_huge_title_is_a_located_error(text: str, needle: str) -> None:
    source = GRID.replace("title: An example choice", "title: " + text, 1)
    lf = load_data(source.encode(), "x.yaml")
    (finding,) = lf.findings
    assert (finding.line, finding.column, finding.rule) == (_line_of(source, "title: "), 8, "text-too-long")
    assert needle in finding.message


def test_the_pdf_bounds_the_text_it_lays_out() -> None:
    import dataclasses
    import io

    from pypdf import PdfReader

    from sdm_desktop.grids.model import OptionGrid, Text
    from sdm_desktop.summary import build_summary_pdf
    from sdm_desktop.summary.textsafe import MAX_TEXT

    lf = load_data(GRID.encode(), "example-grid.yaml")
    assert isinstance(lf.document, OptionGrid)
    grid = dataclasses.replace(lf.document, title=Text.of("w" * 900_000))
    data = build_summary_pdf(grid)
    assert len(data) < 200_000  # the title is not carried whole, in the page or its metadata
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and len(reader.metadata.title or "") <= MAX_TEXT + 10
    text = reader.pages[0].extract_text()
    assert "w" * 40 in text and "did not fit on one page" in text
