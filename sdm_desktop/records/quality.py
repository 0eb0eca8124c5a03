"""Shared decision-making quality figures over a period, from final records.

Only the latest version of each record counts (an amended record counts once,
as amended), and only final records (drafts never). Periods are consultation
dates, both ends included.

- Decisions: how many records ended in each status and option, per aid.
- SURE: of the records with all four SURE items answered, the share whose
  total is 3 or less (possible decisional conflict).
- CollaboRATE: of the records with all three items answered, the share with
  every item answered 4 (the "top box" score); also apart by who answered
  (the patient themselves, or the clinician on the patient's behalf), since
  answers given in front of the clinician tend to be higher. Records made
  before this was kept count in neither part.
- Month by month, per site and clinician: records, SURE and CollaboRATE, so a
  change over time shows.

One definition, two engines: the same SQL runs on this computer's SQLite store
and on the central PostgreSQL store (records/central/report.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .export_csv import write_csv_atomically
from .history import HistoryQuery, where_clause
from .model import SURE_FLAG_AT_OR_BELOW


@dataclass(frozen=True)
class DecisionCount:
    aid_id: str
    aid_title: str
    decision_status: str
    option_id: str
    count: int


@dataclass(frozen=True)
class Share:
    """``count`` of ``denominator``; ``share`` is None when nothing was answered."""

    count: int
    denominator: int

    @property
    def share(self) -> float | None:
        return self.count / self.denominator if self.denominator else None

    def percent(self) -> str:
        return "-" if self.share is None else f"{100 * self.share:.0f}%"


@dataclass(frozen=True)
class AidQuality:
    aid_id: str
    aid_title: str
    records: int
    sure_flagged: Share
    collaborate_top_box: Share


@dataclass(frozen=True)
class QualityStats:
    since: dt.date | None
    until: dt.date | None
    records: int
    decisions: tuple[DecisionCount, ...]
    by_aid: tuple[AidQuality, ...]
    sure_flagged: Share
    collaborate_top_box: Share
    by_month: tuple[MonthQuality, ...] = ()
    collaborate_by_patient: Share = Share(0, 0)
    collaborate_by_clinician: Share = Share(0, 0)


class FigureSource(Protocol):
    """Where the figures come from: this computer's store, or the central store (records/central/report.py).

    ``query`` runs read-only SQL written with ``?`` placeholders over a table
    ``records`` with the columns of the local one, and returns plain tuples.
    """

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]: ...


@dataclass(frozen=True)
class MonthQuality:
    """Records of one clinician at one site in one month (UTC calendar month of the consultation)."""

    month: str  # YYYY-MM
    site: str
    clinician_name: str
    records: int
    sure_flagged: Share
    collaborate_top_box: Share


_FLAGGED = f"sum(CASE WHEN r.sure_total IS NOT NULL AND r.sure_total <= {SURE_FLAG_AT_OR_BELOW} THEN 1 ELSE 0 END)"
_FIGURES = (
    f"count(*), {_FLAGGED}, count(r.sure_total), sum(coalesce(r.collaborate_top_box, 0)), count(r.collaborate_top_box)"
)
# Who answered CollaboRATE (the record's ``collaborate_by``), read from its stored JSON so that no new
# column is needed: top box and answered, for the patient, then for the clinician on their behalf.
_BY_WHO = (
    "sum(CASE WHEN r.collaborate_top_box = 1 AND r.body LIKE ? THEN 1 ELSE 0 END), "
    "sum(CASE WHEN r.collaborate_top_box IS NOT NULL AND r.body LIKE ? THEN 1 ELSE 0 END)"
)
ANSWERED_BY_PATIENT = '%"collaborate_by":"patient"%'
ANSWERED_BY_CLINICIAN = '%"collaborate_by":"clinician"%'


def quality_stats(
    store: FigureSource, since: dt.date | None = None, until: dt.date | None = None, *, site_column: str = "''"
) -> QualityStats:
    """The figures for consultations from ``since`` to ``until`` (either may be open).

    The same SQL runs on SQLite and PostgreSQL. ``site_column`` is the SQL for
    a record's site: none on one computer, ``r.site`` in the central store.
    """
    where, params = where_clause(HistoryQuery(since=since, until=until))
    return stats_from_groups(since, until, figure_groups(store, where, params, site_column=site_column))


def figure_groups(
    store: FigureSource, where: str, params: list[Any], *, site_column: str = "''"
) -> list[tuple[Any, ...]]:
    """The definition itself, in one pass over the latest final records matching ``where``.

    Rows of (aid id, aid title, decision status, option id, month, site,
    clinician, records, SURE 3 or less, SURE answered, top box, CollaboRATE
    answered, then top box and answered by the patient, and by the clinician)
    for the finest groups; :func:`stats_from_groups` adds them up.
    """
    return store.query(
        f"SELECT r.aid_id, max(r.aid_title), r.decision_status, r.option_id, substr(r.consulted_at, 1, 7), "
        f"{site_column}, r.clinician_name, {_FIGURES}, {_BY_WHO}, {_BY_WHO} FROM records AS r{where} "
        "GROUP BY 1, 3, 4, 5, 6, 7",
        [ANSWERED_BY_PATIENT, ANSWERED_BY_PATIENT, ANSWERED_BY_CLINICIAN, ANSWERED_BY_CLINICIAN, *params],
    )


def stats_from_groups(
    since: dt.date | None,
    until: dt.date | None,
    groups: Iterable[tuple[Any, ...]],
    month_groups: Iterable[tuple[Any, ...]] | None = None,
) -> QualityStats:
    """The figures for each view, added up from :func:`figure_groups`' rows (or rows of the same shape).

    With ``month_groups`` (rows of month, site, clinician and the five
    figures, already added up), the months come from those instead.
    """
    by_month_too = month_groups is None
    decisions: dict[tuple[str, str, str], int] = {}
    titles: dict[str, str] = {}
    aids: dict[str, list[int]] = {}
    months: dict[tuple[str, str, str], list[int]] = {}
    by_who = [0, 0, 0, 0]
    for aid, title, status, option, month, site, clinician, n, f, s, t, c, *who in groups:
        if not n:
            continue  # a group whose every record has since been amended into another group
        aid, title = aid or "", title or ""
        key = (aid, status, option or "")
        decisions[key] = decisions.get(key, 0) + n
        if title > titles.get(aid, ""):
            titles[aid] = title
        figures = (n, f or 0, s, t or 0, c)
        _add(aids, aid, figures)
        for i, value in enumerate(who):
            by_who[i] += value or 0
        if by_month_too:
            _add(months, (month, site or "", clinician or ""), figures)
    for month, site, clinician, n, f, s, t, c in month_groups or ():
        if n:
            _add(months, (month, site or "", clinician or ""), (n, f or 0, s, t or 0, c))
    totals = [sum(e[i] for e in aids.values()) for i in range(5)]
    by_decision = tuple(
        DecisionCount(aid, titles.get(aid, ""), status, option, n)
        for (aid, status, option), n in sorted(decisions.items())
    )
    by_aid = tuple(
        AidQuality(aid, titles.get(aid, ""), n, Share(f, s), Share(t, c))
        for aid, (n, f, s, t, c) in sorted(aids.items())
    )
    by_month = tuple(
        MonthQuality(month, site, clinician, n, Share(f, s), Share(t, c))
        for (month, site, clinician), (n, f, s, t, c) in sorted(months.items())
    )
    n, f, s, t, c = totals
    return QualityStats(
        since,
        until,
        n,
        by_decision,
        by_aid,
        Share(f, s),
        Share(t, c),
        by_month,
        Share(by_who[0], by_who[1]),
        Share(by_who[2], by_who[3]),
    )


def _add(table: dict[Any, list[int]], key: Any, figures: tuple[int, int, int, int, int]) -> None:
    entry = table.get(key)
    if entry is None:
        table[key] = list(figures)
    else:
        for i, value in enumerate(figures):
            entry[i] += value


CSV_COLUMNS = (
    "since",
    "until",
    "measure",
    "aid_id",
    "aid_title",
    "decision_status",
    "option_id",
    "count",
    "denominator",
    "share",
    "month",
    "site",
    "clinician",
)


def quality_rows(stats: QualityStats) -> list[dict[str, str | int]]:
    """The figures as rows (one measure per row), for CSV or a chart."""
    period = {
        "since": stats.since.isoformat() if stats.since else "",
        "until": stats.until.isoformat() if stats.until else "",
    }
    per_aid = {a.aid_id: a.records for a in stats.by_aid}
    rows: list[dict[str, str | int]] = []

    def add(
        measure: str, aid_id: str, title: str, status: str, option: str, share: Share, month: MonthQuality | None = None
    ) -> None:
        rows.append(
            {
                **period,
                "measure": measure,
                "aid_id": aid_id,
                "aid_title": title,
                "decision_status": status,
                "option_id": option,
                "count": share.count,
                "denominator": share.denominator,
                "share": "" if share.share is None else f"{share.share:.4f}",
                "month": month.month if month else "",
                "site": month.site if month else "",
                "clinician": month.clinician_name if month else "",
            }
        )

    for d in stats.decisions:
        add("decision", d.aid_id, d.aid_title, d.decision_status, d.option_id, Share(d.count, per_aid.get(d.aid_id, 0)))
    for a in stats.by_aid:
        add("sure_total_3_or_less", a.aid_id, a.aid_title, "", "", a.sure_flagged)
        add("collaborate_top_box", a.aid_id, a.aid_title, "", "", a.collaborate_top_box)
    add("sure_total_3_or_less", "", "all aids", "", "", stats.sure_flagged)
    add("collaborate_top_box", "", "all aids", "", "", stats.collaborate_top_box)
    add("collaborate_top_box_answered_by_patient", "", "all aids", "", "", stats.collaborate_by_patient)
    add("collaborate_top_box_entered_by_clinician", "", "all aids", "", "", stats.collaborate_by_clinician)
    for m in stats.by_month:
        add("records_in_month", "", "", "", "", Share(m.records, stats.records), m)
        add("sure_total_3_or_less_in_month", "", "", "", "", m.sure_flagged, m)
        add("collaborate_top_box_in_month", "", "", "", "", m.collaborate_top_box, m)
    return rows


def write_quality_csv(stats: QualityStats, path: Path) -> None:
    write_csv_atomically(path, CSV_COLUMNS, quality_rows(stats))


def format_table(stats: QualityStats) -> str:
    """A small plain-text table for the terminal."""
    period = f"{stats.since or 'the start'} to {stats.until or 'today'}"
    lines = [f"SDM quality, consultations from {period}: {stats.records} record{'s' if stats.records != 1 else ''}", ""]
    if not stats.records:
        return "\n".join([*lines, "No final records in this period."])
    width = max(
        len("aid / decision"),
        *(len(f"  {d.decision_status} {d.option_id}".rstrip()) for d in stats.decisions),
        *(len(a.aid_title or a.aid_id or "(no aid)") for a in stats.by_aid),
    )
    lines.append(f"{'aid / decision':<{width}}  {'records':>7}  {'SURE<=3':>9}  {'top box':>9}")
    for a in stats.by_aid:
        lines.append(
            f"{(a.aid_title or a.aid_id or '(no aid)'):<{width}}  {a.records:>7}  "
            f"{_cell(a.sure_flagged):>9}  {_cell(a.collaborate_top_box):>9}"
        )
        for d in stats.decisions:
            if d.aid_id == a.aid_id:
                lines.append(f"{f'  {d.decision_status} {d.option_id}'.rstrip():<{width}}  {d.count:>7}")
    lines.append(
        f"{'all':<{width}}  {stats.records:>7}  {_cell(stats.sure_flagged):>9}  {_cell(stats.collaborate_top_box):>9}"
    )
    if stats.by_month:
        lines += ["", f"{'month':<7}  {'site':<20}  {'clinician':<24}  {'records':>7}  {'SURE<=3':>9}  {'top box':>9}"]
        for m in stats.by_month:
            lines.append(
                f"{m.month:<7}  {(m.site or '-')[:20]:<20}  {(m.clinician_name or '-')[:24]:<24}  "
                f"{m.records:>7}  {_cell(m.sure_flagged):>9}  {_cell(m.collaborate_top_box):>9}"
            )
    lines += [
        "",
        "SURE<=3: share of answered SURE tests totalling 3 or less (possible decisional conflict).",
        "top box: share of complete CollaboRATE answers with every item scored 4.",
        f"  answered by the patient: {_cell(stats.collaborate_by_patient)}; "
        f"entered by the clinician: {_cell(stats.collaborate_by_clinician)}.",
    ]
    return "\n".join(lines)


def _cell(share: Share) -> str:
    return f"{share.percent()} of {share.denominator}" if share.denominator else "-"
