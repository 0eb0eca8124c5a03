"""The catalogue cache: a warm start lists and checks the library from facts, building grids when opened."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from library_support import write_library

from sdm_desktop.grids.facts import Facts, facts_of
from sdm_desktop.grids.library import Library, discover, load_file
from sdm_desktop.grids.store import LibraryStore, listed
from sdm_desktop.paths import SHIPPED_LIBRARY

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 11, 24)


def _findings(library: Library) -> list[str]:
    return sorted(f.format() for lf in library.files for f in lf.findings)


def _library(tmp_path: Path) -> list[Path]:
    """Shipped content, a small library with risk scores, and every bad file (with cross-file errors)."""
    lib = write_library(tmp_path / "lib", bad=True)
    bad = tmp_path / "bad"
    shutil.copytree(DATA / "bad", bad)
    return [SHIPPED_LIBRARY, lib, bad]


def test_warm_start_matches_a_fresh_load_without_building_grids(tmp_path: Path) -> None:
    folders = _library(tmp_path)
    fresh = LibraryStore(folders, TODAY, cache_file=None).load()
    cache = tmp_path / "catalogue.json"
    LibraryStore(folders, TODAY, cache_file=cache).load()
    assert cache.is_file()

    warm = LibraryStore(folders, TODAY, cache_file=cache).load()
    assert _findings(warm) == _findings(fresh)
    assert [lf.path for lf in listed(warm)] == [lf.path for lf in listed(fresh)]
    # cross-file findings are there too, located from facts alone
    rules = {f.rule for f in warm.findings}
    assert {"duplicate-id", "unknown-score", "unknown-effect", "risk-mixed-time-frame"} <= rules
    grids = [lf for lf in warm.files if lf.kind == "option_grid"]
    assert grids and not any(lf.loaded for lf in grids)
    # what the window needs from the start is built; a grid is built when it is read
    assert all(lf.loaded for lf in warm.files if lf.kind in ("prompt_set", "risk_score"))
    assert {s.id for s in warm.prompt_sets} == {s.id for s in fresh.prompt_sets}
    af = next(lf for lf in grids if lf.facts is not None and lf.facts.id == "af-anticoagulation")
    eager = next(lf for lf in fresh.files if lf.path == af.path)
    assert af.document is not None and eager.document is not None
    assert af.loaded and af.document.content_hash == eager.document.content_hash


def test_a_changed_file_is_loaded_again_and_the_rest_come_from_the_cache(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    cache = tmp_path / "catalogue.json"
    LibraryStore([folder], TODAY, cache_file=cache).load()
    knee = folder / "knee.yaml"
    knee.write_text(knee.read_text(encoding="utf-8").replace("title:", "title: Changed", 1), encoding="utf-8")
    os.utime(knee, ns=(knee.stat().st_atime_ns, knee.stat().st_mtime_ns + 10_000_000))

    warm = LibraryStore([folder], TODAY, cache_file=cache).load()
    by_name = {Path(lf.path).name: lf for lf in warm.files}
    assert by_name["knee.yaml"].loaded
    assert by_name["knee.yaml"].facts is not None and by_name["knee.yaml"].facts.title.startswith("Changed")
    assert not by_name["thinning.yaml"].loaded


@pytest.mark.parametrize("damage", ["not json at all {", '{"key": "other", "files": {}}', "BAD-ENTRIES"])
def test_a_damaged_or_stale_cache_is_ignored(tmp_path: Path, damage: str) -> None:
    folder = write_library(tmp_path / "lib", bad=True)
    cache = tmp_path / "catalogue.json"
    fresh = LibraryStore([folder], TODAY, cache_file=None).load()
    LibraryStore([folder], TODAY, cache_file=cache).load()
    if damage == "BAD-ENTRIES":  # right key, entries of the wrong shape
        text = cache.read_text(encoding="utf-8")
        cache.write_text(text.replace('"findings":[', '"findings":[[1],'), encoding="utf-8")
    else:
        cache.write_text(damage, encoding="utf-8")
    warm = LibraryStore([folder], TODAY, cache_file=cache).load()
    assert _findings(warm) == _findings(fresh)
    assert all(lf.loaded for lf in warm.files)  # nothing trusted from the damaged cache


def test_the_cache_is_per_day(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    cache = tmp_path / "catalogue.json"
    LibraryStore([folder], TODAY, cache_file=cache).load()
    tomorrow = LibraryStore([folder], TODAY + dt.timedelta(days=1), cache_file=cache).load()
    assert all(lf.loaded for lf in tomorrow.files)


def test_facts_round_trip_through_json(tmp_path: Path) -> None:
    for path in discover([SHIPPED_LIBRARY, write_library(tmp_path / "lib")]):
        lf = load_file(path, TODAY)
        assert lf.document is not None
        facts = facts_of(lf.document, lf.source, lf.path)
        assert Facts.from_json(facts.to_json(), lf.path) == facts


def test_discover_lists_a_file_once_and_skips_hidden(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "x.yaml").write_text("id: x\n", encoding="utf-8")
    (folder / ".draft.yaml").write_text("id: y\n", encoding="utf-8")
    found = discover([folder, folder / "knee.yaml", folder])
    assert sorted(p.name for p in found) == ["bleed.yaml", "knee.yaml", "prompts.yaml", "stroke.yaml", "thinning.yaml"]


def test_a_grid_is_found_by_id_without_building_the_others(tmp_path: Path) -> None:
    cache = tmp_path / "catalogue.json"
    LibraryStore([SHIPPED_LIBRARY], TODAY, cache_file=cache).load()
    warm = LibraryStore([SHIPPED_LIBRARY], TODAY, cache_file=cache).load()
    (grid,) = warm.grids_with_id("knee-osteoarthritis")
    assert grid.id == "knee-osteoarthritis"
    built = {lf.facts.id for lf in warm.files if lf.kind == "option_grid" and lf.loaded and lf.facts is not None}
    assert built == {"knee-osteoarthritis"}
    assert warm.grids_with_id("no-such-grid") == [] and warm.grids_with_id("bran") == []  # a prompt set is not a grid
