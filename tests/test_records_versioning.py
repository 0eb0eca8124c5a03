"""Nothing silently overwritten: two stores (two windows, or two computers) on one data folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_records_factory import draft_record

from sdm_desktop.records.errors import RecordConflict
from sdm_desktop.records.location import database_path
from sdm_desktop.records.store import RecordStore
from sdm_desktop.records.versioning import DraftChanged


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _revision(folder: Path, record_id: str) -> int:
    conn = sqlite3.connect(database_path(folder))
    try:
        return int(conn.execute("SELECT revision FROM drafts WHERE record_id = ?", (record_id,)).fetchone()[0])
    finally:
        conn.close()


def test_two_windows_on_one_draft_never_overwrite_each_other(folder: Path) -> None:
    first = RecordStore.open(folder)
    second = RecordStore.open(folder)
    draft = draft_record(what_matters="started in the first window")
    first.save_draft(draft)
    (summary,) = second.drafts()  # the second window resumes the same draft
    assert summary.record.what_matters == "started in the first window"

    ours = draft.updated(what_matters="typed in the first window")
    first.save_draft(ours)
    theirs = summary.record.updated(what_matters="typed in the second window")
    with pytest.raises(DraftChanged) as refused:
        second.save_draft(theirs)
    # The refusal carries both texts, so both can be shown and nothing typed is lost.
    assert refused.value.ours.what_matters == "typed in the second window"
    assert refused.value.theirs is not None and refused.value.theirs.what_matters == "typed in the first window"
    assert refused.value.revision == 2
    assert "changed in another window" in str(refused.value)
    assert second.get_draft(draft.record_id).what_matters == "typed in the first window"  # not overwritten

    # The person combines them; saving that on purpose goes through, and the first window is told in turn.
    combined = theirs.updated(what_matters="typed in the first window; typed in the second window")
    second.save_draft(combined, overwrite=True)
    with pytest.raises(DraftChanged) as back:
        first.save_draft(ours.updated(what_matters="more typing in the first window"))
    assert back.value.theirs is not None and back.value.theirs.what_matters == combined.what_matters
    assert _revision(folder, draft.record_id) == 3

    # Once a window has read the latest, its saves go through again.
    latest = first.get_draft(draft.record_id)
    first.save_draft(latest.updated(notes="agreed"))
    assert _revision(folder, draft.record_id) == 4
    first.close()
    second.close()


def test_a_window_saving_its_own_edits_is_never_refused(folder: Path) -> None:
    with RecordStore.open(folder) as store:
        draft = draft_record()
        store.save_draft(draft)
        for i in range(20):
            draft = draft.updated(notes=f"edit {i}")
            store.save_draft(draft)
        assert _revision(folder, draft.record_id) == 21
        assert store.get_draft(draft.record_id).notes == "edit 19"


def test_finalising_a_draft_changed_elsewhere_is_refused(folder: Path) -> None:
    first = RecordStore.open(folder)
    second = RecordStore.open(folder)
    draft = draft_record()
    first.save_draft(draft)
    second.get_draft(draft.record_id)
    second.save_draft(draft.updated(notes="the second window's note"))
    with pytest.raises(DraftChanged) as refused:
        first.finalise(draft)
    assert refused.value.theirs is not None and refused.value.theirs.notes == "the second window's note"
    assert first.count() == 0 and first.get_draft(draft.record_id).notes == "the second window's note"
    first.close()
    second.close()


def test_a_draft_finalised_in_another_window_is_not_saved_again(folder: Path) -> None:
    first = RecordStore.open(folder)
    second = RecordStore.open(folder)
    draft = draft_record()
    first.save_draft(draft)
    second.finalise(second.get_draft(draft.record_id))
    with pytest.raises(RecordConflict, match="already been finalised"):
        first.save_draft(draft.updated(notes="late edit"))
    first.close()
    second.close()


def test_a_draft_discarded_in_another_window_is_saved_again(folder: Path) -> None:
    first = RecordStore.open(folder)
    second = RecordStore.open(folder)
    draft = draft_record()
    first.save_draft(draft)
    second.discard_draft(draft.record_id)
    first.save_draft(draft.updated(notes="still typing"))  # what was typed is not lost
    assert second.get_draft(draft.record_id).notes == "still typing"
    first.close()
    second.close()
