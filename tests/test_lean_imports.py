"""Start-up imports only what start-up uses: the FHIR models wait for an export or a check."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("fhir", "fhir_core", "pydantic")


@pytest.mark.parametrize(
    "code",
    [
        "import sdm_desktop.cli as c; c.build_parser()",
        "import sdm_desktop.cli as c; c.build_parser(); import sdm_desktop.ui.app",
    ],
)
def test_the_command_line_and_the_window_do_not_import_the_fhir_models(code: str) -> None:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    loaded = {name.split(".")[0] for name in out.stdout.split()}
    assert "fhir" not in loaded and "pydantic" not in loaded, out.stdout


def test_a_check_still_loads_the_models_it_needs() -> None:
    from sdm_desktop.records.fhir_check import FhirCheckError, check_bundle, models

    assert set(models()) == {"QuestionnaireResponse", "DocumentReference", "Provenance", "Questionnaire"}
    with pytest.raises(FhirCheckError):
        check_bundle({"resourceType": "Bundle", "type": "not-a-type"})
