"""Past records can search the central store for a patient, read-only: a decision made in another room."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_records_factory import final_record, valid_nhs

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QPushButton

from sdm_desktop.records.central.settings import CentralSettings
from sdm_desktop.records.central.sync import sync
from sdm_desktop.records.store import RecordStore
from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.history.history_window import HistoryWindow

pytestmark = pytest.mark.gui


def test_a_decision_made_in_another_room_is_found_read_only(qtbot, tmp_path: Path, central: str) -> None:  # type: ignore[no-untyped-def]
    other_room = tmp_path / "room-2"
    with RecordStore.open(other_room) as store:
        store.import_final([final_record(7, notes="Chose the pill after a long talk")])
    assert sync(CentralSettings(central, "Room 2"), other_room).error is None
    create_application()
    with RecordStore.open(tmp_path / "room-1") as store:
        history = HistoryWindow(store, central=CentralSettings(central))
        qtbot.addWidget(history)
        history.show()
        assert history.model.rowCount() == 0  # nothing on this computer
        history.patient.setText(valid_nhs(7))
        search = history.open_central()
        assert search is not None
        qtbot.addWidget(search)
        qtbot.waitUntil(lambda: search.table.rowCount() == 1, timeout=20_000)
        assert "1 record on every computer" in search.status.text()
        search.open_row(0)
        qtbot.waitUntil(lambda: "Chose the pill" in search.view.text.toPlainText(), timeout=20_000)
        assert search.view.amend_button.isHidden() and search.view.reprint_button.isHidden()
        search.patient.setText(valid_nhs(8))
        search.search()
        qtbot.waitUntil(lambda: "No records for this patient" in search.status.text(), timeout=20_000)
        search.close()
        history.close()


def test_without_a_central_store_there_is_no_button(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_application()
    with RecordStore.open(tmp_path / "data") as store:
        history = HistoryWindow(store)
        qtbot.addWidget(history)
        assert history.findChild(QPushButton, "historyCentral") is None
        assert history.open_central() is None
        history.close()
