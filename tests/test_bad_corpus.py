"""Every file in tests/data/bad yields its expected rule at its expected place."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sdm_desktop.grids.library import cross_check, load_file

BAD = Path(__file__).parent / "data" / "bad"
GOOD = Path(__file__).parent / "data" / "good"
TODAY = dt.date(2026, 11, 24)
_EXPECT = re.compile(rb"# expect: (?P<rule>[a-z0-9-]+) at line (?P<line>\d+)(?: column (?P<col>\d+))?")

# Files that cannot carry their own expectation comment.
NO_HEADER = {"empty.yaml": ("empty-file", 1, 1)}


def expectation(path: Path) -> tuple[str, int, int | None]:
    if path.name in NO_HEADER:
        return NO_HEADER[path.name]
    match = _EXPECT.match(path.read_bytes())
    assert match, f"{path.name} has no '# expect:' first line"
    col = match.group("col")
    return match.group("rule").decode(), int(match.group("line")), int(col) if col else None


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_file_yields_expected_rule_at_expected_line(path: Path) -> None:
    rule, line, col = expectation(path)
    loaded = load_file(path, TODAY)
    cross_check([loaded, load_file(GOOD / "example-score.yaml", TODAY)])
    hits = [f for f in loaded.findings if f.rule == rule]
    assert hits, f"expected [{rule}], got: " + "; ".join(f.format() for f in loaded.findings)
    assert any(f.line == line and (col is None or f.column == col) for f in hits), [f.format() for f in hits]
    assert all(f.path == str(path) for f in loaded.findings)


def test_corpus_covers_every_lint_rule() -> None:
    from sdm_desktop.grids.lint import RULES

    covered = {expectation(p)[0] for p in BAD.glob("*.yaml")}
    assert set(RULES) <= covered, set(RULES) - covered


@pytest.mark.parametrize("path", sorted(GOOD.glob("*.yaml")), ids=lambda p: p.stem)
def test_good_files_are_clean(path: Path) -> None:
    loaded = load_file(path, TODAY)
    assert loaded.ok
    assert loaded.findings == []


def test_authoring_rules_can_be_left_out_for_the_window() -> None:
    path = BAD / "reading-age.yaml"
    assert [f.rule for f in load_file(path, TODAY).findings] == ["reading-age"]
    assert load_file(path, TODAY, authoring=False).findings == []
