"""``sdm-desktop sync``: send the final records waiting on this computer to the central store."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import StorageError
from ..location import data_dir_from_args


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this part's subcommands to ``sub``."""
    s = sub.add_parser(
        "sync",
        help="send final records waiting on this computer to the central store",
        description="Send the final records and amendments waiting on this computer to the central PostgreSQL "
        "store set up by IT (machine-wide settings, see docs/central-store.md). Safe to run again "
        "or to stop at any point: nothing is lost and nothing is stored twice.",
    )
    s.add_argument(
        "--central",
        metavar="CONNINFO",
        help="libpq connection string of the central store (for example 'service=sdm_central'), "
        "instead of the machine-wide setting; never a password",
    )
    s.add_argument("--status", action="store_true", help="only show the sync state (last sync, waiting, last error)")
    s.set_defaults(handler=run_sync)


def run_sync(args: argparse.Namespace) -> int:
    from .outbox import sync_status
    from .settings import CentralError, load_settings
    from .sync import sync

    folder = data_dir_from_args(args)
    try:
        if args.status:
            print(sync_status(folder).describe())
            return 0
        settings = load_settings(args.central)
        if settings is None:
            print(
                "sdm-desktop sync: no central store is set up on this computer. IT sets one up in the machine-wide "
                "settings (see docs/central-store.md), or give --central CONNINFO.",
                file=sys.stderr,
            )
            return 2
        result = sync(settings, folder)
    except CentralError as exc:
        print(f"sdm-desktop sync: {exc}", file=sys.stderr)
        return 2
    except StorageError as exc:
        print(f"sdm-desktop sync: {exc}", file=sys.stderr)
        return 1
    if result.error:
        print(f"sdm-desktop sync: {result.describe()}", file=sys.stderr)
        return 1
    print(result.describe())
    return 0
