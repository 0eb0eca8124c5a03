"""A final record as a FHIR R4 transaction Bundle that can be sent again without making duplicates.

Built on :func:`sdm_desktop.records.fhir_bundle.build_bundle`, then:

- the aid's Questionnaire (generated from its YAML) comes first, created only if
  the server has none with the same URL and version;
- the QuestionnaireResponse points at it by canonical URL and version;
- the QuestionnaireResponse and the DocumentReference are created only if the
  server has none with the record's identifier (``ifNoneExist``); the
  Provenance is written with a PUT to an id derived from the record id, so
  sending the same Bundle twice changes nothing;
- the patient is identified by NHS number only for England and Wales (see
  fhir_identity.py: Scottish CHI and Northern Irish H&C numbers are refused);
- the clinician's professional register number and the organisation's ODS code
  come from Preferences.

SNOMED CT codes for the document type and the procedure are not written: no
code for a shared decision-making record or consultation could be confirmed
from a primary source (see docs/record-format.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from ..grids.model import OptionGrid, PromptSet, RiskScore
from .fhir_bundle import URI_SYSTEM, build_bundle, resource_id
from .fhir_identity import FhirContext, patient_identifier
from .fhir_questionnaire import build_questionnaire, questionnaire_canonical
from .model import Record


def build_transaction(
    record: Record,
    pdf: bytes | None,
    *,
    grid: OptionGrid | None,
    context: FhirContext | None = None,
    scores: Mapping[str, RiskScore] | None = None,
    prompt_sets: Iterable[PromptSet] = (),
    timestamp: dt.datetime | None = None,
) -> dict[str, Any]:
    """The transaction Bundle for a final record; :class:`~.fhir_identity.FhirRefusal` if it may not be sent.

    ``grid`` is the aid the record was made with (same id and content), for its
    Questionnaire; None leaves the Questionnaire out (the reference stays).
    """
    context = context or FhirContext()
    patient = {"type": "Patient", "identifier": patient_identifier(record)}
    bundle = build_bundle(record, pdf, timestamp=timestamp)
    bundle["type"] = "transaction"
    clinician = context.clinician(record)
    organisation = context.organisation()
    record_identifier = urlencode({"identifier": f"{URI_SYSTEM}|urn:uuid:{record.record_id}"})
    for entry in bundle["entry"]:
        resource = entry["resource"]
        kind = resource["resourceType"]
        if "subject" in resource:
            resource["subject"] = patient
        if kind == "QuestionnaireResponse":
            resource["author"] = clinician
            if record.aid is not None:
                resource["questionnaire"] = questionnaire_canonical(
                    context.canonical_base, record.aid.id, record.aid.version
                )
            else:
                resource.pop("questionnaire", None)
            entry["request"] = {"method": "POST", "url": kind, "ifNoneExist": record_identifier}
        elif kind == "DocumentReference":
            resource["author"] = [clinician]
            if organisation is not None:
                resource["custodian"] = organisation
            entry["request"] = {"method": "POST", "url": kind, "ifNoneExist": record_identifier}
        elif kind == "Provenance":
            for agent in resource["agent"]:
                agent["who"] = clinician
                if organisation is not None:
                    agent["onBehalfOf"] = organisation
            entry["request"] = {"method": "PUT", "url": f"Provenance/{resource['id']}"}
    if grid is not None and record.aid is not None and grid.id == record.aid.id:
        q_id = resource_id(f"{grid.id}|{grid.version}|{grid.content_hash}", "questionnaire")
        questionnaire = build_questionnaire(
            grid, base=context.canonical_base, resource_id=q_id, scores=scores, prompt_sets=prompt_sets
        )
        questionnaire["version"] = record.aid.version
        bundle["entry"].insert(
            0,
            {
                "fullUrl": f"urn:uuid:{q_id}",
                "resource": questionnaire,
                "request": {
                    "method": "POST",
                    "url": "Questionnaire",
                    "ifNoneExist": urlencode({"url": questionnaire["url"], "version": record.aid.version}),
                },
            },
        )
    return bundle
