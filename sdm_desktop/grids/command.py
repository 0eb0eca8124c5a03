"""``sdm-desktop validate``, ``sdm-desktop list`` and ``sdm-desktop sign-off``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config, cache_dir
from ..paths import SHIPPED_LIBRARY
from .findings import Finding, Severity
from .terminal import dumps, printable

if TYPE_CHECKING:
    from .library import LoadedFile

# Checks that other parts of the program add to ``validate`` (they sit above grids/ and
# cannot be called from here): each is given the files checked and returns more findings.
EXTRA_CHECKS: list[Callable[[Sequence[LoadedFile]], list[Finding]]] = []


def register(sub: argparse._SubParsersAction[Any]) -> None:
    v = sub.add_parser(
        "validate",
        help="check documents and print every finding as path:line:col",
        description="Check documents. With no PATH, the shipped library and the folders set in preferences.",
    )
    v.add_argument("paths", nargs="*", metavar="PATH", help="YAML files or folders")
    v.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    v.set_defaults(handler=run_validate)
    ls = sub.add_parser("list", help="list every document in the library")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(handler=run_list)
    so = sub.add_parser(
        "sign-off",
        help="record a clinical sign-off of one exact version of a content file",
        description="Record that NAME, in ROLE, reviewed FILE as it is now. The sign-off is written to "
        "<file stem>.signoff.yaml beside FILE with the SHA-256 of FILE's bytes; any later "
        "edit to FILE means it is no longer signed off.",
    )
    so.add_argument("file", metavar="FILE", help="the content file (YAML)")
    so.add_argument("--reviewer", required=True, metavar="NAME", help="the reviewer's name")
    so.add_argument(
        "--role", required=True, metavar="ROLE", help="the reviewer's role, e.g. 'GP' or 'consultant cardiologist'"
    )
    so.set_defaults(handler=run_sign_off)


def default_folders() -> list[Path]:
    config, _problem = Config.load()
    return [SHIPPED_LIBRARY, *(Path(p) for p in config.library_folders)]


def nothing_found(command: str, where: list[Path]) -> int:
    """Report that no documents were found where some were expected; returns the exit code (2)."""
    places = ", ".join(str(p) for p in where)
    hint = ""
    if SHIPPED_LIBRARY in where and not SHIPPED_LIBRARY.is_dir():
        hint = f"; the shipped library is missing from this installation ({SHIPPED_LIBRARY}): install SDM Desktop again"
    print(f"sdm-desktop {command}: no documents found in {places}{hint}", file=sys.stderr)
    return 2


def run_validate(args: argparse.Namespace) -> int:
    from .library import cross_check, discover, load_file, load_library

    if args.paths:
        missing = [p for p in args.paths if not Path(p).exists()]
        if missing:
            print(f"sdm-desktop validate: no such file or folder: {printable(missing[0])}", file=sys.stderr)
            return 2
        targets = discover(args.paths)
        if not targets:
            return nothing_found("validate", [Path(p) for p in args.paths])
        # Check the given files against the library, so links to risk scores resolve.
        given = {t.resolve() for t in targets}  # once: resolving inside the loop made this O(N^2)
        context = [load_file(p, run_lint=False) for p in discover(default_folders()) if p.resolve() not in given]
        files = [load_file(p) for p in targets]
        context_ids = {lf.document.id for lf in files if lf.document}
        cross_check(files + [lf for lf in context if lf.document is not None and lf.document.id not in context_ids])
    else:
        folders = default_folders()
        files = load_library(folders).files
        if not files:
            return nothing_found("validate", folders)
    extra = [f for check in EXTRA_CHECKS for f in check(files)]
    findings = sorted([*(f for lf in files for f in lf.findings), *extra])
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if args.format == "json":
        print(
            dumps(
                {
                    "files": len(files),
                    "errors": errors,
                    "warnings": warnings,
                    "findings": [f.as_dict() for f in findings],
                }
            )
        )
    else:
        for f in findings:
            print(f.format())
        print(
            f"{len(files)} file{'s' if len(files) != 1 else ''} checked: "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )
    return 1 if errors else 0


def run_list(args: argparse.Namespace) -> int:
    from .index import CACHE_NAME, summaries

    folders = default_folders()
    rows = summaries(folders, cache_dir() / CACHE_NAME)
    if not rows:
        return nothing_found("list", folders)
    valid = [r for r in rows if r.valid]
    invalid = len(rows) - len(valid)
    if args.json:
        print(
            dumps(
                [
                    {
                        "id": r.id,
                        "kind": r.kind,
                        "title": r.title,
                        "version": r.version,
                        "language": r.language,
                        "sign_off": r.sign_off,
                        "path": r.path,
                    }
                    for r in valid
                ]
            )
        )
    else:
        for r in valid:
            fields = (r.id, r.kind, r.version, r.language, r.sign_off, r.title)
            print("\t".join(printable(str(value)) for value in fields))
    if invalid:
        print(
            f"{invalid} file{'s' if invalid != 1 else ''} with errors not listed; run 'sdm-desktop validate' to see why.",
            file=sys.stderr,
        )
    return 0


def run_sign_off(args: argparse.Namespace) -> int:
    from .library import load_file
    from .signoff import is_sidecar, sign_off

    path = Path(args.file)
    if not path.is_file():
        print(f"sdm-desktop sign-off: no such file: {path}", file=sys.stderr)
        return 2
    if is_sidecar(path):
        print(f"sdm-desktop sign-off: {path} is itself a sign-off record; name the content file", file=sys.stderr)
        return 2
    loaded = load_file(path, run_lint=True)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if loaded.document is None or errors:
        for f in errors:
            print(f.format(), file=sys.stderr)
        print(f"sdm-desktop sign-off: {path} has errors and cannot be signed off until they are fixed", file=sys.stderr)
        return 1
    try:
        written = sign_off(path, args.reviewer, args.role)
    except ValueError as exc:
        print(f"sdm-desktop sign-off: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"sdm-desktop sign-off: the sign-off could not be written ({exc.strerror or exc})", file=sys.stderr)
        return 1
    doc = loaded.document
    print(
        f"Signed off {doc.id} version {doc.version} ({path.name}) by {' '.join(args.reviewer.split())}, "
        f"{' '.join(args.role.split())}: written to {written}"
    )
    return 0
