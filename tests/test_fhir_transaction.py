"""FHIR an integration engineer would accept: transaction Bundles, a Questionnaire per aid and version,
identifiers from Preferences, NHS numbers only for England and Wales, checked by two validators."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from test_records_factory import final_record

from sdm_desktop.grids.library import Library, load_library
from sdm_desktop.paths import SHIPPED_LIBRARY
from sdm_desktop.records.export_fhir import export_fhir
from sdm_desktop.records.fhir_check import FhirCheckError, check_bundle
from sdm_desktop.records.fhir_identity import (
    NHS_NUMBER_SYSTEM,
    ODS_SYSTEM,
    REGISTER_SYSTEMS,
    FhirContext,
    FhirRefusal,
    patient_identifier,
)
from sdm_desktop.records.fhir_transaction import build_transaction
from sdm_desktop.records.model import AidRef, FigureShown, Record

VALIDATOR = Path(__file__).resolve().parent / "fhir_validator"
FAKE_PDF = b"%PDF-1.4\n% a stand-in summary\n%%EOF\n"
CONTEXT = FhirContext(
    canonical_base="https://fhir.example-trust.nhs.uk",
    ods_code="RX1",
    clinician_name="Dr Ada Jones",
    register="gmc",
    register_number="7654321",
)
SCOTTISH_CHI = "0101011237"  # born 1 January 2001; check digit 7 (Modulus 11)
NORTHERN_IRISH = "3200000015"  # check digit 5


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([SHIPPED_LIBRARY])


def _af_record(library: Library, i: int = 1, **changes: Any) -> Record:
    grid = next(g for g in library.grids if g.id == "af-anticoagulation")
    record = final_record(i, aid_id=grid.id, option="doac").updated(
        aid=AidRef(grid.id, grid.version, grid.content_hash, str(grid.title)),
        rows_discussed=("stroke", "bleeding"),
        figures_shown=(FigureShown("stroke", "doac", 2, 100, "1 year", 1.7),),
        risk_inputs={"age": 76, "sex": "female", "diabetes": True},
        scores_shown={"cha2ds2-vasc": 4},
        importance={"avoid-stroke": 5},
        importance_words={"avoid-stroke": "My mother had one"},
        sure={"sure": 1, "understand": 1, "risk-benefit": 0, "encouragement": 1},
        collaborate={"understand": 4, "listen": 4, "include": 3},
        collaborate_by="patient",
        collaborate_at=dt.datetime(2026, 1, 1, 9, 5, tzinfo=dt.UTC),
        notes="Lives alone",
    )
    return record.updated(**changes)


def _bundle(library: Library, record: Record, context: FhirContext = CONTEXT) -> dict[str, Any]:
    grid = next(g for g in library.grids if g.id == "af-anticoagulation")
    return build_transaction(
        record,
        FAKE_PDF,
        grid=grid,
        context=context,
        scores=library.scores,
        prompt_sets=library.prompt_sets,
        timestamp=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
    )


def _by_type(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["resource"]["resourceType"]: e for e in bundle["entry"]}


def _link_ids(items: list[dict[str, Any]]) -> set[str]:
    return {i["linkId"] for i in items} | {x for i in items for x in _link_ids(i.get("item", []))}


def test_a_transaction_that_can_be_sent_again_without_duplicates(library: Library) -> None:
    record = _af_record(library)
    bundle = _bundle(library, record)
    check_bundle(bundle)
    assert bundle["type"] == "transaction"
    entries = _by_type(bundle)
    assert list(entries) == ["Questionnaire", "QuestionnaireResponse", "DocumentReference", "Provenance"]
    for kind in ("QuestionnaireResponse", "DocumentReference"):
        request = entries[kind]["request"]
        assert (request["method"], request["url"]) == ("POST", kind)
        assert parse_qs(request["ifNoneExist"]) == {"identifier": [f"urn:ietf:rfc:3986|urn:uuid:{record.record_id}"]}
    assert entries["Provenance"]["request"] == {
        "method": "PUT",
        "url": f"Provenance/{entries['Provenance']['resource']['id']}",
    }
    q = entries["Questionnaire"]
    assert parse_qs(q["request"]["ifNoneExist"]) == {
        "url": ["https://fhir.example-trust.nhs.uk/Questionnaire/sdm-af-anticoagulation"],
        "version": [record.aid.version],
    }
    # The same record gives the same Bundle (apart from its time stamp), so a re-send is recognised.
    assert _bundle(library, record) == bundle


def test_the_questionnaire_is_generated_from_the_aid_and_resolves(library: Library) -> None:
    record = _af_record(library)
    entries = _by_type(_bundle(library, record))
    questionnaire = entries["Questionnaire"]["resource"]
    Questionnaire.model_validate(questionnaire)
    response = entries["QuestionnaireResponse"]["resource"]
    assert response["questionnaire"] == f"{questionnaire['url']}|{questionnaire['version']}"
    asked = _link_ids(questionnaire["item"])
    answered = _link_ids(response["item"])
    assert answered <= asked, answered - asked  # every answer is to a question the Questionnaire asks
    assert len(asked) == sum(1 for _ in _walk(questionnaire["item"]))  # link ids are unique
    rows = next(i for i in questionnaire["item"] if i["linkId"] == "rows-discussed")
    assert [o["valueString"] for o in rows["answerOption"]][:3] == ["what", "stroke", "bleeding"]
    sure = next(i for i in questionnaire["item"] if i["linkId"] == "sure")
    assert {i["linkId"] for i in sure["item"]} >= {"sure.sure", "sure.encouragement", "sure.total"}


def _walk(items: list[dict[str, Any]]) -> Any:
    for item in items:
        yield item
        yield from _walk(item.get("item", []))


def test_clinician_register_number_and_ods_code_from_preferences(library: Library) -> None:
    entries = _by_type(_bundle(library, _af_record(library)))
    author = entries["QuestionnaireResponse"]["resource"]["author"]
    assert author["identifier"] == {"system": REGISTER_SYSTEMS["gmc"], "value": "7654321"}
    assert author["display"] == "Dr Ada Jones (GP)"
    ods = {"type": "Organization", "identifier": {"system": ODS_SYSTEM, "value": "RX1"}}
    assert entries["DocumentReference"]["resource"]["custodian"] == ods
    assert entries["Provenance"]["resource"]["agent"][0]["onBehalfOf"] == ods
    # A record made by another clinician never gets this clinician's register number.
    other = _by_type(_bundle(library, _af_record(library, clinician_name="Dr Bo Chan")))
    assert "identifier" not in other["QuestionnaireResponse"]["resource"]["author"]
    # Nothing configured: names only, no organisation.
    bare = _by_type(_bundle(library, _af_record(library), FhirContext()))
    assert "identifier" not in bare["QuestionnaireResponse"]["resource"]["author"]
    assert "custodian" not in bare["DocumentReference"]["resource"]


def test_scottish_and_northern_irish_numbers_are_refused(library: Library, tmp_path: Path) -> None:
    for number, words in ((SCOTTISH_CHI, "Scottish CHI"), (NORTHERN_IRISH, "Northern Irish H&C")):
        record = _af_record(library, patient_id=number)
        with pytest.raises(FhirRefusal, match=words):
            patient_identifier(record)
        result = export_fhir([record], tmp_path, library, pdf_builder=lambda *a, **k: FAKE_PDF, context=CONTEXT)
        assert result.written == [] and words in result.failed[0] and "CSV" in result.failed[0]
    assert patient_identifier(_af_record(library))["system"] == NHS_NUMBER_SYSTEM
    local = _af_record(library).updated(patient_id_kind="local_reference", patient_id="MRN-123")
    assert patient_identifier(local) == {"system": "urn:sdm-desktop:local-patient-reference", "value": "MRN-123"}
    # The check catches a CHI number sent under the NHS number system.
    bundle = _bundle(library, _af_record(library))
    bundle["entry"][1]["resource"]["subject"]["identifier"]["value"] = SCOTTISH_CHI
    with pytest.raises(FhirCheckError, match="Scottish CHI"):
        check_bundle(bundle)


@pytest.mark.parametrize(
    ("breakage", "needle"),
    [
        (lambda b: b["entry"][1]["request"].pop("ifNoneExist"), "would make a duplicate"),
        (lambda b: b["entry"][2].pop("request"), "needs a request"),
        (lambda b: b["entry"][3]["request"].update(method="SEND"), "needs a request"),
    ],
)
def test_check_catches_unsafe_transactions(library: Library, breakage: Any, needle: str) -> None:
    bundle = _bundle(library, _af_record(library))
    broken = copy.deepcopy(bundle)
    breakage(broken)
    with pytest.raises(FhirCheckError, match=needle):
        check_bundle(broken)


def _medplum(paths: list[Path]) -> list[dict[str, Any]]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed, so the independent FHIR validator (@medplum/core) cannot run")
    assert (VALIDATOR / "node_modules" / "@medplum" / "core").is_dir(), (
        "the validator is not installed: run scripts/bootstrap.sh test (npm ci in tests/fhir_validator)"
    )
    done = subprocess.run(
        ["node", str(VALIDATOR / "validate.mjs"), *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    assert done.stderr == "" or done.returncode in (0, 1), done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.slow  # a Node.js validator in its own process
def test_an_independent_validator_accepts_the_export(library: Library, tmp_path: Path) -> None:
    first = _af_record(library, 1)
    amended = first.updated(
        record_id="00000000-0000-4000-8000-999999999999",
        version=2,
        amends=first.record_id,
        amended_by="Dr Bo Chan (GP)",
        amended_reason="Wrong option",
        amended_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
    )
    no_pdf = _af_record(library, 2)
    result = export_fhir(
        [first, amended], tmp_path / "out", library, pdf_builder=lambda *a, **k: FAKE_PDF, context=CONTEXT
    )
    result2 = export_fhir([no_pdf], tmp_path / "out", library, pdf_builder=None, context=FhirContext())
    assert result.failed == result2.failed == []
    paths = result.written + result2.written
    for path in paths:
        Bundle.model_validate(json.loads(path.read_text(encoding="utf-8")))
    verdicts = _medplum(paths)
    assert [v["ok"] for v in verdicts] == [True, True, True], verdicts
    # The validator is not a rubber stamp: a transaction entry without its request is an error (bdl-3).
    broken = json.loads(paths[0].read_text(encoding="utf-8"))
    del broken["entry"][0]["request"]
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    [verdict] = _medplum([tmp_path / "broken.json"])
    assert not verdict["ok"] and any("bdl-3" in json.dumps(i) for i in verdict["issues"])
