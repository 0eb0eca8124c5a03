"""One export, shared by ``sdm-desktop export`` and the window's Export dialog.

:func:`export_records` reads the final records (optionally only those
finalised on or after a date), writes FHIR Bundles or the audit CSV into a
folder, and returns an :class:`ExportOutcome`: what was written, warnings and
failures as plain sentences, and an ``error`` when nothing could be exported
(unwritable folder, database problem). It never raises for those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..grids.library import Library
from .errors import StorageError
from .export_fhir import PdfBuilder
from .export_source import ExportSource
from .model import Record
from .store import RecordStore

ExportFormat = Literal["fhir", "csv"]
CSV_FILE_NAME = "records.csv"
FREE_TEXT_FHIR_NOTE = "--include-free-text applies to CSV only; FHIR Bundles always carry the whole record."


@dataclass
class ExportOutcome:
    """What an export did. ``error`` is set when nothing was exported."""

    fmt: ExportFormat
    out: Path
    written: Sequence[Path] = field(default_factory=list)  # a list, or the WrittenFiles of a FHIR export
    records: int = 0  # records read from the database
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    error: str | None = None
    include_free_text: bool = False

    @property
    def ok(self) -> bool:
        """Nothing went wrong that needs the person's attention (warnings may remain)."""
        return self.error is None and not self.failed

    def summary(self) -> str:
        """One sentence saying what was written."""
        if self.error is not None:
            return self.error
        if self.fmt == "csv":
            target = self.out / CSV_FILE_NAME
            what = " (with free text)" if self.include_free_text else " (no free text)"
            return f"{self.records} record{'s' if self.records != 1 else ''} written to {target}{what}"
        n = len(self.written)
        return f"{n} FHIR Bundle{'s' if n != 1 else ''} written to {self.out}"

    def lines(self) -> list[str]:
        """Every message, in the order to show them: notes, warnings, failures, then the summary."""
        if self.error is not None:
            return [self.error]
        return [*self.notes, *self.warnings, *self.failed, self.summary()]


def folder_problem(out: Path) -> str | None:
    """Why ``out`` cannot be exported into, if that can be seen before starting."""
    if out.exists() and not out.is_dir():
        return f"{out} is a file, not a folder."
    return None


def export_records(
    store: RecordStore,
    fmt: ExportFormat,
    out: Path,
    *,
    since: dt.date | None = None,
    library: Library | Callable[[], Library] | None = None,
    include_free_text: bool = False,
    pdf_builder: PdfBuilder | None = None,
) -> ExportOutcome:
    """Export final records from ``store`` into the folder ``out``.

    ``since`` keeps records finalised (or amended) on or after that day.
    ``library`` (or a function returning it, called only for FHIR) supplies the
    aids for the PDF summary in each Bundle; without it Bundles carry no PDF.
    ``include_free_text`` applies to CSV only.
    """
    records, outcome = read_for_export(store, fmt, out, since=since, include_free_text=include_free_text)
    if records is None:
        return outcome
    return write_export(records, outcome, library=library, pdf_builder=pdf_builder)


def read_for_export(
    store: RecordStore, fmt: ExportFormat, out: Path, *, since: dt.date | None = None, include_free_text: bool = False
) -> tuple[ExportSource | None, ExportOutcome]:
    """The records to export (counted now, read one at a time as they are written) and the
    outcome so far; None (with ``outcome.error``) if they cannot be read."""
    outcome = ExportOutcome(fmt, out, include_free_text=include_free_text and fmt == "csv")
    problem = folder_problem(out)
    if problem is not None:
        outcome.error = problem
        return None, outcome
    try:
        records = store.export_source(since)
    except StorageError as exc:
        outcome.error = str(exc)
        return None, outcome
    outcome.records = len(records)
    if include_free_text and fmt != "csv":
        outcome.notes.append(FREE_TEXT_FHIR_NOTE)
    return records, outcome


def write_export(
    records: Iterable[Record],
    outcome: ExportOutcome,
    *,
    library: Library | Callable[[], Library] | None = None,
    pdf_builder: PdfBuilder | None = None,
) -> ExportOutcome:
    """Write ``records`` as ``outcome`` says (format, folder, free text); needs no database.

    The window runs this on a worker thread, so a long FHIR export with PDFs
    leaves the window free."""
    out = outcome.out
    try:
        if outcome.fmt == "csv":
            from .export_csv import write_records_csv

            target = out / CSV_FILE_NAME
            outcome.records = write_records_csv(records, target, include_free_text=outcome.include_free_text)
            outcome.written = [target]
            return outcome
        from .export_fhir import export_fhir

        lib = library() if callable(library) else (library if library is not None else Library([]))
        result = export_fhir(records, out, lib, pdf_builder=pdf_builder)
    except OSError as exc:
        outcome.error = f"could not write to {out} ({exc.strerror or exc})."
        return outcome
    except StorageError as exc:
        outcome.error = f"the export stopped: {exc}"
        return outcome
    finally:
        if isinstance(records, ExportSource):
            outcome.failed.extend(records.unreadable)
    outcome.written = result.written
    outcome.warnings = result.warnings
    outcome.failed = [*result.failed, *outcome.failed]
    return outcome
