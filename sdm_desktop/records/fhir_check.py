"""Check an exported Bundle: the FHIR models first, then what the models leave unchecked.

The models (``fhir.resources``, its ``R4B`` package: FHIR 4.3, which for
Bundle, QuestionnaireResponse, DocumentReference and Provenance is the same as
R4 4.0.1) check structure, cardinality and data types. They do not check that
a ``code`` is one of its required value set, that references inside the
Bundle resolve, that the attachment is really the PDF it claims to be, or that
an NHS number has a valid check digit; :func:`check_bundle` does.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fhir.resources.R4B.bundle import Bundle

from .fhir_bundle import DATA_OPERATION_SYSTEM, NHS_NUMBER_SYSTEM, PARTICIPANT_TYPE_SYSTEM
from .fhir_identity import patient_identifier_problem
from .nhs import validate_nhs_number

FHIR_VERSION = "4.0.1"  # what the exported resources conform to (checked with the R4B models, see above)

# Required value sets (FHIR R4).
BUNDLE_TYPES = frozenset(
    {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    }
)
QR_STATUSES = frozenset({"in-progress", "completed", "amended", "entered-in-error", "stopped"})
DOCREF_STATUSES = frozenset({"current", "superseded", "entered-in-error"})
DOC_STATUSES = frozenset({"preliminary", "final", "amended", "entered-in-error"})
RELATES_TO_CODES = frozenset({"replaces", "transforms", "signs", "appends"})
ENTITY_ROLES = frozenset({"derivation", "revision", "quotation", "source", "removal"})
PARTICIPANT_TYPES = frozenset(
    {
        "enterer",
        "performer",
        "author",
        "verifier",
        "legal",
        "attester",
        "informant",
        "custodian",
        "assembler",
        "composer",
    }
)
DATA_OPERATIONS = frozenset({"APPEND", "CREATE", "DELETE", "NULLIFY", "UPDATE"})
HTTP_VERBS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"})


class FhirCheckError(ValueError):
    """The Bundle is not valid; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@functools.cache
def models() -> dict[str, type[Any]]:
    """The resource classes a Bundle's entries may hold. ``fhir.resources`` builds some 150
    pydantic models when imported (most of a second): only an export or a check pays for it,
    not every start of the window or the command line."""
    from fhir.resources.R4B.documentreference import DocumentReference
    from fhir.resources.R4B.provenance import Provenance
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    return {
        "QuestionnaireResponse": QuestionnaireResponse,
        "DocumentReference": DocumentReference,
        "Provenance": Provenance,
        "Questionnaire": Questionnaire,
    }


def parse_bundle(data: dict[str, Any]) -> Bundle:
    """The Bundle as ``fhir.resources`` models (each entry as its own resource class)."""
    from fhir.resources.R4B.bundle import Bundle

    return Bundle.model_validate(data)


def check_bundle(data: dict[str, Any]) -> Bundle:
    """Check ``data`` fully; return the parsed Bundle or raise :class:`FhirCheckError`."""
    from pydantic import ValidationError

    try:
        bundle = parse_bundle(data)
        parsed = [entry.resource for entry in bundle.entry or []]
        for i, entry in enumerate(data.get("entry", [])):
            resource = entry.get("resource", {})
            model = models().get(resource.get("resourceType"))
            if model is None:
                raise FhirCheckError([f"unexpected resource type {resource.get('resourceType')!r} in the Bundle"])
            # The Bundle's parse has already checked each entry as its own class.
            if not (i < len(parsed) and isinstance(parsed[i], model)):
                model.model_validate(resource)
    except ValidationError as exc:
        raise FhirCheckError([f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]) from None
    problems = _codes_and_links(data)
    if problems:
        raise FhirCheckError(problems)
    return bundle


def _codes_and_links(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if data.get("type") not in BUNDLE_TYPES:
        problems.append(f"Bundle.type {data.get('type')!r} is not a Bundle type code")
    entries = data.get("entry", [])
    urls = [e.get("fullUrl") for e in entries]
    if len(set(urls)) != len(urls):
        problems.append("two entries share a fullUrl")
    for entry in entries:
        resource = entry["resource"]
        kind = resource["resourceType"]
        if entry.get("fullUrl") != f"urn:uuid:{resource.get('id')}":
            problems.append(f"{kind}: fullUrl does not match the resource id")
        for ref in _references(resource):
            if ref.startswith("urn:uuid:") and ref not in urls:
                problems.append(f"{kind}: reference {ref} is not in the Bundle")
        for identifier in _patient_identifiers(resource):
            if (
                identifier.get("system") == NHS_NUMBER_SYSTEM
                and validate_nhs_number(str(identifier.get("value", "")), allow_test_numbers=True)[0] is None
            ):
                problems.append(f"{kind}: the patient's NHS number is not valid")
            elif identifier.get("system") == NHS_NUMBER_SYSTEM:
                why = patient_identifier_problem(str(identifier.get("value", "")))
                if why is not None:
                    problems.append(f"{kind}: {why}")
        problems += _check_request(data.get("type"), entry, kind)
        if kind == "QuestionnaireResponse" and resource.get("status") not in QR_STATUSES:
            problems.append(f"QuestionnaireResponse.status {resource.get('status')!r} is not a status code")
        elif kind == "DocumentReference":
            problems += _check_document(resource)
        elif kind == "Provenance":
            problems += _check_provenance(resource)
    return problems


def _check_request(bundle_type: Any, entry: dict[str, Any], kind: str) -> list[str]:
    """Transaction entries: a request each; creates are conditional, so sending again never duplicates."""
    request = entry.get("request")
    if bundle_type not in ("transaction", "batch"):
        return [f"{kind}: a request in a {bundle_type} Bundle"] if request is not None else []
    if not isinstance(request, dict) or request.get("method") not in HTTP_VERBS or not request.get("url"):
        return [f"{kind}: a transaction entry needs a request with a method and a URL"]
    if request["method"] == "POST" and not request.get("ifNoneExist"):
        return [f"{kind}: created without ifNoneExist, so sending it again would make a duplicate"]
    return []


def _check_document(doc: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if doc.get("status") not in DOCREF_STATUSES:
        problems.append(f"DocumentReference.status {doc.get('status')!r} is not a status code")
    if "docStatus" in doc and doc["docStatus"] not in DOC_STATUSES:
        problems.append(f"DocumentReference.docStatus {doc['docStatus']!r} is not a composition status code")
    for rel in doc.get("relatesTo", []):
        if rel.get("code") not in RELATES_TO_CODES:
            problems.append(f"DocumentReference.relatesTo.code {rel.get('code')!r} is not a relationship code")
    for content in doc.get("content", []):
        att = content.get("attachment", {})
        if att.get("contentType") != "application/pdf":
            problems.append("DocumentReference attachment is not application/pdf")
        try:
            raw = base64.b64decode(att.get("data", ""), validate=True)
        except (binascii.Error, ValueError):
            problems.append("DocumentReference attachment data is not base64")
            continue
        if not raw.startswith(b"%PDF-"):
            problems.append("DocumentReference attachment is not a PDF file")
        if att.get("size") != len(raw):
            problems.append("DocumentReference attachment size does not match its data")
        if att.get("hash") != base64.b64encode(hashlib.sha1(raw).digest()).decode("ascii"):
            problems.append("DocumentReference attachment hash does not match its data")
    return problems


def _check_provenance(prov: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for agent in prov.get("agent", []):
        for coding in agent.get("type", {}).get("coding", []):
            if coding.get("system") == PARTICIPANT_TYPE_SYSTEM and coding.get("code") not in PARTICIPANT_TYPES:
                problems.append(f"Provenance.agent.type {coding.get('code')!r} is not a participant type")
    for coding in prov.get("activity", {}).get("coding", []):
        if coding.get("system") == DATA_OPERATION_SYSTEM and coding.get("code") not in DATA_OPERATIONS:
            problems.append(f"Provenance.activity {coding.get('code')!r} is not a data operation code")
    for entity in prov.get("entity", []):
        if entity.get("role") not in ENTITY_ROLES:
            problems.append(f"Provenance.entity.role {entity.get('role')!r} is not an entity role code")
    return problems


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["reference"]] if isinstance(node.get("reference"), str) else []
        return found + [r for v in node.values() for r in _references(v)]
    if isinstance(node, list):
        return [r for v in node for r in _references(v)]
    return []


def _patient_identifiers(resource: dict[str, Any]) -> list[dict[str, Any]]:
    subject = resource.get("subject")
    if isinstance(subject, dict) and isinstance(subject.get("identifier"), dict):
        return [subject["identifier"]]
    return []
