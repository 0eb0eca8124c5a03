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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .export_csv import write_csv_atomically
from .history import HistoryQuery, where_clause
from .model import SURE_FLAG_AT_OR_BELOW
from .store import RecordStore


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
    collaborate_by_patient: Share = Share(0, 0)
    collaborate_by_clinician: Share = Share(0, 0)


_BY = "json_extract(r.body, '$.collaborate_by')"


def _top_box_by(who: str) -> str:
    return (f"sum(coalesce(r.collaborate_top_box, 0) AND {_BY} = '{who}'), "
            f"sum(r.collaborate_top_box IS NOT NULL AND {_BY} = '{who}')")


def quality_stats(store: RecordStore, since: dt.date | None = None, until: dt.date | None = None) -> QualityStats:
    """The figures for consultations from ``since`` to ``until`` (either may be open)."""
    where, params = where_clause(HistoryQuery(since=since, until=until))
    decisions = tuple(
        DecisionCount(aid or "", title or "", status, option or "", n)
        for aid, title, status, option, n in store.query(
            f"SELECT r.aid_id, max(r.aid_title), r.decision_status, r.option_id, count(*) FROM records AS r{where} "
            "GROUP BY r.aid_id, r.decision_status, r.option_id ORDER BY r.aid_id, r.decision_status, r.option_id",
            params))
    flagged = f"sum(r.sure_total IS NOT NULL AND r.sure_total <= {SURE_FLAG_AT_OR_BELOW})"
    figures = (f"count(*), {flagged}, count(r.sure_total), "
               "sum(coalesce(r.collaborate_top_box, 0)), count(r.collaborate_top_box)")
    by_aid = tuple(
        AidQuality(aid or "", title or "", n, Share(f or 0, s), Share(t or 0, c))
        for aid, title, n, f, s, t, c in store.query(
            f"SELECT r.aid_id, max(r.aid_title), {figures} FROM records AS r{where} GROUP BY r.aid_id ORDER BY r.aid_id",
            params))
    n, f, s, t, c, pt, pc, ct, cc = store.query(
        f"SELECT {figures}, {_top_box_by('patient')}, {_top_box_by('clinician')} FROM records AS r{where}", params)[0]
    return QualityStats(since, until, n, decisions, by_aid, Share(f or 0, s), Share(t or 0, c),
                        Share(pt or 0, pc or 0), Share(ct or 0, cc or 0))


CSV_COLUMNS = ("since", "until", "measure", "aid_id", "aid_title", "decision_status", "option_id",
               "count", "denominator", "share")


def quality_rows(stats: QualityStats) -> list[dict[str, str | int]]:
    """The figures as rows (one measure per row), for CSV or a chart."""
    period = {"since": stats.since.isoformat() if stats.since else "",
              "until": stats.until.isoformat() if stats.until else ""}
    per_aid = {a.aid_id: a.records for a in stats.by_aid}
    rows: list[dict[str, str | int]] = []

    def add(measure: str, aid_id: str, title: str, status: str, option: str, share: Share) -> None:
        rows.append({**period, "measure": measure, "aid_id": aid_id, "aid_title": title, "decision_status": status,
                     "option_id": option, "count": share.count, "denominator": share.denominator,
                     "share": "" if share.share is None else f"{share.share:.4f}"})

    for d in stats.decisions:
        add("decision", d.aid_id, d.aid_title, d.decision_status, d.option_id, Share(d.count, per_aid.get(d.aid_id, 0)))
    for a in stats.by_aid:
        add("sure_total_3_or_less", a.aid_id, a.aid_title, "", "", a.sure_flagged)
        add("collaborate_top_box", a.aid_id, a.aid_title, "", "", a.collaborate_top_box)
    add("sure_total_3_or_less", "", "all aids", "", "", stats.sure_flagged)
    add("collaborate_top_box", "", "all aids", "", "", stats.collaborate_top_box)
    add("collaborate_top_box_answered_by_patient", "", "all aids", "", "", stats.collaborate_by_patient)
    add("collaborate_top_box_entered_by_clinician", "", "all aids", "", "", stats.collaborate_by_clinician)
    return rows


def write_quality_csv(stats: QualityStats, path: Path) -> None:
    write_csv_atomically(path, CSV_COLUMNS, quality_rows(stats))


def format_table(stats: QualityStats) -> str:
    """A small plain-text table for the terminal."""
    period = f"{stats.since or 'the start'} to {stats.until or 'today'}"
    lines = [f"SDM quality, consultations from {period}: {stats.records} record{'s' if stats.records != 1 else ''}", ""]
    if not stats.records:
        return "\n".join([*lines, "No final records in this period."])
    width = max(len("aid / decision"), *(len(f"  {d.decision_status} {d.option_id}".rstrip()) for d in stats.decisions),
                *(len(a.aid_title or a.aid_id or "(no aid)") for a in stats.by_aid))
    lines.append(f"{'aid / decision':<{width}}  {'records':>7}  {'SURE<=3':>9}  {'top box':>9}")
    for a in stats.by_aid:
        lines.append(f"{(a.aid_title or a.aid_id or '(no aid)'):<{width}}  {a.records:>7}  "
                     f"{_cell(a.sure_flagged):>9}  {_cell(a.collaborate_top_box):>9}")
        for d in stats.decisions:
            if d.aid_id == a.aid_id:
                lines.append(f"{f'  {d.decision_status} {d.option_id}'.rstrip():<{width}}  {d.count:>7}")
    lines.append(f"{'all':<{width}}  {stats.records:>7}  {_cell(stats.sure_flagged):>9}  "
                 f"{_cell(stats.collaborate_top_box):>9}")
    lines += ["", "SURE<=3: share of answered SURE tests totalling 3 or less (possible decisional conflict).",
              "top box: share of complete CollaboRATE answers with every item scored 4.",
              f"  answered by the patient: {_cell(stats.collaborate_by_patient)}; "
              f"entered by the clinician: {_cell(stats.collaborate_by_clinician)}."]
    return "\n".join(lines)


def _cell(share: Share) -> str:
    return f"{share.percent()} of {share.denominator}" if share.denominator else "-"
