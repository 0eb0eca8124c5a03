"""Exports: FHIR R4 Bundles (checked, and read back with the models) and the audit CSV."""

from __future__ import annotations

import base64
import copy
import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.provenance import Provenance
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from test_records_factory import final_record, valid_nhs

from sdm_desktop.cli import main
from sdm_desktop.config import Config
from sdm_desktop.export_command import summary_pdf
from sdm_desktop.grids.library import Library, load_library
from sdm_desktop.records.export_csv import AUDIT_COLUMNS, FREE_TEXT_COLUMNS, write_records_csv
from sdm_desktop.records.export_fhir import export_fhir
from sdm_desktop.records.fhir_bundle import NHS_NUMBER_SYSTEM, build_bundle
from sdm_desktop.records.fhir_check import FhirCheckError, check_bundle
from sdm_desktop.records.model import AidRef, Record
from sdm_desktop.records.store import RecordStore

FAKE_PDF = b"%PDF-1.4\n% a stand-in summary\n%%EOF\n"


@pytest.fixture
def library(data_dir: Path) -> Library:
    return load_library([data_dir / "good"])


def _matching(library: Library, i: int = 1, **changes: Any) -> Record:
    grid = next(g for g in library.grids if g.id == "example-grid")
    record = final_record(i, notes="Lives alone; daughter helps", aid_id=grid.id)
    return record.updated(**{"aid": AidRef(grid.id, grid.version, grid.content_hash, str(grid.title)), **changes})


def _fake_builder(calls: list[tuple[Any, ...]]) -> Any:
    def build(grid: Any, record: Record, **kwargs: Any) -> bytes:
        calls.append((grid.id, record.record_id, kwargs.get("copy")))
        return FAKE_PDF

    return build


def _entries(bundle: Bundle) -> dict[str, Any]:
    return {e.resource.get_resource_type(): e.resource for e in bundle.entry}


def test_bundle_round_trips_through_the_models(tmp_path: Path, library: Library) -> None:
    record = _matching(
        library,
        risk_inputs={"age": 76, "female": True},
        scores_shown={"score": 3},
        importance_words={"avoid-pills": "I forget them"},
    )
    calls: list[tuple[Any, ...]] = []
    result = export_fhir([record], tmp_path, library, pdf_builder=_fake_builder(calls))
    assert result.warnings == [] and result.failed == []
    assert calls == [("example-grid", record.record_id, "record")]
    [path] = result.written
    assert record.patient_id not in path.name  # nothing identifying in file names
    bundle = Bundle.model_validate(json.loads(path.read_text(encoding="utf-8")))
    assert bundle.type == "transaction"
    parts = _entries(bundle)
    qr, doc, prov = parts["QuestionnaireResponse"], parts["DocumentReference"], parts["Provenance"]
    assert isinstance(qr, QuestionnaireResponse) and isinstance(doc, DocumentReference) and isinstance(prov, Provenance)
    assert qr.status == "completed"
    assert (qr.subject.identifier.system, qr.subject.identifier.value) == (NHS_NUMBER_SYSTEM, record.patient_id)
    answers = {item.linkId: item for item in qr.item}
    decision = {i.linkId: i.answer[0] for i in answers["decision"].item}
    assert decision["decision.status"].valueCoding.code == record.decision.status
    assert decision["decision.option"].valueString == record.decision.option_id
    sure = {i.linkId: i.answer[0] for i in answers["sure"].item}
    assert sure["sure.total"].valueInteger == record.sure_total
    assert sure["sure.flagged"].valueBoolean is record.sure_flagged
    risk = {i.linkId: i.answer[0] for i in answers["risk-inputs"].item}
    assert risk["risk-input.age"].valueInteger == 76 and risk["risk-input.female"].valueBoolean is True
    assert answers["notes"].answer[0].valueString == record.notes
    assert [a.valueString for a in answers["questions"].answer] == list(record.questions)
    attachment = doc.content[0].attachment
    assert attachment.contentType == "application/pdf"
    assert attachment.data == FAKE_PDF  # the model decodes base64; the file holds it encoded:
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert base64.b64decode(_entry(raw, "DocumentReference")["content"][0]["attachment"]["data"]) == FAKE_PDF
    assert doc.status == "current" and doc.docStatus == "final"
    urls = {
        e.fullUrl
        for e in bundle.entry
        if e.resource.get_resource_type() in ("QuestionnaireResponse", "DocumentReference")
    }
    assert {t.reference for t in prov.target} == urls
    assert prov.agent[0].who.display == "Dr Ada Jones (GP)"
    assert prov.activity.coding[0].code == "CREATE"


def test_an_amendment_says_what_it_replaces(tmp_path: Path, library: Library) -> None:
    v1 = _matching(library)
    v2 = v1.updated(
        record_id="00000000-0000-4000-8000-999999999999",
        version=2,
        amends=v1.record_id,
        amended_by="Dr Ben Khan (GP)",
        amended_reason="Wrong option",
        amended_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
    )
    result = export_fhir([v1, v2], tmp_path, library, pdf_builder=_fake_builder([]))
    first, second = (Bundle.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in result.written)
    old_doc, new = _entries(first)["DocumentReference"], _entries(second)
    assert new["QuestionnaireResponse"].status == "amended"
    assert new["DocumentReference"].docStatus == "amended"
    assert new["DocumentReference"].relatesTo[0].code == "replaces"
    assert new["DocumentReference"].relatesTo[0].target.identifier.value == old_doc.masterIdentifier.value
    assert new["Provenance"].activity.coding[0].code == "UPDATE"
    assert new["Provenance"].entity[0].role == "revision"
    assert new["Provenance"].entity[0].what.identifier.value == f"urn:uuid:{v1.record_id}"


@pytest.mark.parametrize(
    ("aid", "reason"),
    [
        (AidRef("retired-grid", "2.0", "a" * 64, "Old"), "is no longer in the library"),
        (AidRef("example-grid", "0.9", "b" * 64, "Old"), "has changed since"),
    ],
)
def test_no_pdf_when_the_aid_is_gone_or_changed(tmp_path: Path, library: Library, aid: AidRef, reason: str) -> None:
    calls: list[tuple[Any, ...]] = []
    record = _matching(library, aid=aid)
    result = export_fhir([record], tmp_path, library, pdf_builder=_fake_builder(calls))
    assert calls == []
    [warning] = result.warnings
    assert (
        warning.startswith(f"warning: record {record.record_id} exported without the PDF summary") and reason in warning
    )
    bundle = Bundle.model_validate(json.loads(result.written[0].read_text(encoding="utf-8")))
    assert set(_entries(bundle)) == {"QuestionnaireResponse", "Provenance"}


def test_a_failing_pdf_builder_does_not_stop_the_export(tmp_path: Path, library: Library) -> None:
    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("font missing")

    result = export_fhir([_matching(library)], tmp_path, library, pdf_builder=broken)
    assert "font missing" in result.warnings[0] and len(result.written) == 1


def test_with_the_real_summary_pdf(tmp_path: Path, library: Library) -> None:
    pypdf = pytest.importorskip("pypdf")
    result = export_fhir([_matching(library)], tmp_path, library, pdf_builder=summary_pdf)
    assert result.warnings == []
    bundle = Bundle.model_validate(json.loads(result.written[0].read_text(encoding="utf-8")))
    data = _entries(bundle)["DocumentReference"].content[0].attachment.data
    (tmp_path / "summary.pdf").write_bytes(data)
    assert len(pypdf.PdfReader(tmp_path / "summary.pdf").pages) == 1


@pytest.fixture
def good_bundle(library: Library) -> dict[str, Any]:
    return build_bundle(_matching(library), FAKE_PDF)


def _entry(bundle: dict[str, Any], kind: str) -> dict[str, Any]:
    resource: dict[str, Any] = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind)
    return resource


@pytest.mark.parametrize(
    ("breakage", "needle"),
    [
        (lambda b: b.update(type="pile"), "Bundle.type"),
        (lambda b: _entry(b, "QuestionnaireResponse").update(status="done"), "QuestionnaireResponse.status"),
        (lambda b: _entry(b, "QuestionnaireResponse").pop("status"), "status"),
        (lambda b: _entry(b, "DocumentReference").update(status="final"), "DocumentReference.status"),
        (lambda b: _entry(b, "DocumentReference").update(docStatus="done"), "docStatus"),
        (
            lambda b: _entry(b, "DocumentReference")["content"][0]["attachment"].update(contentType="text/plain"),
            "application/pdf",
        ),
        (
            lambda b: _entry(b, "DocumentReference")["content"][0]["attachment"].update(
                data=base64.b64encode(b"hello").decode()
            ),
            "not a PDF",
        ),
        (lambda b: _entry(b, "Provenance")["target"].append({"reference": "urn:uuid:0000"}), "not in the Bundle"),
        (lambda b: _entry(b, "Provenance")["agent"][0]["type"]["coding"][0].update(code="boss"), "participant type"),
        (
            lambda b: _entry(b, "QuestionnaireResponse")["subject"]["identifier"].update(value="4010232138"),
            "NHS number",
        ),
        (lambda b: _entry(b, "QuestionnaireResponse").update(authored="yesterday"), "authored"),
    ],
)
def test_check_bundle_catches_what_is_wrong(good_bundle: dict[str, Any], breakage: Any, needle: str) -> None:
    check_bundle(good_bundle)  # the untouched bundle is fine
    broken = copy.deepcopy(good_bundle)
    breakage(broken)
    with pytest.raises(FhirCheckError, match=needle):
        check_bundle(broken)


# -- CSV ------------------------------------------------------------------------------


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_has_no_free_text_unless_asked(tmp_path: Path) -> None:
    records = [final_record(1, notes="Lives alone"), final_record(2, notes='=HYPERLINK("http://x")')]
    records[0] = records[0].updated(what_matters="Gardening", questions=("Will I bleed?",))
    path = tmp_path / "audit.csv"
    assert write_records_csv(records, path) == 2
    text = path.read_text(encoding="utf-8-sig")
    assert "Lives alone" not in text and "Gardening" not in text and "Will I bleed" not in text
    rows = _read_csv(path)
    assert list(rows[0]) == list(AUDIT_COLUMNS)
    assert rows[0]["patient_id"] == records[0].patient_id and rows[0]["questions_count"] == "1"
    assert rows[0]["sure_total"] == "4" and rows[0]["collaborate_top_box"] == "yes"
    write_records_csv(records, path, include_free_text=True)
    rows = _read_csv(path)
    assert list(rows[0]) == list(AUDIT_COLUMNS + FREE_TEXT_COLUMNS)
    assert (rows[0]["notes"], rows[0]["what_matters"], rows[0]["questions"]) == (
        "Lives alone",
        "Gardening",
        "Will I bleed?",
    )
    assert rows[1]["notes"].startswith("'=")  # a spreadsheet shows it as text, never runs it


def test_cli_export_csv_and_fhir(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    lib = load_library([data_dir / "good"])
    old = _matching(lib, 1).updated(finalised=dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    new = _matching(lib, 2, patient_id=valid_nhs(77)).updated(finalised=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    with RecordStore.open(folder) as store:
        store.import_final([old, new])
    out = tmp_path / "out"
    assert main(["--data-dir", str(folder), "export", "--format", "csv", "--out", str(out), "--since", "1/1/2026"]) == 0
    assert [r["record_id"] for r in _read_csv(out / "records.csv")] == [new.record_id]
    Config(library_folders=[str(data_dir / "good")]).save()
    captured = capsys.readouterr()
    assert main(["--data-dir", str(folder), "export", "--format", "fhir", "--out", str(out)]) == 0, captured.err
    captured = capsys.readouterr()
    assert "2 FHIR Bundles written" in captured.out
    files = sorted(out.glob("*.fhir.json"))
    assert len(files) == 2
    for path in files:
        check_bundle(json.loads(path.read_text(encoding="utf-8")))
