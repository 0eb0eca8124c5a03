"""Faults: a locked, read-only, damaged or full database. Each is one StorageError, and what was typed is kept."""

from __future__ import annotations

import errno
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_records_factory import DiskFullConnection, draft_record, final_record

from sdm_desktop import atomic
from sdm_desktop.cli import main
from sdm_desktop.records import recovery
from sdm_desktop.records import store as store_module
from sdm_desktop.records.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    DiskFull,
    StorageError,
)
from sdm_desktop.records.location import database_path, recovery_dir
from sdm_desktop.records.store import RecordStore, set_aside_damaged


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _comes_back(folder: Path, record_id: str, what_matters: str) -> None:
    """After the fault is gone, the next start has the draft in the database and no recovery file left."""
    with RecordStore.open(folder) as fresh:
        drafts = {d.record_id: d.record for d in fresh.drafts()}
        assert drafts[record_id].what_matters == what_matters
    assert list(recovery_dir(folder).glob("*.json")) == []


def test_locked_database(folder: Path) -> None:
    store = RecordStore.open(folder, busy_timeout=0.05)
    draft = draft_record(what_matters="first words")
    store.save_draft(draft)
    holder = sqlite3.connect(database_path(folder), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    typed = draft.updated(what_matters="words typed while the database was locked")
    with pytest.raises(DatabaseLocked) as info:
        store.save_draft(typed)
    assert "busy" in str(info.value) and info.value.recovered_to is not None
    kept = json.loads(info.value.recovered_to.read_text(encoding="utf-8"))
    assert kept["record"]["what_matters"] == typed.what_matters
    with pytest.raises(DatabaseLocked):
        store.finalise(typed)
    holder.execute("ROLLBACK")
    holder.close()
    store.close()
    _comes_back(folder, draft.record_id, typed.what_matters)


def test_the_next_save_after_a_fault_clears_the_recovery_file(folder: Path) -> None:
    store = RecordStore.open(folder, busy_timeout=0.05)
    draft = draft_record()
    holder = sqlite3.connect(database_path(folder), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(DatabaseLocked):
        store.save_draft(draft)
    assert len(list(recovery_dir(folder).glob("*.json"))) == 1
    holder.execute("ROLLBACK")
    holder.close()
    store.save_draft(draft.updated(notes="later"))
    assert list(recovery_dir(folder).glob("*.json")) == []
    assert store.get_draft(draft.record_id).notes == "later"
    store.close()


def test_read_only_database(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    RecordStore.open(folder).close()

    def read_only(path: Path, timeout: float) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout, isolation_level=None)

    monkeypatch.setattr(store_module, "_connect", read_only)
    store = RecordStore.open(folder)
    draft = draft_record(what_matters="typed on a read-only disk")
    with pytest.raises(DatabaseReadOnly) as info:
        store.save_draft(draft)
    assert "read-only" in str(info.value) and info.value.recovered_to is not None
    store.close()
    monkeypatch.undo()
    _comes_back(folder, draft.record_id, draft.what_matters)


def test_data_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="could not be opened"):
        RecordStore.open(blocker / "data")


def test_not_a_database(folder: Path) -> None:
    folder.mkdir(parents=True)
    database_path(folder).write_bytes(b"These are not the records you are looking for." * 100)
    with pytest.raises(DatabaseCorrupt, match="damaged or is not a database"):
        RecordStore.open(folder)
    # The window keeps typed words even with no database at all ...
    draft = draft_record(what_matters="typed while the database was broken")
    recovery.keep_draft(folder, draft)
    # ... and once the damaged file is set aside, a new database starts with the draft in it.
    moved = set_aside_damaged(folder)
    assert moved.exists() and moved.read_bytes().startswith(b"These are not")
    _comes_back(folder, draft.record_id, draft.what_matters)


def _damage(path: Path, first_page: int = 2, last_page: int = 10) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[first_page * page : last_page * page] = b"\xab" * ((last_page - first_page) * page)
    path.write_bytes(bytes(data))


def test_malformed_database(folder: Path) -> None:
    with RecordStore.open(folder) as store:
        store.import_final([final_record(i) for i in range(300)])
    _damage(database_path(folder))
    with pytest.raises(DatabaseCorrupt, match="is damaged"):
        RecordStore.open(folder)  # found at start-up by quick_check
    store = RecordStore.open(folder, check=False)  # unchecked, the header is intact: the damage shows on first use
    with pytest.raises(DatabaseCorrupt):
        store.search()
    draft = draft_record(what_matters="typed into a damaged database")
    with pytest.raises(DatabaseCorrupt) as info:
        store.save_draft(draft)
    assert info.value.recovered_to is not None
    store.close()
    set_aside_damaged(folder)
    _comes_back(folder, draft.record_id, draft.what_matters)


@pytest.fixture
def full_disk(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordStore]:
    RecordStore.open(folder).close()
    real = store_module._connect
    monkeypatch.setattr(store_module, "_connect", lambda path, timeout: DiskFullConnection(real(path, timeout)))
    store = RecordStore.open(folder)
    yield store
    store.close()


def test_disk_full_keeps_the_draft(folder: Path, full_disk: RecordStore, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = draft_record(what_matters="typed when the disk filled up")
    with pytest.raises(DiskFull, match="disk is full") as info:
        full_disk.save_draft(draft)
    assert info.value.recovered_to is not None
    with pytest.raises(DiskFull):
        full_disk.finalise(draft)
    full_disk.close()
    monkeypatch.undo()
    _comes_back(folder, draft.record_id, draft.what_matters)


def test_disk_full_everywhere_says_not_to_close(full_disk: RecordStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", no_space)
    with pytest.raises(DiskFull) as info:
        full_disk.save_draft(draft_record())
    assert info.value.recovered_to is None
    assert "Do not close the window" in str(info.value)


def test_database_from_a_newer_version(folder: Path) -> None:
    RecordStore.open(folder).close()
    conn = sqlite3.connect(database_path(folder))
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        RecordStore.open(folder)


def test_unreadable_recovery_file_is_reported_and_kept(folder: Path) -> None:
    recovery_dir(folder).mkdir(parents=True)
    bad = recovery_dir(folder) / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    with RecordStore.open(folder) as store:
        assert len(store.recovery_problems) == 1 and "broken.json" in store.recovery_problems[0]
    assert bad.exists()


def test_older_kept_copy_does_not_overwrite_a_newer_draft(folder: Path) -> None:
    import datetime as dt

    draft = draft_record(what_matters="old")
    recovery.keep_draft(folder, draft, saved_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    with RecordStore.open(folder) as store:
        store.save_draft(draft.updated(what_matters="new"))
    # the stale copy left over is read on the next start but loses to the newer draft
    recovery.keep_draft(folder, draft, saved_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    _comes_back(folder, draft.record_id, "new")


# -- the command line never shows a traceback ---------------------------------------


@pytest.mark.parametrize("command", [["quality"], ["export", "--format", "csv", "--out", "OUT"]])
def test_cli_reports_a_damaged_database_plainly(
    folder: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder.mkdir(parents=True)
    database_path(folder).write_bytes(b"garbage" * 1000)
    argv = ["--data-dir", str(folder), *(str(tmp_path / "out") if c == "OUT" else c for c in command)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "damaged or is not a database" in err and "Traceback" not in err


def test_cli_reports_a_locked_database_plainly(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    RecordStore.open(folder).close()
    real = store_module._connect
    monkeypatch.setattr(store_module, "_connect", lambda path, timeout: real(path, 0.05))
    holder = sqlite3.connect(database_path(folder), isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["--data-dir", str(folder), "quality"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 1 and "busy" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["quality", "--since", "30/02/2026"], "There is no 30 February 2026"),
        (["quality", "--since", "2026-03-01", "--until", "2026-02-01"], "--until is before --since"),
        (["export", "--format", "fhir", "--out", "x", "--since", "31/04/2026"], "There is no 31 April 2026"),
    ],
)
def test_cli_bad_dates(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_with_no_records_yet(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(folder), "quality"]) == 1
    assert "no records" in capsys.readouterr().err
    assert not folder.exists()  # looking did not create anything
