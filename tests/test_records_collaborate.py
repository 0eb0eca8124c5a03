"""Who answered CollaboRATE, and when: kept in the record, shown in quality figures and exports."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_records_factory import final_record

from sdm_desktop.records.export_csv import write_records_csv
from sdm_desktop.records.fhir_bundle import build_bundle
from sdm_desktop.records.fhir_check import check_bundle
from sdm_desktop.records.model import Record, RecordError
from sdm_desktop.records.quality import format_table, quality_rows
from sdm_desktop.records.store import RecordStore

TOP = {"c1": 4, "c2": 4, "c3": 4}
NOT_TOP = {"c1": 4, "c2": 3, "c3": 4}
AT = dt.datetime(2026, 5, 1, 10, 40, tzinfo=dt.UTC)


def test_the_respondent_and_time_round_trip_and_old_records_still_read() -> None:
    record = final_record(1, collaborate=TOP).updated(collaborate_by="patient", collaborate_at=AT)
    assert Record.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    old = record.to_dict()
    del old["collaborate_by"], old["collaborate_at"]
    again = Record.from_dict(old)
    assert (again.collaborate_by, again.collaborate_at) == ("", None)
    with pytest.raises(RecordError, match="'collaborate_by' must be 'patient' or 'clinician'"):
        Record.from_dict(record.to_dict() | {"collaborate_by": "nurse"})


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RecordStore]:
    s = RecordStore.open(tmp_path / "data")
    s.import_final(
        [
            final_record(1, collaborate=TOP).updated(collaborate_by="patient", collaborate_at=AT),
            final_record(2, collaborate=NOT_TOP).updated(collaborate_by="patient", collaborate_at=AT),
            final_record(3, collaborate=TOP).updated(collaborate_by="clinician", collaborate_at=AT),
            final_record(4, collaborate=TOP),  # made before the respondent was kept
        ]
    )
    yield s
    s.close()


def test_quality_figures_show_who_answered(store: RecordStore) -> None:
    stats = store.quality_stats()
    assert (stats.collaborate_top_box.count, stats.collaborate_top_box.denominator) == (3, 4)
    assert (stats.collaborate_by_patient.count, stats.collaborate_by_patient.denominator) == (1, 2)
    assert (stats.collaborate_by_clinician.count, stats.collaborate_by_clinician.denominator) == (1, 1)
    rows = {r["measure"]: r for r in quality_rows(stats) if r["aid_id"] == ""}
    assert rows["collaborate_top_box_answered_by_patient"]["share"] == "0.5000"
    assert rows["collaborate_top_box_entered_by_clinician"]["share"] == "1.0000"
    assert "answered by the patient: 50% of 2; entered by the clinician: 100% of 1." in format_table(stats)


def test_csv_and_fhir_show_who_answered(tmp_path: Path) -> None:
    record = final_record(1, collaborate=TOP).updated(collaborate_by="clinician", collaborate_at=AT)
    path = tmp_path / "records.csv"
    write_records_csv([record], path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["collaborate_by"], row["collaborate_at"]) == ("clinician", "2026-05-01T10:40:00+00:00")
    bundle = build_bundle(record, None)
    check_bundle(bundle)
    text = json.dumps(bundle)
    assert "the clinician, on the patient's behalf" in text and "collaborate.answered-at" in text

    def items(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            if "linkId" in node:
                yield node
            for value in node.values():
                yield from items(value)
        elif isinstance(node, list):
            for value in node:
                yield from items(value)

    by_link = {i["linkId"]: i for i in items(bundle)}
    assert by_link["collaborate.answered-by"]["answer"] == [{"valueString": "the clinician, on the patient's behalf"}]
