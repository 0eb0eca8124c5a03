"""``sdm-desktop export`` and ``sdm-desktop quality``.

Both read the records database in the data folder (``--data-dir``, else
``SDM_DESKTOP_DATA_DIR``, else the per-user folder). Export is the only way
patient data leaves the records database, and only where the user says.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..paths import SHIPPED_LIBRARY
from .errors import StorageError
from .location import data_dir_from_args, database_path
from .validate import parse_date

if TYPE_CHECKING:
    from .export_fhir import PdfBuilder  # the FHIR stack is imported by an export, not by every start


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this part's subcommands to ``sub`` (``export`` is added by export_command.py, which gives it the PDF)."""
    q = sub.add_parser(
        "quality",
        help="print SDM quality figures (decisions, SURE, CollaboRATE) for a period",
        description="Counts of decisions by aid and option, the share of SURE totals of 3 or less, "
        "and the CollaboRATE top-box share, over consultations in a period.",
    )
    q.add_argument("--since", metavar="DATE", help="first consultation date included")
    q.add_argument("--until", metavar="DATE", help="last consultation date included")
    q.add_argument("--csv", metavar="FILE", help="also write the figures to FILE as CSV")
    q.add_argument(
        "--central",
        metavar="CONNINFO",
        nargs="?",
        const="",
        help="figures for the whole service from the central store: the machine-wide one, or the libpq "
        "connection string CONNINFO (never a password)",
    )
    q.set_defaults(handler=run_quality)
    from .dbcommand import register as register_database

    register_database(sub)


def add_export(sub: argparse._SubParsersAction[Any], pdf_builder: PdfBuilder) -> None:
    """Add ``export`` to ``sub``; FHIR Bundles carry the PDF that ``pdf_builder`` makes."""
    ex = sub.add_parser(
        "export",
        help="export final records as FHIR R4 Bundles or an audit CSV",
        description="Export final consultation records. FHIR: one Bundle per record (QuestionnaireResponse, "
        "DocumentReference with the PDF summary, Provenance) in DIR. CSV: records.csv in DIR, one row "
        "per record, without free text unless --include-free-text is given.",
    )
    ex.add_argument("--format", choices=("fhir", "csv"), required=True, help="fhir or csv")
    ex.add_argument("--out", metavar="DIR", required=True, help="folder to write into (created if needed)")
    ex.add_argument(
        "--since",
        metavar="DATE",
        help="only records finalised (or amended) on or after DATE (24/11/2026 or 2026-11-24)",
    )
    ex.add_argument(
        "--include-free-text",
        action="store_true",
        help="CSV only: add the patient's words, questions, next step, amendment reason and notes",
    )
    ex.set_defaults(handler=lambda args: run_export(args, pdf_builder))


def _date_option(value: str | None, name: str, prog: str) -> tuple[dt.date | None, bool]:
    if value is None:
        return None, True
    parsed, message = parse_date(value)
    if parsed is None:
        print(f"sdm-desktop {prog}: {name} {value!r}: {message}", file=sys.stderr)
        return None, False
    return parsed, True


def _open_existing(args: argparse.Namespace, prog: str) -> Any:
    from .store import RecordStore

    folder = data_dir_from_args(args)
    if not database_path(folder).exists():
        print(f"sdm-desktop {prog}: there are no records in {folder} yet.", file=sys.stderr)
        return None
    return RecordStore.open(folder)


def run_export(args: argparse.Namespace, pdf_builder: PdfBuilder | None) -> int:
    since, ok = _date_option(args.since, "--since", "export")
    if not ok:
        return 2
    from .export import export_records, folder_problem

    out = Path(args.out)
    problem = folder_problem(out)
    if problem is not None:
        print(f"sdm-desktop export: {problem}", file=sys.stderr)
        return 2
    try:
        store = _open_existing(args, "export")
    except StorageError as exc:
        print(f"sdm-desktop export: {exc}", file=sys.stderr)
        return 1
    if store is None:
        return 1
    with store:
        outcome = export_records(
            store,
            args.format,
            out,
            since=since,
            library=_configured_library,
            include_free_text=args.include_free_text,
            pdf_builder=pdf_builder,
        )
    if outcome.error is not None:
        print(f"sdm-desktop export: {outcome.error}", file=sys.stderr)
        return 1
    for line in outcome.notes:
        print(f"sdm-desktop export: {line}", file=sys.stderr)
    for line in outcome.warnings + outcome.failed:
        print(line, file=sys.stderr)
    print(outcome.summary())
    return 0 if outcome.ok else 1


def _configured_library() -> Any:
    """The shipped library and the folders from Preferences (for the PDF in each FHIR Bundle)."""
    from ..grids.library import load_library

    config, _ = Config.load()
    return load_library([SHIPPED_LIBRARY, *(Path(p) for p in config.library_folders)])


def run_quality(args: argparse.Namespace) -> int:
    since, ok1 = _date_option(args.since, "--since", "quality")
    until, ok2 = _date_option(args.until, "--until", "quality")
    if not (ok1 and ok2):
        return 2
    if since and until and until < since:
        print("sdm-desktop quality: --until is before --since.", file=sys.stderr)
        return 2
    from .quality import format_table, write_quality_csv

    try:
        if args.central is not None:
            from .central.report import central_quality

            stats = central_quality(args.central or None, since, until)
            if stats is None:
                return 2
        else:
            store = _open_existing(args, "quality")
            if store is None:
                return 1
            with store:
                stats = store.quality_stats(since, until)
        print(format_table(stats))
        if args.csv:
            write_quality_csv(stats, Path(args.csv))
            print(f"\nFigures written to {args.csv}")
    except StorageError as exc:
        print(f"sdm-desktop quality: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"sdm-desktop quality: could not write {args.csv} ({exc.strerror or exc}).", file=sys.stderr)
        return 1
    return 0
