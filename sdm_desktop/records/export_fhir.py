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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import atomic_file, sync_files
from ..grids.library import Library
from ..grids.model import OptionGrid, PromptSet, RiskScore
from .fhir_check import FhirCheckError, check_bundle
from .fhir_identity import FhirContext, FhirRefusal
from .fhir_transaction import build_transaction
from .model import Record
from .textclean import clean_strings

PdfBuilder = Callable[..., bytes]


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


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
    return None, (f"the aid '{record.aid.id}' in the library has changed since (the record used version "
                  f"{record.aid.version or '?'}, the library has {same_id[0].version})")


def make_pdf(record: Record, grids: Sequence[OptionGrid], scores: Mapping[str, RiskScore],
             prompt_sets: Sequence[PromptSet], builder: PdfBuilder | None) -> tuple[bytes | None, str | None]:
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


def write_json_atomically(path: Path, data: Any, *, durable: bool = True) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    with atomic_file(path, durable=durable) as handle:
        handle.write(text)
        handle.write("\n")


def bundle_file_name(record: Record) -> str:
    return f"sdm-record-{record.record_id}.fhir.json"


def export_fhir(records: Iterable[Record], out_dir: Path, library: Library, *,
                pdf_builder: PdfBuilder | None = None,
                timestamp: dt.datetime | None = None, context: FhirContext | None = None) -> ExportResult:
    """Write one checked Bundle per record into ``out_dir``.

    Strings go in without control characters (textclean.py). Files are
    written one by one (atomically) and made durable together at the end,
    which costs one journal flush instead of one per file.

    ``pdf_builder`` is the function that makes the PDF (the caller gives the
    summary package's; records know nothing of it). None exports every record
    without the PDF (with a warning). ``context`` (clinician's register
    number, ODS code) defaults to Preferences.
    """
    result = ExportResult()
    if context is None:
        from ..config import Config

        context = FhirContext.from_config(Config.load()[0])
    scores, prompt_sets = library.scores, library.prompt_sets
    builder = pdf_builder
    for record in records:
        grids = library.grids_with_id(record.aid.id) if record.aid is not None else []
        pdf, why = make_pdf(record, grids, scores, prompt_sets, builder)
        if pdf is None:
            result.warnings.append(f"warning: record {record.record_id} exported without the PDF summary: {why}.")
        grid = find_grid(record, grids)[0]
        try:
            data = clean_strings(build_transaction(record, pdf, grid=grid, context=context, scores=scores,
                                                   prompt_sets=prompt_sets, timestamp=timestamp))
        except FhirRefusal as exc:
            result.failed.append(f"record {record.record_id} was not exported as FHIR: {exc}.")
            continue
        try:
            check_bundle(data)
        except FhirCheckError as exc:
            result.failed.append(f"record {record.record_id} was not exported: its Bundle is not valid FHIR ({exc}).")
            continue
        path = out_dir / bundle_file_name(record)
        write_json_atomically(path, data, durable=False)
        result.written.append(path)
    sync_files(result.written)
    return result
