"""Per-field checks for the capture panel: each returns ``(value | None, message | None)``.

The panel calls these as a person types and shows the message inline; the
value is the normalised form to keep. A draft keeps whatever was typed, valid
or not; :func:`problems_before_finalising` lists what must be put right before
a record can be finalised.
"""

from __future__ import annotations

import datetime as dt
import re

from .model import COLLABORATE_ITEMS, DECISION_STATUSES, SURE_ITEMS, Record
from .nhs import validate_nhs_number

__all__ = [
    "FieldProblem",
    "parse_date",
    "problems_before_finalising",
    "validate_consultation_time",
    "validate_follow_up",
    "validate_importance",
    "validate_local_reference",
    "validate_nhs_number",
    "validate_patient_id",
]

LOCAL_REFERENCE_MAX = 40
_LOCAL_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./_-]*$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_UK_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
FOLLOW_UP_MAX_DAYS = 2 * 366


def validate_local_reference(text: str) -> tuple[str | None, str | None]:
    """A local patient reference (hospital or practice number): trimmed, 1 to 40 characters."""
    value = " ".join(text.split())
    if not value:
        return None, "Please type the patient's local reference"
    if len(value) > LOCAL_REFERENCE_MAX:
        return None, f"A local reference is at most {LOCAL_REFERENCE_MAX} characters; this has {len(value)}"
    if not _LOCAL_REFERENCE.match(value):
        return None, "A local reference may have letters, digits, spaces and . / _ - only"
    digits, _ = validate_nhs_number(value, allow_test_numbers=True)
    if digits is not None:
        return None, "That looks like an NHS number — choose 'NHS number' instead of 'local reference'"
    return value, None


def validate_patient_id(kind: str, text: str, *, allow_test_numbers: bool = False) -> tuple[str | None, str | None]:
    """Check ``text`` as the kind of identifier chosen ('nhs_number' or 'local_reference')."""
    if kind == "nhs_number":
        return validate_nhs_number(text, allow_test_numbers=allow_test_numbers)
    if kind == "local_reference":
        return validate_local_reference(text)
    return None, "Choose whether the patient is identified by NHS number or by a local reference"


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """A date typed as 24/11/2026 (day first, as in the UK) or 2026-11-24."""
    value = text.strip()
    if not value:
        return None, "Please type a date, for example 24/11/2026"
    if m := _ISO_DATE.match(value):
        year, month, day = (int(g) for g in m.groups())
    elif m := _UK_DATE.match(value):
        day, month, year = (int(g) for g in m.groups())
    else:
        return None, "Please type the date as day/month/year, for example 24/11/2026"
    if not 1 <= month <= 12:
        return None, f"There is no month {month} — please check the date"
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, f"There is no {day} {_MONTHS[month - 1]} {year} — please check the date"


def validate_follow_up(value: dt.date | str, today: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """A follow-up date: a real date, not in the past, and within two years."""
    today = today or dt.date.today()
    if isinstance(value, str):
        parsed, message = parse_date(value)
        if parsed is None:
            return None, message
        value = parsed
    if value < today:
        return None, "The follow-up date is in the past — please check it"
    if (value - today).days > FOLLOW_UP_MAX_DAYS:
        return None, "The follow-up date is more than two years away — please check it"
    return value, None


def validate_consultation_time(text: str, now: dt.datetime | None = None) -> tuple[dt.datetime | None, str | None]:
    """When the consultation took place: a date and a 24-hour time, not in the future.

    Accepts '24/11/2026 10:30', '2026-11-24 10:30' or an ISO 8601 date-time
    with an offset; a time without an offset is taken as local time.
    """
    now = now or dt.datetime.now().astimezone()
    value = text.strip()
    try:
        parsed: dt.datetime | None = dt.datetime.fromisoformat(value) if "T" in value else None
    except ValueError:
        parsed = None
    if parsed is None:
        date_part, _, time_part = value.partition(" ")
        day, message = parse_date(date_part)
        if day is None:
            return None, message
        m = _TIME.match(time_part.strip())
        if not m:
            return None, "Please type the time as hours:minutes, for example 10:30"
        hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if hour > 23 or minute > 59 or second > 59:
            return None, f"There is no time {hour}:{minute:02d} — please check it"
        parsed = dt.datetime.combine(day, dt.time(hour, minute, second))
    if parsed.tzinfo is None:
        parsed = parsed.astimezone()
    if parsed > now + dt.timedelta(minutes=5):
        return None, "The consultation time is in the future — please check it"
    return parsed, None


def validate_importance(value: int | str) -> tuple[int | None, str | None]:
    """How much a consideration matters to the patient, 0 (not at all) to 5 (very much)."""
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            return None, "Choose a number from 0 (does not matter) to 5 (matters a lot)"
        value = int(value)
    if isinstance(value, bool) or not 0 <= value <= 5:
        return None, "Choose a number from 0 (does not matter) to 5 (matters a lot)"
    return value, None


class FieldProblem(tuple[str, str]):
    """``(field, message)``: what must be put right before finalising."""

    __slots__ = ()

    @property
    def field(self) -> str:
        return self[0]

    @property
    def message(self) -> str:
        return self[1]


def problems_before_finalising(
    record: Record,
    today: dt.date | None = None,
    option_ids: frozenset[str] | None = None,
    *,
    allow_test_numbers: bool = False,
) -> list[FieldProblem]:
    """Everything that stops ``record`` from being finalised, in screen order.

    ``option_ids`` are the options of the aid used, when it is at hand, so a
    decision for an option the aid does not have is caught.
    """
    problems: list[FieldProblem] = []
    for name, text in record.unparsed.items():  # typed but not usable yet: say why, as the form did
        if name == "created":
            why = validate_consultation_time(text)[1] or "Check the consultation time"
        else:
            why = validate_follow_up(text, today or record.created.date())[1] or "Check the follow-up date"
        problems.append(FieldProblem((name, why)))
    if not record.clinician_name.strip():
        problems.append(FieldProblem(("clinician_name", "Add your name in Preferences before finalising")))
    _, message = validate_patient_id(record.patient_id_kind, record.patient_id, allow_test_numbers=allow_test_numbers)
    if message:
        problems.append(FieldProblem(("patient_id", message)))
    if record.created > dt.datetime.now().astimezone() + dt.timedelta(minutes=5):
        problems.append(FieldProblem(("created", "The consultation time is in the future — please check it")))
    decision = record.decision
    if decision.status not in DECISION_STATUSES:
        problems.append(FieldProblem(("decision.status", "Choose the patient's leaning or decision")))
    if decision.status in ("leaning", "decided"):
        if not decision.option_id:
            problems.append(
                FieldProblem(("decision.option_id", "Choose which option the patient is leaning towards or chose"))
            )
        elif option_ids is not None and decision.option_id not in option_ids:
            problems.append(FieldProblem(("decision.option_id", "That option is not one of this aid's options")))
    if decision.status == "more_time":
        if decision.follow_up is None:
            problems.append(
                FieldProblem(("decision.follow_up", "Add a follow-up date when the patient wants more time"))
            )
        elif record.amends is None:
            _, message = validate_follow_up(decision.follow_up, today or record.created.date())
            if message:
                problems.append(FieldProblem(("decision.follow_up", message)))
    if record.sure and len(record.sure) != SURE_ITEMS:
        problems.append(FieldProblem(("sure", "Answer all four SURE questions, or none")))
    if record.collaborate and len(record.collaborate) != COLLABORATE_ITEMS:
        problems.append(FieldProblem(("collaborate", "Answer all three CollaboRATE questions, or none")))
    if record.amends is not None and not record.amended_reason.strip():
        problems.append(FieldProblem(("amended_reason", "Say briefly why the record is being amended")))
    return problems
