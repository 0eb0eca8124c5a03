"""Export final records as FHIR Bundles or an audit CSV (the same export as ``sdm-desktop export``).

The work is done by :mod:`sdm_desktop.records.export`; the dialog gathers
the choices, checks the date as it is typed, reads the records, writes them
on a worker thread (so a long FHIR export leaves the window free), and
reports what was written, with any warnings or failures, in plain words.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...consult.dates import day_text, parse_date
from ...export_command import summary_pdf
from ...grids.library import Library
from ...records.export import ExportFormat, ExportOutcome, export_records, read_for_export, write_export
from ...records.store import RecordStore
from ..kit.worker import run_off_gui

FREE_TEXT_WARNING = (
    "Free text may identify people: what patients said in their own words, their questions "
    "and the notes can name them or others. Only include it if the place you send the file "
    "is allowed to hold it."
)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


class ExportDialog(QDialog):
    """Non-modal; ``exported(ExportOutcome)`` after each run."""

    exported = Signal(object)

    def __init__(self, store: RecordStore, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export records")
        self.setObjectName("exportDialog")
        self.store = store
        self.library = library
        self.outcome: ExportOutcome | None = None
        self.worker: threading.Thread | None = None

        self.fhir = QRadioButton("&FHIR R4 Bundles (one file per record, with its PDF summary)")
        self.csv = QRadioButton("&CSV for audit (one row per record, in records.csv)")
        self.fhir.setAccessibleName("Export as FHIR R4 Bundles")
        self.csv.setAccessibleName("Export as a CSV file for audit")
        self.fhir.setChecked(True)
        self.formats = QButtonGroup(self)
        self.formats.addButton(self.fhir)
        self.formats.addButton(self.csv)
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Folder to export into")
        self.folder.setPlaceholderText("Choose a folder")
        self.browse = QPushButton("&Browse…")
        self.browse.setAccessibleName("Choose the folder to export into")
        self.since = QLineEdit()
        self.since.setAccessibleName("Only records finalised on or after this date (optional)")
        self.since.setPlaceholderText("dd/mm/yyyy, or leave empty for all records")
        self.since_error = QLabel()
        self.since_error.setObjectName("exportSinceError")
        self.since_error.setWordWrap(True)
        self.free_text = QCheckBox("&Include free text (CSV only)")
        self.free_text.setAccessibleName("Include free text in the CSV file")
        self.free_text_warning = QLabel(FREE_TEXT_WARNING)
        self.free_text_warning.setObjectName("exportFreeTextWarning")
        self.free_text_warning.setWordWrap(True)
        self.free_text_warning.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.report = QPlainTextEdit()
        self.report.setObjectName("exportReport")
        self.report.setAccessibleName("What the export did")
        self.report.setReadOnly(True)
        self.report.setPlaceholderText("What was written will be listed here.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.export_button.setAccessibleName("Export the records now")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close this window")

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("Format:", self.fhir)  # the label names the first choice; each has its own name too
        form.addRow("", self.csv)
        folder_label = QLabel("F&older:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        since_label = QLabel("&Since:")
        since_label.setBuddy(self.since)
        form.addRow(since_label, self.since)
        form.addRow("", self.since_error)
        form.addRow("", self.free_text)
        form.addRow("", self.free_text_warning)
        self.form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 460)

        self.browse.clicked.connect(self.choose_folder)
        self.since.textChanged.connect(self.check_since)
        self.formats.buttonToggled.connect(self._format_changed)
        self.free_text.toggled.connect(self._free_text_changed)
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self.chooser: QFileDialog | None = None
        self._format_changed()
        self.check_since()

    # -- choices -----------------------------------------------------------------------

    def fmt(self) -> ExportFormat:
        return "csv" if self.csv.isChecked() else "fhir"

    def _format_changed(self) -> None:
        is_csv = self.fmt() == "csv"
        self.free_text.setEnabled(is_csv)
        self._free_text_changed()

    def _free_text_changed(self) -> None:
        self.form.setRowVisible(self.free_text_warning, self.free_text.isEnabled() and self.free_text.isChecked())

    def check_since(self) -> tuple[bool, dt.date | None]:
        """(valid, date); shows or hides the message under the box."""
        text = self.since.text().strip()
        day, message = parse_date(text) if text else (None, None)
        if text and day is None:
            self.since_error.setText(f"{message}.")
        self.form.setRowVisible(self.since_error, bool(text) and day is None)
        return day is not None or not text, day

    def choose_folder(self) -> QFileDialog:
        chooser = QFileDialog(self, "Choose the folder to export into")
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        chooser.fileSelected.connect(self.folder.setText)
        chooser.open()
        self.chooser = chooser
        return chooser

    # -- running -----------------------------------------------------------------------------

    def _choices(self) -> tuple[ExportFormat, Path, dt.date | None, bool] | None:
        """Format, folder, since and free text; None (with the message shown) when a choice needs putting right."""
        ok, since = self.check_since()
        folder = self.folder.text().strip()
        if not ok:
            self.report.setPlainText("Please put the date right first (or leave it empty for all records).")
            self.since.setFocus()
            return None
        if not folder:
            self.report.setPlainText("Please choose the folder to export into.")
            self.folder.setFocus()
            return None
        return self.fmt(), Path(folder).expanduser(), since, self.free_text.isEnabled() and self.free_text.isChecked()

    def run_export(self) -> ExportOutcome | None:
        """Export with the choices made, here and now; returns the outcome (None if a choice needs putting right)."""
        choices = self._choices()
        if choices is None:
            return None
        fmt, out, since, free_text = choices
        self.report.setPlainText("Exporting…")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            outcome = export_records(
                self.store,
                fmt,
                out,
                since=since,
                library=self.library,
                include_free_text=free_text,
                pdf_builder=summary_pdf,
            )
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show(outcome, since)
        return outcome

    def start_export(self) -> bool:
        """The Export button: the records are read here, then written on a worker thread.

        A long FHIR export (a PDF per record) leaves the window free; ``exported``
        is emitted when it is done. False if a choice needs putting right or the
        records could not be read (the message is shown)."""
        choices = self._choices()
        if choices is None:
            return False
        fmt, out, since, free_text = choices
        records, outcome = read_for_export(self.store, fmt, out, since=since, include_free_text=free_text)
        if records is None:
            self._show(outcome, since)
            return False
        self.report.setPlainText(f"Exporting {len(records)} record{'s' if len(records) != 1 else ''}…")
        self.export_button.setEnabled(False)
        library = self.library

        def stopped(message: str) -> None:  # reported in the dialog, never as a traceback
            outcome.error = f"the export stopped unexpectedly ({message})."
            self._finished(outcome, since)

        self.worker = run_off_gui(
            self,
            "export",
            lambda: write_export(records, outcome, library=library, pdf_builder=summary_pdf),
            lambda result: self._finished(result, since),
            stopped,
        )
        return True

    def _finished(self, outcome: ExportOutcome, since: dt.date | None) -> None:
        self.export_button.setEnabled(True)
        self.worker = None
        self._show(outcome, since)

    def _show(self, outcome: ExportOutcome, since: dt.date | None) -> None:
        self.outcome = outcome
        self.report.setPlainText(report_text(outcome, since))
        self.exported.emit(outcome)

    def reject(self) -> None:
        if self.worker is not None:  # an export is still writing: let it finish first
            self.report.appendPlainText("The export is still running; the window closes when it is done.")
            return
        super().reject()


def report_text(outcome: ExportOutcome, since: dt.date | None = None) -> str:
    """The outcome in plain words, for the dialog."""
    if outcome.error is not None:
        return f"Nothing was exported. {_sentence(outcome.error)}"
    lines = [_sentence(outcome.summary()) + "."]
    if outcome.records == 0:
        lines.append(
            "There were no finished records to export" + (f" finalised since {day_text(since)}." if since else ".")
        )
    if outcome.failed:
        lines += ["", f"{len(outcome.failed)} record{'s' if len(outcome.failed) != 1 else ''} could not be exported:"]
        lines += [f"- {_sentence(line)}" for line in outcome.failed]
    if outcome.warnings:
        lines += ["", "Warnings:"] + [f"- {_sentence(line.removeprefix('warning: '))}" for line in outcome.warnings]
    return "\n".join(lines)
