"""The quality view switched to "whole service": the figures over every PC, from the central store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_records_factory import final_record

pytest.importorskip("PySide6.QtWidgets")

from sdm_desktop.records.central.settings import CentralSettings
from sdm_desktop.records.central.sync import sync
from sdm_desktop.records.store import RecordStore
from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.history.quality_view import SCOPE_SERVICE, QualityView

pytestmark = pytest.mark.gui


def _pc(folder: Path, numbers: range, central: str) -> None:
    with RecordStore.open(folder) as store:
        store.import_final([final_record(i) for i in numbers])
    assert sync(CentralSettings(central, folder.name), folder).error is None


def test_whole_service_adds_up_every_pc(qtbot, tmp_path: Path, central: str) -> None:  # type: ignore[no-untyped-def]
    _pc(tmp_path / "room-1", range(1, 4), central)
    _pc(tmp_path / "room-2", range(10, 12), central)
    create_application()
    with RecordStore.open(tmp_path / "room-1") as store:
        view = QualityView(store, today=dt.date(2026, 6, 1), central=CentralSettings(central))
        qtbot.addWidget(view)
        assert not view.scope.isHidden()
        assert view.stats is not None and view.stats.records == 3  # this computer
        view.scope.setCurrentIndex(view.scope.findData(SCOPE_SERVICE))
        qtbot.waitUntil(lambda: view.stats is not None and view.stats.records == 5, timeout=20_000)
        assert view.records_label.text() == "5"
        assert "Whole service" in view.message.text()
        view.scope.setCurrentIndex(0)
        assert view.stats.records == 3
        view.close()


def test_whole_service_unreachable_is_said_and_the_figures_stay(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_application()
    with RecordStore.open(tmp_path / "data") as store:
        store.import_final([final_record(1)])
        view = QualityView(
            store,
            today=dt.date(2026, 6, 1),
            central=CentralSettings(f"host={tmp_path / 'nothing'} dbname=sdm connect_timeout=2"),
        )
        qtbot.addWidget(view)
        view.scope.setCurrentIndex(view.scope.findData(SCOPE_SERVICE))
        qtbot.waitUntil(lambda: "could not be worked out" in view.message.text(), timeout=20_000)
        assert view.stats is not None and view.stats.records == 1
        view.close()


def test_without_a_central_store_there_is_no_switch(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_application()
    with RecordStore.open(tmp_path / "data") as store:
        view = QualityView(store, today=dt.date(2026, 6, 1))
        qtbot.addWidget(view)
        assert view.scope.isHidden()
        view.close()
