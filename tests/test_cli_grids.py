"""`sdm-desktop validate` and `sdm-desktop list`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sdm_desktop.cli import main
from sdm_desktop.config import Config

GOOD = Path(__file__).parent / "data" / "good"
BAD = Path(__file__).parent / "data" / "bad"
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+ \[(?P<rule>[a-z0-9-]+)\]$")


def test_validate_clean_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD / "example-grid.yaml")]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == ["1 file checked: 0 errors, 0 warnings"]


def test_validate_prints_one_line_per_finding_then_summary(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(BAD / "unknown-key.yaml"), str(BAD / "one-in-x.yaml"), str(BAD / "review-overdue.yaml")]
    code = main(["validate", *files])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 1
    *findings, summary = lines
    parsed = [LINE.match(line) for line in findings]
    assert all(parsed), findings
    assert {m["rule"] for m in parsed if m} >= {"unknown-key", "one-in-x"}
    errors = sum(1 for m in parsed if m and m["sev"] == "error")
    warnings = sum(1 for m in parsed if m and m["sev"] == "warning")
    assert summary == f"3 files checked: {errors} errors, {warnings} warning{'s' if warnings != 1 else ''}"


def test_warnings_alone_exit_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (BAD / "reading-age.yaml").read_text()
    target = tmp_path / "grid.yaml"
    target.write_text(text)
    assert main(["validate", str(target)]) == 0
    assert "[reading-age]" in capsys.readouterr().out


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(BAD / "yaml-tag.yaml")]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1
    (finding,) = report["findings"]
    assert finding["rule"] == "yaml-tag"
    assert finding["line"] == 12
    assert finding["severity"] == "error"


def test_validate_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "/no/such/file.yaml"]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--format", "xml"])
    assert exc.value.code == 2


def test_validate_folder_with_a_link_between_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(GOOD / "example-score.yaml", tmp_path)
    grid = (
        (GOOD / "example-grid.yaml")
        .read_text()
        .replace(
            "      figures:\n        wait: {events: 10}\n        pill: {events: 5}\n",
            "      from_score: {score: example-score, effects: {wait: none, pill: pil}}\n",
        )
    )
    (tmp_path / "grid.yaml").write_text(grid)
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "'example-score' has no effect 'pil'" in out
    assert "[unknown-effect]" in out


def test_validate_defaults_to_library_and_configured_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = tmp_path / "drafts"
    extra.mkdir()
    shutil.copy(BAD / "one-in-x.yaml", extra / "draft.yaml")
    Config(library_folders=[str(extra)]).save()
    main(["validate"])
    out = capsys.readouterr().out
    assert f"{extra / 'draft.yaml'}:44:21: error:" in out


@pytest.fixture
def no_shipped_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep these tests independent of the shipped content."""
    from sdm_desktop.grids import command

    empty = tmp_path / "shipped"
    empty.mkdir()
    monkeypatch.setattr(command, "SHIPPED_LIBRARY", empty)


@pytest.mark.usefixtures("no_shipped_library")
def test_list_shows_valid_documents_and_counts_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = tmp_path / "lib"
    extra.mkdir()
    shutil.copy(GOOD / "example-grid.yaml", extra)
    shutil.copy(BAD / "yaml-tag.yaml", extra)
    Config(library_folders=[str(extra)]).save()
    assert main(["list", "--json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert rows == [
        {
            "id": "example-grid",
            "kind": "option_grid",
            "title": "An example choice",
            "version": "1.0.0",
            "language": "en-GB",
            "sign_off": "not_reviewed",
            "path": str(extra / "example-grid.yaml"),
        }
    ]
    assert captured.err.startswith("1 file with errors not listed")


def test_list_cache_notices_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = tmp_path / "lib"
    extra.mkdir()
    target = extra / "example-grid.yaml"
    shutil.copy(GOOD / "example-grid.yaml", target)
    Config(library_folders=[str(extra)]).save()
    main(["list"])
    first = capsys.readouterr().out
    assert "An example choice" in first
    target.write_text(target.read_text().replace("title: An example choice", "title: A renamed choice"))
    os.utime(target, ns=(1, 1))  # a different identity even on coarse clocks
    main(["list"])
    second = capsys.readouterr().out
    assert "A renamed choice" in second and "An example choice" not in second


@pytest.mark.slow  # a fresh interpreter
def test_command_line_entry_point_runs_as_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sdm_desktop", "validate", str(BAD / "latin1.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "latin1.yaml:3:11: error:" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_unexpected_errors_never_show_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sdm_desktop.grids import command

    def explode(args: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(command, "run_validate", explode)
    assert main(["validate"]) == 3
    err = capsys.readouterr().err
    assert "disk on fire" in err and "Traceback" not in err
    log = Path(os.environ["SDM_DESKTOP_LOG_DIR"]) / "sdm-desktop.log"
    assert str(log) in err
    text = log.read_text()
    # Where it happened, for IT; not the message, which could quote what was typed.
    assert "unexpected builtins.RuntimeError" in text and "in explode" in text
    assert "disk on fire" not in text
