"""Drafts carry a revision, so that no save silently overwrites another.

Each row of ``drafts`` has a ``revision`` that every save raises by one. A
store remembers the revision it last read or wrote for each draft; its next
save of that draft only goes through if the row still has that revision.
When another window (or another computer on the same data folder) has saved
the draft in between, the save is refused with :class:`DraftChanged`, which
carries both texts: what this window holds (``ours``) and what is now saved
(``theirs``), so the person can see both and nothing typed is lost. Saving
again with ``overwrite=True`` (after the person has chosen or merged) goes
through.
"""

from __future__ import annotations

import json
import sqlite3

from .columns import body
from .errors import StorageError
from .model import Record, RecordError

REVISION_COLUMN = "ALTER TABLE drafts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1"


class DraftChanged(StorageError):
    """The draft was saved elsewhere since this window last read or saved it.

    ``ours`` is the draft this save tried to write; ``theirs`` the one now in
    the database (None if it could not be read), saved at ``theirs_saved_at``
    as revision ``revision``."""

    def __init__(self, ours: Record, theirs: Record | None, theirs_saved_at: str, revision: int) -> None:
        super().__init__(
            "This draft was changed in another window or on another computer since you opened it, so your "
            "changes were not saved over it. Both versions are shown: keep yours, keep theirs, or combine them."
        )
        self.ours = ours
        self.theirs = theirs
        self.theirs_saved_at = theirs_saved_at
        self.revision = revision


def current(conn: sqlite3.Connection, record_id: str) -> tuple[int, str, str] | None:
    """The saved draft's revision, time of saving and body, if there is one."""
    row = conn.execute("SELECT revision, updated_at, body FROM drafts WHERE record_id = ?", (record_id,)).fetchone()
    return None if row is None else (int(row[0]), str(row[1]), str(row[2]))


def save(conn: sqlite3.Connection, record: Record, saved_at: str, known: int | None, *, overwrite: bool) -> int | None:
    """Write the draft; return its new revision, or None if it is already a final record.

    ``known`` is the revision this store last saw (None: it has not seen this
    draft). Raises :class:`DraftChanged` if the saved draft moved on since,
    unless ``overwrite``. Raises ``sqlite3.Error`` for the caller to translate.
    """
    text = body(record)
    if known is not None and not overwrite:
        cursor = conn.execute(
            "UPDATE drafts SET updated_at = ?, body = ?, revision = revision + 1 WHERE record_id = ? AND revision = ?",
            (saved_at, text, record.record_id, known),
        )
        if cursor.rowcount == 1:
            return known + 1
        now = current(conn, record.record_id)
        if now is not None:
            raise DraftChanged(record, _record(now[2]), now[1], now[0])
        # The draft is gone from the database (discarded elsewhere, or finalised):
        # below, a discarded draft is written again, since what was typed must not be lost.
    cursor = conn.execute(
        "INSERT INTO drafts (record_id, updated_at, body, revision) SELECT ?, ?, ?, 1 "
        "WHERE NOT EXISTS (SELECT 1 FROM records WHERE record_id = ?) "
        "ON CONFLICT (record_id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body, "
        "revision = drafts.revision + 1",
        (record.record_id, saved_at, text, record.record_id),
    )
    if cursor.rowcount == 0:
        return None
    now = current(conn, record.record_id)
    return now[0] if now is not None else 1


def put_back(conn: sqlite3.Connection, record: Record, saved_at: str) -> None:
    """Write a draft kept in the recovery folder back into the database, as a new revision."""
    conn.execute(
        "INSERT INTO drafts (record_id, updated_at, body, revision) VALUES (?, ?, ?, 1) ON CONFLICT (record_id) "
        "DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body, revision = drafts.revision + 1",
        (record.record_id, saved_at, body(record)),
    )


def _record(text: str) -> Record | None:
    try:
        return Record.from_dict(json.loads(text))
    except (ValueError, RecordError):
        return None
