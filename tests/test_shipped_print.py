"""Shipped grids print whole: a handout that would cut a cell is a validation error for the shipped library."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_support import PLAIN_GRID

from sdm_desktop.cli import main
from sdm_desktop.grids.library import discover, load_file
from sdm_desktop.paths import SHIPPED_LIBRARY
from sdm_desktop.summary import shipped_print

SENTENCE = "Take the tablet with food at the same time each day, and tell the pharmacist about other medicines. "


def crowded_grid(rows: int = 12) -> str:
    head, _, _ = PLAIN_GRID.partition("rows:\n")
    _, _, tail = PLAIN_GRID.partition(
        "      surgery: {text: An operation and some weeks of rest., evidence: [made-up]}\n"
    )
    body = "rows:\n" + "".join(
        f"  - id: r{i}\n    question: Question {i}?\n    cells:\n"
        f"      exercise: {{text: '{SENTENCE * 3}', evidence: [made-up]}}\n"
        f"      surgery: {{text: '{SENTENCE * 3}', evidence: [made-up]}}\n"
        for i in range(rows)
    )
    return head + body + tail


def test_every_shipped_grid_prints_whole_on_a4_and_letter() -> None:
    files = [load_file(p) for p in discover([SHIPPED_LIBRARY])]
    assert sum(1 for lf in files if lf.kind == "option_grid") >= 5
    assert shipped_print.print_findings(files) == []


def test_a_shipped_grid_that_would_be_cut_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "shipped"
    folder.mkdir()
    path = folder / "crowded.yaml"
    path.write_text(crowded_grid(), encoding="utf-8")
    monkeypatch.setattr(shipped_print, "SHIPPED_LIBRARY", folder)
    files = [load_file(path)]
    assert files[0].ok, [f.format() for f in files[0].findings]
    found = shipped_print.print_findings(files)
    assert [f.rule for f in found] == [shipped_print.RULE] * 2  # A4 and US Letter
    assert "US Letter" in found[1].message and "shortened" in found[1].message
    assert found[0].line > 1  # at the rows, path:line:col


def test_validate_reports_it_for_the_shipped_folder_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped, elsewhere = tmp_path / "shipped", tmp_path / "local"
    for folder in (shipped, elsewhere):
        folder.mkdir()
        (folder / "crowded.yaml").write_text(crowded_grid().replace("test-knee", f"knee-{folder.name}"), "utf-8")
    monkeypatch.setattr(shipped_print, "SHIPPED_LIBRARY", shipped)
    assert main(["validate", str(shipped)]) == 1
    assert f"[{shipped_print.RULE}]" in capsys.readouterr().out
    assert main(["validate", str(elsewhere)]) == 0  # a service's own content is the preview's business
    assert shipped_print.RULE not in capsys.readouterr().out
