"""What can go wrong with the records database, as one family of errors.

Every failure of the store reaches the caller as a :class:`StorageError`
subclass with a message fit to show as it is. ``recovered_to`` says where the
draft that could not be saved was kept instead, when that applies.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class StorageError(Exception):
    """The records could not be read or written; ``str(error)`` is the message to show."""

    def __init__(self, message: str, *, path: Path | None = None, recovered_to: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.recovered_to = recovered_to

    def __str__(self) -> str:
        if self.recovered_to is not None:
            return f"{self.message} Your changes are kept safe in {self.recovered_to} and will be saved when the database can be written again."
        return self.message

    def with_recovery(self, where: Path | None) -> StorageError:
        """The same error, noting where the unsaved draft was kept."""
        self.recovered_to = where
        return self


class DatabaseLocked(StorageError):
    """Another program holds the database's write lock for too long."""


class DatabaseReadOnly(StorageError):
    """The database file or its folder cannot be written."""


class DatabaseCorrupt(StorageError):
    """The file is not an SQLite database, or it is damaged."""


class DiskFull(StorageError):
    """No space is left where the database lives."""


class DatabaseUnavailable(StorageError):
    """The database could not be opened or read for another reason (I/O error, missing folder)."""


class DatabaseTooNew(StorageError):
    """The database was written by a newer version of the program."""


class RecordNotFound(StorageError):
    """No record or draft has the id asked for."""


class RecordConflict(StorageError):
    """The change is not allowed: a final record is never changed, and is amended once."""


class RecordIncomplete(StorageError):
    """A draft cannot be finalised yet; ``problems`` lists (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("The record cannot be finalised yet: " + "; ".join(m for _, m in problems) + ".")
        self.problems = problems


def translate(exc: sqlite3.Error, path: Path | None) -> StorageError:
    """The :class:`StorageError` for an ``sqlite3`` exception, with a plain message."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if primary == SQLITE_FULL or "disk is full" in text or "database or disk is full" in text:
        return DiskFull(
            f"The disk is full, so the records database{where} could not be written. Free some space.", path=path
        )
    if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in text or "is locked" in text:
        return DatabaseLocked(
            f"The records database{where} is busy: another program (perhaps another copy of SDM Desktop) is writing to it.",
            path=path,
        )
    if primary == SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(
            f"The records database{where} cannot be written: the file or its folder is read-only.", path=path
        )
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or "not a database" in text or "malformed" in text:
        return DatabaseCorrupt(
            f"The records database{where} is damaged or is not a database. "
            "It can be set aside (kept for your IT team) and a new one started.",
            path=path,
        )
    if primary == SQLITE_CANTOPEN or "unable to open" in text:
        return DatabaseUnavailable(
            f"The records database{where} could not be opened: check the folder exists and can be written.", path=path
        )
    return DatabaseUnavailable(f"The records database{where} could not be used ({exc}).", path=path)
