"""The records database's schema, one numbered step at a time (``PRAGMA user_version``).

Version 1: final records (JSON plus a few columns), drafts, and triggers that
refuse any change to a final record. Version 2: more indexed columns (filled
from the JSON of records already there), indexes for the history search, and
"a record is amended at most once". Version 3: full-text search over the
patient's words, questions and notes. Version 4: the outbox of final records
waiting to be sent to the central store (filled by a trigger, so in the same
transaction as every save of a final record), and the sync state. Version 5:
a revision for each draft, so a save never silently overwrites one saved
elsewhere (versioning.py).

A step is never edited once released: a change to the schema is a new step.
Each step runs in its own transaction, after a backup copy of the file.
"""

from __future__ import annotations

import contextvars
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..atomic import private_file
from .errors import DatabaseTooNew
from .model import Record, RecordError
from .versioning import REVISION_COLUMN

NEVER_UPDATED = """
CREATE TRIGGER records_never_updated BEFORE UPDATE ON records
BEGIN SELECT RAISE(ABORT, 'a final record is never changed; amend it instead'); END
"""


def _v1(conn: sqlite3.Connection) -> None:
    conn.execute("""
        CREATE TABLE records (
            record_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL CHECK (version >= 1),
            amends TEXT,
            patient_id_kind TEXT NOT NULL,
            patient_id TEXT NOT NULL,
            consulted_at TEXT NOT NULL,
            aid_id TEXT,
            decision_status TEXT NOT NULL,
            option_id TEXT,
            finalised_at TEXT NOT NULL,
            body TEXT NOT NULL
        )""")
    conn.execute("CREATE INDEX records_by_patient ON records (patient_id, consulted_at)")
    conn.execute("""
        CREATE TABLE drafts (
            record_id TEXT PRIMARY KEY,
            updated_at TEXT NOT NULL,
            body TEXT NOT NULL
        )""")
    conn.execute(NEVER_UPDATED)
    conn.execute("""
        CREATE TRIGGER records_never_deleted BEFORE DELETE ON records
        BEGIN SELECT RAISE(ABORT, 'a final record is never deleted'); END""")


def _v2(conn: sqlite3.Connection) -> None:
    for column in (
        "aid_version TEXT NOT NULL DEFAULT ''",
        "aid_title TEXT NOT NULL DEFAULT ''",
        "clinician_name TEXT NOT NULL DEFAULT ''",
        "sure_total INTEGER",
        "collaborate_top_box INTEGER",
    ):
        conn.execute(f"ALTER TABLE records ADD COLUMN {column}")
    # Fill the new columns from each record's JSON. The trigger that guards
    # final records is lifted for this step only, inside its transaction.
    conn.execute("DROP TRIGGER records_never_updated")
    total = int(conn.execute("SELECT count(*) FROM records").fetchone()[0])
    done, last = 0, -1
    # In batches by rowid: memory stays flat, and progress is reported after each.
    while rows := conn.execute(
        "SELECT rowid, body FROM records WHERE rowid > ? ORDER BY rowid LIMIT 500", (last,)
    ).fetchall():
        for rowid, body in rows:
            try:
                record = Record.from_dict(json.loads(body))
            except (ValueError, RecordError):
                continue  # left with defaults; the JSON itself is kept as it was
            top_box = record.collaborate_top_box
            conn.execute(
                "UPDATE records SET aid_version = ?, aid_title = ?, clinician_name = ?, sure_total = ?, "
                "collaborate_top_box = ? WHERE rowid = ?",
                (
                    record.aid.version if record.aid else "",
                    record.aid.title if record.aid else "",
                    record.clinician_name,
                    record.sure_total,
                    None if top_box is None else int(top_box),
                    rowid,
                ),
            )
        done, last = done + len(rows), rows[-1][0]
        _tick(done, total)
    conn.execute(NEVER_UPDATED)
    conn.execute("CREATE INDEX records_by_time ON records (consulted_at)")
    conn.execute("CREATE INDEX records_by_aid ON records (aid_id, consulted_at)")
    conn.execute("CREATE INDEX records_by_decision ON records (decision_status, option_id, consulted_at)")
    conn.execute("CREATE INDEX records_by_finalised ON records (finalised_at)")
    conn.execute("CREATE UNIQUE INDEX records_amended_once ON records (amends) WHERE amends IS NOT NULL")


_TEXT_OF_NEW = """
    coalesce(json_extract(new.body, '$.what_matters'), '') || ' ' ||
    coalesce(json_extract(new.body, '$.notes'), '') || ' ' ||
    coalesce(json_extract(new.body, '$.decision.next_step'), '') || ' ' ||
    coalesce(json_extract(new.body, '$.amended_reason'), '') || ' ' ||
    coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.questions')), '') || ' ' ||
    coalesce((SELECT group_concat(value, ' ') FROM json_each(new.body, '$.importance_words')), '')
"""


def _v3(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE VIRTUAL TABLE records_text USING fts5(words, content='', tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute(
        f"CREATE TRIGGER records_text_insert AFTER INSERT ON records BEGIN "
        f"INSERT INTO records_text (rowid, words) VALUES (new.rowid, {_TEXT_OF_NEW}); END"
    )
    total = int(conn.execute("SELECT count(*) FROM records").fetchone()[0])
    done, last = 0, -1
    while True:  # in batches by rowid, reporting progress after each
        top = conn.execute(
            "SELECT max(rowid) FROM (SELECT rowid FROM records WHERE rowid > ? ORDER BY rowid LIMIT 1000)", (last,)
        ).fetchone()[0]
        if top is None:
            break
        cursor = conn.execute(
            f"INSERT INTO records_text (rowid, words) SELECT new.rowid, {_TEXT_OF_NEW} "
            "FROM records AS new WHERE new.rowid > ? AND new.rowid <= ?",
            (last, top),
        )
        done, last = done + cursor.rowcount, top
        _tick(done, total)


def _v4(conn: sqlite3.Connection) -> None:
    conn.execute("""
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            record_id TEXT NOT NULL UNIQUE,
            version INTEGER NOT NULL,
            queued_at TEXT NOT NULL
        )""")
    conn.execute("CREATE INDEX outbox_in_order ON outbox (version, seq)")
    conn.execute(
        "CREATE TRIGGER records_to_outbox AFTER INSERT ON records BEGIN "
        "INSERT INTO outbox (record_id, version, queued_at) "
        "VALUES (new.record_id, new.version, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END"
    )
    conn.execute(
        "INSERT INTO outbox (record_id, version, queued_at) SELECT record_id, version, "
        "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM records ORDER BY finalised_at, version, record_id"
    )
    conn.execute("""
        CREATE TABLE sync_state (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            machine_id TEXT NOT NULL,
            last_success_at TEXT,
            last_attempt_at TEXT,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT
        )""")
    conn.execute("INSERT INTO sync_state (one, machine_id) VALUES (1, lower(hex(randomblob(16))))")


def _v5(conn: sqlite3.Connection) -> None:
    conn.execute(REVISION_COLUMN)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3, _v4, _v5)
LATEST = len(MIGRATIONS)


Progress = Callable[[str, int, int], None]
"""Told what is being done, how much of it is done and the total (records, or pages of the backup)."""

_progress: contextvars.ContextVar[tuple[Progress, str] | None] = contextvars.ContextVar("progress", default=None)


def _tick(done: int, total: int) -> None:
    """Report progress inside a step, if the migration was given a callback."""
    current = _progress.get()
    if current is not None:
        report, stage = current
        report(stage, done, total)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection, path: Path | None, *, target: int = LATEST, progress: Progress | None = None
) -> int:
    """Bring the database up to ``target``; return the version it had. ``conn`` is in autocommit mode.

    ``progress`` is called as the backup is copied and as each step works
    through the records (see upgrade.py, which runs this off the window's thread)."""
    current = schema_version(conn)
    if current > LATEST:
        raise DatabaseTooNew(
            f"The records database{f' ({path})' if path else ''} was written by a newer version of SDM Desktop "
            f"(schema {current}; this version knows up to {LATEST}). Update SDM Desktop to open it.",
            path=path,
        )
    if current >= target:
        return current
    if current > 0 and path is not None:
        backup(conn, backup_path(path, target), progress)
    for step in range(current, target):
        token = _progress.set(
            None if progress is None else (progress, f"Updating the records database (step {step + 1} of {target})")
        )
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            _progress.reset(token)
    return current


def backup_path(path: Path, target: int) -> Path:
    """Where the copy taken before upgrading to ``target`` is kept (see upgrade.py for how long)."""
    return path.with_name(f"{path.stem}.before-v{target}{path.suffix}")


def backup(conn: sqlite3.Connection, target: Path, progress: Progress | None = None) -> None:
    """A consistent copy of the whole database in ``target`` (SQLite's online backup), owner-only."""
    private_file(target)
    copy = sqlite3.connect(target)

    def copied(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress("Keeping a copy of the records database before the update", total - remaining, total)

    try:
        conn.backup(copy, pages=256, progress=copied)
    finally:
        copy.close()
