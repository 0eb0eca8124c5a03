"""A final record as a FHIR R4 Bundle: QuestionnaireResponse, DocumentReference (the PDF), Provenance.

Plain dictionaries in FHIR's JSON form; fhir_check.py checks them with the
``fhir.resources`` models and the code lists the models do not enforce. Ids are
derived from the record id, so exporting the same record twice gives the same
resource ids. The patient is referred to by identifier only (NHS number or a
local reference); no other patient details are written.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from typing import Any

from .model import Record

NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
LOCAL_REFERENCE_SYSTEM = "urn:sdm-desktop:local-patient-reference"
URI_SYSTEM = "urn:ietf:rfc:3986"
QUESTIONNAIRE = "urn:sdm-desktop:questionnaire:consultation-record|1"
DECISION_STATUS_SYSTEM = "urn:sdm-desktop:decision-status"
PARTICIPANT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
DATA_OPERATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-DataOperation"
DOCUMENT_TYPE_TEXT = "Shared decision-making consultation summary"
_NAMESPACE = uuid.UUID("6f0f3c52-6a0e-4d5c-9a53-3c7f1f0b8e21")


def resource_id(record_id: str, kind: str) -> str:
    """The stable id of one resource made from a record."""
    return str(uuid.uuid5(_NAMESPACE, f"{record_id}/{kind}"))


def _iso(moment: dt.datetime) -> str:
    return (moment if moment.tzinfo else moment.astimezone()).isoformat(timespec="seconds")


def patient_reference(record: Record) -> dict[str, Any]:
    system = NHS_NUMBER_SYSTEM if record.patient_id_kind == "nhs_number" else LOCAL_REFERENCE_SYSTEM
    return {"type": "Patient", "identifier": {"system": system, "value": record.patient_id}}


def _clinician(record: Record) -> dict[str, Any]:
    who = record.clinician_name + (f" ({record.clinician_role})" if record.clinician_role else "")
    return {"display": who or "unknown clinician"}


def _answer(value: bool | int | float | str) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    if isinstance(value, float):
        return {"valueDecimal": value}
    return {"valueString": value}


def _item(link_id: str, text: str, *answers: dict[str, Any]) -> dict[str, Any]:
    return {"linkId": link_id, "text": text, "answer": list(answers)}


def _group(link_id: str, text: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"linkId": link_id, "text": text, "item": items}] if items else []


def _strings(link_id: str, text: str, values: tuple[str, ...] | list[str]) -> list[dict[str, Any]]:
    kept = [v for v in values if v.strip()]
    return [_item(link_id, text, *({"valueString": v} for v in kept))] if kept else []


def questionnaire_items(record: Record) -> list[dict[str, Any]]:
    """The record's answers as QuestionnaireResponse items (empty answers left out)."""
    items: list[dict[str, Any]] = []
    if record.aid:
        aid = record.aid
        items += _group(
            "aid",
            "Decision aid used",
            [
                _item("aid.id", "Aid id", {"valueString": aid.id}),
                *([_item("aid.version", "Aid version", {"valueString": aid.version})] if aid.version else []),
                *(
                    [_item("aid.content-hash", "SHA-256 of the aid as shown", {"valueString": aid.content_hash})]
                    if aid.content_hash
                    else []
                ),
                *([_item("aid.title", "Aid title", {"valueString": aid.title})] if aid.title else []),
            ],
        )
    items.append(_item("consulted-at", "When the consultation took place", {"valueDateTime": _iso(record.created)}))
    items += _strings("rows-discussed", "Questions of the aid discussed", record.rows_discussed)
    items += _group(
        "risk-inputs",
        "Risk score inputs",
        [_item(f"risk-input.{k}", k, _answer(v)) for k, v in record.risk_inputs.items() if v != ""],
    )
    items += _group(
        "scores-shown",
        "Risk score totals shown",
        [_item(f"score.{k}", k, {"valueInteger": v}) for k, v in record.scores_shown.items()],
    )
    items += _group(
        "figures-shown",
        "Personal figures shown",
        [
            _item(
                f"figure.{f.row_id}.{f.option_id}",
                f"{f.row_id}, {f.option_id}",
                {"valueString": f"about {f.events} out of {f.denominator} over {f.time_frame} (exact {f.exact:g})"},
            )
            for f in record.figures_shown
        ],
    )
    items += _group(
        "importance",
        "How much each consideration matters (0 to 5)",
        [_item(f"importance.{k}", k, {"valueInteger": v}) for k, v in record.importance.items()],
    )
    items += _group(
        "importance-words",
        "The patient's own words about each consideration",
        [
            _item(f"importance-words.{k}", k, {"valueString": v})
            for k, v in record.importance_words.items()
            if v.strip()
        ],
    )
    items += _strings("what-matters", "What matters most to the patient", [record.what_matters])
    items += _strings("questions", "The patient's questions", record.questions)
    d = record.decision
    items += _group(
        "decision",
        "Leaning or decision",
        [
            _item("decision.status", "Status", {"valueCoding": {"system": DECISION_STATUS_SYSTEM, "code": d.status}}),
            *([_item("decision.option", "Option", {"valueString": d.option_id})] if d.option_id else []),
            *(
                [_item("decision.follow-up", "Follow-up date", {"valueDate": d.follow_up.isoformat()})]
                if d.follow_up
                else []
            ),
            *_strings("decision.next-step", "Next step", [d.next_step]),
        ],
    )
    if record.sure:
        sure = [_item(f"sure.{k}", k, {"valueInteger": v}) for k, v in record.sure.items()]
        if record.sure_total is not None:
            sure += [
                _item("sure.total", "SURE total (0 to 4)", {"valueInteger": record.sure_total}),
                _item(
                    "sure.flagged",
                    "Total of 3 or less (possible decisional conflict)",
                    {"valueBoolean": record.sure_flagged},
                ),
            ]
        items += _group("sure", "SURE test", sure)
    if record.collaborate:
        collab = [_item(f"collaborate.{k}", k, {"valueInteger": v}) for k, v in record.collaborate.items()]
        if record.collaborate_top_box is not None:
            collab.append(
                _item("collaborate.top-box", "Every item scored 4", {"valueBoolean": record.collaborate_top_box})
            )
        if record.collaborate_by:
            who = "the patient" if record.collaborate_by == "patient" else "the clinician, on the patient's behalf"
            collab.append(_item("collaborate.answered-by", "Answered by", {"valueString": who}))
        if record.collaborate_at:
            collab.append(
                _item("collaborate.answered-at", "Answered at", {"valueDateTime": record.collaborate_at.isoformat()})
            )
        items += _group("collaborate", "CollaboRATE", collab)
    items += _strings("notes", "Notes", [record.notes])
    if record.amends:
        items += _group(
            "amendment",
            "Amendment",
            [
                _item("amendment.amends", "Replaces record", {"valueString": f"urn:uuid:{record.amends}"}),
                *_strings("amendment.by", "Amended by", [record.amended_by]),
                *_strings("amendment.reason", "Reason", [record.amended_reason]),
            ],
        )
    return items


def build_bundle(record: Record, pdf: bytes | None, *, timestamp: dt.datetime | None = None) -> dict[str, Any]:
    """The Bundle (type 'collection') for a final record; without a DocumentReference if ``pdf`` is None."""
    if record.status != "final" or record.finalised is None:
        raise ValueError("only final records are exported")
    rid = record.record_id
    qr_id, doc_id, prov_id, bundle_id = (
        resource_id(rid, k) for k in ("questionnaire-response", "document", "provenance", "bundle")
    )
    record_identifier = {"system": URI_SYSTEM, "value": f"urn:uuid:{rid}"}
    qr: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": qr_id,
        "identifier": record_identifier,
        "questionnaire": QUESTIONNAIRE,
        "status": "amended" if record.amends else "completed",
        "subject": patient_reference(record),
        "authored": _iso(record.finalised),
        "author": _clinician(record),
        "item": questionnaire_items(record),
    }
    entries: list[dict[str, Any]] = [{"fullUrl": f"urn:uuid:{qr_id}", "resource": qr}]
    targets = [{"reference": f"urn:uuid:{qr_id}"}]
    if pdf is not None:
        doc: dict[str, Any] = {
            "resourceType": "DocumentReference",
            "id": doc_id,
            "masterIdentifier": {"system": URI_SYSTEM, "value": f"urn:uuid:{doc_id}"},
            "identifier": [record_identifier],
            "status": "current",
            "docStatus": "amended" if record.amends else "final",
            "type": {"text": DOCUMENT_TYPE_TEXT},
            "subject": patient_reference(record),
            "date": _iso(record.finalised),
            "author": [_clinician(record)],
            "description": f"Summary of a shared decision-making consultation"
            f"{f' using {record.aid.title or record.aid.id}' if record.aid else ''}",
            "content": [
                {
                    "attachment": {
                        "contentType": "application/pdf",
                        "language": "en-GB",
                        "data": base64.b64encode(pdf).decode("ascii"),
                        "size": len(pdf),
                        "hash": base64.b64encode(hashlib.sha1(pdf).digest()).decode("ascii"),  # FHIR R4: SHA-1, base64
                        "title": "Consultation summary (record copy)",
                        "creation": _iso(record.finalised),
                    }
                }
            ],
            "context": {"period": {"start": _iso(record.created)}},
        }
        if record.amends:
            doc["relatesTo"] = [
                {
                    "code": "replaces",
                    "target": {
                        "identifier": {
                            "system": URI_SYSTEM,
                            "value": f"urn:uuid:{resource_id(record.amends, 'document')}",
                        }
                    },
                }
            ]
        entries.append({"fullUrl": f"urn:uuid:{doc_id}", "resource": doc})
        targets.append({"reference": f"urn:uuid:{doc_id}"})
    provenance: dict[str, Any] = {
        "resourceType": "Provenance",
        "id": prov_id,
        "target": targets,
        "occurredDateTime": _iso(record.created),
        "recorded": _iso(record.finalised),
        "activity": {"coding": [{"system": DATA_OPERATION_SYSTEM, "code": "UPDATE" if record.amends else "CREATE"}]},
        "agent": [
            {
                "type": {"coding": [{"system": PARTICIPANT_TYPE_SYSTEM, "code": "author", "display": "Author"}]},
                "who": _clinician(record),
            }
        ],
    }
    if record.amends:
        provenance["entity"] = [
            {"role": "revision", "what": {"identifier": {"system": URI_SYSTEM, "value": f"urn:uuid:{record.amends}"}}}
        ]
    entries.append({"fullUrl": f"urn:uuid:{prov_id}", "resource": provenance})
    return {
        "resourceType": "Bundle",
        "id": bundle_id,
        "identifier": {"system": URI_SYSTEM, "value": f"urn:uuid:{bundle_id}"},
        "type": "collection",
        "timestamp": _iso(timestamp or dt.datetime.now().astimezone()),
        "entry": entries,
    }
