"""Service-wide figures and read-only search over the central store: the per-PC definitions on PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import psycopg
import pytest
from test_records_factory import final_record, valid_nhs

from sdm_desktop.cli import main
from sdm_desktop.records.central.report import CentralReader
from sdm_desktop.records.central.settings import CentralError, CentralSettings
from sdm_desktop.records.central.sync import sync
from sdm_desktop.records.history import HistoryQuery
from sdm_desktop.records.model import Decision
from sdm_desktop.records.quality import quality_rows
from sdm_desktop.records.store import RecordStore

MAY = dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC)
ALL_YES = {"s1": 1, "s2": 1, "s3": 1, "s4": 1}
ONE_NO = {"s1": 1, "s2": 0, "s3": 1, "s4": 1}
TOP = {"c1": 4, "c2": 4, "c3": 4}
NOT_TOP = {"c1": 4, "c2": 3, "c3": 4}


def _records(offset: int = 0) -> list:  # type: ignore[type-arg]
    records = [
        final_record(offset + 1, when=MAY, aid_id="af", option="doac", sure=ALL_YES, collaborate=TOP),
        final_record(offset + 2, when=MAY, aid_id="af", option="doac", sure=ONE_NO, collaborate=NOT_TOP),
        final_record(offset + 3, when=MAY, aid_id="af", status="more_time", sure={}, collaborate={}),
        final_record(offset + 4, when=MAY, aid_id="knee", option="surgery", sure=ONE_NO, collaborate=TOP),
        final_record(offset + 5, when=MAY, aid_id="knee", status="undecided", sure={"s1": 0}, collaborate={"c1": 4}),
        final_record(offset + 6, when=MAY + dt.timedelta(days=40), aid_id="af", option="none-option", sure=ONE_NO),
    ]
    amended = records[1].updated(
        record_id=f"00000000-0000-4000-8000-{offset + 900:012d}", version=2, amends=records[1].record_id, sure=ALL_YES
    )
    return [*records, amended]


@pytest.fixture
def one_pc(tmp_path: Path, central: str) -> tuple[RecordStore, str]:
    store = RecordStore.open(tmp_path / "pc1")
    store.import_final(_records())
    assert sync(CentralSettings(central, ""), store.folder).error is None
    yield store, central  # type: ignore[misc]
    store.close()


@pytest.mark.parametrize(
    "period",
    [
        (None, None),
        (dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
        (dt.date(2026, 6, 1), None),
        (None, dt.date(2026, 4, 30)),
    ],
)
def test_one_pc_gives_the_same_figures_centrally(one_pc: tuple[RecordStore, str], period: tuple) -> None:  # type: ignore[type-arg]
    store, central = one_pc
    local = store.quality_stats(*period)
    with CentralReader(central) as reader:
        service = reader.quality(*period)
    assert service == local
    assert quality_rows(service) == quality_rows(local)


def test_whole_service_by_site_clinician_and_month(one_pc: tuple[RecordStore, str], tmp_path: Path) -> None:
    _, central = one_pc
    with RecordStore.open(tmp_path / "pc2") as other:
        other.import_final([r.updated(clinician_name="Dr Bo Chan") for r in _records(offset=100)])
    assert sync(CentralSettings(central, "Hilltop"), tmp_path / "pc2").error is None
    with CentralReader(central) as reader:
        stats = reader.quality()
    assert stats.records == 12
    counts = {(d.aid_id, d.decision_status, d.option_id): d.count for d in stats.decisions}
    assert counts[("af", "decided", "doac")] == 4
    months = {(m.month, m.site, m.clinician_name): m.records for m in stats.by_month}
    assert months == {
        ("2026-05", "", "Dr Ada Jones"): 5,
        ("2026-06", "", "Dr Ada Jones"): 1,
        ("2026-05", "Hilltop", "Dr Bo Chan"): 5,
        ("2026-06", "Hilltop", "Dr Bo Chan"): 1,
    }
    hilltop_may = next(m for m in stats.by_month if m.site == "Hilltop" and m.month == "2026-05")
    assert (hilltop_may.sure_flagged.count, hilltop_may.sure_flagged.denominator) == (1, 3)
    assert (hilltop_may.collaborate_top_box.count, hilltop_may.collaborate_top_box.denominator) == (2, 3)


def test_quality_command_over_the_central_store(
    one_pc: tuple[RecordStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, central = one_pc
    local_csv, central_csv = tmp_path / "local.csv", tmp_path / "central.csv"
    assert main(["--data-dir", str(store.folder), "quality", "--csv", str(local_csv)]) == 0
    local_out = capsys.readouterr().out
    assert main(["quality", "--central", central, "--csv", str(central_csv)]) == 0
    central_out = capsys.readouterr().out
    assert "7 records" not in central_out and "6 records" in central_out
    assert central_out.replace(str(central_csv), "") == local_out.replace(str(local_csv), "")
    with open(local_csv, encoding="utf-8-sig") as a, open(central_csv, encoding="utf-8-sig") as b:
        assert list(csv.reader(a)) == list(csv.reader(b))
    monkeypatch.setenv("SDM_DESKTOP_MACHINE_CONFIG", str(tmp_path / "none.json"))
    assert main(["quality", "--central"]) == 2
    assert "no central store is set up" in capsys.readouterr().err


def test_central_search_is_read_only_and_finds_other_rooms_records(one_pc: tuple[RecordStore, str]) -> None:
    _, central = one_pc
    with CentralReader(central) as reader:
        found = reader.search(HistoryQuery(patient_id=valid_nhs(2)))
        assert [(s.version, s.superseded) for s in found] == [(2, False)]
        assert reader.get(found[0].record_id).sure == ALL_YES
        everything = reader.search(HistoryQuery(include_superseded=True))
        assert len(everything) == 7
        with pytest.raises(CentralError, match="only possible on this computer"):
            reader.search(HistoryQuery(text="hurt"))
        with pytest.raises(CentralError, match="no record with the id"):
            reader.get("nope")
        with pytest.raises(CentralError, match="could not be read"):
            reader.query("INSERT INTO records (record_id) VALUES ('x')")


def test_an_empty_central_store_says_so(central: str) -> None:
    with pytest.raises(CentralError, match="no computer has synced"):
        CentralReader(central)
    with psycopg.connect(central) as conn:
        assert conn.execute("SELECT to_regclass('sdm.records')").fetchone() == (None,)


# -- the figures kept month by month -----------------------------------------------------------------


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local time in the UK, so that in May local midnight is 23:00 UTC the day before."""
    import time

    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield  # type: ignore[misc]
    monkeypatch.undo()
    time.tzset()


def _edge_records(offset: int = 0) -> list:  # type: ignore[type-arg]
    """Records at times either side of local and UTC midnight, in BST and GMT, and mid-month."""
    times = [
        "2026-04-30T22:30:00",
        "2026-04-30T23:30:00",
        "2026-05-01T00:30:00",
        "2026-05-15T12:00:00",
        "2026-05-31T22:59:00",
        "2026-05-31T23:00:00",
        "2026-05-31T23:59:00",
        "2026-06-01T00:00:00",
        "2026-12-31T23:30:00",
        "2027-01-01T00:30:00",
        "2026-05-15T23:30:00",
        "2026-06-10T22:00:00",
    ]
    out = []
    for k, text in enumerate(times):
        when = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
        record = final_record(
            offset + k + 1,
            when=when,
            aid_id="af" if k % 2 else "knee",
            option="doac" if k % 3 else "surgery",
            sure=ONE_NO if k % 2 else ALL_YES,
            collaborate=TOP if k % 4 else NOT_TOP,
        )
        out.append(record.updated(collaborate_by=("patient", "clinician", "")[k % 3]))
    return out


PERIODS = [
    (None, None),
    (dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
    (dt.date(2026, 5, 1), dt.date(2026, 5, 1)),
    (dt.date(2026, 6, 1), None),
    (None, dt.date(2026, 4, 30)),
    (dt.date(2026, 12, 31), dt.date(2027, 1, 1)),
    (dt.date(2027, 1, 1), dt.date(2027, 1, 1)),
    (dt.date(2026, 5, 15), dt.date(2026, 6, 10)),
    (dt.date(2026, 4, 30), dt.date(2026, 5, 15)),
    (dt.date(2026, 5, 2), dt.date(2026, 5, 30)),
    (dt.date(2026, 5, 16), None),
    (None, dt.date(2026, 5, 15)),
]


def _same_everywhere(store: RecordStore, central: str) -> None:
    with CentralReader(central) as reader:
        for period in PERIODS:
            kept = reader.quality(*period)
            assert kept == reader.quality_by_definition(*period), period
            assert kept == store.quality_stats(*period), period


def test_monthly_figures_match_the_definition_at_every_edge(london: None, tmp_path: Path, central: str) -> None:
    with RecordStore.open(tmp_path / "pc") as store:
        records = _edge_records()
        store.import_final(records[:5])
        assert sync(CentralSettings(central, ""), store.folder).error is None
        _same_everywhere(store, central)
        # Amendments arriving in later syncs: the version they replace stops counting.
        v2 = records[1].updated(
            record_id="00000000-0000-4000-8000-000000000801",
            version=2,
            amends=records[1].record_id,
            sure=ALL_YES,
            decision=Decision("undecided"),
        )
        store.import_final([*records[5:], v2])
        assert sync(CentralSettings(central, ""), store.folder).error is None
        _same_everywhere(store, central)
        v3 = v2.updated(
            record_id="00000000-0000-4000-8000-000000000802", version=3, amends=v2.record_id, collaborate=TOP
        )
        store.import_final([v3])
        assert sync(CentralSettings(central, ""), store.folder, batch=1).error is None
        _same_everywhere(store, central)
        with CentralReader(central) as reader:
            whole = reader.quality()
            assert whole.records == len(records)
            assert whole.collaborate_by_patient.denominator > 0 and whole.collaborate_by_clinician.denominator > 0


def test_upgrading_a_store_fills_the_monthly_figures(
    london: None, tmp_path: Path, central: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sdm_desktop.records.central import schema

    with RecordStore.open(tmp_path / "pc") as store:
        records = _edge_records()
        amended = records[2].updated(
            record_id="00000000-0000-4000-8000-000000000803", version=2, amends=records[2].record_id, sure=ONE_NO
        )
        store.import_final([*records, amended])
        with monkeypatch.context() as m:  # a central store made by the version before the daily figures
            m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
            m.setattr(schema, "LATEST", 1)
            assert sync(CentralSettings(central, ""), store.folder).error is None
        with psycopg.connect(central) as conn:
            assert schema.migrate(conn) == 1
            assert schema.schema_version(conn) == 2
        _same_everywhere(store, central)
