"""The consultation record and its JSON form (docs/record-format.md).

A record is a plain value: the capture panel edits a copy, the store saves it,
the PDF summary and the exports read it. ``from_dict`` checks every field and
raises :class:`RecordError` with the field's name, never a bare KeyError.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal

from .nhs import validate_nhs_number

FORMAT = "sdm-desktop-record/1"

PatientIdKind = Literal["nhs_number", "local_reference"]
DecisionStatus = Literal["none", "leaning", "decided", "undecided", "more_time"]
RecordStatus = Literal["draft", "final"]

SURE_ITEMS = 4
SURE_FLAG_AT_OR_BELOW = 3
COLLABORATE_ITEMS = 3
COLLABORATE_TOP = 4
# Who answered CollaboRATE: the patient themselves (as the measure intends), or the
# clinician entering it on the patient's behalf; "" in records made before this was kept.
CollaborateBy = Literal["", "patient", "clinician"]
COLLABORATE_BY: tuple[str, ...] = ("", "patient", "clinician")

DECISION_STATUSES: tuple[str, ...] = ("none", "leaning", "decided", "undecided", "more_time")


class RecordError(ValueError):
    """A record (or its JSON form) is not valid; the message names the field."""


@dataclass(frozen=True)
class AidRef:
    """The exact aid used: id, version and the SHA-256 of the file as shown."""

    id: str
    version: str
    content_hash: str
    title: str = ""


@dataclass(frozen=True)
class FigureShown:
    """One personal figure as it was shown: 'about N out of D over T'."""

    row_id: str
    option_id: str
    events: int
    denominator: int
    time_frame: str
    exact: float


@dataclass(frozen=True)
class Decision:
    status: DecisionStatus = "none"
    option_id: str | None = None
    follow_up: dt.date | None = None
    next_step: str = ""


@dataclass(frozen=True)
class Record:
    record_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    version: int = 1
    amends: str | None = None  # record_id of the version this one replaces
    amended_reason: str = ""
    amended_by: str = ""  # who amended (name and role), for versions after the first
    amended_at: dt.datetime | None = None
    status: RecordStatus = "draft"
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone().replace(microsecond=0))
    finalised: dt.datetime | None = None
    clinician_name: str = ""
    clinician_role: str = ""
    patient_id_kind: PatientIdKind = "nhs_number"
    patient_id: str = ""
    aid: AidRef | None = None
    rows_discussed: tuple[str, ...] = ()
    risk_inputs: dict[str, bool | int | float | str] = field(default_factory=dict)
    figures_shown: tuple[FigureShown, ...] = ()
    scores_shown: dict[str, int] = field(default_factory=dict)  # risk score id -> total shown
    importance: dict[str, int] = field(default_factory=dict)  # consideration id -> 0..5
    importance_words: dict[str, str] = field(default_factory=dict)  # consideration id -> their own words
    what_matters: str = ""
    questions: tuple[str, ...] = ()
    decision: Decision = field(default_factory=Decision)
    sure: dict[str, int] = field(default_factory=dict)  # SURE item id -> 0/1
    collaborate: dict[str, int] = field(default_factory=dict)  # item id -> 0..4
    collaborate_by: CollaborateBy = ""
    collaborate_at: dt.datetime | None = None  # when the answers were given
    notes: str = ""
    # Text typed into a date or time that could not be read yet (field -> the text as typed),
    # kept with a draft so that nothing typed is lost; a final record has none.
    unparsed: dict[str, str] = field(default_factory=dict)

    def updated(self, **changes: Any) -> Record:
        return replace(self, **changes)

    @property
    def sure_total(self) -> int | None:
        """The SURE total when all four items are answered, else None."""
        return sum(self.sure.values()) if len(self.sure) == SURE_ITEMS else None

    @property
    def sure_flagged(self) -> bool:
        """A total of 3 or less flags possible decisional conflict."""
        total = self.sure_total
        return total is not None and total <= SURE_FLAG_AT_OR_BELOW

    @property
    def collaborate_top_box(self) -> bool | None:
        """CollaboRATE 'top box': all three items answered 4; None unless all are answered."""
        if len(self.collaborate) != COLLABORATE_ITEMS:
            return None
        return all(v == COLLABORATE_TOP for v in self.collaborate.values())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["format"] = FORMAT
        data["created"] = self.created.isoformat()
        data["finalised"] = self.finalised.isoformat() if self.finalised else None
        data["amended_at"] = self.amended_at.isoformat() if self.amended_at else None
        data["collaborate_at"] = self.collaborate_at.isoformat() if self.collaborate_at else None
        data["rows_discussed"] = list(self.rows_discussed)
        data["questions"] = list(self.questions)
        data["figures_shown"] = [asdict(f) for f in self.figures_shown]
        data["decision"]["follow_up"] = self.decision.follow_up.isoformat() if self.decision.follow_up else None
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Record:
        return _parse(data)


# -- parsing ------------------------------------------------------------------


def _want(data: dict[str, Any], name: str, kinds: type | tuple[type, ...], default: Any) -> Any:
    value = data.get(name, default)
    if value is None and default is None:
        return None
    if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
        raise RecordError(f"'{name}' has the wrong type")
    if not isinstance(value, kinds):
        raise RecordError(f"'{name}' has the wrong type (expected {_names(kinds)})")
    return value


def _names(kinds: type | tuple[type, ...]) -> str:
    ks = kinds if isinstance(kinds, tuple) else (kinds,)
    return " or ".join(k.__name__ for k in ks)


def _datetime(value: Any, name: str) -> dt.datetime:
    if not isinstance(value, str):
        raise RecordError(f"'{name}' must be a date and time like 2026-11-24T10:30:00+00:00")
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(f"'{name}' is not a real date and time: {value!r}") from None


def _date(value: Any, name: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"'{name}' must be a date like 2026-12-01")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RecordError(f"'{name}' is not a real date: {value!r}") from None


def _int_map(value: Any, name: str, low: int, high: int) -> dict[str, int]:
    if not isinstance(value, dict):
        raise RecordError(f"'{name}' must be a mapping")
    out: dict[str, int] = {}
    for k, v in value.items():
        if not isinstance(k, str) or isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            raise RecordError(f"'{name}.{k}' must be a whole number from {low} to {high}")
        out[k] = v
    return out


def _str_map(value: Any, name: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise RecordError(f"'{name}' must map ids to text")
    return dict(value)


def _str_list(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"'{name}' must be a list of text")
    return tuple(value)


def _parse(data: Any) -> Record:
    if not isinstance(data, dict):
        raise RecordError("a record must be a JSON object")
    if data.get("format", FORMAT) != FORMAT:
        raise RecordError(f"'format' must be {FORMAT!r}")
    known = {f.name for f in fields(Record)} | {"format"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise RecordError(f"unknown field '{unknown[0]}'")
    aid_raw = data.get("aid")
    aid = None
    if aid_raw is not None:
        if not isinstance(aid_raw, dict) or not all(
            isinstance(aid_raw.get(k), str) for k in ("id", "version", "content_hash")
        ):
            raise RecordError("'aid' needs 'id', 'version' and 'content_hash' as text")
        aid = AidRef(aid_raw["id"], aid_raw["version"], aid_raw["content_hash"], str(aid_raw.get("title", "")))
    dec_raw = data.get("decision", {})
    if not isinstance(dec_raw, dict):
        raise RecordError("'decision' must be an object")
    status = dec_raw.get("status", "none")
    if status not in DECISION_STATUSES:
        raise RecordError(f"'decision.status' must be one of {', '.join(DECISION_STATUSES)}")
    option_id = dec_raw.get("option_id")
    if option_id is not None and not isinstance(option_id, str):
        raise RecordError("'decision.option_id' must be text")
    if status in ("leaning", "decided") and not option_id and data.get("status") == "final":
        raise RecordError("'decision.option_id' is needed in a final record when the patient is leaning or has decided")
    decision = Decision(
        status, option_id, _date(dec_raw.get("follow_up"), "decision.follow_up"), str(dec_raw.get("next_step", ""))
    )
    figures = []
    raw_figures = data.get("figures_shown", [])
    if not isinstance(raw_figures, list):
        raise RecordError("'figures_shown' must be a list")
    for i, f in enumerate(raw_figures):
        try:
            figures.append(
                FigureShown(
                    str(f["row_id"]),
                    str(f["option_id"]),
                    int(f["events"]),
                    int(f["denominator"]),
                    str(f["time_frame"]),
                    float(f["exact"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise RecordError(f"'figures_shown[{i}]' is incomplete") from None
    risk_inputs = data.get("risk_inputs", {})
    if not isinstance(risk_inputs, dict) or not all(
        isinstance(v, (bool, int, float, str)) for v in risk_inputs.values()
    ):
        raise RecordError("'risk_inputs' must map input ids to plain values")
    patient_kind = data.get("patient_id_kind", "nhs_number")
    if patient_kind not in ("nhs_number", "local_reference"):
        raise RecordError("'patient_id_kind' must be 'nhs_number' or 'local_reference'")
    status_r = data.get("status", "draft")
    if status_r not in ("draft", "final"):
        raise RecordError("'status' must be 'draft' or 'final'")
    patient_id = _want(data, "patient_id", str, "")
    if (
        status_r == "final"
        and patient_kind == "nhs_number"
        and validate_nhs_number(patient_id, allow_test_numbers=True)[0] is None
    ):
        raise RecordError("'patient_id' is not a valid NHS number (a final record needs one)")
    version = _want(data, "version", int, 1)
    if version < 1:
        raise RecordError("'version' must be 1 or more")
    return Record(
        record_id=_want(data, "record_id", str, str(uuid.uuid4())),
        version=version,
        amends=_want(data, "amends", str, None),
        amended_reason=_want(data, "amended_reason", str, ""),
        amended_by=_want(data, "amended_by", str, ""),
        amended_at=_datetime(data["amended_at"], "amended_at") if data.get("amended_at") else None,
        status=status_r,
        created=_datetime(data["created"], "created")
        if "created" in data
        else dt.datetime.now().astimezone().replace(microsecond=0),
        finalised=_datetime(data["finalised"], "finalised") if data.get("finalised") else None,
        clinician_name=_want(data, "clinician_name", str, ""),
        clinician_role=_want(data, "clinician_role", str, ""),
        patient_id_kind=patient_kind,
        patient_id=patient_id,
        aid=aid,
        rows_discussed=_str_list(data.get("rows_discussed", []), "rows_discussed"),
        risk_inputs=dict(risk_inputs),
        figures_shown=tuple(figures),
        scores_shown=_int_map(data.get("scores_shown", {}), "scores_shown", 0, 1000),
        importance=_int_map(data.get("importance", {}), "importance", 0, 5),
        importance_words=_str_map(data.get("importance_words", {}), "importance_words"),
        what_matters=_want(data, "what_matters", str, ""),
        questions=_str_list(data.get("questions", []), "questions"),
        decision=decision,
        sure=_int_map(data.get("sure", {}), "sure", 0, 1),
        collaborate=_int_map(data.get("collaborate", {}), "collaborate", 0, 4),
        collaborate_by=_collaborate_by(data),
        collaborate_at=_datetime(data["collaborate_at"], "collaborate_at") if data.get("collaborate_at") else None,
        notes=_want(data, "notes", str, ""),
        unparsed=_unparsed(data, status_r),
    )


UNPARSED_FIELDS = ("created", "decision.follow_up")


def _collaborate_by(data: dict[str, Any]) -> CollaborateBy:
    value = data.get("collaborate_by", "")
    if value == "patient":
        return "patient"
    if value == "clinician":
        return "clinician"
    if value == "":
        return ""
    raise RecordError("'collaborate_by' must be 'patient' or 'clinician'")


def _unparsed(data: dict[str, Any], status: str) -> dict[str, str]:
    unparsed = _str_map(data.get("unparsed", {}), "unparsed")
    unknown = sorted(set(unparsed) - set(UNPARSED_FIELDS))
    if unknown:
        raise RecordError(f"'unparsed' may only hold {', '.join(UNPARSED_FIELDS)}, not '{unknown[0]}'")
    if unparsed and status == "final":
        raise RecordError("a final record cannot hold unparsed text")
    return unparsed
