"""Service-wide figures and read-only search over the central store.

The figures are :func:`sdm_desktop.records.quality.quality_stats` itself, run
on PostgreSQL: the same SQL, so one PC's records give the same figures
centrally as on that PC. Search is the history search's SQL, read-only.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import psycopg

from ..history import HistoryQuery, RecordSummary, day_start_utc, search_sql, summary_from_row, where_clause
from ..model import Record, RecordError
from ..quality import QualityStats, figure_groups, quality_stats, stats_from_groups
from .schema import LATEST, schema_version
from .settings import CentralError, connect, load_settings

_MONTH_START = "-01T00:00:00Z"


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def _pg(sql: str) -> str:
    """The project's ``?`` placeholders as psycopg's ``%s`` (the shared SQL has no other ``?`` or ``%``)."""
    if "%" in sql:
        raise ValueError("the shared SQL must not contain '%'")
    return sql.replace("?", "%s")


class CentralReader:
    """A read-only session on the central store (a :class:`~sdm_desktop.records.quality.FigureSource`)."""

    def __init__(self, conninfo: str) -> None:
        self._conn = connect(conninfo)
        self._conn.read_only = True
        self._conn.autocommit = True
        # Reports are short queries over many rows: compiling them (JIT) costs more than it saves.
        # Enough memory to group the figures in memory rather than sorting on disk.
        self._conn.execute("SET jit = off")
        self._conn.execute("SET work_mem = '64MB'")
        self._version = version = schema_version(self._conn)
        if version == 0:
            self._conn.close()
            raise CentralError("The central store is empty: no computer has synced to it yet.")
        if version > LATEST:
            self._conn.close()
            raise CentralError("The central store was set up by a newer version of SDM Desktop. Update to read it.")

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._conn.cursor() as cur:
                cur.execute(_pg(sql).encode(), tuple(params))
                return cur.fetchall()
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise CentralError(f"The central store could not be read ({first}).") from exc

    def quality(self, since: dt.date | None = None, until: dt.date | None = None) -> QualityStats:
        """Service-wide figures over every PC's records, by site as well.

        Whole UTC months come from the figures kept month by month (schema
        step 2); the part of a month at either end of the period comes from the
        records themselves, with the per-PC definition (periods start and end
        at local midnight, which is not always UTC midnight). The tests check
        that both give the definition's figures.
        """
        if self._version < 2:
            return self.quality_by_definition(since, until)
        lo = day_start_utc(since) if since else None
        hi = day_start_utc(until + dt.timedelta(days=1)) if until else None
        conditions: list[str] = []
        params: list[Any] = []
        edges: list[tuple[str, str]] = []
        lo_month = None if lo is None else (lo[:7] if lo.endswith(_MONTH_START) else _next_month(lo[:7]))
        hi_month = None if hi is None else hi[:7]
        if lo is not None and hi is not None and lo_month is not None and hi_month is not None and lo_month > hi_month:
            edges.append((lo, hi))  # the whole period lies within one UTC month
            conditions.append("FALSE")
        else:
            if lo is not None and lo_month is not None:
                conditions.append("month >= ?")
                params.append(lo_month)
                if lo != lo_month + _MONTH_START:
                    edges.append((lo, lo_month + _MONTH_START))
            if hi is not None and hi_month is not None:
                conditions.append("month < ?")
                params.append(hi_month)
                if hi != hi_month + _MONTH_START:
                    edges.append((hi_month + _MONTH_START, hi))
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sums = (
            "sum(records)::bigint, sum(sure_flagged)::bigint, sum(sure_answered)::bigint, sum(top_box)::bigint, "
            "sum(top_answered)::bigint"
        )
        by_who = (
            "sum(top_box_patient)::bigint, sum(top_answered_patient)::bigint, sum(top_box_clinician)::bigint, "
            "sum(top_answered_clinician)::bigint"
        )
        groups = self.query(
            f"SELECT aid_id, max(aid_title), decision_status, option_id, NULL, NULL, NULL, {sums}, {by_who} "
            f"FROM figures_monthly{where} GROUP BY aid_id, decision_status, option_id",
            params,
        )
        months = self.query(
            f"SELECT month, site, clinician_name, {sums} FROM figures_monthly{where} "
            "GROUP BY month, site, clinician_name",
            params,
        )
        latest, latest_params = where_clause(HistoryQuery())
        for start, end in edges:
            part = figure_groups(
                self,
                f"{latest} AND r.consulted_at >= ? AND r.consulted_at < ?",
                [*latest_params, start, end],
                site_column="r.site",
            )
            groups += part
            months += [row[4:12] for row in part]
        return stats_from_groups(since, until, groups, months)

    def quality_by_definition(self, since: dt.date | None = None, until: dt.date | None = None) -> QualityStats:
        """The same figures straight from the records (one pass over all of them)."""
        return quality_stats(self, since, until, site_column="r.site")

    def search(self, query: HistoryQuery) -> list[RecordSummary]:
        """Past records of every PC matching ``query`` (word search is only on each PC)."""
        if query.text:
            raise CentralError("Searching the words of records is only possible on this computer's records.")
        sql, params = search_sql(query)
        return [summary_from_row(row) for row in self.query(sql, params)]

    def get(self, record_id: str) -> Record:
        """One record from the central store, as it was sent."""
        rows = self.query("SELECT body FROM records WHERE record_id = ?", (record_id,))
        if not rows:
            raise CentralError(f"The central store has no record with the id {record_id}.")
        try:
            return Record.from_dict(json.loads(rows[0][0]))
        except (ValueError, RecordError) as exc:
            raise CentralError(f"The central copy of record {record_id} could not be read ({exc}).") from exc

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> CentralReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def central_quality(conninfo: str | None, since: dt.date | None, until: dt.date | None) -> QualityStats | None:
    """For ``sdm-desktop quality --central``: the figures, or None after saying why on stderr."""
    try:
        settings = load_settings(conninfo)
        if settings is None:
            print(
                "sdm-desktop quality: no central store is set up on this computer. IT sets one up in the "
                "machine-wide settings (see docs/central-store.md), or give --central CONNINFO.",
                file=sys.stderr,
            )
            return None
        with CentralReader(settings.conninfo) as reader:
            return reader.quality(since, until)
    except CentralError as exc:
        print(f"sdm-desktop quality: {exc}", file=sys.stderr)
        return None
