"""Patient view: questions to ask, leaving the app asks first, resume goes back to the view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from capture_support import TEST_NHS, make_window, open_thinning, write_capture_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from sdm_desktop.ui.grid.grid_view import TAB_GRID, TAB_RISK
from sdm_desktop.ui.record.resume_dialog import masked

pytestmark = pytest.mark.gui


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_capture_library(tmp_path / "lib")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def window(qtbot, library: Path, data: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, library, data)
    yield win
    if win.patient_mode.active:
        win.patient_mode.exit()
    win.close()


def _answer(box: QMessageBox | None, yes: bool) -> None:
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No).click()


def test_questions_to_ask_shows_the_questions(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    window.record_dock.raise_()  # the Record panel in front, as after typing in it
    window.enter_patient_mode()
    qtbot.mouseClick(window.patient_bar.prompts_button, Qt.MouseButton.LeftButton)
    label = window.prompts.set_labels["test-prompts"]
    qtbot.waitUntil(label.isVisible, timeout=2000)
    assert "What are the good things about it?" in label.text()
    qtbot.mouseClick(window.patient_bar.prompts_button, Qt.MouseButton.LeftButton)
    assert not window.prompts_dock.isVisible()


def test_leaving_the_app_from_patient_view_asks_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    window.enter_patient_mode()
    assert window.close() is False
    assert window.isVisible()
    _answer(window.patient_mode.quit_box, yes=False)
    assert window.isVisible() and window.patient_mode.active
    window.close()
    _answer(window.patient_mode.quit_box, yes=True)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    assert not window.patient_mode.active


def _start_draft(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    open_thinning(window)
    qtbot.keyClicks(window.capture.patient_id, TEST_NHS)
    qtbot.keyClicks(window.capture.notes, "Wants to talk it over with her daughter before deciding anything")
    return str(window.records.record.record_id)


def _resumed(qtbot, library: Path, data: Path, record_id: str):  # type: ignore[no-untyped-def]
    again = make_window(qtbot, library, data)
    dialog = again.recording.resume_dialog
    assert dialog is not None
    for i in range(dialog.list.topLevelItemCount()):
        item = dialog.list.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole) == record_id:
            dialog.list.setCurrentItem(item)
    dialog.resume_button.click()
    assert again.records.record.record_id == record_id
    return again


def test_resume_returns_to_patient_view(qtbot, library: Path, data: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_window(qtbot, library, data)
    record_id = _start_draft(qtbot, first)
    first.enter_patient_mode()
    first.close()
    _answer(first.patient_mode.quit_box, yes=True)
    second = _resumed(qtbot, library, data, record_id)
    assert second.patient_mode.active
    second.patient_mode.exit()
    second.show_risk()
    second.close()
    third = _resumed(qtbot, library, data, record_id)
    assert not third.patient_mode.active
    assert third.grid_view.tabs.currentIndex() == TAB_RISK
    third.grid_view.tabs.setCurrentIndex(TAB_GRID)
    third.close()
    fourth = _resumed(qtbot, library, data, record_id)
    assert fourth.grid_view.tabs.currentIndex() == TAB_GRID and not fourth.patient_mode.active
    fourth.close()


def test_the_resume_list_tells_drafts_apart(qtbot, library: Path, data: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_window(qtbot, library, data)
    _start_draft(qtbot, first)
    first.close()
    second = make_window(qtbot, library, data)
    dialog = second.recording.resume_dialog
    assert dialog is not None
    headers = [dialog.list.headerItem().text(c) for c in range(dialog.list.columnCount())]
    assert headers == ["Patient", "Decision aid", "Last edited", "Notes begin"]
    row = dialog.list.topLevelItem(0)
    assert row.text(0) == "NHS ••• ••• 5919"  # masked: the last four only
    assert "943" not in row.text(0)
    assert row.text(1) == "Blood thinners for a test heart rhythm"
    assert row.text(2).count("/") == 2 and ":" in row.text(2)  # date and time
    assert row.text(3) == "Wants to talk it over with her daughter…"
    second.close()


def test_masking_keeps_the_last_characters_and_the_shape() -> None:
    assert masked("943 476 5919") == "••• ••• 5919"
    assert masked("HOSP-1234") == "•••••1234"
    assert masked("AB") == "AB"


def test_an_aid_without_personal_inputs_shows_no_empty_form(window) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in window.store.paths() if p.endswith("knee.yaml"))
    assert window.open_path(path)
    assert window.grid_view.risk.form.controls == {}
    assert window.grid_view.risk.form_scroll.isHidden()
    open_thinning(window)
    assert not window.grid_view.risk.form_scroll.isHidden()
