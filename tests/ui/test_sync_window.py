"""The central store in the window: the sync state in plain words, and a sync off the GUI thread."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from capture_support import make_window, write_capture_library
from test_records_factory import final_record

pytest.importorskip("PySide6.QtWidgets")

from sdm_desktop.records.store import RecordStore

pytestmark = pytest.mark.gui


def _fill(folder: Path, n: int) -> None:
    with RecordStore.open(folder) as store:
        store.import_final([final_record(i) for i in range(1, n + 1)])


def _machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, conninfo: str) -> None:
    path = tmp_path / "central.json"
    path.write_text(json.dumps({"conninfo": conninfo, "site": "Riverside"}), encoding="utf-8")
    monkeypatch.setenv("SDM_DESKTOP_MACHINE_CONFIG", str(path))


def test_no_central_store_shows_nothing(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SDM_DESKTOP_MACHINE_CONFIG", str(tmp_path / "none.json"))
    window = make_window(qtbot, write_capture_library(tmp_path / "lib"), tmp_path / "data")
    assert not window.recording.background_sync.configured
    assert not window.recording.sync_label.isVisibleTo(window)
    assert not window.recording.background_sync.maybe_sync(force=True)
    window.close()


def test_an_unreachable_store_is_said_in_words_and_nothing_is_lost(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _machine(tmp_path, monkeypatch, f"host={tmp_path / 'no-server-here'} dbname=sdm connect_timeout=2")
    data = tmp_path / "data"
    _fill(data, 2)
    window = make_window(qtbot, write_capture_library(tmp_path / "lib"), data)
    label = window.recording.sync_label
    assert label.isVisibleTo(window)
    qtbot.waitUntil(lambda: "The last try failed" in label.text(), timeout=20_000)
    assert "Not yet sent to the central store; 2 records waiting to be sent." in label.text()
    assert window.recording.background_sync.status is not None
    assert window.recording.background_sync.status.waiting == 2
    window.close()


def test_a_background_sync_sends_the_outbox_off_the_gui_thread(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    central: str,
) -> None:
    import psycopg

    from sdm_desktop.records.central import sync as sync_module

    threads: list[str] = []
    real_sync = sync_module.sync

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real_sync(*args, **kwargs)

    monkeypatch.setattr("sdm_desktop.ui.window.sync_status.sync", watched)
    _machine(tmp_path, monkeypatch, central)
    data = tmp_path / "data"
    _fill(data, 3)
    window = make_window(qtbot, write_capture_library(tmp_path / "lib"), data)
    label = window.recording.sync_label
    qtbot.waitUntil(lambda: "0 records waiting to be sent" in label.text(), timeout=30_000)
    assert label.text().startswith("Last sent to the central store ")
    assert threads == ["central-sync"]
    with psycopg.connect(central) as conn:
        assert conn.execute("SELECT count(*) FROM sdm.records").fetchone()[0] == 3
    window.close()
