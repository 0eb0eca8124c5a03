"""The window's library, Qt-free: search ranking, the library store and the preview's source."""

from __future__ import annotations

from pathlib import Path

from library_support import write_library

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
