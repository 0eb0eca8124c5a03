"""This computer's side of sync: the outbox of final records to send, and the sync state.

Both live in the local records database (schema version 4). A trigger puts
every final record (first versions and amendments) into the outbox in the same
transaction that saves it. A row leaves the outbox only after the central store
has committed it, so a crash at any point loses nothing; sending it again is
harmless, because the central store keys records on id and version.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..columns import FINAL_COLUMNS, from_utc_text, utc_text
from ..errors import translate
from ..location import data_dir, database_path
from ..migrations import migrate

FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(hours=1)

SENT_COLUMNS = FINAL_COLUMNS


@dataclass(frozen=True)
class SyncStatus:
    """What the window shows about sync; every time is UTC."""

    machine_id: str
    waiting: int
    last_success: dt.datetime | None
    last_attempt: dt.datetime | None
    last_error: str | None
    failures: int
    next_attempt: dt.datetime | None

    def due(self, now: dt.datetime | None = None) -> bool:
        """Whether a background sync should try now (it waits longer after each failure in a row)."""
        if self.next_attempt is None:
            return True
        return (now or dt.datetime.now(dt.UTC)) >= self.next_attempt

    def describe(self) -> str:
        """One or two plain sentences for the status bar."""
        waiting = f"{self.waiting} record{'s' if self.waiting != 1 else ''} waiting to be sent"
        if self.last_success is None:
            last = "Not yet sent to the central store"
        else:
            last = f"Last sent to the central store {self.last_success.astimezone():%d/%m/%Y %H:%M}"
        text = f"{last}; {waiting}."
        if self.last_error:
            text += f" The last try failed: {self.last_error}"
        return text


def retry_delay(failures: int) -> dt.timedelta:
    """How long to wait after ``failures`` failed tries in a row: 1, 2, 4 ... minutes, at most an hour."""
    if failures <= 0:
        return dt.timedelta(0)
    wait: dt.timedelta = FIRST_RETRY * (2 ** min(failures - 1, 20))
    return min(wait, LONGEST_WAIT)


def has_records(folder: Path | str | None = None) -> bool:
    """Whether this computer has a records database yet (sync never makes one)."""
    return database_path(data_dir(folder)).exists()


def open_local(folder: Path | str | None = None) -> sqlite3.Connection:
    """A connection to the existing local records database (upgraded as the store would)."""
    where = data_dir(folder)
    path = database_path(where)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=5.0, isolation_level=None)
    except OSError as exc:
        raise translate(sqlite3.OperationalError(f"unable to open database file: {exc.strerror}"), path) from exc
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, path) from exc
    return conn


def pending(conn: sqlite3.Connection, limit: int) -> list[tuple[Any, ...]]:
    """Up to ``limit`` outbox entries, earlier versions first: (seq, *FINAL_COLUMNS)."""
    columns = ", ".join(f"r.{c}" for c in SENT_COLUMNS)
    return conn.execute(
        f"SELECT o.seq, {columns} FROM outbox AS o JOIN records AS r ON r.record_id = o.record_id "
        "ORDER BY o.version, o.seq LIMIT ?",
        (limit,),
    ).fetchall()


def pending_keys(conn: sqlite3.Connection, limit: int) -> list[tuple[int, str, int]]:
    """Up to ``limit`` outbox entries, earlier versions first: (seq, record_id, version)."""
    return conn.execute("SELECT seq, record_id, version FROM outbox ORDER BY version, seq LIMIT ?", (limit,)).fetchall()


def final_rows(conn: sqlite3.Connection, record_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The ``records`` columns (FINAL_COLUMNS) of these records, earlier versions first."""
    columns = ", ".join(SENT_COLUMNS)
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(record_ids), 10_000):
        part = record_ids[start : start + 10_000]
        out += conn.execute(
            f"SELECT {columns} FROM records WHERE record_id IN ({', '.join('?' * len(part))})", part
        ).fetchall()
    out.sort(key=lambda row: row[1])
    return out


def forget(conn: sqlite3.Connection, seqs: Sequence[int]) -> None:
    """Take entries the central store has committed out of the outbox (one transaction)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))", (json.dumps(list(seqs)),))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def machine_id(conn: sqlite3.Connection) -> str:
    return str(conn.execute("SELECT machine_id FROM sync_state").fetchone()[0])


def note_success(conn: sqlite3.Connection, when: dt.datetime) -> None:
    conn.execute(
        "UPDATE sync_state SET last_success_at = ?, last_attempt_at = ?, last_error = NULL, failures = 0, "
        "next_attempt_at = NULL",
        (utc_text(when), utc_text(when)),
    )


def note_failure(conn: sqlite3.Connection, when: dt.datetime, message: str) -> None:
    failures = int(conn.execute("SELECT failures FROM sync_state").fetchone()[0]) + 1
    conn.execute(
        "UPDATE sync_state SET last_attempt_at = ?, last_error = ?, failures = ?, next_attempt_at = ?",
        (utc_text(when), message, failures, utc_text(when + retry_delay(failures))),
    )


def read_status(conn: sqlite3.Connection) -> SyncStatus:
    mid, success, attempt, error, failures, next_at = conn.execute(
        "SELECT machine_id, last_success_at, last_attempt_at, last_error, failures, next_attempt_at FROM sync_state"
    ).fetchone()
    waiting = int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])

    def when(text: str | None) -> dt.datetime | None:
        return None if text is None else from_utc_text(text)

    return SyncStatus(mid, waiting, when(success), when(attempt), error, int(failures), when(next_at))


def sync_status(folder: Path | str | None = None) -> SyncStatus:
    """The sync state of the records database in ``folder`` (default: the data folder)."""
    if not has_records(folder):
        return SyncStatus("", 0, None, None, None, 0, None)
    conn = open_local(folder)
    try:
        return read_status(conn)
    except sqlite3.Error as exc:
        raise translate(exc, database_path(data_dir(folder))) from exc
    finally:
        conn.close()
