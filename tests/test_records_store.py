"""The records database: drafts, finalising, amending, history search."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from test_records_factory import draft_record, final_record, valid_nhs, wrong_check_digit

from sdm_desktop.records.errors import RecordConflict, RecordIncomplete, RecordNotFound
from sdm_desktop.records.history import HistoryQuery
from sdm_desktop.records.location import data_dir, data_dir_from_args, database_path
from sdm_desktop.records.model import AidRef, Decision
from sdm_desktop.records.store import RecordStore


@pytest.fixture
def store(tmp_path: Path) -> RecordStore:
    s = RecordStore.open(tmp_path / "records")
    yield s  # type: ignore[misc]
    s.close()


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    monkeypatch.setenv("SDM_DESKTOP_DATA_DIR", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    assert data_dir_from_args(argparse.Namespace(data_dir=str(tmp_path / "cli"))) == tmp_path / "cli"
    assert data_dir_from_args(argparse.Namespace(data_dir=None)) == tmp_path / "env"
    monkeypatch.delenv("SDM_DESKTOP_DATA_DIR")
    assert data_dir().name == "sdm-desktop"


def test_pragmas(store: RecordStore) -> None:
    assert store._rows("PRAGMA journal_mode")[0][0] == "wal"
    assert store._rows("PRAGMA synchronous")[0][0] == 2  # FULL


def test_every_edit_is_saved_and_drafts_can_be_resumed(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    with RecordStore.open(folder) as s:
        first = s.new_draft(clinician_name="Dr Ada Jones", clinician_role="GP")
        second = s.new_draft(clinician_name="Dr Ada Jones", clinician_role="GP")
        s.save_draft(first.updated(what_matters="Being able to garden"))
        s.save_draft(first.updated(what_matters="Being able to garden", questions=("Is it safe?",)))
    with RecordStore.open(folder) as s:
        drafts = {d.record_id: d for d in s.drafts()}
        assert set(drafts) == {first.record_id, second.record_id}
        resumed = drafts[first.record_id].record
        assert (resumed.what_matters, resumed.questions) == ("Being able to garden", ("Is it safe?",))
        assert s.drafts()[0].record_id == first.record_id  # most recently edited first
        s.discard_draft(second.record_id)
        assert [d.record_id for d in s.drafts()] == [first.record_id]
        with pytest.raises(RecordNotFound):
            s.get_draft(second.record_id)


def test_finalise_moves_the_draft_to_history_and_normalises_the_nhs_number(store: RecordStore) -> None:
    number = valid_nhs(11)
    draft = draft_record(patient_id=f"{number[:3]} {number[3:6]} {number[6:]}")
    store.save_draft(draft)
    final = store.finalise(draft)
    assert final.status == "final" and final.finalised is not None
    assert final.patient_id == number
    assert store.drafts() == []
    assert store.get(draft.record_id) == final
    [row] = store.search()
    assert (row.record_id, row.patient_id, row.option_id, row.superseded) == (draft.record_id, number, "pill", False)


def test_finalise_refuses_an_incomplete_record_and_keeps_the_draft(store: RecordStore) -> None:
    draft = draft_record(patient_id=wrong_check_digit(valid_nhs(2)), decision=Decision("leaning"))
    store.save_draft(draft)
    with pytest.raises(RecordIncomplete) as info:
        store.finalise(draft)
    assert [f for f, _ in info.value.problems] == ["patient_id", "decision.option_id"]
    assert "check digit is wrong" in str(info.value)
    assert store.get_draft(draft.record_id) == draft


def test_a_final_record_is_never_changed(store: RecordStore) -> None:
    draft = draft_record()
    store.save_draft(draft)
    final = store.finalise(draft)
    with pytest.raises(RecordConflict):
        store.save_draft(draft)  # a stale copy of the draft cannot bring it back
    with pytest.raises(RecordConflict):
        store.save_draft(final)
    with pytest.raises(RecordConflict):
        store.finalise(draft)
    # Even SQL that goes around the store is refused by the database itself.
    conn = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        conn.execute("UPDATE records SET patient_id = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM records")
    conn.close()
    assert store.get(draft.record_id) == final


def test_amend_makes_a_linked_new_version_and_keeps_the_old(store: RecordStore) -> None:
    draft = draft_record(notes="Worried about bleeding")
    store.save_draft(draft)
    v1 = store.finalise(draft)
    v2_draft = store.amend(v1.record_id, by="Dr Ben Khan (GP)", reason="Wrong option recorded")
    assert store.amend(v1.record_id, by="Dr Ben Khan (GP)") == v2_draft  # resumes the same amendment
    assert (v2_draft.version, v2_draft.amends, v2_draft.status) == (2, v1.record_id, "draft")
    v2 = store.finalise(v2_draft.updated(decision=Decision("decided", "wait")))
    assert v2.amended_by == "Dr Ben Khan (GP)" and v2.amended_at is not None
    assert store.get(v1.record_id) == v1
    assert [r.record_id for r in store.versions(v1.record_id)] == [v1.record_id, v2.record_id]
    assert [r.record_id for r in store.versions(v2.record_id)] == [v1.record_id, v2.record_id]
    assert [r.record_id for r in store.search()] == [v2.record_id]
    both = store.search(HistoryQuery(include_superseded=True))
    assert {(r.record_id, r.superseded) for r in both} == {(v1.record_id, True), (v2.record_id, False)}
    with pytest.raises(RecordConflict, match="already been amended"):
        store.amend(v1.record_id, by="x")


def test_two_amendments_of_the_same_version_cannot_both_be_finalised(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    with RecordStore.open(folder) as a, RecordStore.open(folder) as b:
        draft = draft_record()
        a.save_draft(draft)
        v1 = a.finalise(draft)
        first = a.amend(v1.record_id, by="A", reason="one")
        other = first.updated(record_id="11111111-1111-4111-8111-111111111111")
        b.save_draft(other)
        a.finalise(first)
        with pytest.raises(RecordConflict, match="already amended"):
            b.finalise(other)


def test_amend_unknown_record(store: RecordStore) -> None:
    with pytest.raises(RecordNotFound):
        store.amend("nope", by="x")


@pytest.fixture
def history(store: RecordStore) -> RecordStore:
    base = dt.datetime(2026, 3, 1, 9, 0).astimezone()
    records = []
    for i in range(60):
        records.append(
            final_record(
                i,
                when=base + dt.timedelta(days=i),
                aid_id="af" if i % 3 == 0 else "knee",
                status=("decided", "leaning", "undecided", "more_time")[i % 4],
                option="doac" if i % 2 == 0 else "surgery",
                patient=valid_nhs(1000 + i % 10),
                notes="Worried about falls" if i == 42 else "",
            )
        )
    assert store.import_final(records) == 60
    assert store.import_final(records[:5]) == 0  # already there: skipped
    return store


def test_search_by_each_filter(history: RecordStore) -> None:
    all_rows = history.search(HistoryQuery(limit=1000))
    assert len(all_rows) == 60 == history.count()
    assert [r.consulted_at for r in all_rows] == sorted((r.consulted_at for r in all_rows), reverse=True)
    patient = valid_nhs(1003)
    spaced = f"{patient[:3]} {patient[3:6]} {patient[6:]}"
    by_patient = history.search(HistoryQuery(patient_id=spaced))
    assert {r.record_id[-2:] for r in by_patient} == {"03", "13", "23", "33", "43", "53"}
    march = history.search(HistoryQuery(since=dt.date(2026, 3, 10), until=dt.date(2026, 3, 12), limit=1000))
    assert sorted(r.consulted_at.astimezone().day for r in march) == [10, 11, 12]
    af = history.search(HistoryQuery(aid_id="af", limit=1000))
    assert len(af) == 20 and all(r.aid_id == "af" for r in af)
    decided = history.search(HistoryQuery(decision_status="decided", option_id="doac", limit=1000))
    assert len(decided) == 15 and all((r.decision_status, r.option_id) == ("decided", "doac") for r in decided)
    [falls] = history.search(HistoryQuery(text="fall"))
    assert falls.record_id.endswith("42")
    assert history.search(HistoryQuery(text="fall", aid_id="af")) == [falls]
    assert history.search(HistoryQuery(text="\"' OR 1=1 --")) == []
    page = history.search(HistoryQuery(limit=10, offset=10))
    assert [r.record_id for r in page] == [r.record_id for r in all_rows[10:20]]


def test_search_uses_indexes(history: RecordStore) -> None:
    for query in (
        HistoryQuery(patient_id=valid_nhs(1003)),
        HistoryQuery(aid_id="af"),
        HistoryQuery(since=dt.date(2026, 3, 10)),
        HistoryQuery(decision_status="decided", option_id="doac"),
    ):
        from sdm_desktop.records.history import search_sql

        sql, params = search_sql(query)
        plan = " ".join(str(row[-1]) for row in history._rows(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert "SCAN r" not in plan, plan


def test_new_draft_takes_clinician_and_aid(store: RecordStore) -> None:
    aid = AidRef("example-grid", "1.0.0", "f" * 64, "An example choice")
    draft = store.new_draft(
        clinician_name="Dr Ada Jones", clinician_role="Nurse", patient_id_kind="local_reference", aid=aid
    )
    saved = store.get_draft(draft.record_id)
    assert (saved.clinician_role, saved.patient_id_kind, saved.aid) == ("Nurse", "local_reference", aid)
    assert database_path(store.folder).exists()


def test_new_draft_from_preferences(store: RecordStore) -> None:
    from sdm_desktop.config import Config

    draft = store.new_draft(
        config=Config(clinician_name="Sam Patel", clinician_role="Practice nurse", patient_id_mode="local_reference")
    )
    assert (draft.clinician_name, draft.clinician_role, draft.patient_id_kind) == (
        "Sam Patel",
        "Practice nurse",
        "local_reference",
    )
