"""Sign-off of one exact version of a content file, and the service's training-mode setting."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from sdm_desktop.cli import main
from sdm_desktop.config import ServiceSettings
from sdm_desktop.grids.library import discover, load_file
from sdm_desktop.grids.signoff import TRAINING_LABEL, review, sidecar_path, sign_off, use

DATA = Path(__file__).parent / "data"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "grid.yaml"
    shutil.copy(DATA / "good" / "example-grid.yaml", target)
    return target


def test_sign_off_writes_a_sidecar_and_holds_while_the_hash_matches(content: Path) -> None:
    side = sign_off(content, "Dr Ada Jones", "GP", dt.date(2026, 11, 30))
    assert side == content.with_name("grid.signoff.yaml")
    text = side.read_text(encoding="utf-8")
    assert hashlib.sha256(content.read_bytes()).hexdigest() in text
    doc = load_file(content).document
    assert doc is not None
    found = review(content, doc.content_hash)
    assert found.reviewed
    assert found.words() == "Reviewed by Dr Ada Jones, GP, on 30 November 2026"


def test_any_edit_brings_back_not_reviewed(content: Path) -> None:
    sign_off(content, "Dr Ada Jones", "GP", dt.date(2026, 11, 30))
    content.write_bytes(content.read_bytes().replace(b"small pill", b"small tablet"))
    doc = load_file(content).document
    assert doc is not None
    found = review(content, doc.content_hash)
    assert not found.reviewed
    assert found.words() == "Not clinically reviewed: changed since Dr Ada Jones reviewed it on 30 November 2026"


@pytest.mark.parametrize(
    "sidecar",
    ["reviewer: [a]\n", "- a list\n", "reviewer: A\nrole: B\ndate: 2026-02-30\nsha256: " + "0" * 64 + "\n", "\x00"],
)
def test_a_damaged_sidecar_means_not_reviewed_with_a_reason(content: Path, sidecar: str) -> None:
    sidecar_path(content).write_text(sidecar, encoding="utf-8")
    found = review(content, "0" * 64)
    assert not found.reviewed
    assert found.problem is not None and "grid.signoff.yaml" in found.problem
    assert found.words() == "Not clinically reviewed"


def test_sidecars_are_not_listed_as_documents(content: Path) -> None:
    sign_off(content, "Dr Ada Jones", "GP")
    assert discover([content.parent]) == [content]


def test_training_mode_only_when_the_service_asks_and_content_is_not_signed_off(content: Path) -> None:
    unsigned = review(content, "0" * 64)
    assert use(unsigned, patients_only_signed_off=False) == "patients"
    assert use(unsigned, patients_only_signed_off=True) == "training"
    sign_off(content, "Dr Ada Jones", "GP")
    doc = load_file(content).document
    assert doc is not None
    assert use(review(content, doc.content_hash), patients_only_signed_off=True) == "patients"
    assert "not for use with patients" in TRAINING_LABEL


def test_service_setting_defaults_off_and_reads_a_bad_file_safely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "service.json"
    monkeypatch.setenv("SDM_DESKTOP_SERVICE_CONFIG", str(path))
    assert ServiceSettings.load() == (ServiceSettings(False), None)
    ServiceSettings(patients_only_signed_off=True).save()
    assert ServiceSettings.load() == (ServiceSettings(True), None)
    path.write_text('{"patients_only_signed_off": "yes"}', encoding="utf-8")
    settings, problem = ServiceSettings.load()
    assert settings == ServiceSettings(False) and problem is not None and "true or false" in problem


def test_sign_off_command(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sign-off", str(content), "--reviewer", "Dr Ada  Jones", "--role", "GP"]) == 0
    out = capsys.readouterr().out
    assert "Signed off example-grid version 1.0.0 (grid.yaml) by Dr Ada Jones, GP" in out
    assert sidecar_path(content).exists()


def test_sign_off_command_refuses_files_with_errors_and_missing_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    shutil.copy(DATA / "bad" / "unknown-evidence.yaml", bad)
    assert main(["sign-off", str(bad), "--reviewer", "A", "--role", "B"]) == 1
    assert "cannot be signed off" in capsys.readouterr().err
    assert not sidecar_path(bad).exists()
    assert main(["sign-off", str(tmp_path / "none.yaml"), "--reviewer", "A", "--role", "B"]) == 2
    good = tmp_path / "good.yaml"
    shutil.copy(DATA / "good" / "example-grid.yaml", good)
    assert main(["sign-off", str(good), "--reviewer", "  ", "--role", "B"]) == 2
    assert "the reviewer's name is empty" in capsys.readouterr().err
    assert not sidecar_path(good).exists()
