"""Searching past (final) records: the query, its SQL, and the rows it returns.

Every filter is backed by an index (see migrations.py), so a search stays fast
over a hundred thousand records. By default only the latest version of each
record is listed; amended versions are reached through ``include_superseded``
or :meth:`RecordStore.versions`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .columns import from_utc_text, utc_text
from .nhs import strip_separators

SUMMARY_COLUMNS = (
    "r.record_id",
    "r.version",
    "r.amends",
    "r.consulted_at",
    "r.finalised_at",
    "r.patient_id_kind",
    "r.patient_id",
    "r.clinician_name",
    "r.aid_id",
    "r.aid_version",
    "r.aid_title",
    "r.decision_status",
    "r.option_id",
    "r.sure_total",
    "r.collaborate_top_box",
)
_NOT_SUPERSEDED = "NOT EXISTS (SELECT 1 FROM records AS n WHERE n.amends = r.record_id)"


@dataclass(frozen=True)
class HistoryQuery:
    """What to look for; every field left as None matches everything.

    ``since`` and ``until`` are consultation dates (local calendar days,
    both included). ``text`` finds records whose patient's words, questions,
    notes or next step contain every word given (word beginnings match).
    """

    patient_id: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    aid_id: str | None = None
    decision_status: str | None = None
    option_id: str | None = None
    text: str | None = None
    include_superseded: bool = False
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class RecordSummary:
    """One line of the history list, without reading the record's JSON."""

    record_id: str
    version: int
    amends: str | None
    consulted_at: dt.datetime
    finalised_at: dt.datetime
    patient_id_kind: str
    patient_id: str
    clinician_name: str
    aid_id: str | None
    aid_version: str
    aid_title: str
    decision_status: str
    option_id: str | None
    sure_total: int | None
    collaborate_top_box: bool | None
    superseded: bool

    @property
    def sure_flagged(self) -> bool:
        return self.sure_total is not None and self.sure_total <= 3


def day_start_utc(day: dt.date) -> str:
    """The UTC time stamp of local midnight at the start of ``day``."""
    return utc_text(dt.datetime.combine(day, dt.time()).astimezone())


def _fts_query(text: str) -> str | None:
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words) or None


def where_clause(query: HistoryQuery) -> tuple[str, list[Any]]:
    """SQL conditions over ``records AS r`` for ``query``, and their parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    if query.patient_id:
        value = query.patient_id.strip()
        digits = strip_separators(value)
        conditions.append("r.patient_id = ?")
        params.append(digits if digits.isdigit() else value)
    if query.since:
        conditions.append("r.consulted_at >= ?")
        params.append(day_start_utc(query.since))
    if query.until:
        conditions.append("r.consulted_at < ?")
        params.append(day_start_utc(query.until + dt.timedelta(days=1)))
    if query.aid_id:
        conditions.append("r.aid_id = ?")
        params.append(query.aid_id)
    if query.decision_status:
        conditions.append("r.decision_status = ?")
        params.append(query.decision_status)
    if query.option_id:
        conditions.append("r.option_id = ?")
        params.append(query.option_id)
    if query.text:
        match = _fts_query(query.text)
        if match:
            conditions.append("r.rowid IN (SELECT rowid FROM records_text WHERE records_text MATCH ?)")
            params.append(match)
    if not query.include_superseded:
        conditions.append(_NOT_SUPERSEDED)
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


def search_sql(query: HistoryQuery) -> tuple[str, list[Any]]:
    where, params = where_clause(query)
    sql = (
        f"SELECT {', '.join(SUMMARY_COLUMNS)}, "
        f"EXISTS (SELECT 1 FROM records AS n WHERE n.amends = r.record_id) "
        f"FROM records AS r{where} ORDER BY r.consulted_at DESC, r.record_id LIMIT ? OFFSET ?"
    )
    return sql, [*params, max(0, query.limit), max(0, query.offset)]


def count_sql(query: HistoryQuery) -> tuple[str, list[Any]]:
    where, params = where_clause(query)
    return f"SELECT count(*) FROM records AS r{where}", params


def summary_from_row(row: tuple[Any, ...]) -> RecordSummary:
    (
        record_id,
        version,
        amends,
        consulted_at,
        finalised_at,
        kind,
        patient_id,
        clinician,
        aid_id,
        aid_version,
        aid_title,
        status,
        option_id,
        sure_total,
        top_box,
        superseded,
    ) = row
    return RecordSummary(
        record_id,
        version,
        amends,
        from_utc_text(consulted_at),
        from_utc_text(finalised_at),
        kind,
        patient_id,
        clinician,
        aid_id,
        aid_version,
        aid_title,
        status,
        option_id,
        sure_total,
        None if top_box is None else bool(top_box),
        bool(superseded),
    )


# A read-only query runner (the store's): sql, params -> rows. Reports take one, so only the store runs SQL.
Rows = Callable[[str, Iterable[Any]], list[tuple[Any, ...]]]


class QuerySource:
    """A runner of read-only SQL as an object with ``query`` (what quality.FigureSource asks for)."""

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return self._rows(sql, params)


def aids_used(rows: Rows) -> list[tuple[str, str]]:
    """(aid id, title) of every aid that records were made with, by title."""
    found = rows("SELECT aid_id, max(aid_title) FROM records WHERE aid_id IS NOT NULL GROUP BY aid_id", ())
    return sorted(((str(a), str(t or a)) for a, t in found), key=lambda pair: pair[1].casefold())


def options_used(rows: Rows, aid_id: str | None = None) -> list[str]:
    """The option ids that records (of one aid, if given) were decided or leaning on."""
    sql = "SELECT DISTINCT option_id FROM records WHERE option_id IS NOT NULL"
    params: list[Any] = []
    if aid_id:
        sql += " AND aid_id = ?"
        params.append(aid_id)
    return sorted(str(o) for (o,) in rows(sql + " ORDER BY option_id", params))
