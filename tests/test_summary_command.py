"""``sdm-desktop pdf`` and the atomic write: clear one-line errors, never a half-written file."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from sdm_desktop.cli import main
from sdm_desktop.grids.library import load_file
from sdm_desktop.grids.model import OptionGrid
from sdm_desktop.summary import write_pdf_atomic
from sdm_desktop.summary.example import example_record

DATA = Path(__file__).resolve().parent / "data"
EXAMPLE = DATA / "good" / "example-grid.yaml"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library folder with the example grid, listed in the (temporary) preferences."""
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "example-grid.yaml").write_bytes(EXAMPLE.read_bytes())
    config = Path(os.environ["SDM_DESKTOP_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.json").write_text(json.dumps({"library_folders": [str(folder)]}), encoding="utf-8")
    return folder


def _record_file(tmp_path: Path, **changes: object) -> Path:
    grid = load_file(EXAMPLE).document
    assert isinstance(grid, OptionGrid)
    data = example_record(grid).updated(**changes).to_dict()
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sdm-desktop pdf: ")
    return lines[0]


@pytest.mark.parametrize("copy", ["record", "patient"])
def test_pdf_from_a_record(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], copy: str) -> None:
    out = tmp_path / "summary.pdf"
    code = main(
        [
            "pdf",
            "--grid",
            "example-grid",
            "--record",
            str(_record_file(tmp_path)),
            "--copy",
            copy,
            "--paper",
            "letter",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.height) == 792
    assert "Try the pill" not in reader.pages[0].extract_text()  # the example record's own next step is used
    assert "Talk it over with my daughter" in reader.pages[0].extract_text()
    assert str(out) in capsys.readouterr().out


def test_pdf_of_the_grid_alone(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "grid.pdf"
    assert main(["pdf", "--grid", "example-grid", "--out", str(out)]) == 0
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "An example choice" in text and "NHS number" not in text


def test_unknown_grid(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pdf", "--grid", "no-such-aid", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "no option grid with the id 'no-such-aid'" in _one_line_error(capsys)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('{"version": 0}', "not a valid record: 'version' must be 1 or more"),
        ("[1, 2]", "not a valid record"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_bad_record(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes, expected: str
) -> None:
    record = tmp_path / "bad.json"
    if isinstance(content, bytes):
        record.write_bytes(content)
    else:
        record.write_text(content, encoding="utf-8")
    assert main(["pdf", "--grid", "example-grid", "--record", str(record), "--out", str(tmp_path / "x.pdf")]) == 1
    assert expected in _one_line_error(capsys)
    assert not (tmp_path / "x.pdf").exists()


def test_missing_record(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["pdf", "--grid", "example-grid", "--record", str(tmp_path / "nope.json"), "--out", str(tmp_path / "x.pdf")]
        )
        == 1
    )
    assert "could not be read" in _one_line_error(capsys)


def test_record_for_another_aid(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    grid = load_file(EXAMPLE).document
    assert isinstance(grid, OptionGrid)
    from sdm_desktop.records.model import AidRef

    record = _record_file(tmp_path, aid=AidRef("other-aid", "1.0.0", "0" * 64))
    assert main(["pdf", "--grid", "example-grid", "--record", str(record), "--out", str(tmp_path / "x.pdf")]) == 1
    assert "about the aid 'other-aid', not 'example-grid'" in _one_line_error(capsys)


def test_unwritable_output(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no-such-folder" / "x.pdf"
    assert main(["pdf", "--grid", "example-grid", "--out", str(out)]) == 1
    assert f"could not write {out}" in _one_line_error(capsys)


def test_expired_content_refused_for_patients(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("id: example-grid", "id: old-grid")
    text = text.replace('published: "2026-01-01"', 'published: "2018-01-01"').replace(
        'review_by: "2027-01-01"', 'review_by: "2019-01-01"'
    )
    (library / "old-grid.yaml").write_text(text, encoding="utf-8")
    record = _record_file(tmp_path, aid=None)
    for args in (["--copy", "patient", "--record", str(record)], []):
        assert main(["pdf", "--grid", "old-grid", *args, "--out", str(tmp_path / "x.pdf")]) == 1
        assert "'old-grid' expired on 1 January 2020 and must not be printed for patients" in _one_line_error(capsys)
    assert not (tmp_path / "x.pdf").exists()
    # The record copy stays printable, for the record, with the warning on the page.
    assert main(["pdf", "--grid", "old-grid", "--record", str(record), "--out", str(tmp_path / "x.pdf")]) == 0
    assert "not for use with patients" in PdfReader(tmp_path / "x.pdf").pages[0].extract_text()


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    write_pdf_atomic(target, b"first")
    write_pdf_atomic(str(target), b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_atomic_write_failure_leaves_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        write_pdf_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_atomic_write_failure_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_pdf_atomic(tmp_path / "b.pdf", b"data")
    assert list(tmp_path.iterdir()) == []
