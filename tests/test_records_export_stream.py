"""Exports that grow with the service: records read one at a time, from any thread, with bounded reports."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from test_records_factory import final_record

from sdm_desktop.grids.library import Library
from sdm_desktop.records.export import export_records, read_for_export, write_export
from sdm_desktop.records.export_fhir import MAX_EACH_WARNING, export_fhir
from sdm_desktop.records.location import database_path
from sdm_desktop.records.store import RecordStore


def _store(folder: Path, n: int) -> RecordStore:
    store = RecordStore.open(folder)
    store.import_final([final_record(i) for i in range(n)])
    return store


def test_records_are_counted_at_once_and_read_lazily_on_the_writing_thread(tmp_path: Path) -> None:
    with _store(tmp_path / "data", 150) as store:
        records, outcome = read_for_export(store, "csv", tmp_path / "out")
        assert records is not None and len(records) == outcome.records == 150
        store.import_final([final_record(1000)])  # finalised after the export started: not in it
        seen: list[str] = []

        def work() -> None:
            seen.extend(r.record_id for r in records)
            write_export(records, outcome)

        worker = threading.Thread(target=work)
        worker.start()
        worker.join(30)
        assert len(seen) == 150 and outcome.error is None and outcome.records == 150
        lines = (tmp_path / "out" / "records.csv").read_text(encoding="utf-8-sig").splitlines()
        assert len(lines) == 151


def test_an_unreadable_stored_record_fails_alone(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with _store(folder, 5):
        pass
    conn = sqlite3.connect(database_path(folder), isolation_level=None)
    conn.execute("DROP TRIGGER records_never_updated")  # damage one record the program would never write
    conn.execute("UPDATE records SET body = '{not json' WHERE rowid = 3")
    conn.close()
    with RecordStore.open(folder) as store:
        outcome = export_records(store, "csv", tmp_path / "out")
    assert outcome.error is None and outcome.records == 4
    (failure,) = outcome.failed
    assert "could not be read" in failure and "was not exported" in failure


def test_warnings_name_the_first_records_then_count_the_rest(tmp_path: Path) -> None:
    records = [final_record(i) for i in range(MAX_EACH_WARNING + 7)]
    result = export_fhir(records, tmp_path, Library([]), pdf_builder=None)
    assert len(result.written) == len(records)
    assert len(result.warnings) == MAX_EACH_WARNING + 1
    assert all(w.startswith("warning: record ") for w in result.warnings[:-1])
    assert result.warnings[-1].startswith("warning: 7 more records exported without the PDF summary:")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in result.written)
    assert json.loads(result.written[0].read_text(encoding="utf-8"))["resourceType"] == "Bundle"
    assert result.written[-1] == tmp_path / f"sdm-record-{records[-1].record_id}.fhir.json"
