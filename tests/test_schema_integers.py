"""The compiled schema check takes integers as strictly as the full one, so whole decimals keep the fast path."""

from __future__ import annotations

import copy
import sys
from typing import Any

import pytest

import sdm_desktop.grids
from sdm_desktop.grids import schema
from sdm_desktop.grids.schema_code import UnexpectedCode, compile_validator, strict_integers
from sdm_desktop.grids.yamlsafe import load_bytes
from sdm_desktop.paths import SHIPPED_LIBRARY


def _score() -> dict[str, Any]:
    data = load_bytes((SHIPPED_LIBRARY / "cha2ds2-vasc.yaml").read_bytes(), "cha2ds2-vasc.yaml").data
    assert isinstance(data, dict)
    return data


def _no_full_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("the full validator was used for a valid document")

    monkeypatch.setattr(schema, "_validator", refuse)


def test_a_whole_decimal_where_any_number_is_allowed_keeps_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _score()
    doc["table"]["rows"][0]["events"] = float(int(doc["table"]["rows"][0]["events"]) + 1)
    assert isinstance(doc["table"]["rows"][0]["events"], float)
    _no_full_validator(monkeypatch)
    assert schema.is_valid(doc)
    assert schema.check(doc, load_bytes(b"a: 1\n", "x").source, "x") == []


def test_every_shipped_document_is_valid_without_the_full_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [load_bytes(p.read_bytes(), str(p)).data for p in sorted(SHIPPED_LIBRARY.glob("*.yaml"))]
    _no_full_validator(monkeypatch)
    assert len(docs) > 5
    assert all(schema.is_valid(doc) for doc in docs)


@pytest.mark.parametrize("where", ["points", "denominator"])
def test_a_whole_decimal_where_an_integer_belongs_is_refused_by_the_compiled_check(where: str) -> None:
    doc = _score()
    if where == "points":
        doc["items"][0]["points"] = float(doc["items"][0]["points"])
    else:
        doc["table"]["denominator"] = float(doc["table"]["denominator"])
    assert not schema.is_valid(doc)
    findings = schema.check(doc, load_bytes(b"a: 1\n", "x").source, "x")
    assert any("whole number" in f.message for f in findings)


def test_the_validator_compiled_at_start_up_is_as_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sdm_desktop.grids._schema_validator", None)  # import raises ImportError
    monkeypatch.delattr(sdm_desktop.grids, "_schema_validator", raising=False)
    schema._fast.cache_clear()
    try:
        doc = _score()
        assert schema.is_valid(doc)
        bad = copy.deepcopy(doc)
        bad["items"][0]["points"] = 1.0
        assert not schema.is_valid(bad)
    finally:
        schema._fast.cache_clear()


def test_a_generated_module_without_strict_integers_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from sdm_desktop.grids import _schema_validator

    monkeypatch.delattr(_schema_validator, "STRICT_INTEGERS")
    schema._fast.cache_clear()
    try:
        assert schema._fast() is not _schema_validator.validate
        assert not schema.is_valid({**_score(), "items": [{**_score()["items"][0], "points": 2.0}]})
    finally:
        schema._fast.cache_clear()


def test_an_unknown_form_of_the_integer_check_is_refused() -> None:
    assert "is_integer" not in strict_integers(
        "if not isinstance(x, (int)) and not (isinstance(x, float) and x.is_integer()):"
    )
    with pytest.raises(UnexpectedCode):
        strict_integers("if not (x.is_integer()):")
    validate = compile_validator({"type": "object", "properties": {"n": {"type": "integer"}, "r": {"type": "number"}}})
    validate({"n": 1, "r": 1.0})
    with pytest.raises(Exception, match="integer"):
        validate({"n": 1.0})
