"""Upgrading the records database from every earlier schema version, with data in it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_records_factory import draft_record, final_record

from sdm_desktop.records import migrations
from sdm_desktop.records.columns import INSERT_FINAL, final_columns, utc_text
from sdm_desktop.records.history import HistoryQuery
from sdm_desktop.records.location import database_path
from sdm_desktop.records.model import Record
from sdm_desktop.records.store import RecordStore

V1_COLUMNS = (
    "record_id",
    "version",
    "amends",
    "patient_id_kind",
    "patient_id",
    "consulted_at",
    "aid_id",
    "decision_status",
    "option_id",
    "finalised_at",
    "body",
)


def _records() -> list[Record]:
    return [
        final_record(1, sure={"a": 1, "b": 0, "c": 1, "d": 1}, notes="Worried about stroke"),
        final_record(2, aid_id="knee", status="undecided", collaborate={"a": 4, "b": 3, "c": 4}),
        final_record(3, sure={}, collaborate={}, notes="Prefers injections"),
    ]


def _insert(conn: sqlite3.Connection, version: int, record: Record) -> None:
    """Insert a final record the way a program at schema ``version`` did."""
    values = final_columns(record)
    if version == 1:
        conn.execute(
            f"INSERT INTO records ({', '.join(V1_COLUMNS)}) VALUES ({', '.join('?' * len(V1_COLUMNS))})",
            [values[c] for c in V1_COLUMNS],
        )
    else:
        conn.execute(INSERT_FINAL, values)


@pytest.mark.parametrize("start", range(1, migrations.LATEST))
def test_upgrade_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    folder = tmp_path / "data"
    RecordStore.open(folder, schema=start).close()
    path = database_path(folder)
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == start
    records = _records()
    for record in records:
        _insert(conn, start, record)
    draft = draft_record(what_matters="a draft from before the upgrade")
    conn.execute(
        "INSERT INTO drafts (record_id, updated_at, body) VALUES (?, ?, ?)",
        (draft.record_id, utc_text(draft.created), json.dumps(draft.to_dict())),
    )
    conn.close()

    with RecordStore.open(folder) as store:
        assert store.schema_version() == migrations.LATEST
        assert store.integrity_check() == "ok"
        for record in records:
            assert store.get(record.record_id) == record
        assert [d.record.what_matters for d in store.drafts()] == [draft.what_matters]
        rows = {r.record_id: r for r in store.search()}
        for record in records:  # columns added by version 2 are filled from the JSON
            row = rows[record.record_id]
            assert (row.aid_title, row.clinician_name, row.sure_total, row.collaborate_top_box) == (
                record.aid.title if record.aid else "",
                record.clinician_name,
                record.sure_total,
                record.collaborate_top_box,
            )
        # full-text search (version 3) covers records written before it existed
        assert [r.record_id for r in store.search(HistoryQuery(text="stroke"))] == [records[0].record_id]
        names = {n for (n,) in store._rows("SELECT name FROM sqlite_master")}
        assert {
            "records_by_time",
            "records_by_aid",
            "records_by_decision",
            "records_amended_once",
            "records_text",
            "records_never_updated",
            "records_never_deleted",
        } <= names
        other = sqlite3.connect(path, isolation_level=None)
        with pytest.raises(sqlite3.IntegrityError):
            other.execute("UPDATE records SET patient_id = 1")
        other.close()
        # new records after the upgrade go through every trigger and index
        new = draft_record()
        store.save_draft(new)
        store.finalise(new)
        assert store.count() == len(records) + 1
    backup = path.with_name(f"records.before-v{migrations.LATEST}.sqlite3")
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == start


def test_a_failed_step_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    RecordStore.open(folder, schema=migrations.LATEST - 1).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS[:-1], broken))
    with pytest.raises(Exception, match="could not be used"):
        RecordStore.open(folder)
    conn = sqlite3.connect(database_path(folder))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST - 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    conn.close()
    monkeypatch.undo()
    with RecordStore.open(folder) as store:
        assert store.schema_version() == migrations.LATEST


def test_a_new_database_starts_at_the_latest_version(tmp_path: Path) -> None:
    with RecordStore.open(tmp_path / "fresh") as store:
        assert store.schema_version() == migrations.LATEST
    assert not list((tmp_path / "fresh").glob("*.before-*"))  # nothing to back up
