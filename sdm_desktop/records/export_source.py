"""The final records an export reads, one at a time, with flat memory.

:class:`ExportSource` counts the records when it is made, then reads them one
by one, each time it is iterated, through its own read-only connection, so an
export can run on a worker thread (SQLite connections stay on the thread that
made them) and never holds more than one record in memory. The records it
reads are exactly those it counted: final records are never changed or
deleted, and newer ones (a higher rowid) are left out.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .columns import utc_text
from .errors import translate
from .model import Record, RecordError


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


class ExportSource:
    """The final records finalised since a day (or all), oldest first."""

    def __init__(self, conn: sqlite3.Connection, path: Path, since: dt.date | None = None) -> None:
        """Count the records now through ``conn`` (the store's); read them later through their own connection."""
        self.path = path
        self._where = ""
        self._params: tuple[str, ...] = ()
        if since is not None:
            self._where = " AND finalised_at >= ?"
            self._params = (utc_text(dt.datetime.combine(since, dt.time()).astimezone()),)
        self.unreadable: list[str] = []  # a sentence for each stored record that could not be read
        try:
            self._last = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM records").fetchone()[0])
            self._count = int(
                conn.execute(
                    f"SELECT count(*) FROM records WHERE rowid <= ?{self._where}", (self._last, *self._params)
                ).fetchone()[0]
            )
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Record]:
        self.unreadable = []
        try:
            conn = _open(self.path)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        try:
            cursor = conn.execute(
                f"SELECT record_id, body FROM records WHERE rowid <= ?{self._where} ORDER BY finalised_at, record_id",
                (self._last, *self._params),
            )
            cursor.arraysize = 64
            while True:
                try:
                    rows = cursor.fetchmany()
                except sqlite3.Error as exc:
                    raise translate(exc, self.path) from exc
                if not rows:
                    return
                for record_id, body in rows:
                    try:
                        record = Record.from_dict(json.loads(body))
                    except (ValueError, RecordError) as exc:  # JSONDecodeError is a ValueError
                        self.unreadable.append(f"record {record_id} could not be read ({exc}); it was not exported.")
                        continue
                    yield record
        finally:
            conn.close()
