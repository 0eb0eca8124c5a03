"""Sending the outbox to the central store: ordered, idempotent, and safe to stop at any point.

Each batch is copied into a temporary table and inserted in one central
transaction with ``ON CONFLICT DO NOTHING`` on (record id, version); only after
that commit are the batch's entries taken out of the local outbox. Earlier
versions go first, and the central foreign key refuses an amendment whose
previous version is not there, so an amendment never arrives before what it
amends. Every failure is noted in the local sync state in plain words, with the
time of the next try (waiting longer after each failure in a row).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from ..errors import translate
from ..location import data_dir, database_path
from . import outbox
from .schema import migrate
from .settings import CentralError, CentralSettings, connect

BATCH = 20_000
_COLUMNS = (*outbox.SENT_COLUMNS, "site", "machine_id")
_COLUMN_LIST = ", ".join(_COLUMNS)
_INCOMING = (
    "CREATE TEMP TABLE IF NOT EXISTS incoming (record_id text, version integer, amends text, patient_id_kind text, "
    "patient_id text, consulted_at text, aid_id text, aid_version text, aid_title text, clinician_name text, "
    "decision_status text, option_id text, sure_total integer, collaborate_top_box integer, finalised_at text, "
    "body text, site text, machine_id text) ON COMMIT DELETE ROWS"
)
_INCOMING_KEYS = "CREATE TEMP TABLE IF NOT EXISTS incoming_keys (record_id text, version integer) ON COMMIT DELETE ROWS"


@dataclass(frozen=True)
class SyncResult:
    sent: int  # newly stored centrally
    already_there: int  # sent before (for example by a sync that was stopped): not stored twice
    waiting: int  # still in the outbox
    error: str | None

    def describe(self) -> str:
        done = f"{self.sent} record{'s' if self.sent != 1 else ''} sent to the central store"
        if self.already_there:
            done += f" ({self.already_there} were already there)"
        if self.error:
            return f"{done}; {self.waiting} waiting. {self.error}"
        return f"{done}; nothing waiting." if not self.waiting else f"{done}; {self.waiting} waiting."


def sync(
    settings: CentralSettings,
    folder: Path | str | None = None,
    *,
    batch: int = BATCH,
    after_batch: Callable[[int], None] | None = None,
) -> SyncResult:
    """Send everything waiting in the outbox of the records database in ``folder``.

    ``after_batch`` is called with the number sent so far after each batch is
    committed on both sides (progress, and tests that stop a sync part way).
    Raises only :class:`StorageError` (the local database cannot be used);
    central failures are returned in ``error`` and noted in the sync state.
    """
    path = database_path(data_dir(folder))
    if not outbox.has_records(folder):
        return _check_only(settings)
    local = outbox.open_local(folder)
    tally = _Tally()
    error: str | None = None
    try:
        try:
            _send(local, settings, batch, after_batch, tally)
        except CentralError as exc:
            error = str(exc)
        except psycopg.Error as exc:
            error = _plain(exc)
        now = dt.datetime.now(dt.UTC)
        if error is None:
            outbox.note_success(local, now)
        else:
            outbox.note_failure(local, now, error)
        waiting = outbox.read_status(local).waiting
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    finally:
        local.close()
    return SyncResult(tally.sent, tally.already, waiting, error)


def _check_only(settings: CentralSettings) -> SyncResult:
    """No records on this computer yet: only reach the central store and bring its tables up to date."""
    try:
        with connect(settings.conninfo) as central:
            migrate(central)
    except CentralError as exc:
        return SyncResult(0, 0, 0, str(exc))
    except psycopg.Error as exc:
        return SyncResult(0, 0, 0, _plain(exc))
    return SyncResult(0, 0, 0, None)


@dataclass
class _Tally:
    sent: int = 0
    already: int = 0


def _send(
    local: sqlite3.Connection,
    settings: CentralSettings,
    batch: int,
    after_batch: Callable[[int], None] | None,
    tally: _Tally,
) -> None:
    extra = (settings.site, outbox.machine_id(local))
    with connect(settings.conninfo) as central:
        migrate(central)
        central.execute(_INCOMING)
        central.commit()
        central.execute(_INCOMING_KEYS)
        central.commit()
        while keys := outbox.pending_keys(local, batch):
            stored = 0
            with central.transaction(), central.cursor() as cur:
                # Keys first: a record the central store has already is not sent again.
                with cur.copy("COPY incoming_keys (record_id, version) FROM STDIN") as copy:
                    copy.write("".join(f"{_copy_text(record_id)}\t{version}\n" for _, record_id, version in keys))
                cur.execute(
                    "SELECT k.record_id FROM incoming_keys AS k WHERE NOT EXISTS (SELECT 1 FROM sdm.records "
                    "AS r WHERE r.record_id = k.record_id AND r.version = k.version)"
                )
                missing = [row[0] for row in cur.fetchall()]
                if missing:
                    with cur.copy(f"COPY incoming ({_COLUMN_LIST}) FROM STDIN") as copy:
                        for row in outbox.final_rows(local, missing):
                            copy.write_row((*row, *extra))
                    cur.execute(
                        f"INSERT INTO sdm.records ({_COLUMN_LIST}) SELECT {_COLUMN_LIST} FROM incoming "
                        "ORDER BY version ON CONFLICT (record_id, version) DO NOTHING"
                    )
                    stored = max(cur.rowcount, 0)
            try:
                outbox.forget(local, [key[0] for key in keys])
            except sqlite3.Error as exc:
                raise translate(exc, None) from exc
            tally.sent += stored
            tally.already += len(keys) - stored
            if after_batch is not None:
                after_batch(tally.sent + tally.already)


def _copy_text(value: str) -> str:
    """``value`` as a field of COPY's text format."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _plain(exc: psycopg.Error) -> str:
    """A central failure in words, for the status bar and the sync command."""
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if isinstance(exc, psycopg.errors.ForeignKeyViolation):
        return (
            "An amendment could not be sent because the central store does not have the version it amends. "
            "Sync the computer where that record was made first."
        )
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return f"The central store refused this computer's account ({first}). Ask IT to check its rights."
    if isinstance(exc, psycopg.OperationalError):
        return (
            f"The connection to the central store was lost ({first}). Records wait on this computer and are "
            "sent at the next sync."
        )
    return f"The central store refused the records ({first})."
