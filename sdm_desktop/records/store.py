"""The local records database (SQLite): drafts saved as they are typed, final records, history.

One :class:`RecordStore` per window, used from one thread. Every edit goes to
:meth:`RecordStore.save_draft` (one small transaction). A draft becomes a
final record with :meth:`RecordStore.finalise`; a final record is never
changed: :meth:`RecordStore.amend` starts a new version that points at it.

Every failure is a :class:`~.errors.StorageError` with a message to show. When
a draft cannot be written to the database it is kept in the recovery folder
(see recovery.py) and brought back the next time the store opens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from ..config import Config
from . import recovery
from .columns import INSERT_FINAL, body, final_columns, utc_text
from .errors import RecordConflict, RecordIncomplete, RecordNotFound, StorageError, translate
from .export_source import ExportSource
from .history import HistoryQuery, RecordSummary, count_sql, search_sql, summary_from_row
from .location import data_dir, database_path
from .migrations import LATEST, migrate
from .model import AidRef, PatientIdKind, Record, RecordError
from .validate import problems_before_finalising, validate_patient_id

DEFAULT_BUSY_TIMEOUT = 2.0  # seconds to wait for another writer before giving up


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    """Open the database file (tests replace this to inject faults)."""
    return sqlite3.connect(path, timeout=timeout, isolation_level=None)


@dataclass(frozen=True)
class DraftSummary:
    """A draft that can be resumed."""

    record_id: str
    updated_at: dt.datetime
    patient_id_kind: str
    patient_id: str
    aid_title: str
    amends: str | None
    record: Record


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


class RecordStore:
    """Drafts and final records in ``folder``/records.sqlite3 (WAL, synchronous=FULL)."""

    def __init__(self, conn: sqlite3.Connection, folder: Path) -> None:
        self._conn = conn
        self.folder = folder
        self.path = database_path(folder)
        self.recovery_problems: list[str] = []
        self._kept: set[str] = set()

    # -- opening and closing ---------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str | None = None, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
             schema: int = LATEST) -> RecordStore:
        """Open (creating or upgrading) the database in ``folder`` (default: :func:`data_dir`).

        Drafts kept in the recovery folder are moved back into the database;
        ``recovery_problems`` lists kept files that could not be read.
        ``schema`` is for tests that need an older version of the database.
        """
        where = data_dir(folder)
        path = database_path(where)
        try:
            where.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translate(sqlite3.OperationalError(f"unable to open database file: {exc.strerror}"), path) from exc
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(path, busy_timeout)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn, path, target=schema)
            store = cls(conn, where)
            if schema == LATEST:
                store._take_back_kept_drafts()
            return store
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise translate(exc, path) from exc
        except BaseException:
            if conn is not None:
                conn.close()
            raise

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # -- low level ---------------------------------------------------------------

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (for reports such as quality.py); errors become StorageError."""
        return self._rows(sql, params)

    def integrity_check(self) -> str:
        """'ok', or SQLite's description of the damage."""
        rows = self._rows("PRAGMA integrity_check")
        return "\n".join(str(r[0]) for r in rows)

    def schema_version(self) -> int:
        return int(self._rows("PRAGMA user_version")[0][0])

    # -- drafts ------------------------------------------------------------------

    def new_draft(self, *, config: Config | None = None, clinician_name: str = "", clinician_role: str = "",
                  patient_id_kind: PatientIdKind = "nhs_number", aid: AidRef | None = None) -> Record:
        """Start a record for a consultation now, and save it as a draft.

        With ``config`` the clinician's name and role and the usual kind of
        patient identifier come from Preferences.
        """
        if config is not None:
            clinician_name, clinician_role = config.clinician_name, config.clinician_role
            if config.patient_id_mode == "local_reference":
                patient_id_kind = "local_reference"
        record = Record(clinician_name=clinician_name, clinician_role=clinician_role,
                        patient_id_kind=patient_id_kind, aid=aid, created=_now())
        self.save_draft(record)
        return record

    def save_draft(self, record: Record) -> None:
        """Save the draft as it is now (one small transaction).

        Raises :class:`RecordConflict` if the record is already final. On any
        other failure the draft is kept in the recovery folder first, and the
        error says where (``recovered_to``).
        """
        if record.status != "draft":
            raise RecordConflict("A final record is never changed; amend it instead.")
        try:
            cursor = self._conn.execute(
                "INSERT INTO drafts (record_id, updated_at, body) SELECT ?, ?, ? "
                "WHERE NOT EXISTS (SELECT 1 FROM records WHERE record_id = ?) "
                "ON CONFLICT (record_id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
                (record.record_id, utc_text(dt.datetime.now(dt.UTC)), body(record), record.record_id))
        except sqlite3.Error as exc:
            raise self._keep(record, translate(exc, self.path)) from exc
        if cursor.rowcount == 0:
            raise RecordConflict("This record has already been finalised; amend it instead.")
        if record.record_id in self._kept:
            recovery.forget(self.folder, record.record_id)
            self._kept.discard(record.record_id)

    def _keep(self, record: Record, error: StorageError) -> StorageError:
        """Keep ``record`` in the recovery folder and return ``error`` saying where."""
        try:
            where = recovery.keep_draft(self.folder, record)
        except StorageError as second:
            error.message = f"{error.message} {second.message}"
            return error
        self._kept.add(record.record_id)
        return error.with_recovery(where)

    def drafts(self) -> list[DraftSummary]:
        """Drafts to resume, most recently edited first."""
        out: list[DraftSummary] = []
        for record_id, updated_at, text in self._rows("SELECT record_id, updated_at, body FROM drafts ORDER BY updated_at DESC"):
            try:
                record = Record.from_dict(json.loads(text))
            except (ValueError, RecordError):
                continue  # cannot happen for drafts this program wrote; never hide the others
            out.append(DraftSummary(record_id, dt.datetime.strptime(updated_at, "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=dt.UTC), record.patient_id_kind, record.patient_id,
                record.aid.title if record.aid else "", record.amends, record))
        return out

    def get_draft(self, record_id: str) -> Record:
        rows = self._rows("SELECT body FROM drafts WHERE record_id = ?", (record_id,))
        if not rows:
            raise RecordNotFound(f"There is no draft with the id {record_id}.")
        return Record.from_dict(json.loads(rows[0][0]))

    def discard_draft(self, record_id: str) -> None:
        """Throw a draft away (the person chose to)."""
        try:
            self._conn.execute("DELETE FROM drafts WHERE record_id = ?", (record_id,))
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        recovery.forget(self.folder, record_id)
        self._kept.discard(record_id)

    def _take_back_kept_drafts(self) -> None:
        kept, self.recovery_problems = recovery.recovered_drafts(self.folder)
        for item in kept:
            rid = item.record.record_id
            final = self._rows("SELECT 1 FROM records WHERE record_id = ?", (rid,))
            current = self._rows("SELECT updated_at FROM drafts WHERE record_id = ?", (rid,))
            if final or (current and current[0][0] > utc_text(item.saved_at)):
                recovery.forget(self.folder, rid)  # the database already has something newer
                continue
            try:
                self._conn.execute(
                    "INSERT INTO drafts (record_id, updated_at, body) VALUES (?, ?, ?) ON CONFLICT (record_id) "
                    "DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
                    (rid, utc_text(item.saved_at), body(item.record)))
            except sqlite3.Error:
                self._kept.add(rid)  # still only in the recovery folder; tried again on the next save
                continue
            recovery.forget(self.folder, rid)

    # -- final records -----------------------------------------------------------------

    def finalise(self, record: Record, *, option_ids: frozenset[str] | None = None,
                 allow_test_numbers: bool = False) -> Record:
        """Make ``record`` final (and remove its draft) in one transaction; return the final record.

        Raises :class:`RecordIncomplete` listing what must be put right first.
        """
        if record.status != "draft":
            raise RecordConflict("This record is already final.")
        problems = problems_before_finalising(record, option_ids=option_ids, allow_test_numbers=allow_test_numbers)
        if problems:
            raise RecordIncomplete([(p.field, p.message) for p in problems])
        patient_id, _ = validate_patient_id(record.patient_id_kind, record.patient_id, allow_test_numbers=allow_test_numbers)
        now = _now()
        final = replace(record, status="final", finalised=now, patient_id=patient_id or record.patient_id,
                        amended_at=now if record.amends else None)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                if record.amends is not None and not self._conn.execute(
                        "SELECT 1 FROM records WHERE record_id = ?", (record.amends,)).fetchone():
                    raise RecordNotFound(f"The record being amended ({record.amends}) is not in this database.")
                self._conn.execute(INSERT_FINAL, final_columns(final))
                self._conn.execute("DELETE FROM drafts WHERE record_id = ?", (record.record_id,))
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        except sqlite3.IntegrityError as exc:
            if "amends" in str(exc):
                raise RecordConflict("This record was already amended by someone else; open the latest version "
                                     "and amend that instead.") from exc
            raise RecordConflict("This record has already been finalised.") from exc
        except sqlite3.Error as exc:
            raise self._keep(record, translate(exc, self.path)) from exc
        recovery.forget(self.folder, record.record_id)
        self._kept.discard(record.record_id)
        return final

    def amend(self, record_id: str, *, by: str, reason: str = "") -> Record:
        """Start (or resume) an amendment of a final record: a draft of the next version.

        ``by`` is who amends it (name and role). The old version stays as it was.
        """
        old = self.get(record_id)
        newer = self._rows("SELECT record_id FROM records WHERE amends = ?", (record_id,))
        if newer:
            raise RecordConflict("This record has already been amended; open the latest version and amend that.")
        for draft in self.drafts():
            if draft.amends == record_id:
                return draft.record
        new = replace(old, record_id=str(uuid.uuid4()), version=old.version + 1, amends=old.record_id,
                      status="draft", finalised=None, amended_by=by, amended_at=None, amended_reason=reason)
        self.save_draft(new)
        return new

    def get(self, record_id: str) -> Record:
        """A final record (any version) by its id."""
        rows = self._rows("SELECT body FROM records WHERE record_id = ?", (record_id,))
        if not rows:
            raise RecordNotFound(f"There is no final record with the id {record_id}.")
        return Record.from_dict(json.loads(rows[0][0]))

    def versions(self, record_id: str) -> list[Record]:
        """Every version of the record ``record_id`` belongs to, first to latest."""
        rows = self._rows(
            "WITH RECURSIVE back(id, amends) AS (SELECT record_id, amends FROM records WHERE record_id = ? "
            "UNION SELECT r.record_id, r.amends FROM records r JOIN back ON r.record_id = back.amends), "
            "fwd(id) AS (SELECT id FROM back UNION SELECT r.record_id FROM records r JOIN fwd ON r.amends = fwd.id) "
            "SELECT body FROM records WHERE record_id IN (SELECT id FROM fwd) ORDER BY version", (record_id,))
        if not rows:
            raise RecordNotFound(f"There is no final record with the id {record_id}.")
        return [Record.from_dict(json.loads(text)) for (text,) in rows]

    def search(self, query: HistoryQuery | None = None) -> list[RecordSummary]:
        """Past records matching ``query``, latest consultation first."""
        sql, params = search_sql(query or HistoryQuery())
        return [summary_from_row(row) for row in self._rows(sql, params)]

    def count(self, query: HistoryQuery | None = None) -> int:
        sql, params = count_sql(query or HistoryQuery())
        return int(self._rows(sql, params)[0][0])

    def final_records(self, *, finalised_since: dt.date | None = None) -> Iterator[Record]:
        """Every final record (all versions), oldest finalised first; for exports."""
        if finalised_since is None:
            rows = self._rows("SELECT body FROM records ORDER BY finalised_at, record_id")
        else:
            since = utc_text(dt.datetime.combine(finalised_since, dt.time()).astimezone())
            rows = self._rows("SELECT body FROM records WHERE finalised_at >= ? ORDER BY finalised_at, record_id", (since,))
        for (text,) in rows:
            yield Record.from_dict(json.loads(text))

    def export_source(self, since: dt.date | None = None) -> ExportSource:
        """The final records to export: counted now, read one at a time later (on any thread)."""
        return ExportSource(self._conn, self.path, since)

    def import_final(self, records: Iterable[Record]) -> int:
        """Add final records (from a backup or another machine) in one transaction; skip ids already present."""
        added = 0
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for record in records:
                    if record.status != "final" or record.finalised is None:
                        raise RecordConflict(f"Only final records can be imported ({record.record_id} is a draft).")
                    cursor = self._conn.execute(INSERT_FINAL.replace("INSERT", "INSERT OR IGNORE", 1), final_columns(record))
                    added += cursor.rowcount
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        return added


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
        raise StorageError(f"The damaged database {path} could not be moved aside ({exc.strerror}).", path=path) from exc
    return target
