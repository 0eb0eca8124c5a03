"""CollaboRATE answered by the patient themselves in patient view, or entered by the clinician."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from capture_support import make_window, open_thinning, write_capture_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt

from sdm_desktop.records.model import Record
from sdm_desktop.records.quality import Share
from sdm_desktop.records.store import RecordStore
from sdm_desktop.ui.history.quality_view import QualityView

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    win = make_window(qtbot, write_capture_library(tmp_path / "lib"), tmp_path / "data")
    open_thinning(win)
    win.record_dock.raise_()
    yield win
    win.close()


def _answer_patient(qtbot, panel, values: list[int]) -> None:  # type: ignore[no-untyped-def]
    box = panel.collaborate_entry.patient
    for prompt_id, value in zip(box.buttons, values, strict=True):
        qtbot.mouseClick(box.buttons[prompt_id][value], Qt.MouseButton.LeftButton)


def test_the_patient_answers_in_patient_view_without_seeing_the_clinicians_answers(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    panel = window.capture
    entry = panel.collaborate_entry
    assert not entry.patient_box.isVisibleTo(window)  # the clinician's view has only its own box
    first = next(iter(entry.clinician.combos))
    entry.clinician.combos[first].setCurrentIndex(entry.clinician.combos[first].findData(2))
    record = window.records.current()
    assert record.collaborate == {first: 2} and record.collaborate_by == "clinician"
    assert record.collaborate_at is not None
    window.enter_patient_mode()
    window.patient_bar.record_button.click()  # "Your choice": the Record panel, behind the grid in patient view
    assert entry.patient_box.isVisibleTo(window) and not entry.clinician.isVisibleTo(window)
    assert all(b.checkedId() == -1 for b in entry.patient.groups.values())  # the clinician's answer is not shown
    before = dt.datetime.now().astimezone() - dt.timedelta(seconds=2)
    _answer_patient(qtbot, panel, [4, 4, 3])
    record = window.records.current()
    assert record.collaborate_by == "patient" and len(record.collaborate) == 3
    assert record.collaborate_at is not None and record.collaborate_at >= before
    window.patient_mode.exit()
    assert not entry.patient_box.isVisibleTo(window)
    assert entry.by_patient.isVisibleTo(window) and "answered CollaboRATE themselves" in entry.by_patient.text()
    assert not entry.clinician.isEnabled()
    assert all(combo.currentData() is None for combo in entry.clinician.combos.values())  # kept private
    assert window.records.flush()
    with RecordStore.open(window.records.folder) as store:
        saved = store.get_draft(record.record_id)
    assert saved.collaborate_by == "patient" and saved.collaborate == record.collaborate


def test_the_quality_view_shows_who_answered(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def final(by: str, answers: dict[str, int]) -> Record:
        now = dt.datetime(2026, 5, 1, 10, 0).astimezone()
        return Record(
            status="final", finalised=now, created=now, collaborate=answers, collaborate_by=by, collaborate_at=now
        )  # type: ignore[arg-type]

    top = {"a": 4, "b": 4, "c": 4}
    lower = {"a": 4, "b": 3, "c": 4}
    with RecordStore.open(tmp_path / "data") as store:
        store.import_final([final("patient", top), final("patient", lower), final("clinician", top)])
        view = QualityView(store, today=dt.date(2026, 6, 1))
        qtbot.addWidget(view)
        assert view.stats.collaborate_by_patient == Share(1, 2)
        assert view.stats.collaborate_by_clinician == Share(1, 1)
        assert view.by_patient_label.text() == "50% (1 of 2 answered)"
        assert view.by_clinician_label.text() == "100% (1 of 1 answered)"
        view.close()
