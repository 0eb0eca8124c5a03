"""Nothing silently overwritten, and a damaged database noticed: the window's side.

A draft saved elsewhere (another window, another PC) since this window read it is
not saved over: both versions are shown, and whichever is not chosen is kept as a
separate draft. Damage found after an I/O error offers "set aside, start a new database".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from capture_support import TEST_NHS, make_window, open_thinning, write_capture_library

pytest.importorskip("PySide6.QtWidgets")

from sdm_desktop.records.errors import DatabaseCorrupt
from sdm_desktop.records.store import RecordStore
from sdm_desktop.ui.window.draft_conflict import DraftConflictDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_capture_library(tmp_path / "lib")


def _drafts(data: Path) -> dict[str, object]:
    with RecordStore.open(data) as store:
        return {d.record_id: d.record for d in store.drafts()}


def _type_and_save(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    window.capture.notes.clear()
    qtbot.keyClicks(window.capture.notes, text)
    window.records.flush()


def _saved_elsewhere(data: Path, record_id: str, notes: str) -> None:
    """Another PC opens the same draft and saves its own change."""
    with RecordStore.open(data) as other:
        theirs = other.get_draft(record_id)
        other.save_draft(dataclasses.replace(theirs, notes=notes))


def _conflict(qtbot, window, data: Path) -> DraftConflictDialog:  # type: ignore[no-untyped-def]
    open_thinning(window)
    qtbot.keyClicks(window.capture.patient_id, TEST_NHS)
    _type_and_save(qtbot, window, "Mine first")
    record_id = window.records.record.record_id
    _saved_elsewhere(data, record_id, "Theirs, typed on the other PC")
    _type_and_save(qtbot, window, "Mine, typed after")
    dialog = window.recording.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert _drafts(data)[record_id].notes == "Theirs, typed on the other PC"  # not saved over
    assert "Mine, typed after" in dialog.mine.toPlainText()
    assert "Theirs, typed on the other PC" in dialog.theirs.toPlainText()
    assert "changed in another window or on another computer" in window.banner.label.text()
    return dialog


def test_a_stale_save_shows_both_texts_and_keeping_mine_keeps_theirs_too(qtbot, library: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    window = make_window(qtbot, library, data)
    dialog = _conflict(qtbot, window, data)
    record_id_holder = [window.records.record.record_id]
    dialog.keep_mine_button.click()
    drafts = _drafts(data)
    assert drafts[record_id_holder[0]].notes == "Mine, typed after"
    others = [d for rid, d in drafts.items() if rid != record_id_holder[0]]
    assert [d.notes for d in others] == ["Theirs, typed on the other PC"]
    _type_and_save(qtbot, window, "Mine again")  # saving goes on as normal
    assert _drafts(data)[record_id_holder[0]].notes == "Mine again"
    window.close()


def test_using_theirs_puts_it_on_screen_and_keeps_mine_as_a_draft(qtbot, library: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    window = make_window(qtbot, library, data)
    dialog = _conflict(qtbot, window, data)
    record_id = window.records.record.record_id
    dialog.keep_theirs_button.click()
    assert window.capture.notes.toPlainText() == "Theirs, typed on the other PC"
    drafts = _drafts(data)
    assert drafts[record_id].notes == "Theirs, typed on the other PC"
    assert [d.notes for rid, d in drafts.items() if rid != record_id] == ["Mine, typed after"]
    _type_and_save(qtbot, window, "Carrying on from theirs")
    assert _drafts(data)[record_id].notes == "Carrying on from theirs"
    window.close()


def test_damage_found_after_an_error_offers_a_new_database(qtbot, library: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    window = make_window(qtbot, library, data)
    open_thinning(window)
    store = window.records.store
    assert store is not None

    def damaged(record, **_kw):  # type: ignore[no-untyped-def]
        raise DatabaseCorrupt("The records database is damaged (page 7 is broken).", path=store.path)

    store.save_draft = damaged  # type: ignore[method-assign]
    _type_and_save(qtbot, window, "Typed while the file is damaged")
    assert window.records.can_set_aside()
    assert not window.banner.new_database.isHidden()
    assert "damaged" in window.banner.label.text()
    window.close()


def test_an_upgrade_runs_off_the_window_thread_with_progress(
    qtbot,  # type: ignore[no-untyped-def]
    library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sqlite3
    import time

    from PySide6.QtCore import QTimer

    from sdm_desktop.records import migrations

    data = tmp_path / "data"
    RecordStore.open(data, schema=migrations.LATEST - 1).close()
    last = migrations.MIGRATIONS[-1]

    def slow(conn: sqlite3.Connection) -> None:  # a long upgrade: 30,000 records take about 10 s
        last(conn)
        for i in range(30):
            time.sleep(0.05)
            migrations._tick(i + 1, 30)

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS[:-1], slow))
    started = time.monotonic()
    window = make_window(qtbot, library, data)
    assert time.monotonic() - started < 1.4  # the window did not wait for the upgrade
    assert window.records.upgrading is not None and window.records.store is None
    ticks: list[float] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    seen: list[str] = []
    window.records.notice.connect(seen.append)
    qtbot.waitUntil(lambda: window.records.upgrading is None, timeout=20_000)
    timer.stop()
    assert window.records.store is not None and window.records.store.schema_version() == migrations.LATEST
    assert any("of 30 (" in text for text in seen) and seen[-1] == ""
    assert len(ticks) >= 10  # the event loop kept running: the window stayed responsive
    assert window.banner.isHidden()
    window.close()
