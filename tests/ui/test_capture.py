"""The Record panel: edits saved as a draft, inline checks, SURE, resume, finish, amend, the summary."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest
from capture_support import BAD_CHECK_DIGIT, TEST_NHS, make_window, open_thinning, write_capture_library
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from sdm_desktop.grids.library import load_file
from sdm_desktop.grids.personal import NOT_KNOWN
from sdm_desktop.paths import SHIPPED_LIBRARY
from sdm_desktop.records.store import RecordStore
from sdm_desktop.ui.window.main_window import MainWindow
from sdm_desktop.ui.window.pages import PAGE_GRID

pytestmark = pytest.mark.gui


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_capture_library(tmp_path / "lib")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "records"


@pytest.fixture
def window(qtbot, library: Path, data: Path):  # type: ignore[no-untyped-def]
    win = make_window(qtbot, library, data)
    yield win
    win.close()


def _drafts(data: Path) -> dict[str, object]:
    with RecordStore.open(data) as store:
        return {d.record_id: d.record for d in store.drafts()}


def _saved(qtbot, window: MainWindow, data: Path, check) -> object:  # type: ignore[no-untyped-def]
    """Wait for the autosave, then return the draft as read back from the database."""
    found: list[object] = []

    def ready() -> bool:
        record = _drafts(data).get(window.records.record.record_id)
        if record is not None and check(record):
            found.append(record)
            return True
        return False

    qtbot.waitUntil(ready, timeout=3000)
    return found[0]


def test_edits_are_saved_as_a_draft_with_what_the_window_knows(qtbot, window: MainWindow, data: Path) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    assert _drafts(data) == {}  # opening an aid alone keeps nothing
    panel = window.capture
    window.controller.set_discussed("stroke", True)
    window.grid_view.risk.form.set_input("age", 80)
    window.grid_view.risk.form.set_input("sex", "female")
    window.grid_view.risk.form.set_input("high-bp", False)
    window.grid_view.risk.form.set_input("anaemia", NOT_KNOWN)
    qtbot.keyClicks(window.prompts.question, "Will it affect my driving?")
    qtbot.keyClick(window.prompts.question, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.patient_id, TEST_NHS)
    panel.importance.spins["avoid-stroke"].setValue(5)
    qtbot.keyClicks(panel.importance.words["avoid-tests"], "hate needles")
    qtbot.mouseClick(panel.option_radios[2], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.notes, "Leaflet given.")
    record = _saved(qtbot, window, data, lambda r: r.notes == "Leaflet given.")
    grid = window.controller.grid
    assert grid is not None
    assert (
        record.aid.id == "test-thinning"
        and record.aid.content_hash == grid.content_hash
        and record.aid.version == "1.0.0"
    )
    assert record.rows_discussed == ("stroke",)
    assert record.risk_inputs == {"age": 80, "sex": "female", "high-bp": False, "anaemia": NOT_KNOWN}
    stroke = {f.option_id: f.events for f in record.figures_shown if f.row_id == "stroke"}
    shown = {oid: array.events for oid, array in window.grid_view.risk.rows["stroke"].arrays.items()}
    assert len(stroke) == 3 and stroke == shown  # exactly what the icon arrays show
    assert set(record.scores_shown) == {"test-stroke"}  # every score whose inputs are all known
    assert record.scores_shown["test-stroke"] == 3  # 80 years (2 points) + female (1 point)
    assert record.questions == ("Will it affect my driving?",)  # one source: the prompts panel
    assert record.patient_id == TEST_NHS
    assert record.importance == {"avoid-stroke": 5} and record.importance_words == {"avoid-tests": "hate needles"}
    assert (record.decision.status, record.decision.option_id) == ("leaning", "new-pill")
    assert record.clinician_name == "Dr Test" and record.clinician_role == "GP"
    assert "Draft saved" in panel.saved_label.text()


def test_an_invalid_nhs_number_is_said_inline_and_kept(qtbot, window: MainWindow, data: Path) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    panel = window.capture
    qtbot.keyClicks(panel.patient_id, "943")
    assert panel.patient_error.isHidden()  # no complaint while the number is still being typed
    panel.patient_id.clear()
    qtbot.keyClicks(panel.patient_id, BAD_CHECK_DIGIT)
    assert not panel.patient_error.isHidden()
    assert "check digit" in panel.patient_error.text()
    record = _saved(qtbot, window, data, lambda r: r.patient_id == BAD_CHECK_DIGIT)
    assert record.patient_id_kind == "nhs_number"
    assert panel.patient_id.text() == BAD_CHECK_DIGIT  # nothing typed is lost
    qtbot.mouseClick(panel.id_kind_buttons["local_reference"], Qt.MouseButton.LeftButton)
    assert panel.patient_error.isHidden()  # as a local reference those characters are fine
    panel.patient_id.clear()
    qtbot.keyClicks(panel.patient_id, TEST_NHS)
    assert "looks like an NHS number" in panel.patient_error.text()
    panel.patient_id.clear()
    qtbot.keyClicks(panel.patient_id, "HOSP-1234")
    assert panel.patient_error.isHidden()
    record = _saved(qtbot, window, data, lambda r: r.patient_id == "HOSP-1234")
    assert record.patient_id_kind == "local_reference"


def test_an_impossible_follow_up_date_is_said_inline(qtbot, window: MainWindow, data: Path) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    panel = window.capture
    qtbot.mouseClick(panel.status_buttons["more_time"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.follow_up, "31/02/2027")
    assert not panel.follow_up_error.isHidden()
    assert "There is no 31 February 2027" in panel.follow_up_error.text()
    assert panel.follow_up.text() == "31/02/2027"
    record = _saved(qtbot, window, data, lambda r: r.decision.status == "more_time")
    assert record.decision.follow_up is None
    assert record.unparsed == {"decision.follow_up": "31/02/2027"}  # kept as typed, in the draft
    panel.follow_up.clear()
    qtbot.keyClicks(panel.follow_up, "15/01/2027")
    assert panel.follow_up_error.isHidden()
    record = _saved(qtbot, window, data, lambda r: r.decision.follow_up is not None)
    assert record.decision.follow_up == dt.date(2027, 1, 15) and record.unparsed == {}
    panel.follow_up.clear()
    qtbot.keyClicks(panel.follow_up, "01/01/2020")
    assert "in the past" in panel.follow_up_error.text()


def test_sure_uses_the_library_wording_and_flags_a_total_of_three(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    sure = window.capture.sure
    shipped = load_file(SHIPPED_LIBRARY / "sure-test.yaml").document
    assert shipped is not None and sure.measure is not None
    assert [str(p.text) for p in sure.measure.prompts] == [str(p.text) for p in shipped.prompts]
    labels = " ".join(w.text() for w in sure.findChildren(type(window.capture.sure.summary)))
    assert str(shipped.prompts[0].text) in labels
    ids = [p.id for p in shipped.prompts]
    for item in ids[:3]:
        qtbot.mouseClick(sure.buttons[item][1], Qt.MouseButton.LeftButton)
    assert sure.flag.isHidden() and "1 of 4 still to answer" in sure.summary.text()
    qtbot.mouseClick(sure.buttons[ids[3]][0], Qt.MouseButton.LeftButton)
    assert not sure.flag.isHidden()
    assert "Total 3 out of 4" in sure.flag.text() and "possible decisional conflict" in sure.flag.text()
    assert window.records.current().sure_flagged
    qtbot.mouseClick(sure.buttons[ids[3]][1], Qt.MouseButton.LeftButton)
    assert sure.flag.isHidden() and sure.summary.text() == "Total 4 out of 4."
    assert window.records.current().sure == dict.fromkeys(ids, 1)
    sure.clear_button.click()
    assert window.records.current().sure == {}


def _fill_for_resume(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    panel = window.capture
    window.controller.set_discussed("what", True)
    window.grid_view.risk.form.set_input("age", 70)
    window.controller.add_question("What if I forget a pill?")
    qtbot.keyClicks(panel.patient_id, TEST_NHS)
    qtbot.mouseClick(panel.option_radios[1], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.next_step, "Phone the surgery")
    qtbot.mouseClick(panel.sure.buttons["sure"][0], Qt.MouseButton.LeftButton)


def test_resume_after_restart_restores_everything(qtbot, library: Path, data: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_window(qtbot, library, data)
    _fill_for_resume(qtbot, first)
    record_id = first.records.record.record_id
    first.close()  # flushes the last edits at once
    second = make_window(qtbot, library, data)
    dialog = second.recording.resume_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowModality() != Qt.WindowModality.ApplicationModal  # open(), never exec()
    row = dialog.list.topLevelItem(0)
    assert row.text(0) == "NHS ••• ••• 5919" and row.text(1) == "Blood thinners for a test heart rhythm"
    dialog.resume_button.click()
    assert second.records.record.record_id == record_id
    assert second.stack.currentIndex() == PAGE_GRID and second.controller.grid.id == "test-thinning"
    session = second.controller.session
    assert session.discussed == {"what"} and session.risk_values == {"age": 70}
    assert session.questions == ["What if I forget a pill?"]
    assert second.prompts.questions.item(0).text() == "What if I forget a pill?"
    assert second.grid_view.risk.form.controls["age"].value() == 70
    panel = second.capture
    assert panel.patient_id.text() == TEST_NHS and panel.next_step.text() == "Phone the surgery"
    assert panel.option_radios[1].isChecked() and panel.status_buttons["leaning"].isChecked()
    assert panel.sure.buttons["sure"][0].isChecked()
    second.close()


def test_text_that_is_not_a_date_yet_survives_a_restart_and_blocks_finishing(qtbot, library: Path, data: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_window(qtbot, library, data)
    open_thinning(first)
    panel = first.capture
    qtbot.keyClicks(panel.patient_id, TEST_NHS)
    qtbot.mouseClick(panel.status_buttons["more_time"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.follow_up, "30/02/2027")
    panel.when.clear()
    qtbot.keyClicks(panel.when, "yesterday-ish")
    first.close()  # flushes at once; a crash now would keep the same draft
    second = make_window(qtbot, library, data)
    assert second.recording.resume_dialog is not None
    second.recording.resume_dialog.resume_button.click()
    panel = second.capture
    assert panel.follow_up.text() == "30/02/2027" and "There is no 30 February 2027" in panel.follow_up_error.text()
    assert panel.when.text() == "yesterday-ish" and not panel.when_error.isHidden()
    second.actions_by_id["finish_record"].trigger()
    assert second.records.final is None  # not finished while a date cannot be read
    assert "30 February" in panel.problems.text()
    panel.follow_up.clear()
    qtbot.keyClicks(panel.follow_up, "15/01/2027")
    panel.when.clear()
    qtbot.keyClicks(panel.when, "24/11/2026 10:30")
    assert panel.when_error.isHidden() and second.records.record.unparsed == {}
    second.close()


def test_discarding_a_draft_asks_first(qtbot, library: Path, data: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_window(qtbot, library, data)
    _fill_for_resume(qtbot, first)
    first.close()
    second = make_window(qtbot, library, data)
    dialog = second.recording.resume_dialog
    assert dialog is not None
    box = dialog.ask_discard()
    assert box is not None and box.windowModality() != Qt.WindowModality.ApplicationModal
    box.button(QMessageBox.StandardButton.No).click()
    assert len(_drafts(data)) == 1
    box = dialog.ask_discard()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert _drafts(data) == {}
    second.close()


def test_finish_shows_problems_inline_then_makes_the_record_final(qtbot, window: MainWindow, data: Path) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    panel = window.capture
    qtbot.mouseClick(panel.option_radios[0], Qt.MouseButton.LeftButton)
    window.actions_by_id["finish_record"].trigger()
    assert not panel.problems.isHidden()
    assert "NHS number" in panel.problems.text() and "NHS number" in panel.patient_error.text()
    assert panel.patient_id.hasFocus()
    qtbot.keyClicks(panel.patient_id, TEST_NHS)
    record_id = window.records.record.record_id
    assert window.recording.finish_record() == []
    assert panel.problems.isHidden() and not panel.finished_note.isHidden()
    assert not panel.sure.isEnabled() and not panel.finish_button.isEnabled()
    with RecordStore.open(data) as store:
        final = store.get(record_id)
        assert final.status == "final" and final.patient_id == "9434765919" and final.decision.option_id == "none"
        assert store.drafts() == []
    assert window.recording.new_consultation() is None  # nothing unsaved: no question
    assert window.records.record.record_id != record_id and window.controller.grid is None
    assert not panel.finished_note.isVisible() and panel.patient_id.text() == ""
    assert _drafts(data) == {}  # an empty new consultation is not saved


def test_new_consultation_asks_and_keeps_the_draft(qtbot, window: MainWindow, data: Path) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    qtbot.keyClicks(window.capture.notes, "Some notes")
    old = window.records.record.record_id
    box = window.recording.new_consultation()
    assert box is not None
    box.button(QMessageBox.StandardButton.No).click()
    assert window.records.record.record_id == old and window.controller.grid is not None
    window.actions_by_id["new_consultation"].trigger()
    box = window.recording.confirm_new
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert window.records.record.record_id != old and window.controller.grid is None
    assert window.capture.notes.toPlainText() == ""
    assert _drafts(data)[old].notes == "Some notes"


def _final_record(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    open_thinning(window)
    window.controller.set_discussed("stroke", True)
    qtbot.keyClicks(window.capture.patient_id, TEST_NHS)
    qtbot.mouseClick(window.capture.option_radios[1], Qt.MouseButton.LeftButton)
    record_id = window.records.record.record_id
    assert window.recording.finish_record() == []
    window.recording.new_consultation()
    return record_id


def test_amend_from_past_records_loads_the_new_version(qtbot, window: MainWindow, data: Path) -> None:  # type: ignore[no-untyped-def]
    record_id = _final_record(qtbot, window)
    history = window.recording.show_history()
    assert history is not None and history.isVisible()
    history.amendReasonGiven.emit(record_id, "Wrong option ticked")
    history.amendRequested.emit(record_id)
    draft = window.records.record
    assert draft.amends == record_id and draft.version == 2 and draft.amended_by == "Dr Test, GP"
    assert draft.amended_reason == "Wrong option ticked"
    panel = window.capture
    assert window.controller.grid is not None and window.controller.session.discussed == {"stroke"}
    assert not panel.amend_box.isHidden() and panel.amend_reason.text() == "Wrong option ticked"
    qtbot.mouseClick(panel.option_radios[2], Qt.MouseButton.LeftButton)
    assert window.recording.finish_record() == []
    with RecordStore.open(data) as store:
        versions = store.versions(record_id)
    assert [v.version for v in versions] == [1, 2] and versions[1].decision.option_id == "new-pill"
    assert versions[0].decision.option_id == "old-pill"
    history.close()


def test_save_summary_as_pdf_record_and_patient_copy(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    open_thinning(window)
    qtbot.keyClicks(window.capture.patient_id, TEST_NHS)
    qtbot.mouseClick(window.capture.option_radios[1], Qt.MouseButton.LeftButton)
    out = tmp_path / "out"
    out.mkdir()
    window.settings.setValue("output/folder", str(out))
    dialog = window.summary.save_summary_pdf()
    assert dialog is not None and dialog.windowModality() != Qt.WindowModality.ApplicationModal
    dialog.selectFile(str(out / "record.pdf"))
    dialog.accept()
    reader = PdfReader(io.BytesIO((out / "record.pdf").read_bytes()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text().replace(" ", "")
    assert "9434765919" in text
    meta = " ".join(str(v) for v in (reader.metadata or {}).values()).replace(" ", "")
    assert "9434765919" not in meta and "test-thinning" in meta
    window.capture.copy_choice.setCurrentIndex(window.capture.copy_choice.findData("patient"))
    dialog = window.summary.save_summary_pdf()
    assert dialog is not None
    dialog.selectFile(str(out / "patient"))
    dialog.accept()
    patient = PdfReader(io.BytesIO((out / "patient.pdf").read_bytes()))
    assert len(patient.pages) == 1
    assert "Old pill" in patient.pages[0].extract_text()
    assert list(out.glob(".*.tmp")) == []  # written atomically: no temporary file left


def test_nothing_to_summarise_says_so(window: MainWindow) -> None:
    assert window.summary.save_summary_pdf() is None
    assert window.message is not None and "Open a decision aid first" in window.message.text()


def test_print_draws_the_pdf_page_onto_the_printer(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from sdm_desktop.ui.record.summary_output import print_pdf

    open_thinning(window)
    dialog = window.summary.print_summary()
    assert dialog is not None and dialog.windowModality() != Qt.WindowModality.ApplicationModal
    dialog.reject()
    made = window.summary._summary(None)
    assert made is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    assert print_pdf(made[1], printer) == 1
    assert len(PdfReader(str(target)).pages) == 1
    window.summary._print_answered(1, printer, made[1])  # what accepting the print dialog does
    assert "sent to the printer (1 page)" in window.statusBar().currentMessage()


def test_without_a_pdf_renderer_print_opens_the_summary_in_the_system_viewer(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    from sdm_desktop.ui.record import summary_output
    from sdm_desktop.ui.window import summary_actions

    opened: list[str] = []
    monkeypatch.setattr(summary_actions, "can_render", lambda: False)
    monkeypatch.setattr(
        summary_output.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    open_thinning(window)
    assert window.summary.print_summary() is None  # no print dialog: the viewer prints
    assert len(opened) == 1 and opened[0].endswith(".pdf")
    assert len(PdfReader(opened[0]).pages) == 1
    assert "open in your PDF viewer" in window.statusBar().currentMessage()


def test_record_actions_are_in_the_one_table_with_standard_keys(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    from sdm_desktop.ui.window.actions import ACTIONS

    by_id = {spec.id: spec for spec in ACTIONS}
    for action_id, key in (
        ("new_consultation", QKeySequence.StandardKey.New),
        ("save_pdf", QKeySequence.StandardKey.Save),
        ("print", QKeySequence.StandardKey.Print),
    ):
        assert key in by_id[action_id].shortcuts
        assert window.actions_by_id[action_id].shortcuts()[0] == QKeySequence(key)
    assert window.actions_by_id["history"].shortcuts()[0] == QKeySequence("Ctrl+H")
    for action_id in ("finish_record", "history", "quality", "export", "record_panel"):
        assert action_id in by_id
    window.actions_by_id["record_panel"].setChecked(False)
    assert window.record_dock.isHidden()
    window.actions_by_id["record_panel"].trigger()
    assert not window.record_dock.isHidden()


def test_patient_view_hides_clinician_fields_but_keeps_the_leaning_and_sure(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    window.record_dock.raise_()
    window.enter_patient_mode()
    panel = window.capture
    assert panel.patient_id.isHidden() or not panel.patient_id.isVisibleTo(window)
    assert not panel.notes.isVisibleTo(window) and not panel.collaborate.isVisibleTo(window)
    assert panel.sure.isVisibleTo(window) and panel.option_radios[0].isVisibleTo(window)
    window.patient_mode.exit()
    assert panel.patient_id.isVisibleTo(window) and panel.notes.isVisibleTo(window)


@pytest.mark.parametrize("name", ["quality", "export"])
def test_quality_and_export_open_as_windows(qtbot, window: MainWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    shown = window.actions_by_id[name].trigger() or window.recording.extra_windows[-1]
    assert shown.isVisible() and shown.isWindow()
    shown.close()


def test_data_dir_option_reaches_the_records_store(tmp_path: Path) -> None:
    import os
    import subprocess

    target = tmp_path / "chosen"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "sdm_desktop", "--data-dir", str(target), "--quit-after-load"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert (target / "records.sqlite3").is_file()
    assert not (Path(os.environ["SDM_DESKTOP_DATA_DIR"]) / "records.sqlite3").exists()
