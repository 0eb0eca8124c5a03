"""The local records database (SQLite): drafts saved as they are typed, final records, history.

One :class:`RecordStore` per window, used from one thread. Every edit goes to
:meth:`RecordStore.save_draft` (one small transaction). A draft becomes a
final record with :meth:`RecordStore.finalise`; a final record is never
changed: :meth:`RecordStore.amend` starts a new version that points at it.

Every failure is a :class:`~.errors.StorageError` with a message to show; after
an I/O or corruption error the file is checked, and damage is reported as such
(integrity.py). When
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

from ..atomic import owner_only, private_file, private_folder
from ..config import Config
from . import integrity, recovery, versioning
from .columns import INSERT_FINAL, final_columns, utc_text
from .errors import RecordConflict, RecordIncomplete, RecordNotFound, StorageError, translate
from .export_source import ExportSource
from .filesystem import refuse_network_folder
from .history import (
    HistoryQuery,
    QuerySource,
    RecordSummary,
    aids_used,
    count_sql,
    options_used,
    search_sql,
    summary_from_row,
)
from .integrity import set_aside_damaged as set_aside_damaged  # where callers have always found it
from .location import data_dir, database_path
from .migrations import LATEST, migrate
from .model import AidRef, PatientIdKind, Record, RecordError
from .quality import QualityStats, quality_stats
from .upgrade import prune_backups
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
        self._revisions: dict[str, int] = {}  # the revision of each draft this store last read or wrote

    # -- opening and closing ---------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: Path | str | None = None,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        schema: int = LATEST,
        check: bool = True,
    ) -> RecordStore:
        """Open (creating or upgrading) the database in ``folder`` (default: :func:`data_dir`).

        The file is checked first (``PRAGMA quick_check``, see integrity.py;
        ``check=False`` skips that): damage raises :class:`DatabaseCorrupt`.
        Drafts kept in the recovery folder are moved back into the database;
        ``recovery_problems`` lists kept files that could not be read.
        ``schema`` is for tests that need an older version of the database.
        """
        where = data_dir(folder)
        path = database_path(where)
        refuse_network_folder(where)
        try:
            private_folder(where)  # owner-only: patient records (atomic.py)
            private_file(path)  # SQLite gives its -wal and -shm files the database's mode
        except OSError as exc:
            raise translate(sqlite3.OperationalError(f"unable to open database file: {exc.strerror}"), path) from exc
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(path, busy_timeout)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            for part in (f"{path}-wal", f"{path}-shm"):  # left 0644 by an earlier version
                owner_only(Path(part), 0o600)
            if check:
                integrity.check_or_raise(conn, path)
            migrate(conn, path, target=schema)
            prune_backups(where)
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
            raise integrity.after_error(self._conn, exc, self.path) from exc

    # -- reports (named, so no caller writes SQL) ----------------------------------

    def aids_used(self) -> list[tuple[str, str]]:
        """(aid id, title) of every aid that records were made with, by title."""
        return aids_used(self._rows)

    def options_used(self, aid_id: str | None = None) -> list[str]:
        """The option ids that records (of one aid, if given) were decided or leaning on."""
        return options_used(self._rows, aid_id)

    def quality_stats(self, since: dt.date | None = None, until: dt.date | None = None) -> QualityStats:
        """The SDM quality figures for consultations from ``since`` to ``until`` (see quality.py)."""
        return quality_stats(QuerySource(self._rows), since, until)

    def quick_check(self) -> list[str]:
        """SQLite's ``quick_check``: each problem found, or an empty list if the file is sound."""
        try:
            return integrity.quick_check(self._conn)
        except sqlite3.Error as exc:
            return [str(exc)]

    def integrity_check(self) -> str:
        """'ok', or SQLite's description of the damage."""
        rows = self._rows("PRAGMA integrity_check")
        return "\n".join(str(r[0]) for r in rows)

    def schema_version(self) -> int:
        return int(self._rows("PRAGMA user_version")[0][0])

    # -- drafts ------------------------------------------------------------------

    def new_draft(
        self,
        *,
        config: Config | None = None,
        clinician_name: str = "",
        clinician_role: str = "",
        patient_id_kind: PatientIdKind = "nhs_number",
        aid: AidRef | None = None,
    ) -> Record:
        """Start a record for a consultation now, and save it as a draft.

        With ``config`` the clinician's name and role and the usual kind of
        patient identifier come from Preferences.
        """
        if config is not None:
            clinician_name, clinician_role = config.clinician_name, config.clinician_role
            if config.patient_id_mode == "local_reference":
                patient_id_kind = "local_reference"
        record = Record(
            clinician_name=clinician_name,
            clinician_role=clinician_role,
            patient_id_kind=patient_id_kind,
            aid=aid,
            created=_now(),
        )
        self.save_draft(record)
        return record

    def save_draft(self, record: Record, *, overwrite: bool = False) -> None:
        """Save the draft as it is now (one small transaction).

        Raises :class:`RecordConflict` if the record is already final, and
        :class:`~.versioning.DraftChanged` (with both texts) if the draft was
        saved elsewhere since this store last read or saved it; ``overwrite``
        saves over that (once the person has chosen). On any other failure the
        draft is kept in the recovery folder first, and the error says where
        (``recovered_to``).
        """
        if record.status != "draft":
            raise RecordConflict("A final record is never changed; amend it instead.")
        known = self._revisions.get(record.record_id)
        try:
            revision = versioning.save(
                self._conn, record, utc_text(dt.datetime.now(dt.UTC)), known, overwrite=overwrite
            )
        except sqlite3.Error as exc:
            raise self._keep(record, integrity.after_error(self._conn, exc, self.path)) from exc
        if revision is None:
            raise RecordConflict("This record has already been finalised; amend it instead.")
        self._revisions[record.record_id] = revision
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
        rows = self._rows("SELECT record_id, updated_at, body, revision FROM drafts ORDER BY updated_at DESC")
        for record_id, updated_at, text, revision in rows:
            try:
                record = Record.from_dict(json.loads(text))
            except (ValueError, RecordError):
                continue  # cannot happen for drafts this program wrote; never hide the others
            self._revisions[record_id] = int(revision)
            out.append(
                DraftSummary(
                    record_id,
                    dt.datetime.strptime(updated_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC),
                    record.patient_id_kind,
                    record.patient_id,
                    record.aid.title if record.aid else "",
                    record.amends,
                    record,
                )
            )
        return out

    def get_draft(self, record_id: str) -> Record:
        rows = self._rows("SELECT body, revision FROM drafts WHERE record_id = ?", (record_id,))
        if not rows:
            raise RecordNotFound(f"There is no draft with the id {record_id}.")
        record = Record.from_dict(json.loads(rows[0][0]))
        self._revisions[record_id] = int(rows[0][1])
        return record

    def discard_draft(self, record_id: str) -> None:
        """Throw a draft away (the person chose to)."""
        try:
            self._conn.execute("DELETE FROM drafts WHERE record_id = ?", (record_id,))
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        recovery.forget(self.folder, record_id)
        self._kept.discard(record_id)
        self._revisions.pop(record_id, None)

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
                versioning.put_back(self._conn, item.record, utc_text(item.saved_at))
            except sqlite3.Error:
                self._kept.add(rid)  # still only in the recovery folder; tried again on the next save
                continue
            recovery.forget(self.folder, rid)

    # -- final records -----------------------------------------------------------------

    def finalise(
        self, record: Record, *, option_ids: frozenset[str] | None = None, allow_test_numbers: bool = False
    ) -> Record:
        """Make ``record`` final (and remove its draft) in one transaction; return the final record.

        Raises :class:`RecordIncomplete` listing what must be put right first.
        """
        if record.status != "draft":
            raise RecordConflict("This record is already final.")
        problems = problems_before_finalising(record, option_ids=option_ids, allow_test_numbers=allow_test_numbers)
        if problems:
            raise RecordIncomplete([(p.field, p.message) for p in problems])
        patient_id, _ = validate_patient_id(
            record.patient_id_kind, record.patient_id, allow_test_numbers=allow_test_numbers
        )
        now = _now()
        final = replace(
            record,
            status="final",
            finalised=now,
            patient_id=patient_id or record.patient_id,
            amended_at=now if record.amends else None,
        )
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._check_revision(record)
                if (
                    record.amends is not None
                    and not self._conn.execute("SELECT 1 FROM records WHERE record_id = ?", (record.amends,)).fetchone()
                ):
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
                raise RecordConflict(
                    "This record was already amended by someone else; open the latest version and amend that instead."
                ) from exc
            raise RecordConflict("This record has already been finalised.") from exc
        except sqlite3.Error as exc:
            raise self._keep(record, integrity.after_error(self._conn, exc, self.path)) from exc
        recovery.forget(self.folder, record.record_id)
        self._kept.discard(record.record_id)
        self._revisions.pop(record.record_id, None)
        return final

    def _check_revision(self, record: Record) -> None:
        """Inside a transaction: refuse to finalise a draft saved elsewhere since this store saw it."""
        known = self._revisions.get(record.record_id)
        now = versioning.current(self._conn, record.record_id)
        if known is not None and now is not None and now[0] != known:
            theirs = versioning.DraftChanged(record, None, now[1], now[0])
            with contextlib.suppress(ValueError, RecordError):
                theirs.theirs = Record.from_dict(json.loads(now[2]))
            raise theirs

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
        new = replace(
            old,
            record_id=str(uuid.uuid4()),
            version=old.version + 1,
            amends=old.record_id,
            status="draft",
            finalised=None,
            amended_by=by,
            amended_at=None,
            amended_reason=reason,
        )
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
            "SELECT body FROM records WHERE record_id IN (SELECT id FROM fwd) ORDER BY version",
            (record_id,),
        )
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
            rows = self._rows(
                "SELECT body FROM records WHERE finalised_at >= ? ORDER BY finalised_at, record_id", (since,)
            )
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
                    cursor = self._conn.execute(
                        INSERT_FINAL.replace("INSERT", "INSERT OR IGNORE", 1), final_columns(record)
                    )
                    added += cursor.rowcount
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        return added
