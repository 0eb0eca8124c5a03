"""The published schema, translations and locked measures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from sdm_desktop.grids import locked
from sdm_desktop.grids.library import load_data
from sdm_desktop.grids.model import OptionGrid, PromptSet, Text, is_rtl
from sdm_desktop.paths import SCHEMA_PATH

GOOD = Path(__file__).parent / "data" / "good"
TODAY = dt.date(2026, 11, 24)


def test_schema_is_valid_draft_07() -> None:
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_every_shipped_and_example_file_names_the_schema_for_editors() -> None:
    from sdm_desktop.paths import SHIPPED_LIBRARY

    files = [*GOOD.glob("*.yaml"), *SHIPPED_LIBRARY.glob("*.yaml")]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == SCHEMA_PATH.resolve(), path


TRANSLATED = """\
format: sdm-desktop/1
kind: prompt_set
id: translated
version: "1.0"
language: en-GB
languages: [en-GB, cy, ar]
title: {en-GB: Questions to ask, cy: Cwestiynau i'w gofyn, ar: أسئلة للطرح}
prompts:
  - id: benefits
    text: {en-GB: What are the benefits?, cy: Beth yw'r manteision?, ar: ما هي الفوائد؟}
evidence:
  - {id: e, citation: Example A. A made-up source for tests. 2020., url: "https://example.org/a", certainty: not_graded}
metadata:
  published: 2026-01-01
  review_by: 2027-01-01
  update_policy: Reviewed every year, or sooner when the evidence changes.
  funding: No external funding.
  authors: [{name: Test Author, role: author, competing_interests: None declared}]
  sign_off: {status: not_reviewed}
"""


def test_welsh_and_right_to_left_text_are_representable() -> None:
    loaded = load_data(TRANSLATED.encode(), "t.yaml", TODAY)
    assert loaded.ok, [f.format() for f in loaded.findings]
    doc = loaded.document
    assert isinstance(doc, PromptSet)
    assert doc.languages == ("en-GB", "cy", "ar")
    assert doc.prompts[0].text.get("cy") == "Beth yw'r manteision?"
    assert doc.prompts[0].text.get("ar-EG") == "ما هي الفوائد؟"  # falls back to the base language
    assert doc.prompts[0].text.get("fr") == "What are the benefits?"  # then to the default
    assert is_rtl("ar") and is_rtl("he-IL") and not is_rtl("cy") and not is_rtl("en-GB")


def test_text_defaults() -> None:
    t = Text.of("Hello", "cy")
    assert str(t) == "Hello" and t.get("en-GB") == "Hello" and t.languages == frozenset({"cy"})


def _sure_like(text: str, wording: str | None) -> bytes:
    extra = f"wording_sha256: {wording}\n" if wording else ""
    return (
        TRANSLATED.replace("id: translated", "id: my-measure")
        .replace("languages: [en-GB, cy, ar]\n", "")
        .replace("title: {en-GB: Questions to ask, cy: Cwestiynau i'w gofyn, ar: أسئلة للطرح}", "title: A measure")
        .replace(
            "    text: {en-GB: What are the benefits?, cy: Beth yw'r manteision?, ar: ما هي الفوائد؟}",
            f"    text: {text}",
        )
        + "locked: true\n"
        + extra
        + "answers: [{value: 0, label: 'No'}, {value: 1, label: 'Yes'}]\n"
    ).encode()


def test_locked_measure_needs_its_hash_and_refuses_edits() -> None:
    digest = locked.wording_hash(
        [("benefits", {"en-GB": "Do you feel sure?"})], [(0, {"en-GB": "No"}), (1, {"en-GB": "Yes"})]
    )
    ok = load_data(_sure_like("Do you feel sure?", digest), "m.yaml", TODAY)
    assert ok.ok, [f.format() for f in ok.findings]
    edited = load_data(_sure_like("Do you feel quite sure?", digest), "m.yaml", TODAY)
    assert [f.rule for f in edited.findings] == ["locked-wording"]
    assert not edited.ok
    missing = load_data(_sure_like("Do you feel sure?", None), "m.yaml", TODAY)
    assert [f.rule for f in missing.findings] == ["locked-wording"]
    assert digest in missing.findings[0].message


def test_published_measures_cannot_be_rehashed(monkeypatch: pytest.MonkeyPatch) -> None:
    original = locked.wording_hash(
        [("benefits", {"en-GB": "Do you feel sure?"})], [(0, {"en-GB": "No"}), (1, {"en-GB": "Yes"})]
    )
    monkeypatch.setattr(locked, "PUBLISHED", {"my-measure": original})
    edited_hash = locked.wording_hash(
        [("benefits", {"en-GB": "Edited?"})], [(0, {"en-GB": "No"}), (1, {"en-GB": "Yes"})]
    )
    edited = load_data(_sure_like("Edited?", edited_hash), "m.yaml", TODAY)
    assert [f.rule for f in edited.findings] == ["locked-wording"]


def test_grid_model_reads_back(tmp_path: Path) -> None:
    loaded = load_data((GOOD / "example-grid.yaml").read_bytes(), "g.yaml", TODAY)
    grid = loaded.document
    assert isinstance(grid, OptionGrid)
    assert [o.id for o in grid.options] == ["wait", "pill"]
    assert grid.options[0].do_nothing
    assert grid.metadata.review_by == dt.date(2027, 1, 1)
    assert grid.metadata.hard_expiry == dt.date(2028, 1, 1)
    assert grid.metadata.review_overdue(dt.date(2027, 1, 2)) and not grid.metadata.expired(dt.date(2027, 1, 2))
    assert grid.metadata.expired(dt.date(2028, 1, 2))
    assert len(grid.content_hash) == 64


def _agree(data: object) -> None:
    from sdm_desktop.grids import schema

    full = not any(True for _ in schema._validator().iter_errors(data))
    assert schema.is_valid(data) == full


def test_fast_and_full_schema_validators_agree_on_every_example() -> None:
    from sdm_desktop.grids.yamlsafe import load_bytes
    from sdm_desktop.paths import SHIPPED_LIBRARY

    checked = 0
    for path in [*GOOD.glob("*.yaml"), *(GOOD.parent / "bad").glob("*.yaml"), *SHIPPED_LIBRARY.glob("*.yaml")]:
        loaded = load_bytes(path.read_bytes(), str(path))
        if loaded.data is not None:
            _agree(loaded.data)
            checked += 1
    assert checked > 20


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "format": st.sampled_from(["sdm-desktop/1", "x"]),
            "kind": st.sampled_from(["option_grid", "prompt_set", "risk_score", "other"]),
            "id": st.sampled_from(["ok-id", "Bad Id"]),
            "version": st.sampled_from(["1.0", 1.0]),
            "title": st.sampled_from(["T", {"en-GB": "T"}, {"xx yy": "T"}, ""]),
        },
        optional={
            "options": st.lists(
                st.fixed_dictionaries({"id": st.sampled_from(["a", "b"]), "name": st.just("N")}), max_size=5
            ),
            "rows": st.lists(
                st.dictionaries(st.sampled_from(["id", "question", "cells", "risk"]), st.sampled_from(["r", {}, []])),
                max_size=3,
            ),
            "metadata": st.dictionaries(
                st.sampled_from(["published", "funding", "sign_off"]),
                st.sampled_from(["2020-01-01", {"status": "x"}, 3]),
            ),
        },
    )
)
def test_fast_and_full_schema_validators_agree_on_generated_documents(doc: dict[str, object]) -> None:
    _agree(doc)


def test_generated_validator_is_up_to_date() -> None:
    """scripts/generate_validator.py must be run after every schema change."""
    import importlib.util

    from sdm_desktop.grids import _schema_validator

    spec = importlib.util.spec_from_file_location(
        "generate_validator", GOOD.parents[2] / "scripts" / "generate_validator.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert Path(_schema_validator.__file__).read_text(encoding="utf-8") == module.generate()


def test_an_older_fastjsonschema_falls_back_to_compiling_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """Code generated by one fastjsonschema release may not import under an older one."""
    import sys

    import sdm_desktop.grids
    from sdm_desktop.grids import schema
    from sdm_desktop.grids.yamlsafe import load_bytes

    monkeypatch.setitem(sys.modules, "sdm_desktop.grids._schema_validator", None)  # import raises ImportError
    monkeypatch.delattr(sdm_desktop.grids, "_schema_validator", raising=False)
    schema._fast.cache_clear()
    try:
        good = load_bytes((GOOD / "example-grid.yaml").read_bytes(), "x").data
        assert schema.is_valid(good)
        assert not schema.is_valid({**good, "version": "one"})
        assert "_schema_validator" not in (getattr(schema._fast(), "__module__", None) or "")
    finally:
        schema._fast.cache_clear()
