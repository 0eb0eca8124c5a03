"""Upgrading the records database with progress, off the window's thread; and its backups.

A database written by an older version is upgraded when it is opened
(migrations.py). With many records that takes a while (about 10 s for
30,000), so the window asks :func:`needs_upgrade` first and, if so, runs
:func:`upgrade` on a worker thread with a progress callback, then opens the
store. Both open their own connection, so they may run on any thread.

Before an upgrade the whole file is copied to ``records.before-v<N>.sqlite3``
(owner-only). That copy is kept for :data:`BACKUP_DAYS` days, long enough to
notice a problem with the upgrade, and then removed the next time the store
opens; only the newest copy is kept, since it holds everything the older ones did.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
from pathlib import Path

from ..atomic import private_file, private_folder
from .errors import translate
from .integrity import check_or_raise
from .location import DATABASE_NAME, data_dir, database_path
from .migrations import LATEST, Progress, migrate, schema_version

BACKUP_DAYS = 30
_BACKUP = re.compile(
    re.escape(Path(DATABASE_NAME).stem) + r"\.before-v(\d+)" + re.escape(Path(DATABASE_NAME).suffix) + r"\Z"
)


def needs_upgrade(folder: Path | str | None = None) -> bool:
    """True if the database in ``folder`` exists and was written by an older version."""
    path = database_path(data_dir(folder))
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return 0 < schema_version(conn) < LATEST
        finally:
            conn.close()
    except sqlite3.Error:
        return False  # opening the store will say what is wrong


def upgrade(folder: Path | str | None = None, progress: Progress | None = None) -> int:
    """Upgrade the database in ``folder`` to the latest schema, reporting ``progress``; return the old version.

    Checks the file first (a damaged one raises ``DatabaseCorrupt``). Raises
    a ``StorageError`` on any failure, leaving the database as it was."""
    where = data_dir(folder)
    path = database_path(where)
    try:
        private_folder(where)
        private_file(path)
    except OSError as exc:
        raise translate(sqlite3.OperationalError(f"unable to open database file: {exc.strerror}"), path) from exc
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        check_or_raise(conn, path)
        return migrate(conn, path, progress=progress)
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    finally:
        conn.close()


def backups(folder: Path) -> list[tuple[int, Path]]:
    """The pre-upgrade copies in ``folder``: (version it was upgraded to, path), oldest first."""
    found: list[tuple[int, Path]] = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            match = _BACKUP.match(path.name)
            if match:
                found.append((int(match.group(1)), path))
    return sorted(found)


def prune_backups(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Remove pre-upgrade copies past :data:`BACKUP_DAYS`, and all but the newest; return those removed."""
    moment = (now or dt.datetime.now(dt.UTC)).timestamp()
    found = backups(folder)
    removed: list[Path] = []
    for i, (_version, path) in enumerate(found):
        try:
            age_days = (moment - path.stat().st_mtime) / 86_400
        except OSError:
            continue
        if i < len(found) - 1 or age_days > BACKUP_DAYS:
            for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
                with contextlib.suppress(OSError):
                    part.unlink()
            removed.append(path)
    return removed
