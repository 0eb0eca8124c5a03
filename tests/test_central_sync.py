"""Sync to a real PostgreSQL central store: ordered, idempotent, and nothing lost or doubled by faults."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from pg_server import PgServer
from test_records_factory import draft_record, final_record

from sdm_desktop.records.central import outbox
from sdm_desktop.records.central.settings import CentralError, CentralSettings, check_conninfo, load_settings
from sdm_desktop.records.central.sync import sync
from sdm_desktop.records.store import RecordStore

TESTS = Path(__file__).resolve().parent


def _fill(folder: Path, n: int, start: int = 1) -> list[str]:
    records = [final_record(i) for i in range(start, start + n)]
    with RecordStore.open(folder) as store:
        store.import_final(records)
    return [r.record_id for r in records]


def _central_rows(conninfo: str) -> list[tuple[str, int]]:
    with psycopg.connect(conninfo) as conn:
        return [(r[0], r[1]) for r in conn.execute("SELECT record_id, version FROM sdm.records ORDER BY 1, 2")]


def _waiting(folder: Path) -> int:
    return outbox.sync_status(folder).waiting


def test_finalising_queues_the_record_in_the_same_transaction(tmp_path: Path) -> None:
    folder = tmp_path / "pc"
    with RecordStore.open(folder) as store:
        draft = draft_record()
        store.save_draft(draft)
        assert _waiting(folder) == 0  # drafts never leave the computer
        final = store.finalise(draft)
        assert _waiting(folder) == 1
        amendment = store.amend(final.record_id, by="Dr B (GP)", reason="typo")
        store.finalise(amendment.updated(notes="corrected"))
        # A finalise that fails (the record it amends is missing) queues nothing.
        orphan = draft_record().updated(
            amends="00000000-0000-4000-8000-999999999999", version=2, amended_reason="typo", amended_by="Dr B (GP)"
        )
        store.save_draft(orphan)
        with pytest.raises(Exception, match="not in this database"):
            store.finalise(orphan)
    assert _waiting(folder) == 2


def test_sync_sends_everything_once_and_in_order(tmp_path: Path, central: str) -> None:
    folder = tmp_path / "pc"
    original = final_record(1)
    amended = original.updated(
        record_id="00000000-0000-4000-8000-000000000901", version=2, amends=original.record_id, notes="amended"
    )
    with RecordStore.open(folder) as store:
        # The amendment reaches the outbox first; it must still arrive after what it amends.
        store.import_final([amended, original, final_record(2)])
    result = sync(CentralSettings(central, "Room 4"), folder, batch=1)
    assert (result.sent, result.already_there, result.waiting, result.error) == (3, 0, 0, None)
    assert _central_rows(central) == sorted(
        [(original.record_id, 1), (amended.record_id, 2), (final_record(2).record_id, 1)]
    )
    again = sync(CentralSettings(central, "Room 4"), folder)
    assert (again.sent, again.already_there, again.waiting) == (0, 0, 0)
    with psycopg.connect(central) as conn:
        site, machine, body = conn.execute(
            "SELECT site, machine_id, body FROM sdm.records WHERE record_id = %s", (amended.record_id,)
        ).fetchone()
    assert site == "Room 4" and machine == outbox.sync_status(folder).machine_id and '"amended"' in body
    status = outbox.sync_status(folder)
    assert status.last_success is not None and status.last_error is None and status.failures == 0


def test_sending_again_after_a_lost_acknowledgement_stores_nothing_twice(
    tmp_path: Path, central: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pc"
    _fill(folder, 30)

    def lost(*_: object) -> None:
        raise KeyboardInterrupt  # the process stops after the central commit, before the outbox forgets

    with monkeypatch.context() as m:
        m.setattr(outbox, "forget", lost)
        with pytest.raises(KeyboardInterrupt):
            sync(CentralSettings(central), folder, batch=10)
    assert len(_central_rows(central)) == 10 and _waiting(folder) == 30
    result = sync(CentralSettings(central), folder, batch=10)
    assert (result.sent, result.already_there, result.waiting) == (20, 10, 0)
    assert len(_central_rows(central)) == 30


def test_an_amendment_of_a_version_the_centre_lacks_is_refused_in_words(tmp_path: Path, central: str) -> None:
    folder = tmp_path / "pc"
    orphan = final_record(1).updated(
        record_id="00000000-0000-4000-8000-000000000902", version=2, amends="00000000-0000-4000-8000-000000000777"
    )
    with RecordStore.open(folder) as store:
        store.import_final([orphan])
    result = sync(CentralSettings(central), folder)
    assert result.error is not None and "does not have the version it amends" in result.error
    assert result.waiting == 1 and _central_rows(central) == []


def test_central_records_are_append_only(tmp_path: Path, central: str) -> None:
    folder = tmp_path / "pc"
    _fill(folder, 2)
    sync(CentralSettings(central), folder)
    with psycopg.connect(central) as conn:
        for statement in ("UPDATE sdm.records SET site = 'x'", "DELETE FROM sdm.records", "TRUNCATE sdm.records"):
            with pytest.raises(psycopg.Error, match="never changed or deleted"):
                conn.execute(statement)
            conn.rollback()
    assert len(_central_rows(central)) == 2


def test_passwords_are_refused_in_settings_and_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(CentralError, match="pgpass"):
        check_conninfo("host=db.example user=sdm password=secret")
    with pytest.raises(CentralError, match="not valid"):
        check_conninfo("host=db.example = oops")
    settings = tmp_path / "central.json"
    settings.write_text('{"conninfo": "service=sdm_central password=x", "site": "A"}', encoding="utf-8")
    monkeypatch.setenv("SDM_DESKTOP_MACHINE_CONFIG", str(settings))
    with pytest.raises(CentralError, match="pgpass"):
        load_settings()
    settings.write_text('{"conninfo": "service=sdm_central", "site": "Riverside"}', encoding="utf-8")
    assert load_settings() == CentralSettings("service=sdm_central", "Riverside")
    assert load_settings("host=/tmp dbname=x") == CentralSettings("host=/tmp dbname=x", "Riverside")
    settings.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(CentralError, match="expected form"):
        load_settings()
    monkeypatch.setenv("SDM_DESKTOP_MACHINE_CONFIG", str(tmp_path / "none.json"))
    assert load_settings() is None


def test_sync_command(
    tmp_path: Path, central: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sdm_desktop.cli import main

    monkeypatch.setenv("SDM_DESKTOP_MACHINE_CONFIG", str(tmp_path / "none.json"))
    folder = tmp_path / "pc"
    _fill(folder, 3)
    assert main(["--data-dir", str(folder), "sync"]) == 2
    assert "no central store is set up" in capsys.readouterr().err
    assert main(["--data-dir", str(folder), "sync", "--status"]) == 0
    assert "3 records waiting" in capsys.readouterr().out
    assert main(["--data-dir", str(folder), "sync", "--central", central]) == 0
    assert "3 records sent" in capsys.readouterr().out
    assert main(["--data-dir", str(folder), "sync", "--central", central + " password=x"]) == 2
    assert "pgpass" in capsys.readouterr().err


# -- faults ----------------------------------------------------------------------------------


def _worker(folder: Path, conninfo: str, mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    return subprocess.Popen(
        [sys.executable, str(TESTS / "sync_worker.py"), str(folder), conninfo, mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_sigkill_between_batches_loses_and_doubles_nothing(tmp_path: Path, central: str) -> None:
    folder = tmp_path / "pc"
    ids = _fill(folder, 200)
    proc = _worker(folder, central, "slow")
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("BATCH")
    assert proc.stdout.readline().startswith("BATCH")
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    part = len(_central_rows(central))
    assert 40 <= part < 200 and _waiting(folder) == 200 - part
    result = sync(CentralSettings(central), folder)
    assert result.error is None and result.waiting == 0
    assert sorted(r for r, _ in _central_rows(central)) == sorted(ids)


def test_sigkill_after_the_central_commit_loses_and_doubles_nothing(tmp_path: Path, central: str) -> None:
    folder = tmp_path / "pc"
    ids = _fill(folder, 50)
    proc = _worker(folder, central, "before-forget")
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert len(_central_rows(central)) == 20 and _waiting(folder) == 50
    result = sync(CentralSettings(central), folder)
    assert (result.sent, result.already_there, result.waiting) == (30, 20, 0)
    assert sorted(r for r, _ in _central_rows(central)) == sorted(ids)


def test_server_stopped_mid_sync(tmp_path: Path, pg_own: PgServer) -> None:
    conninfo = pg_own.new_database()
    folder = tmp_path / "pc"
    ids = _fill(folder, 100)

    def stop_server(sent: int) -> None:
        if sent == 20:
            pg_own.stop("immediate")

    result = sync(CentralSettings(conninfo), folder, batch=20, after_batch=stop_server)
    assert result.error is not None and "wait on this computer" in result.error
    assert (result.sent, result.waiting) == (20, 80)
    pg_own.start()
    result = sync(CentralSettings(conninfo), folder)
    assert (result.sent, result.already_there, result.waiting, result.error) == (80, 0, 0, None)
    assert sorted(r for r, _ in _central_rows(conninfo)) == sorted(ids)


def test_server_gone_for_a_long_time_keeps_retry_state(tmp_path: Path, pg_own: PgServer) -> None:
    conninfo = pg_own.new_database()
    folder = tmp_path / "pc"
    ids = _fill(folder, 5)
    pg_own.stop()
    for _ in range(3):
        result = sync(CentralSettings(conninfo), folder)
        assert result.error is not None and "could not be reached" in result.error
    status = outbox.sync_status(folder)  # read afresh from the database: kept across restarts
    assert (status.waiting, status.failures, status.last_success) == (5, 3, None)
    assert status.last_attempt is not None and status.next_attempt == status.last_attempt + dt.timedelta(minutes=4)
    assert not status.due(status.last_attempt) and status.due(status.next_attempt)
    assert "could not be reached" in status.describe() and "5 records waiting" in status.describe()
    assert outbox.retry_delay(30) == dt.timedelta(hours=1)
    pg_own.start()
    result = sync(CentralSettings(conninfo), folder)
    assert result.error is None and result.sent == 5
    status = outbox.sync_status(folder)
    assert (status.waiting, status.failures, status.last_error, status.next_attempt) == (0, 0, None, None)
    assert status.due()
    assert sorted(r for r, _ in _central_rows(conninfo)) == sorted(ids)


def test_two_pcs_syncing_at_once_into_a_new_store(tmp_path: Path, central: str) -> None:
    first, second = tmp_path / "pc1", tmp_path / "pc2"
    ids = _fill(first, 150, start=1) + _fill(second, 150, start=1001)
    # Both computers also hold one record copied from the other (imported from a backup).
    with RecordStore.open(second) as store:
        store.import_final([final_record(1)])
    env = {**os.environ, "SDM_DESKTOP_MACHINE_CONFIG": str(tmp_path / "none.json")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "sdm_desktop", "--data-dir", str(folder), "sync", "--central", central],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (first, second)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert sorted(r for r, _ in _central_rows(central)) == sorted(ids)
    assert _waiting(first) == _waiting(second) == 0


def test_keys_are_copied_exactly_whatever_they_hold(central: str) -> None:
    from sdm_desktop.records.central.sync import _copy_text

    awkward = ["plain", "tab\there", "new\nline", "back\\slash", "cr\rhere", "\\N"]
    with psycopg.connect(central) as conn, conn.cursor() as cur:
        cur.execute("CREATE TEMP TABLE k (record_id text, version integer)")
        with cur.copy("COPY k (record_id, version) FROM STDIN") as copy:
            copy.write("".join(f"{_copy_text(v)}\t{i}\n" for i, v in enumerate(awkward)))
        assert [r[0] for r in cur.execute("SELECT record_id FROM k ORDER BY version")] == awkward


def test_a_computer_without_records_only_checks_the_central_store(tmp_path: Path, central: str) -> None:
    folder = tmp_path / "new-pc"
    status = outbox.sync_status(folder)
    assert (status.waiting, status.last_success, status.last_error) == (0, None, None)
    result = sync(CentralSettings(central), folder)
    assert (result.sent, result.waiting, result.error) == (0, 0, None)
    assert not folder.exists()  # sync never makes a records database
    with psycopg.connect(central) as conn:  # the central tables are set up (how IT creates them)
        assert conn.execute("SELECT count(*) FROM sdm.records").fetchone() == (0,)
    refused = sync(CentralSettings(central.replace("dbname=", "dbname=missing_")), folder)
    assert refused.error is not None and "could not be reached" in refused.error
