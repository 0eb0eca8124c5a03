"""The ``sdm-desktop`` command: the window by default, and headless subcommands.

Each part of the program registers its own subcommands (``register`` in its
``command`` module), so this file only wires them together and makes sure that
no error ever reaches the user as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__
from .crashlog import where_logged

COMMAND_MODULES = (
    "sdm_desktop.grids.command",
    "sdm_desktop.summary.command",
    "sdm_desktop.export_command",
    "sdm_desktop.records.command",
    "sdm_desktop.records.central.command",
    "sdm_desktop.ui.command",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sdm-desktop",
        description="Shared decision-making aids for the consultation, offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="keep consultation records in DIR instead of the per-user data folder")
    parser.add_argument("--quit-after-load", action="store_true", help="start the window, load everything, then exit (for smoke tests)")
    parser.set_defaults(handler=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.handler is None:
            from .ui.command import run_gui

            return run_gui(args)
        code: int = args.handler(args)
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: no traceback on screen
        where = where_logged(exc)
        print(f"sdm-desktop: something went wrong ({type(exc).__name__}: {exc}). Details are in {where}.", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
