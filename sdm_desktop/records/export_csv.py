"""One CSV row per final record, for audit.

By default no free text is written: not the patient's own words, their
questions, the next step, the reason for an amendment, nor the notes. Free text
is where identifying details creep in, and an audit needs the coded answers
only. ``include_free_text`` (``--include-free-text`` on the command line) adds
those columns at the end. Cells that a spreadsheet would run as a formula
(starting with = + - @ or a tab) are prefixed with an apostrophe, and control
characters are left out (textclean.py).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..atomic import atomic_file
from .columns import utc_text
from .model import Record
from .textclean import clean_text

AUDIT_COLUMNS: tuple[str, ...] = (
    "record_id",
    "version",
    "amends",
    "amended_by",
    "amended_at",
    "consulted_at",
    "finalised_at",
    "clinician_name",
    "clinician_role",
    "patient_id_kind",
    "patient_id",
    "aid_id",
    "aid_version",
    "aid_content_hash",
    "aid_title",
    "rows_discussed",
    "risk_inputs",
    "scores_shown",
    "figures_shown",
    "importance",
    "questions_count",
    "decision_status",
    "option_id",
    "follow_up",
    "sure_answers",
    "sure_total",
    "sure_flagged",
    "collaborate_answers",
    "collaborate_top_box",
    "collaborate_by",
    "collaborate_at",
)
FREE_TEXT_COLUMNS: tuple[str, ...] = (
    "what_matters",
    "importance_words",
    "questions",
    "next_step",
    "amended_reason",
    "notes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _pairs(values: Mapping[str, object]) -> str:
    return "; ".join(f"{k}={_plain(v)}" for k, v in sorted(values.items()))


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def audit_row(record: Record, *, include_free_text: bool = False) -> dict[str, str | int]:
    """The CSV row for ``record``."""
    aid = record.aid
    row: dict[str, str | int] = {
        "record_id": record.record_id,
        "version": record.version,
        "amends": record.amends or "",
        "amended_by": record.amended_by,
        "amended_at": utc_text(record.amended_at) if record.amended_at else "",
        "consulted_at": utc_text(record.created),
        "finalised_at": utc_text(record.finalised) if record.finalised else "",
        "clinician_name": record.clinician_name,
        "clinician_role": record.clinician_role,
        "patient_id_kind": record.patient_id_kind,
        "patient_id": record.patient_id,
        "aid_id": aid.id if aid else "",
        "aid_version": aid.version if aid else "",
        "aid_content_hash": aid.content_hash if aid else "",
        "aid_title": aid.title if aid else "",
        "rows_discussed": "; ".join(record.rows_discussed),
        "risk_inputs": _pairs(record.risk_inputs),
        "scores_shown": _pairs(record.scores_shown),
        "figures_shown": "; ".join(
            f"{f.row_id}/{f.option_id}={f.events}/{f.denominator}" for f in record.figures_shown
        ),
        "importance": _pairs(record.importance),
        "questions_count": len(record.questions),
        "decision_status": record.decision.status,
        "option_id": record.decision.option_id or "",
        "follow_up": record.decision.follow_up.isoformat() if record.decision.follow_up else "",
        "sure_answers": _pairs(record.sure),
        "sure_total": "" if record.sure_total is None else record.sure_total,
        "sure_flagged": _yes_no(record.sure_flagged if record.sure_total is not None else None),
        "collaborate_answers": _pairs(record.collaborate),
        "collaborate_top_box": _yes_no(record.collaborate_top_box),
        "collaborate_by": record.collaborate_by,
        "collaborate_at": record.collaborate_at.isoformat() if record.collaborate_at else "",
    }
    if include_free_text:
        row.update(
            {
                "what_matters": record.what_matters,
                "importance_words": _pairs(record.importance_words),
                "questions": " | ".join(record.questions),
                "next_step": record.decision.next_step,
                "amended_reason": record.amended_reason,
                "notes": record.notes,
            }
        )
    return row


def _safe(value: str | int) -> str | int:
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def write_csv_atomically(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, str | int]]) -> int:
    """Write a CSV file (UTF-8 with a byte-order mark, for spreadsheets) all at once or not at all.

    ``rows`` is read one at a time, so memory stays flat however many there
    are. Returns how many rows were written."""
    count = 0
    with atomic_file(path, encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _safe(v) for k, v in row.items()})
            count += 1
    return count


def write_records_csv(records: Iterable[Record], path: Path, *, include_free_text: bool = False) -> int:
    """Write ``records`` to ``path``, one at a time; return how many rows were written."""
    columns = AUDIT_COLUMNS + (FREE_TEXT_COLUMNS if include_free_text else ())
    return write_csv_atomically(path, columns, (audit_row(r, include_free_text=include_free_text) for r in records))
