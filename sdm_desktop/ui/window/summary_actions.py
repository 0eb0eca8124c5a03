"""The window's summary handlers: save the one-page PDF, print it, reprint a past record.

A plain object the window composes and the action table calls. Every failure
is shown in a non-modal message; none reaches the screen as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ...consult.vocabulary import PATIENT_VIEW_COPY
from ...grids.model import OptionGrid
from ...records.errors import StorageError
from ...records.model import Record
from ...summary.context import Copy
from ..kit.messages import choose
from ..record.capture_panel import CapturePanel
from ..record.record_controller import RecordController
from ..record.summary_output import (
    OutputError,
    can_render,
    default_file_name,
    open_with_system,
    print_pdf,
    save_pdf,
    summary_pdf,
)
from .context import WindowContext

OUTPUT_FOLDER_KEY = "output/folder"


class SummaryActions:
    """Save as PDF, Print, and the reprint of a past record."""

    def __init__(
        self,
        ctx: WindowContext,
        records: RecordController,
        capture: CapturePanel,
        patient_view: Callable[[], bool],
        grid_for: Callable[[Record], OptionGrid | None],
    ) -> None:
        self.ctx = ctx
        self.records = records
        self.capture = capture
        self._patient_view = patient_view
        self.grid_for = grid_for
        self.save_dialog: QFileDialog | None = None
        self.print_dialog: QDialog | None = None
        self.printer: Any = None
        self.last_saved_pdf: Path | None = None
        self.message: QMessageBox | None = None

    # -- the summary ---------------------------------------------------------------------
    def summary_copy(self) -> Copy:
        """The patient copy in patient view; otherwise the copy chosen in the Record panel."""
        if self._patient_view():
            return PATIENT_VIEW_COPY
        return "patient" if self.capture.copy_choice.currentData() == "patient" else "record"

    def _summary(self, record: Record | None) -> tuple[Record, bytes, Copy] | None:
        if record is None:
            self.records.flush()
            record = self.records.current()
        grid = self.grid_for(record)
        if grid is None:
            self.ctx.tell(
                "No summary yet",
                "Open a decision aid first: the summary is made from the aid used."
                if record.aid is None
                else f"The aid this record used ({record.aid.title or record.aid.id}) is not in the library.",
            )
            return None
        copy = self.summary_copy()
        library = self.ctx.library()
        try:
            data = summary_pdf(
                grid,
                record,
                scores=library.scores if library else {},
                prompt_sets=library.prompt_sets if library else (),
                copy=copy,
                today=self.ctx.today,
            )
        except OutputError as exc:
            self.ctx.tell("The summary cannot be made", str(exc))
            return None
        return record, data, copy

    def save_summary_pdf(self, record: Record | None = None) -> QFileDialog | None:
        made = self._summary(record)
        if made is None:
            return None
        record, data, copy = made
        folder = self.ctx.settings.value(OUTPUT_FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        dialog = QFileDialog(
            self.ctx.window,
            "Save summary as PDF",
            str(Path(str(folder)) / default_file_name(record, copy)),
            "PDF files (*.pdf)",
        )
        dialog.setObjectName("savePdfDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(lambda path: self._write_pdf(path, data))
        dialog.open()
        self.save_dialog = dialog
        return dialog

    def _write_pdf(self, path: str, data: bytes) -> None:
        try:
            written = save_pdf(path, data)
        except OutputError as exc:
            self.ctx.tell("The summary was not saved", str(exc))
            return
        self.ctx.settings.setValue(OUTPUT_FOLDER_KEY, str(written.parent))
        self.last_saved_pdf = written
        self.ctx.status(f"Summary saved to {written}")

    def print_summary(self, record: Record | None = None) -> QDialog | None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        made = self._summary(record)
        if made is None:
            return None
        record, data, copy = made
        if not can_render():
            try:
                path = open_with_system(data, default_file_name(record, copy))
            except OutputError as exc:
                self.ctx.tell("The summary cannot be printed", str(exc))
                return None
            self.ctx.status(f"The summary is open in your PDF viewer to print ({path}).")
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(default_file_name(record, copy))
        dialog = QPrintDialog(printer, self.ctx.window)
        dialog.setObjectName("printDialog")
        dialog.finished.connect(lambda result: self._print_answered(result, printer, data))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # as open() would: never blocks
        dialog.show()
        self.printer = printer
        self.print_dialog = dialog
        return dialog

    def _print_answered(self, result: int, printer: Any, data: bytes) -> None:
        self.print_dialog = None
        if result != QDialog.DialogCode.Accepted:
            return
        try:
            pages = print_pdf(data, printer)
        except OutputError as exc:
            self.ctx.tell("The summary was not printed", str(exc))
            return
        self.ctx.status(f"Summary sent to the printer ({pages} page{'s' if pages != 1 else ''}).")

    def reprint_record(self, record_id: str) -> QMessageBox | None:
        """A past record's summary (from Past records): print it or save it as a PDF."""
        store = self.records.store
        if store is None:
            return None
        try:
            record = store.get(record_id)
        except StorageError as exc:
            self.ctx.tell("The record cannot be opened", str(exc))
            return None
        self.message = choose(
            self.ctx.window,
            "Summary of a past record",
            "Print the summary of this record, or save it as a PDF?",
            [("Print…", lambda: self.print_summary(record)), ("Save as PDF…", lambda: self.save_summary_pdf(record))],
            name="reprintChoice",
        )
        return self.message
