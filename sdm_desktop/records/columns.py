"""The indexed columns kept beside each final record's JSON, for search and figures."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .model import Record


def utc_text(moment: dt.datetime) -> str:
    """A fixed-width UTC time stamp that sorts as text: 2026-11-24T10:30:00Z."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_text(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def body(record: Record) -> str:
    """The record's JSON as stored (compact, UTF-8)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))


def final_columns(record: Record) -> dict[str, Any]:
    """Column values for the ``records`` table (schema version 2 and later)."""
    top_box = record.collaborate_top_box
    assert record.finalised is not None
    return {
        "record_id": record.record_id,
        "version": record.version,
        "amends": record.amends,
        "patient_id_kind": record.patient_id_kind,
        "patient_id": record.patient_id,
        "consulted_at": utc_text(record.created),
        "aid_id": record.aid.id if record.aid else None,
        "aid_version": record.aid.version if record.aid else "",
        "aid_title": record.aid.title if record.aid else "",
        "clinician_name": record.clinician_name,
        "decision_status": record.decision.status,
        "option_id": record.decision.option_id,
        "sure_total": record.sure_total,
        "collaborate_top_box": None if top_box is None else int(top_box),
        "finalised_at": utc_text(record.finalised),
        "body": body(record),
    }


FINAL_COLUMNS: tuple[str, ...] = (
    "record_id",
    "version",
    "amends",
    "patient_id_kind",
    "patient_id",
    "consulted_at",
    "aid_id",
    "aid_version",
    "aid_title",
    "clinician_name",
    "decision_status",
    "option_id",
    "sure_total",
    "collaborate_top_box",
    "finalised_at",
    "body",
)
INSERT_FINAL = f"INSERT INTO records ({', '.join(FINAL_COLUMNS)}) VALUES ({', '.join(':' + c for c in FINAL_COLUMNS)})"
