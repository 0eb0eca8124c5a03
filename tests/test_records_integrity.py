"""Damage is noticed (quick_check at start-up and after an I/O error); upgrades report progress off the
window's thread; pre-upgrade copies are kept for a set time."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from test_records_factory import draft_record, final_record
from test_records_migrations import _insert

from sdm_desktop.cli import main
from sdm_desktop.records import integrity, migrations
from sdm_desktop.records.errors import SQLITE_IOERR, DatabaseCorrupt, DatabaseUnavailable
from sdm_desktop.records.location import database_path
from sdm_desktop.records.store import RecordStore
from sdm_desktop.records.upgrade import BACKUP_DAYS, backups, needs_upgrade, prune_backups, upgrade


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _damage(path: Path, first_page: int = 2, last_page: int = 10) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[first_page * page : last_page * page] = b"\xab" * ((last_page - first_page) * page)
    path.write_bytes(bytes(data))


def _filled(folder: Path, n: int = 300) -> None:
    with RecordStore.open(folder) as store:
        store.import_final([final_record(i) for i in range(n)])


def test_damage_in_the_middle_is_found_at_start_up(folder: Path) -> None:
    _filled(folder)
    _damage(database_path(folder))
    with pytest.raises(DatabaseCorrupt, match="is damaged") as found:
        RecordStore.open(folder)
    assert "set aside" in str(found.value)


class IoErrorOnWrite:
    """The store's connection, whose writes fail with SQLITE_IOERR (a failing disk)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
            error = sqlite3.OperationalError("disk I/O error")
            error.sqlite_errorcode = SQLITE_IOERR  # type: ignore[attr-defined]
            raise error
        return self._conn.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


@pytest.mark.parametrize("damaged", [False, True])
def test_an_io_error_checks_the_file(folder: Path, damaged: bool) -> None:
    _filled(folder)
    store = RecordStore.open(folder)
    store._conn = IoErrorOnWrite(store._conn)  # type: ignore[assignment]
    if damaged:
        _damage(database_path(folder))
    draft = draft_record(what_matters="typed as the disk failed")
    expected = DatabaseCorrupt if damaged else DatabaseUnavailable
    with pytest.raises(expected) as failed:
        store.save_draft(draft)
    assert failed.value.recovered_to is not None  # what was typed is kept either way
    assert ("is damaged" in str(failed.value)) is damaged
    store.close()


def test_check_database_command(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _filled(folder)
    assert main(["--data-dir", str(folder), "check-database"]) == 0
    assert "is sound" in capsys.readouterr().out
    _damage(database_path(folder))
    assert main(["--data-dir", str(folder), "check-database"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "--set-aside" in err
    assert main(["--data-dir", str(folder), "check-database", "--set-aside"]) == 0
    assert "Set aside as" in capsys.readouterr().out
    assert not database_path(folder).exists()
    assert list(folder.glob("records.damaged-*.sqlite3"))
    with RecordStore.open(folder) as store:  # a new one starts
        assert store.count() == 0


# -- upgrading with progress ---------------------------------------------------------------------


def _old_database(folder: Path, n: int) -> None:
    RecordStore.open(folder, schema=1).close()
    conn = sqlite3.connect(database_path(folder), isolation_level=None)
    conn.execute("BEGIN")
    for i in range(n):
        _insert(conn, 1, final_record(i, notes=f"note {i}"))
    conn.execute("COMMIT")
    conn.close()


def test_an_upgrade_reports_progress_from_a_worker_thread(folder: Path) -> None:
    _old_database(folder, 1_200)
    assert needs_upgrade(folder)
    calls: list[tuple[str, int, int, threading.Thread]] = []
    outcome: list[object] = []

    def progress(stage: str, done: int, total: int) -> None:
        calls.append((stage, done, total, threading.current_thread()))

    worker = threading.Thread(target=lambda: outcome.append(upgrade(folder, progress)))
    worker.start()
    worker.join(60)
    assert outcome == [1]
    assert {c[3] for c in calls} == {worker}  # reported from the thread that did the work
    stages = list(dict.fromkeys(c[0] for c in calls))
    assert stages[0].startswith("Keeping a copy")
    assert "Updating the records database (step 2 of" in " ".join(stages)
    step2 = [(d, t) for s, d, t, _ in calls if "step 2 of" in s]
    assert len(step2) >= 3 and step2[-1] == (1_200, 1_200)
    assert [d for d, _ in step2] == sorted(d for d, _ in step2)
    assert not needs_upgrade(folder)
    with RecordStore.open(folder) as store:
        assert store.schema_version() == migrations.LATEST and store.count() == 1_200


def test_upgrade_database_command(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _old_database(folder, 10)
    assert main(["--data-dir", str(folder), "upgrade-database"]) == 0
    captured = capsys.readouterr()
    assert "upgraded from version 1" in captured.out and "100%" in captured.err
    assert main(["--data-dir", str(folder), "upgrade-database"]) == 0
    assert "needs no upgrade" in capsys.readouterr().out


def test_a_damaged_database_is_not_upgraded(folder: Path) -> None:
    _old_database(folder, 300)
    _damage(database_path(folder))
    with pytest.raises(DatabaseCorrupt):
        upgrade(folder)
    assert not backups(folder)


# -- how long the pre-upgrade copy is kept -------------------------------------------------------


def _age(path: Path, days: float) -> None:
    when = dt.datetime.now(dt.UTC).timestamp() - days * 86_400
    os.utime(path, (when, when))


def test_the_pre_upgrade_copy_is_kept_for_a_set_time_then_removed(folder: Path) -> None:
    _old_database(folder, 5)
    upgrade(folder)
    (kept,) = [p for _v, p in backups(folder)]
    assert kept.name == f"records.before-v{migrations.LATEST}.sqlite3"
    _age(kept, BACKUP_DAYS - 1)
    RecordStore.open(folder).close()
    assert kept.exists()  # within the time
    _age(kept, BACKUP_DAYS + 1)
    RecordStore.open(folder).close()
    assert not kept.exists()


def test_only_the_newest_pre_upgrade_copy_is_kept(folder: Path) -> None:
    folder.mkdir(parents=True)
    for version in (3, 4, 5):
        (folder / f"records.before-v{version}.sqlite3").write_bytes(b"")
    (folder / "records.damaged-20260101-000000.sqlite3").write_bytes(b"")  # kept for IT: never removed
    removed = prune_backups(folder)
    assert sorted(p.name for p in removed) == ["records.before-v3.sqlite3", "records.before-v4.sqlite3"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "records.before-v5.sqlite3",
        "records.damaged-20260101-000000.sqlite3",
    ]


def test_quick_check_names_the_first_problem(folder: Path) -> None:
    _filled(folder)
    _damage(database_path(folder))
    conn = sqlite3.connect(database_path(folder))
    problems = integrity.quick_check(conn)
    conn.close()
    assert problems
    message = str(integrity.damaged(database_path(folder), problems))
    assert "\n" not in message and "***" not in message
