"""Faults while recording: locked, read-only, damaged database, full disk. The window says so calmly and loses nothing."""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from capture_support import make_window, open_thinning, write_capture_library
from test_records_factory import DiskFullConnection

from sdm_desktop import atomic
from sdm_desktop.records import store as store_module
from sdm_desktop.records.location import database_path, recovery_dir
from sdm_desktop.records.store import RecordStore
from sdm_desktop.ui.record import record_controller
from sdm_desktop.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui
TYPED = "Worried about falls; lives alone"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_capture_library(tmp_path / "lib")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "records"


@pytest.fixture(autouse=True)
def _short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(record_controller, "BUSY_TIMEOUT", 0.05)


def _type(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    qtbot.keyClicks(window.capture.notes, TYPED)


def _kept(data: Path, record_id: str) -> dict[str, Any]:
    path = next(recovery_dir(data).glob("*.json"))
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert kept["record"]["record_id"] == record_id
    return kept["record"]


def _banner_says(qtbot, window: MainWindow, words: str) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.banner.isVisible() and words in window.banner.label.text(), timeout=3000)
    text = window.banner.label.text()
    assert "Traceback" not in text
    return text


def _draft_text(data: Path, record_id: str) -> str:
    with RecordStore.open(data) as store:
        return store.get_draft(record_id).notes


def test_locked_database_keeps_the_typing_and_recovers(qtbot, library: Path, data: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, library, data)
    RecordStore.open(data).close()
    holder = sqlite3.connect(database_path(data), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the database
    try:
        _type(qtbot, window)
        text = _banner_says(qtbot, window, "busy")
        assert str(recovery_dir(data)) in text
        assert window.capture.notes.toPlainText() == TYPED
        assert _kept(data, window.records.record.record_id)["notes"] == TYPED
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.keyClicks(window.capture.notes, ".")
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=3000)
    assert _draft_text(data, window.records.record.record_id) == TYPED + "."
    assert list(recovery_dir(data).glob("*.json")) == []
    window.close()


def test_read_only_database(qtbot, library: Path, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    RecordStore.open(data).close()

    def read_only(path: Path, timeout: float) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout, isolation_level=None)

    monkeypatch.setattr(store_module, "_connect", read_only)
    window = make_window(qtbot, library, data)
    _type(qtbot, window)
    _banner_says(qtbot, window, "read-only")
    record_id = window.records.record.record_id
    assert window.capture.notes.toPlainText() == TYPED
    assert _kept(data, record_id)["notes"] == TYPED
    window.close()  # allowed: the draft is safe in the recovery folder
    assert not window.isVisible()
    monkeypatch.undo()
    again = make_window(qtbot, library, data)  # the disk can be written again: the draft is offered
    dialog = again.recording.resume_dialog
    assert dialog is not None
    dialog.resume_button.click()
    assert again.capture.notes.toPlainText() == TYPED
    again.close()


def test_damaged_database_at_start_the_window_still_works(qtbot, library: Path, data: Path) -> None:  # type: ignore[no-untyped-def]
    data.mkdir(parents=True)
    database_path(data).write_bytes(b"This is not a database. " * 200)
    window = make_window(qtbot, library, data)
    text = _banner_says(qtbot, window, "cannot be saved")
    assert "damaged" in text and window.banner.new_database.isVisible()
    _type(qtbot, window)  # the aids still open and the typing is kept
    assert window.controller.grid is not None
    qtbot.waitUntil(lambda: any(recovery_dir(data).glob("*.json")), timeout=3000)
    record_id = window.records.record.record_id
    window.records.flush()
    assert _kept(data, record_id)["notes"] == TYPED
    assert window.recording.show_history() is None and "cannot be saved" in window.message.text()
    window.banner.new_database.click()
    assert not window.banner.isVisible()
    assert "kept as" in window.statusBar().currentMessage()
    assert _draft_text(data, record_id) == TYPED
    assert any(p.name.startswith("records.damaged-") for p in data.iterdir())
    window.close()


def test_full_disk_keeps_the_typing_and_refuses_to_close_when_nothing_can_be_kept(  # type: ignore[no-untyped-def]
    qtbot, library: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    RecordStore.open(data).close()
    real = store_module._connect
    monkeypatch.setattr(store_module, "_connect", lambda path, timeout: DiskFullConnection(real(path, timeout)))
    window = make_window(qtbot, library, data)
    _type(qtbot, window)
    _banner_says(qtbot, window, "disk is full")
    assert _kept(data, window.records.record.record_id)["notes"] == TYPED
    # Now not even the recovery folder can be written: the window must stay open.
    real_mkstemp = atomic.tempfile.mkstemp

    def no_space(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", no_space)
    qtbot.keyClicks(window.capture.notes, " more")
    _banner_says(qtbot, window, "Do not close the window")
    window.close()
    assert window.isVisible()
    assert window.capture.notes.toPlainText() == TYPED + " more"
    monkeypatch.setattr(atomic.tempfile, "mkstemp", real_mkstemp)
    window.close()
    assert not window.isVisible()
    assert _kept(data, window.records.record.record_id)["notes"] == TYPED + " more"
