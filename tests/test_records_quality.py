"""SDM quality figures: decisions by aid and option, SURE flags, CollaboRATE top box."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from test_records_factory import final_record

from sdm_desktop.cli import main
from sdm_desktop.records.quality import quality_rows
from sdm_desktop.records.store import RecordStore

DAY = dt.datetime(2026, 5, 1, 10, 0).astimezone()
ALL_YES = {"s1": 1, "s2": 1, "s3": 1, "s4": 1}
ONE_NO = {"s1": 1, "s2": 0, "s3": 1, "s4": 1}
TOP = {"c1": 4, "c2": 4, "c3": 4}
NOT_TOP = {"c1": 4, "c2": 3, "c3": 4}


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    s = RecordStore.open(tmp_path / "data")
    records = [
        # In May: 3 AF records, 2 knee records.
        final_record(1, when=DAY, aid_id="af", option="doac", sure=ALL_YES, collaborate=TOP),
        final_record(2, when=DAY, aid_id="af", option="doac", sure=ONE_NO, collaborate=NOT_TOP),
        final_record(3, when=DAY, aid_id="af", status="more_time", sure={}, collaborate={}),
        final_record(4, when=DAY, aid_id="knee", option="surgery", sure=ONE_NO, collaborate=TOP),
        final_record(5, when=DAY, aid_id="knee", status="undecided", sure={"s1": 0}, collaborate={"c1": 4}),
        # In June, outside a May-only period.
        final_record(6, when=DAY + dt.timedelta(days=40), aid_id="af", option="none-option", sure=ONE_NO),
    ]
    # Record 2 was amended: only its latest version (now all SURE answers yes) counts.
    amended = records[1].updated(
        record_id="00000000-0000-4000-8000-000000000102", version=2, amends=records[1].record_id, sure=ALL_YES
    )
    s.import_final([*records, amended])
    yield s  # type: ignore[misc]
    s.close()


def test_figures_for_a_period(store: RecordStore) -> None:
    stats = store.quality_stats(dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert stats.records == 5
    counts = {(d.aid_id, d.decision_status, d.option_id): d.count for d in stats.decisions}
    assert counts == {
        ("af", "decided", "doac"): 2,
        ("af", "more_time", ""): 1,
        ("knee", "decided", "surgery"): 1,
        ("knee", "undecided", ""): 1,
    }
    # SURE answered in full by records 1, 2 (amended: all yes) and 4; only 4 totals 3 or less.
    assert (stats.sure_flagged.count, stats.sure_flagged.denominator) == (1, 3)
    # CollaboRATE complete in 1, 2 and 4; top box in 1 and 4.
    assert (stats.collaborate_top_box.count, stats.collaborate_top_box.denominator) == (2, 3)
    knee = next(a for a in stats.by_aid if a.aid_id == "knee")
    assert (knee.records, knee.sure_flagged.share, knee.collaborate_top_box.share) == (2, 1.0, 1.0)


def test_open_ended_periods(store: RecordStore) -> None:
    assert store.quality_stats().records == 6
    assert store.quality_stats(since=dt.date(2026, 6, 1)).records == 1
    assert store.quality_stats(until=dt.date(2026, 4, 30)).records == 0
    empty = store.quality_stats(until=dt.date(2026, 4, 30))
    assert empty.sure_flagged.share is None and empty.sure_flagged.percent() == "-"


def test_rows_for_csv(store: RecordStore) -> None:
    rows = quality_rows(store.quality_stats(dt.date(2026, 5, 1), dt.date(2026, 5, 31)))
    overall = next(r for r in rows if r["measure"] == "sure_total_3_or_less" and r["aid_id"] == "")
    assert (overall["count"], overall["denominator"], overall["share"]) == (1, 3, "0.3333")
    doac = next(r for r in rows if r["measure"] == "decision" and r["option_id"] == "doac")
    assert (doac["count"], doac["denominator"], doac["since"]) == (2, 3, "2026-05-01")


def test_quality_command(store: RecordStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "q.csv"
    code = main(
        [
            "--data-dir",
            str(store.folder),
            "quality",
            "--since",
            "01/05/2026",
            "--until",
            "31/05/2026",
            "--csv",
            str(out),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "5 records" in printed
    assert "33% of 3" in printed and "67% of 3" in printed
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["measure"] for r in rows} == {
        "decision",
        "sure_total_3_or_less",
        "collaborate_top_box",
        "records_in_month",
        "sure_total_3_or_less_in_month",
        "collaborate_top_box_in_month",
        "collaborate_top_box_answered_by_patient",
        "collaborate_top_box_entered_by_clinician",
    }
