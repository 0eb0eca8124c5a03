"""Export: the shared export_records function and the Export dialog over it."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_records_factory import final_record, valid_nhs

from sdm_desktop.grids.library import Library, load_library
from sdm_desktop.records.export import CSV_FILE_NAME, export_records
from sdm_desktop.records.fhir_check import check_bundle
from sdm_desktop.records.model import AidRef, Record
from sdm_desktop.records.store import RecordStore

FAKE_PDF = b"%PDF-1.4\n% a stand-in summary\n%%EOF\n"


@pytest.fixture
def library(data_dir: Path) -> Library:
    return load_library([data_dir / "good"])


def _records(library: Library) -> list[Record]:
    grid = next(g for g in library.grids if g.id == "example-grid")
    aid = AidRef(grid.id, grid.version, grid.content_hash, str(grid.title))
    old = final_record(1, notes="Lives alone; daughter helps").updated(
        aid=aid, finalised=dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC), what_matters="Keeping up the garden"
    )
    new = final_record(2, patient=valid_nhs(77)).updated(aid=aid, finalised=dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
    gone = final_record(3).updated(
        aid=AidRef("retired-grid", "2.0", "c" * 64, "Retired"), finalised=dt.datetime(2026, 6, 2, 12, tzinfo=dt.UTC)
    )
    return [old, new, gone]


@pytest.fixture
def store(tmp_path: Path, library: Library) -> Iterator[RecordStore]:
    with RecordStore.open(tmp_path / "data") as s:
        s.import_final(_records(library))
        yield s


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# -- the shared, Qt-free function --------------------------------------------------------


def test_export_records_fhir_writes_checked_bundles_and_warns(
    tmp_path: Path, store: RecordStore, library: Library
) -> None:
    out = tmp_path / "fhir"
    outcome = export_records(store, "fhir", out, library=library, pdf_builder=lambda *a, **k: FAKE_PDF)
    assert outcome.error is None and outcome.failed == [] and outcome.records == 3
    assert (
        sorted(p.name for p in out.iterdir()) == sorted(p.name for p in outcome.written) and len(outcome.written) == 3
    )
    for path in outcome.written:
        check_bundle(json.loads(path.read_text(encoding="utf-8")))
    [warning] = outcome.warnings
    assert "retired-grid" in warning and "without the PDF summary" in warning
    assert outcome.summary() == f"3 FHIR Bundles written to {out}"
    assert outcome.ok and outcome.lines()[-1] == outcome.summary()


def test_export_records_since_and_csv_free_text(tmp_path: Path, store: RecordStore) -> None:
    outcome = export_records(store, "csv", tmp_path, since=dt.date(2026, 1, 1))
    rows = _read_csv(tmp_path / CSV_FILE_NAME)
    assert [r["record_id"] for r in rows] == [final_record(2).record_id, final_record(3).record_id]
    assert "notes" not in rows[0] and outcome.summary().endswith("(no free text)")
    outcome = export_records(store, "csv", tmp_path, include_free_text=True)
    rows = _read_csv(tmp_path / CSV_FILE_NAME)
    assert rows[0]["notes"] == "Lives alone; daughter helps" and rows[0]["what_matters"] == "Keeping up the garden"
    assert outcome.summary() == f"3 records written to {tmp_path / CSV_FILE_NAME} (with free text)"


def test_export_records_gives_errors_as_messages(tmp_path: Path, store: RecordStore) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    assert export_records(store, "csv", a_file).error == f"{a_file} is a file, not a folder."
    inside = export_records(store, "csv", a_file / "sub")
    assert inside.error is not None and inside.error.startswith(f"could not write to {a_file / 'sub'}")
    store.close()
    closed = export_records(store, "fhir", tmp_path / "out")
    assert closed.error is not None and "records database" in closed.error and not closed.ok
    assert not (tmp_path / "out").exists()


# -- the dialog ----------------------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot, store: RecordStore, library: Library) -> Iterator[object]:  # type: ignore[no-untyped-def]
    pytest.importorskip("PySide6.QtWidgets")
    from sdm_desktop.ui.history.export_dialog import ExportDialog

    d = ExportDialog(store, library)
    qtbot.addWidget(d)
    d.show()
    yield d
    d.close()


@pytest.mark.gui
def test_dialog_writes_fhir_bundles(dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "bundles"
    dialog.folder.setText(str(out))
    assert dialog.fhir.isChecked() and not dialog.free_text.isEnabled()
    outcome = dialog.run_export()
    assert outcome is not None and outcome.error is None
    files = sorted(out.glob("*.fhir.json"))
    assert len(files) == 3
    for path in files:
        check_bundle(json.loads(path.read_text(encoding="utf-8")))
    report = dialog.report.toPlainText()
    assert report.startswith(f"3 FHIR Bundles written to {out}.")
    assert "Warnings:" in report and "retired-grid" in report and "warning:" not in report


@pytest.mark.gui
def test_the_export_button_writes_on_a_worker_thread_and_reports(  # type: ignore[no-untyped-def]
    qtbot, dialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from PySide6.QtCore import Qt

    out = tmp_path / "bundles"
    dialog.folder.setText(str(out))
    main = threading.current_thread()
    seen: list[threading.Thread] = []
    from sdm_desktop.ui.history import export_dialog

    real = export_dialog.write_export

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(export_dialog, "write_export", spy)
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert not dialog.export_button.isEnabled()  # one export at a time
    outcome = blocker.args[0]
    assert outcome.error is None and len(outcome.written) == 3 == len(sorted(out.glob("*.fhir.json")))
    assert seen and seen[0] is not main
    assert dialog.export_button.isEnabled() and dialog.report.toPlainText().startswith("3 FHIR Bundles written")


@pytest.mark.gui
def test_dialog_writes_csv_with_free_text_only_when_asked(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.csv.setChecked(True)
    assert dialog.free_text.isEnabled() and not dialog.free_text_warning.isVisible()
    dialog.folder.setText(str(tmp_path))
    dialog.since.setText("01/01/2026")
    dialog.run_export()
    rows = _read_csv(tmp_path / CSV_FILE_NAME)
    assert len(rows) == 2 and "notes" not in rows[0]
    assert "(no free text)" in dialog.report.toPlainText()
    dialog.free_text.setChecked(True)
    assert dialog.free_text_warning.isVisible() and "may identify people" in dialog.free_text_warning.text()
    dialog.since.clear()
    dialog.run_export()
    rows = _read_csv(tmp_path / CSV_FILE_NAME)
    assert len(rows) == 3 and rows[0]["notes"] == "Lives alone; daughter helps"
    dialog.fhir.setChecked(True)  # free text is a CSV choice only
    assert not dialog.free_text.isEnabled() and not dialog.free_text_warning.isVisible()


@pytest.mark.gui
def test_dialog_checks_the_date_as_it_is_typed(dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.since.setText("30/02/2026")
    assert dialog.since_error.isVisible() and "There is no 30 February 2026" in dialog.since_error.text()
    assert dialog.run_export() is None and not (tmp_path / "out").exists()
    assert "put the date right" in dialog.report.toPlainText()
    dialog.since.setText("2026-02-28")
    assert not dialog.since_error.isVisible()


@pytest.mark.gui
def test_dialog_says_when_the_folder_is_bad_or_missing(dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert dialog.run_export() is None and "choose the folder" in dialog.report.toPlainText()
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    dialog.folder.setText(str(a_file))
    outcome = dialog.run_export()
    assert outcome is not None and outcome.error is not None
    assert dialog.report.toPlainText() == f"Nothing was exported. {a_file} is a file, not a folder."
    dialog.folder.setText(str(a_file / "inside"))
    dialog.run_export()
    report = dialog.report.toPlainText()
    assert report.startswith("Nothing was exported. Could not write to") and "Traceback" not in report


@pytest.mark.gui
def test_dialog_reports_a_database_problem_plainly(dialog, store: RecordStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store.close()
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.run_export()
    report = dialog.report.toPlainText()
    assert report.startswith("Nothing was exported. The records database") and "Traceback" not in report


@pytest.mark.gui
def test_dialog_is_named_and_reachable_and_opens_a_folder_chooser(dialog) -> None:  # type: ignore[no-untyped-def]
    from test_history import assert_named_and_reachable

    assert_named_and_reachable(dialog)
    chooser = dialog.choose_folder()
    assert chooser.isVisible()
    chooser.fileSelected.emit("/tmp/somewhere")
    chooser.close()
    assert dialog.folder.text() == "/tmp/somewhere"
