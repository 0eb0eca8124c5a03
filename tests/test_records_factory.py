"""Makers of records for the records tests (imported by the test_records_* modules)."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from typing import Any

import nhs_number

from sdm_desktop.records.model import AidRef, Decision, FigureShown, Record

UTC = dt.UTC


def valid_nhs(seed: int) -> str:
    """A number in the England range with a correct Modulus 11 check digit (not a real person's)."""
    rng = random.Random(seed)
    while True:
        first9 = "4" + "".join(str(rng.randrange(10)) for _ in range(8))
        check = nhs_number.calculate_checksum(first9)
        if check is not None and check < 10:
            return first9 + str(check)


def wrong_check_digit(number: str) -> str:
    return number[:9] + str((int(number[9]) + 1) % 10)


def final_record(
    i: int,
    *,
    when: dt.datetime | None = None,
    aid_id: str = "example-grid",
    status: str = "decided",
    option: str | None = "pill",
    sure: dict[str, int] | None = None,
    collaborate: dict[str, int] | None = None,
    patient: str | None = None,
    notes: str = "",
) -> Record:
    when = when or dt.datetime(2026, 1, 1, 9, 0, tzinfo=UTC) + dt.timedelta(hours=i)
    return Record(
        record_id=f"00000000-0000-4000-8000-{i:012d}",
        status="final",
        created=when,
        finalised=when + dt.timedelta(minutes=10),
        clinician_name="Dr Ada Jones",
        clinician_role="GP",
        patient_id_kind="nhs_number",
        patient_id=patient or valid_nhs(i),
        aid=AidRef(aid_id, "1.0.0", "0" * 64, f"Aid {aid_id}"),
        rows_discussed=("what", "chance"),
        figures_shown=(FigureShown("chance", "pill", 5, 100, "1 year", 5.0),),
        importance={"avoid-pills": 3},
        questions=("Will it hurt?",),
        decision=Decision(
            status,
            option if status in ("leaning", "decided") else None,  # type: ignore[arg-type]
            dt.date(2027, 1, 1) if status == "more_time" else None,
            "",
        ),
        sure=sure if sure is not None else {"s1": 1, "s2": 1, "s3": 1, "s4": 1},
        collaborate=collaborate if collaborate is not None else {"c1": 4, "c2": 4, "c3": 4},
        notes=notes,
    )


def draft_record(**changes: object) -> Record:
    base = Record(
        clinician_name="Dr Ada Jones",
        clinician_role="GP",
        patient_id=valid_nhs(1),
        aid=AidRef("example-grid", "1.0.0", "0" * 64, "An example choice"),
        created=dt.datetime.now().astimezone().replace(microsecond=0) - dt.timedelta(minutes=5),
        decision=Decision("decided", "pill"),
    )
    return base.updated(**changes)


class DiskFullConnection:
    """A real connection whose writes fail as they do when the disk is full."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)
