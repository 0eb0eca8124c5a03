"""``sdm-desktop pdf``: print the one-page summary without opening the window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the work is imported when the command runs, so other commands start fast
    from ..grids.library import Library
    from ..grids.model import OptionGrid
    from ..records.model import Record


class CommandError(Exception):
    """A problem to report on one line, with exit code 1."""


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this part's subcommands to ``sub``, and its check of shipped print-outs to ``validate``."""
    from ..grids.command import EXTRA_CHECKS
    from .shipped_print import print_findings

    if print_findings not in EXTRA_CHECKS:
        EXTRA_CHECKS.append(print_findings)
    p = sub.add_parser(
        "pdf",
        help="print the one-page PDF summary of an aid, with or without a consultation record",
        description="Make the one-page PDF summary. With --record, the summary of that consultation; "
        "without, a clean copy of the grid to hand over.",
    )
    p.add_argument("--grid", required=True, metavar="ID", help="the id of the aid (see 'sdm-desktop list')")
    p.add_argument("--record", metavar="FILE", help="a consultation record exported as JSON")
    p.add_argument(
        "--copy", choices=("record", "patient"), default="record", help="which copy to print (default: record)"
    )
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)")
    p.add_argument("--language", metavar="TAG", help="print the aid in this language if it has it (e.g. cy-GB)")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the PDF")
    p.set_defaults(handler=run_pdf)


def find_grid(library: Library, grid_id: str, *, allow_expired: bool = False) -> OptionGrid:
    """The grid ``grid_id``; expired content only when ``allow_expired`` (record copies)."""
    from ..grids.findings import Severity
    from ..grids.model import OptionGrid
    from .context import long_date

    found = library.grids_with_id(grid_id)  # by facts, so that only this grid is built
    if found:
        return found[0]
    other = next((lf.kind for lf in library.files if lf.ok and lf.facts is not None and lf.facts.id == grid_id), None)
    if other is not None:
        raise CommandError(f"'{grid_id}' is a {other.replace('_', ' ')}, not an option grid")
    broken = [lf for lf in library.problems if lf.facts is not None and lf.facts.id == grid_id]
    if broken:
        lf = broken[0]
        errors = {f.rule for f in lf.findings if f.severity is Severity.ERROR}
        if errors == {"content-expired"} and isinstance(lf.document, OptionGrid):
            if allow_expired:
                return lf.document
            expiry = lf.document.metadata.hard_expiry
            raise CommandError(
                f"the aid '{grid_id}' expired on {long_date(expiry) if expiry else 'an earlier date'} and must not be "
                "printed for patients; only the record copy of a consultation can still be printed"
            )
        raise CommandError(f"the aid '{grid_id}' has errors ({lf.path}); run 'sdm-desktop validate' to see them")
    known = (
        ", ".join(
            sorted(lf.facts.id for lf in library.files if lf.ok and lf.kind == "option_grid" and lf.facts is not None)
        )
        or "none"
    )
    raise CommandError(f"no option grid with the id '{grid_id}' (known: {known})")


def read_record(path: str) -> Record:
    from ..records.model import Record, RecordError

    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"the record {path} could not be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CommandError(f"the record {path} is not UTF-8 text") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"the record {path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    try:
        return Record.from_dict(data)
    except RecordError as exc:
        raise CommandError(f"the record {path} is not a valid record: {exc}") from None


def run_pdf(args: argparse.Namespace) -> int:
    from ..config import ServiceSettings
    from ..grids import signoff
    from ..grids.command import default_folders
    from ..grids.store import LibraryStore
    from .atomic import write_pdf_atomic
    from .fonts import FontMissing
    from .pdf import SummaryError, build_summary_pdf

    try:
        library = LibraryStore(default_folders()).load()  # unchanged files come from the catalogue cache
        record = read_record(args.record) if args.record else None
        grid = find_grid(library, args.grid, allow_expired=record is not None and args.copy == "record")
        if record is not None and record.aid is not None and record.aid.id != grid.id:
            raise CommandError(f"the record {args.record} is about the aid '{record.aid.id}', not '{grid.id}'")
        review = signoff.review(grid.path, grid.content_hash)
        service, problem = ServiceSettings.load()
        if problem:
            print(f"sdm-desktop pdf: {problem}", file=sys.stderr)
        data = build_summary_pdf(
            grid,
            record,
            scores=library.scores,
            prompt_sets=library.prompt_sets,
            copy=args.copy,
            paper=args.paper,
            language=args.language,
            review=review,
            training=signoff.use(review, service.patients_only_signed_off) == "training",
        )
        try:
            write_pdf_atomic(args.out, data)
        except OSError as exc:
            raise CommandError(f"could not write {args.out}: {exc.strerror or exc}") from None
    except (CommandError, SummaryError, FontMissing) as exc:
        print(f"sdm-desktop pdf: {exc}", file=sys.stderr)
        return 1
    what = "grid to hand over" if record is None else f"{args.copy} copy"
    print(f"Wrote {args.out} (one page, {what}).")
    return 0
