"""Window subcommands and the default start (see sdm_desktop/cli.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the window's subcommands to ``sub``."""
    preview = sub.add_parser(
        "preview",
        help="show one document and reload it on every save, with its findings",
        description="Open FILE in a window, checked against the library, and reload it every time it is saved.",
    )
    preview.add_argument("file", metavar="FILE", help="a YAML document")
    preview.set_defaults(handler=run_preview)


def run_gui(args: argparse.Namespace) -> int:
    from .app import run_gui as start

    return start(args)


def run_preview(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"sdm-desktop preview: no such file: {path}", file=sys.stderr)
        return 2
    from .app import run_preview as start

    return start(path, quit_after_load=bool(getattr(args, "quit_after_load", False)))
