"""``sdm-desktop validate`` and ``sdm-desktop list``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..config import Config, cache_dir
from ..paths import SHIPPED_LIBRARY
from .findings import Severity


def register(sub: argparse._SubParsersAction[Any]) -> None:
    v = sub.add_parser("validate", help="check documents and print every finding as path:line:col",
                       description="Check documents. With no PATH, the shipped library and the folders set in preferences.")
    v.add_argument("paths", nargs="*", metavar="PATH", help="YAML files or folders")
    v.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    v.set_defaults(handler=run_validate)
    ls = sub.add_parser("list", help="list every document in the library")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(handler=run_list)


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
            print(f"sdm-desktop validate: no such file or folder: {missing[0]}", file=sys.stderr)
            return 2
        targets = discover(args.paths)
        if not targets:
            return nothing_found("validate", [Path(p) for p in args.paths])
        # Check the given files against the library, so links to risk scores resolve.
        context = [load_file(p, run_lint=False) for p in discover(default_folders()) if p.resolve() not in {t.resolve() for t in targets}]
        files = [load_file(p) for p in targets]
        context_ids = {lf.document.id for lf in files if lf.document}
        cross_check(files + [lf for lf in context if lf.document is not None and lf.document.id not in context_ids])
    else:
        folders = default_folders()
        files = load_library(folders).files
        if not files:
            return nothing_found("validate", folders)
    findings = sorted(f for lf in files for f in lf.findings)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if args.format == "json":
        json.dump({"files": len(files), "errors": errors, "warnings": warnings,
                   "findings": [f.as_dict() for f in findings]}, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        for f in findings:
            print(f.format())
        print(f"{len(files)} file{'s' if len(files) != 1 else ''} checked: "
              f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
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
        json.dump([{"id": r.id, "kind": r.kind, "title": r.title, "version": r.version, "language": r.language,
                    "sign_off": r.sign_off, "path": r.path} for r in valid], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        for r in valid:
            print(f"{r.id}\t{r.kind}\t{r.version}\t{r.language}\t{r.sign_off}\t{r.title}")
    if invalid:
        print(f"{invalid} file{'s' if invalid != 1 else ''} with errors not listed; run 'sdm-desktop validate' to see why.", file=sys.stderr)
    return 0
