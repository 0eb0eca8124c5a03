"""Write final records as FHIR R4 Bundles, one JSON file per record, each checked before it is written.

The PDF summary is made by the builder the caller gives (the command line
and the window give :func:`sdm_desktop.summary.build_summary_pdf`; records
never import the summary) from the aid the record was made with. When that exact aid (same id and
content hash) is no longer in the library, the record is exported without the
DocumentReference and a warning says so. Files are named by record id only,
never by anything that identifies the patient.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from ..atomic import atomic_file, sync_files
from ..grids.library import Library
from ..grids.model import OptionGrid, PromptSet, RiskScore
from .fhir_check import FhirCheckError, check_bundle
from .fhir_identity import FhirContext, FhirRefusal
from .fhir_transaction import build_transaction
from .model import Record
from .textclean import clean_json

PdfBuilder = Callable[..., bytes]
MAX_EACH_WARNING = 100  # warnings naming their record; the rest are counted, so memory stays flat


class WrittenFiles(Sequence[Path]):
    """The files an export wrote into one folder, kept as bare names.

    A ``Path`` per file would grow memory with every record (pathlib interns
    each name for good); a name is a short string."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else Path(".")
        self._names: list[str] = []

    def add(self, name: str) -> None:
        self._names.append(name)

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...

    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [self.folder / name for name in self._names[index]]
        return self.folder / self._names[index]

    def __iter__(self) -> Iterator[Path]:
        return (self.folder / name for name in self._names)

    def __eq__(self, other: object) -> bool:
        """Equal to a list (or tuple) of the same paths, as the plain list it replaces was."""
        if isinstance(other, (WrittenFiles, list, tuple)):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like the list it stands for

    def __add__(self, other: Sequence[Path]) -> list[Path]:
        return [*self, *other]

    def __radd__(self, other: Sequence[Path]) -> list[Path]:
        return [*other, *self]

    def __repr__(self) -> str:
        return f"WrittenFiles({str(self.folder)!r}, {len(self)} files)"


@dataclass
class ExportResult:
    written: WrittenFiles = field(default_factory=WrittenFiles)
    warnings: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    _more: dict[str, int] = field(default_factory=dict)  # reason -> records past MAX_EACH_WARNING

    def no_pdf(self, record_id: str, why: str) -> None:
        """Warn that a record went without its PDF; past :data:`MAX_EACH_WARNING`, only count them."""
        if len(self.warnings) < MAX_EACH_WARNING:
            self.warnings.append(f"warning: record {record_id} exported without the PDF summary: {why}.")
        else:
            self._more[why] = self._more.get(why, 0) + 1

    def finish(self) -> None:
        for why, count in self._more.items():
            self.warnings.append(
                f"warning: {count:,} more record{'s' if count != 1 else ''} exported without the PDF summary: {why}."
            )
        self._more.clear()


def find_grid(record: Record, grids: Iterable[OptionGrid]) -> tuple[OptionGrid | None, str | None]:
    """The grid the record was made with, or why it cannot be used for the summary."""
    if record.aid is None:
        return None, "no decision aid is recorded"
    same_id = [g for g in grids if g.id == record.aid.id]
    if not same_id:
        return None, f"the aid '{record.aid.id}' is no longer in the library"
    for grid in same_id:
        if not record.aid.content_hash or grid.content_hash == record.aid.content_hash:
            return grid, None
    return None, (
        f"the aid '{record.aid.id}' in the library has changed since (the record used version "
        f"{record.aid.version or '?'}, the library has {same_id[0].version})"
    )


def make_pdf(
    record: Record,
    grids: Sequence[OptionGrid],
    scores: Mapping[str, RiskScore],
    prompt_sets: Sequence[PromptSet],
    builder: PdfBuilder | None,
) -> tuple[bytes | None, str | None]:
    """The record copy of the summary PDF, or None and the reason it could not be made."""
    if builder is None:
        return None, "the PDF summary is not available in this version"
    grid, why = find_grid(record, grids)
    if grid is None:
        return None, why
    try:
        pdf = builder(grid, record, scores=scores, prompt_sets=prompt_sets, copy="record")
    except Exception as exc:  # any failure of the summary must not stop the export of the answers
        return None, f"the PDF summary could not be made ({exc})"
    if not isinstance(pdf, (bytes, bytearray)) or not bytes(pdf).startswith(b"%PDF-"):
        return None, "the PDF summary could not be made (it did not return a PDF)"
    return bytes(pdf), None


def bundle_text(data: Any) -> str:
    """The Bundle as JSON text, without control characters in its strings (textclean.py).

    Compact, so that json's C encoder writes it (``indent`` would make it
    several times slower); any JSON viewer lays it out."""
    return clean_json(json.dumps(data, ensure_ascii=False)) + "\n"


def write_text_atomically(path: str | os.PathLike[str], text: str, *, durable: bool = True) -> None:
    with atomic_file(path, durable=durable) as handle:
        handle.write(text)


def bundle_file_name(record: Record) -> str:
    return f"sdm-record-{record.record_id}.fhir.json"


def export_fhir(
    records: Iterable[Record],
    out_dir: Path,
    library: Library,
    *,
    pdf_builder: PdfBuilder | None = None,
    timestamp: dt.datetime | None = None,
    context: FhirContext | None = None,
) -> ExportResult:
    """Write one checked Bundle per record into ``out_dir``.

    Strings go in without control characters (textclean.py). Files are
    written one by one (atomically) and made durable together at the end,
    which costs one journal flush instead of one per file.

    ``pdf_builder`` is the function that makes the PDF (the caller gives the
    summary package's; records know nothing of it). None exports every record
    without the PDF (with a warning). ``context`` (clinician's register
    number, ODS code) defaults to Preferences.
    """
    result = ExportResult(WrittenFiles(out_dir))
    if context is None:
        from ..config import Config

        context = FhirContext.from_config(Config.load()[0])
    scores, prompt_sets = library.scores, library.prompt_sets
    builder = pdf_builder
    for record in records:
        grids = library.grids_with_id(record.aid.id) if record.aid is not None else []
        pdf, why = make_pdf(record, grids, scores, prompt_sets, builder)
        if pdf is None:
            result.no_pdf(record.record_id, str(why))
        grid = find_grid(record, grids)[0]
        try:
            data = build_transaction(
                record, pdf, grid=grid, context=context, scores=scores, prompt_sets=prompt_sets, timestamp=timestamp
            )
        except FhirRefusal as exc:
            result.failed.append(f"record {record.record_id} was not exported as FHIR: {exc}.")
            continue
        try:
            check_bundle(data)
        except FhirCheckError as exc:
            result.failed.append(f"record {record.record_id} was not exported: its Bundle is not valid FHIR ({exc}).")
            continue
        name = bundle_file_name(record)
        write_text_atomically(os.path.join(out_dir, name), bundle_text(data), durable=False)
        result.written.add(name)
    sync_files(result.written, out_dir)
    result.finish()
    return result
