"""Installation-level behaviour: shipped files found, nothing found is an error, no Qt for headless
commands, and the log (rotating, owner-only, no patient data)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sdm_desktop import logs, paths
from sdm_desktop.cli import main
from sdm_desktop.grids import command
from sdm_desktop.grids.library import load_file
from sdm_desktop.grids.model import OptionGrid
from sdm_desktop.summary.example import EXAMPLE_NHS_NUMBER, example_record

PROJECT = Path(__file__).resolve().parent.parent


def test_shipped_files_are_found() -> None:
    assert len(list(paths.SHIPPED_LIBRARY.glob("*.yaml"))) == 11
    assert paths.SCHEMA_PATH.is_file()
    assert {p.name for p in paths.FONTS_DIR.glob("*.ttf")} == {
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
    }


def test_a_folder_inside_the_package_comes_before_the_source_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site" / "sdm_desktop"
    (package / "option_grids").mkdir(parents=True)
    monkeypatch.setattr(paths.resources, "files", lambda name: package)
    assert paths.shipped_folder("option_grids") == package / "option_grids"
    # Not in the package: beside it (a source checkout); in neither: where it should have been.
    assert paths.shipped_folder("resources") == PROJECT / "resources"
    assert paths.shipped_folder("nowhere") == paths.PACKAGE_DIR / "nowhere"


def test_validate_of_a_folder_without_documents_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a document")
    assert main(["validate", str(empty)]) == 2
    assert f"no documents found in {empty}" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["validate", "list"])
def test_a_library_without_documents_is_an_error(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lost = tmp_path / "site-packages" / "sdm_desktop" / "option_grids"
    monkeypatch.setattr(command, "SHIPPED_LIBRARY", lost)
    assert main([name]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"no documents found in {lost}" in captured.err
    assert "the shipped library is missing from this installation" in captured.err


@pytest.mark.slow  # three commands in a fresh interpreter
def test_headless_commands_run_with_qt_unavailable(tmp_path: Path) -> None:
    """validate, list and pdf never import Qt, so they run on a server or a CI box without it."""
    script = (
        "import sys\n"
        "for blocked in ('PySide6', 'shiboken6'):\n"
        "    sys.modules[blocked] = None\n"
        "from sdm_desktop.cli import main\n"
        "codes = [main(['validate']), main(['list', '--json']),\n"
        f"         main(['pdf', '--grid', 'af-anticoagulation', '--out', {str(tmp_path / 'af.pdf')!r}])]\n"
        "print(codes)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[0, 0, 0]"
    assert (tmp_path / "af.pdf").read_bytes().startswith(b"%PDF")


def test_the_log_is_owner_only_and_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    path = logs.setup_logging()
    assert path == tmp_path / "log" / "sdm-desktop.log"
    for n in range(100):
        logs.logger.info("line %d of a long enough message to fill the log", n)
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["sdm-desktop.log", "sdm-desktop.log.1", "sdm-desktop.log.2", "sdm-desktop.log.3"]
    if os.name == "posix":
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert {stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()} == {0o600}


def test_an_unwritable_log_folder_does_not_stop_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SDM_DESKTOP_LOG_DIR", str(blocker / "log"))
    assert main(["--verbose", "list"]) == 0
    assert "no log file" in capsys.readouterr().err


def test_verbose_shows_the_log_on_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    assert "list finished" not in capsys.readouterr().err
    assert main(["--verbose", "list"]) == 0
    err = capsys.readouterr().err
    assert "sdm-desktop" in err and "list finished with exit code 0" in err


def test_no_patient_data_in_the_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    grid = load_file(paths.SHIPPED_LIBRARY / "af-anticoagulation.yaml").document
    assert isinstance(grid, OptionGrid)
    record = example_record(grid).updated(what_matters="Zebedee wants to keep gardening", notes="Lives with Quentin")
    source = tmp_path / "record.json"
    source.write_text(json.dumps(record.to_dict()), encoding="utf-8")
    out = tmp_path / "summary.pdf"
    assert main(["--verbose", "pdf", "--grid", "af-anticoagulation", "--record", str(source), "--out", str(out)]) == 0
    assert (
        main(["pdf", "--grid", "af-anticoagulation", "--record", str(tmp_path / "missing.json"), "--out", str(out)])
        == 1
    )
    capsys.readouterr()
    text = logs.log_file().read_text(encoding="utf-8")
    assert "pdf finished with exit code 0" in text and "pdf finished with exit code 1" in text
    for secret in (EXAMPLE_NHS_NUMBER, EXAMPLE_NHS_NUMBER.replace(" ", ""), "Zebedee", "Quentin", "gardening"):
        assert secret not in text
