"""Noticing a damaged records database, and setting it aside.

SQLite finds damage only where it reads, so a file damaged in the middle can
go on taking saves while every export fails. :func:`quick_check` runs
``PRAGMA quick_check`` (every page and index entry, without the slow
cross-checks of ``integrity_check``): the store runs it when it opens and
again after any I/O or corruption error. When it finds damage the store
raises :class:`~.errors.DatabaseCorrupt`, whose message offers the way out:
:func:`set_aside_damaged` keeps the damaged file (renamed, for the IT team),
saves its readable drafts to the recovery folder, and lets a new database start.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from . import recovery
from .errors import SQLITE_CORRUPT, SQLITE_IOERR, SQLITE_NOTADB, DatabaseCorrupt, StorageError, translate
from .location import data_dir, database_path
from .model import Record, RecordError

MAX_PROBLEMS = 10


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """SQLite's description of each problem found (at most :data:`MAX_PROBLEMS`); empty if the file is sound.

    Raises ``sqlite3.Error`` if the check itself cannot run (a damaged file often cannot)."""
    rows = conn.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def damaged(path: Path, problems: list[str]) -> DatabaseCorrupt:
    """The error for a database that failed its check."""
    lines = [
        line.strip() for text in problems for line in text.splitlines() if line.strip() and not line.startswith("***")
    ]
    first = lines[0] if lines else "the check could not be run"
    if len(lines) > 1:
        first += ", and more"
    return DatabaseCorrupt(
        f"The records database ({path}) is damaged ({first}). It can be set aside (kept for your IT team) "
        "and a new one started; drafts that can still be read are kept.",
        path=path,
    )


def check_or_raise(conn: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`DatabaseCorrupt` if ``quick_check`` finds damage (or cannot run)."""
    try:
        problems = quick_check(conn)
    except sqlite3.Error as exc:
        raise damaged(path, [str(exc)]) from exc
    if problems:
        raise damaged(path, problems)


def after_error(conn: sqlite3.Connection, exc: sqlite3.Error, path: Path) -> StorageError:
    """The error to report for ``exc``: after an I/O or corruption error the file is checked,
    and damage found is reported as :class:`DatabaseCorrupt`."""
    error = translate(exc, path)
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary not in (SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_NOTADB) and not isinstance(error, DatabaseCorrupt):
        return error
    try:
        check_or_raise(conn, path)
    except DatabaseCorrupt as found:
        return found
    return error


def set_aside_damaged(folder: Path | str | None = None) -> Path:
    """Move a damaged database out of the way (kept, renamed) so a new one can be started.

    Drafts that can still be read from it are kept in the recovery folder first,
    so they come back in the new database. Returns the new name of the old file.
    """
    where = data_dir(folder)
    path = database_path(where)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for (text,) in conn.execute("SELECT body FROM drafts"):
                try:
                    recovery.keep_draft(where, Record.from_dict(json.loads(text)))
                except (ValueError, RecordError, StorageError):
                    continue
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # nothing could be read: the file itself is still kept below
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    try:
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{path}{suffix}")
            if part.exists():
                part.replace(Path(f"{target}{suffix}"))
    except OSError as exc:
        raise StorageError(
            f"The damaged database {path} could not be moved aside ({exc.strerror}).", path=path
        ) from exc
    return target
