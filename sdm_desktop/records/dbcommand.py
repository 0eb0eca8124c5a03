"""``sdm-desktop check-database`` and ``sdm-desktop upgrade-database``: the records file itself.

``check-database`` runs SQLite's quick check on the records database and,
with ``--set-aside``, moves a damaged one out of the way (kept for the IT
team, its readable drafts saved) so that a new one starts. ``upgrade-database``
upgrades a database written by an older version, printing its progress.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from typing import Any

from .errors import StorageError
from .location import data_dir_from_args, database_path


def register(sub: argparse._SubParsersAction[Any]) -> None:
    c = sub.add_parser(
        "check-database",
        help="check the records database for damage (SQLite quick_check)",
        description="Check the records database in the data folder for damage. With --set-aside, a "
        "damaged database is renamed and kept for your IT team, its readable drafts are "
        "saved, and a new database starts the next time the program opens.",
    )
    c.add_argument("--set-aside", action="store_true", help="if the database is damaged, set it aside")
    c.set_defaults(handler=run_check)
    u = sub.add_parser(
        "upgrade-database",
        help="upgrade a records database written by an older version",
        description="Upgrade the records database in the data folder, showing progress. The window "
        "does this itself when it opens; this is for large databases and scripts.",
    )
    u.set_defaults(handler=run_upgrade)


def run_check(args: argparse.Namespace) -> int:
    from .integrity import quick_check, set_aside_damaged

    folder = data_dir_from_args(args)
    path = database_path(folder)
    if not path.exists():
        print(f"sdm-desktop check-database: there is no records database in {folder}.", file=sys.stderr)
        return 1
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problems = quick_check(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problems = [str(exc)]
    if not problems:
        print(f"The records database {path} is sound.")
        return 0
    print(f"The records database {path} is damaged:", file=sys.stderr)
    for line in problems:
        print(f"  {line}", file=sys.stderr)
    if not args.set_aside:
        print("Run 'sdm-desktop check-database --set-aside' to keep it aside and start a new one.", file=sys.stderr)
        return 1
    try:
        moved = set_aside_damaged(folder)
    except StorageError as exc:
        print(f"sdm-desktop check-database: {exc}", file=sys.stderr)
        return 1
    print(
        f"Set aside as {moved}; a new database starts the next time SDM Desktop opens. "
        "Drafts that could be read are kept and come back then."
    )
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    from .upgrade import needs_upgrade, upgrade

    folder = data_dir_from_args(args)
    if not needs_upgrade(folder):
        print(f"The records database in {folder} needs no upgrade.")
        return 0
    last: list[tuple[str, int]] = []

    def show(stage: str, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if not last or last[-1] != (stage, percent // 10):
            last.append((stage, percent // 10))
            print(f"{stage}: {percent}%", file=sys.stderr)

    try:
        old = upgrade(folder, show)
    except StorageError as exc:
        print(f"sdm-desktop upgrade-database: {exc}", file=sys.stderr)
        return 1
    print(f"The records database in {folder} was upgraded from version {old}.")
    return 0
