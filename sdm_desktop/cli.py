"""The ``sdm-desktop`` command: the window by default, and headless subcommands.

Each part of the program registers its own subcommands (``register`` in its
``command`` module). They are imported here by plain import statements, so a
frozen build sees them, and none of them imports Qt until the window starts:
``validate``, ``list``, ``pdf``, ``export`` and ``quality`` run without it.
This file only wires them together, sets up the log, and makes sure that no
error ever reaches the user as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence

from . import __version__, export_command, logs
from .grids import command as grids_command
from .records import command as records_command
from .records.central import command as central_command
from .summary import command as summary_command
from .ui import command as ui_command

COMMANDS = (grids_command, summary_command, export_command, records_command, central_command, ui_command)

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sdm-desktop",
        description="Shared decision-making aids for the consultation, offline.",
        epilog=f"The log is kept in {logs.log_dir()} (no patient data is written to it).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="keep consultation records in DIR instead of the per-user data folder"
    )
    parser.add_argument(
        "--quit-after-load", action="store_true", help="start the window, load everything, then exit (for smoke tests)"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log more detail, and show the log on the terminal"
    )
    parser.set_defaults(handler=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def _report_crash(exc: BaseException) -> str:
    """Log the error and return where the log is."""
    try:
        where = logs.log_crash(type(exc), exc, exc.__traceback__)
    except Exception:  # logging must never turn one error into two
        where = None
    return str(where) if where else "(the log could not be written)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.setup_logging(verbose=args.verbose)
    command = args.command or "window"
    log.info("sdm-desktop %s: %s (Python %s, %s)", __version__, command, sys.version.split()[0], sys.platform)
    started = time.perf_counter()
    try:
        if args.handler is None:
            code: int = ui_command.run_gui(args)
        else:
            code = args.handler(args)
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as exc:  # the last line of defence: no traceback on screen
        where = _report_crash(exc)
        print(
            f"sdm-desktop: something went wrong ({type(exc).__name__}: {exc}). Details are in {where}.", file=sys.stderr
        )
        code = 3
    log.info("%s finished with exit code %d in %.2f s", command, code, time.perf_counter() - started)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
