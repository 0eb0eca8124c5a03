"""The window's Qt-free parts: search ranking, the session, the library store."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_ui_support import write_library

from sdm_desktop.consult.session import Session, form_inputs, row_results
from sdm_desktop.grids.library import load_file
from sdm_desktop.grids.search import Entry, SearchIndex, fold, words
from sdm_desktop.grids.store import LibraryStore, PreviewSource, listed_documents


def _index(folder: Path) -> tuple[LibraryStore, SearchIndex]:
    store = LibraryStore([folder])
    library = store.load()
    return store, SearchIndex(Entry.of(lf.path, doc) for lf, doc in listed_documents(library))


def _ids(store: LibraryStore, keys: list[str]) -> list[str]:
    by_path = {lf.path: lf.document.id for lf in store.library.files if lf.document}
    return [by_path[k] for k in keys]


def test_fold_removes_case_accents_and_punctuation() -> None:
    assert fold("Café-au-LAIT!") == " cafe au lait "
    assert words("knee  KNEE pain") == ["knee", "pain"]


def test_search_matches_every_field_and_needs_every_word(tmp_path: Path) -> None:
    store, index = _index(write_library(tmp_path / "lib"))
    assert _ids(store, index.search("knee")) == ["test-knee"]  # title
    assert _ids(store, index.search("wear tear")) == ["test-knee"]  # condition
    assert _ids(store, index.search("surgery")) == ["test-knee"]  # option name
    assert _ids(store, index.search("osteo")) == ["test-knee"]  # keyword, by its start
    assert _ids(store, index.search("new pill")) == ["test-thinning"]
    assert index.search("knee pill") == []
    assert len(index.search("")) == 5


def test_search_ranks_title_matches_first_and_filters(tmp_path: Path) -> None:
    store, index = _index(write_library(tmp_path / "lib"))
    # "bleeding" starts a word of the bleeding score's title; elsewhere it is only inside other words.
    ranked = _ids(store, index.search("bleeding"))
    assert ranked[0] == "test-bleed"
    assert set(_ids(store, index.search("", kind="risk_score"))) == {"test-stroke", "test-bleed"}
    assert _ids(store, index.search("", topic="joints")) == ["test-knee"]
    assert index.topics == ["heart", "joints", "questions"]


def test_session_ticks_questions_and_reopening(tmp_path: Path) -> None:
    store = LibraryStore([write_library(tmp_path / "lib")])
    library = store.load()
    grid = next(g for g in library.grids if g.id == "test-thinning")
    session = Session()
    session.open(grid)
    assert session.set_discussed("stroke", True)
    assert not session.set_discussed("stroke", True)
    session.set_value("age", 80)
    session.open(grid)  # the same grid reloaded keeps its ticks and inputs
    assert session.discussed == {"stroke"} and session.risk_values == {"age": 80}
    other = next(g for g in library.grids if g.id == "test-knee")
    session.open(other)
    assert session.discussed == set() and session.risk_values == {}
    assert not session.add_question("   ")
    assert session.add_question("  Can I  still drive? ")
    assert session.questions == ["Can I still drive?"]
    assert session.remove_question(0) and not session.remove_question(0)


def test_form_inputs_follow_the_grid_order_then_the_rest(tmp_path: Path) -> None:
    library = LibraryStore([write_library(tmp_path / "lib")]).load()
    grid = next(g for g in library.grids if g.id == "test-thinning")
    assert [i.id for i in form_inputs(grid, library.scores)] == ["age", "sex", "high-bp", "anaemia"]


def test_row_results_personal_typical_and_null(tmp_path: Path) -> None:
    library = LibraryStore([write_library(tmp_path / "lib")]).load()
    grid = next(g for g in library.grids if g.id == "test-thinning")
    waiting = row_results(grid, library.scores, {})
    assert [r.personal for r in waiting] == [False, False]
    assert "Age is needed" in (waiting[0].missing or "")
    results = {r.row.id: r for r in row_results(grid, library.scores, {"age": 80, "sex": "female", "high-bp": True})}
    # 2 + 1 + 1 = 4 points -> 8 out of 100; the pills scale it by 0.5 and 0.4.
    assert {k: f.events for k, f in results["stroke"].figures.items()} == {"none": 8, "old-pill": 4, "new-pill": 3}
    assert "none" not in results["bleed"].figures  # mapped to null: the cell's words are shown instead


def test_store_refresh_reloads_only_changed_files_and_never_doubles_findings(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    (folder / "copy.yaml").write_text((folder / "knee.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    store = LibraryStore([folder])
    first = store.load()
    dup = [f for f in first.findings if f.rule == "duplicate-id"]
    assert len(dup) == 1
    before = {p: lf for p, (_i, lf) in store._files.items()}
    again = store.refresh()
    assert len([f for f in again.findings if f.rule == "duplicate-id"]) == 1
    assert all(store._files[p][1] is before[p] for p in before)  # nothing re-parsed
    (folder / "copy.yaml").unlink()
    assert not [f for f in store.refresh().findings if f.rule == "duplicate-id"]


def test_preview_source_resolves_scores_from_the_library(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    draft = tmp_path / "draft.yaml"
    draft.write_text((folder / "thinning.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    lf, library = PreviewSource(draft, [folder]).load()
    assert lf.ok, [f.format() for f in lf.findings]
    assert set(library.scores) == {"test-stroke", "test-bleed"}
    alone = load_file(draft)
    assert alone.ok  # on its own, the cross-checks have not run
