"""Search ranks a whole keyword (an abbreviation such as "AF") above a title word that merely starts the same."""

from __future__ import annotations

import datetime as dt

from sdm_desktop.grids.library import load_library
from sdm_desktop.grids.search import Entry, SearchIndex
from sdm_desktop.paths import SHIPPED_LIBRARY


def _index() -> SearchIndex:
    library = load_library([SHIPPED_LIBRARY], dt.date(2026, 6, 1))
    return SearchIndex(Entry.of(lf.path, lf.document) for lf in library.files if lf.ok and lf.document is not None)


def test_af_finds_atrial_fibrillation_first_not_knee_pain_after_treatment() -> None:
    found = _index().search("af")
    assert found[0].endswith("af-anticoagulation.yaml")
    assert any(path.endswith("knee-osteoarthritis.yaml") for path in found)  # "after" still matches, lower


def test_a_whole_title_word_outranks_a_whole_keyword_and_a_word_start() -> None:
    index = _index()
    assert index.search("copd")[0].endswith("copd-self-management.yaml")
    assert index.search("knee")[0].endswith("knee-osteoarthritis.yaml")
