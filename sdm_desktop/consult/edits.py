"""Typed edits of a draft record: each one a function from the record to the next.

The Record panel never names a field as a string: it asks for one of these,
so a misspelt field or a value of the wrong type is caught by the type
checker, not by a crash in front of a patient.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace

from ..records.model import CollaborateBy, Decision, PatientIdKind, Record
from .draft import with_unparsed

Edit = Callable[[Record], Record]

CREATED = "created"
FOLLOW_UP = "decision.follow_up"


def patient(kind: PatientIdKind, text: str) -> Edit:
    return lambda r: replace(r, patient_id_kind=kind, patient_id=text)


def clinician(name: str, role: str) -> Edit:
    return lambda r: replace(r, clinician_name=name, clinician_role=role)


def consulted_at(when: dt.datetime) -> Edit:
    """A consultation time read from the form (to the second); the typed text is forgotten."""
    return lambda r: replace(r, created=when.replace(microsecond=0), unparsed=with_unparsed(r.unparsed, CREATED, None))


def consulted_at_typed(text: str) -> Edit:
    """A consultation time that could not be read, kept as typed so nothing is lost."""
    return lambda r: replace(r, unparsed=with_unparsed(r.unparsed, CREATED, text))


def follow_up(day: dt.date | None, typed: str | None = None) -> Edit:
    """The follow-up date (None when empty or unreadable); ``typed`` keeps text that could not be read."""
    return lambda r: replace(
        r, decision=replace(r.decision, follow_up=day), unparsed=with_unparsed(r.unparsed, FOLLOW_UP, typed)
    )


def decision(value: Decision) -> Edit:
    return lambda r: replace(r, decision=value)


def next_step(text: str) -> Edit:
    return lambda r: replace(r, decision=replace(r.decision, next_step=text))


def importance(values: Mapping[str, int], own_words: Mapping[str, str], what_matters: str) -> Edit:
    return lambda r: replace(r, importance=dict(values), importance_words=dict(own_words), what_matters=what_matters)


def sure(answers: Mapping[str, int]) -> Edit:
    return lambda r: replace(r, sure=dict(answers))


def collaborate(answers: Mapping[str, int], by: CollaborateBy = "clinician", at: dt.datetime | None = None) -> Edit:
    """CollaboRATE's answers, who gave them (the patient themselves, or the clinician for them) and when.

    No answers clear who and when as well."""
    if not answers:
        return lambda r: replace(r, collaborate={}, collaborate_by="", collaborate_at=None)
    moment = at or dt.datetime.now().astimezone().replace(microsecond=0)
    return lambda r: replace(r, collaborate=dict(answers), collaborate_by=by, collaborate_at=moment)


def notes(text: str) -> Edit:
    return lambda r: replace(r, notes=text)


def amended_reason(text: str) -> Edit:
    return lambda r: replace(r, amended_reason=text)
