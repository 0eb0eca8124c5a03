"""JSON Schema checks (draft-07), with every error placed at its line and column."""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError

from ..paths import SCHEMA_PATH
from .findings import Finding, Severity
from .yamlsafe import SourceMap


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@functools.lru_cache(maxsize=1)
def _fast() -> Callable[[Any], Any]:
    """A compiled validator: the quick yes/no for the common case of a valid file.

    The code generated ahead of time (scripts/generate_validator.py) is used
    while it matches the schema file; otherwise the schema is compiled now."""
    from . import _schema_validator as generated

    if hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == generated.SCHEMA_SHA256:
        ahead: Callable[[Any], Any] = generated.validate
        return ahead
    compiled: Callable[[Any], Any] = fastjsonschema.compile(schema())
    return compiled


def is_valid(data: Any) -> bool:
    try:
        _fast()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    # The compiled validator takes 1.0 as an integer (JSON Schema's rule); this
    # format does not, so a document holding such a number gets the strict check.
    return not _has_whole_float(data) or bool(_validator().is_valid(data))


def _has_whole_float(data: Any) -> bool:
    """Any float with a whole value (1.0, 100.0) anywhere in ``data``."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, float):
            if value.is_integer():
                return True
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def _strict_integer(_checker: Any, instance: Any) -> bool:
    """An integer is written as one: ``1.0`` is not an integer here, nor is ``true``."""
    return isinstance(instance, int) and not isinstance(instance, bool)


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft7Validator:
    import jsonschema  # only invalid documents need the full, explained error list

    jsonschema.Draft7Validator.check_schema(schema())
    checker = jsonschema.Draft7Validator.TYPE_CHECKER.redefine("integer", _strict_integer)
    strict = jsonschema.validators.extend(jsonschema.Draft7Validator, type_checker=checker)
    validator: jsonschema.Draft7Validator = strict(schema())
    return validator


def _leaves(error: ValidationError) -> Iterable[ValidationError]:
    """The most specific errors under a oneOf/anyOf/allOf failure."""
    if not error.context:
        yield error
        return
    from jsonschema.exceptions import best_match

    best = best_match(error.context)
    if best is None:  # pragma: no cover - defensive
        yield error
        return
    if best.validator in ("type", "oneOf", "anyOf") and error.validator in ("oneOf", "anyOf"):
        # The value fits none of the alternatives: say so plainly.
        yield error
        return
    yield from _leaves(best)


def _describe(error: ValidationError) -> str:
    where = "/".join(str(p) for p in error.absolute_path)
    subject = f"'{where}'" if where else "the document"
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{subject} is missing the required key '{missing}'"
    if v == "type":
        return f"{subject} should be {_a(error.validator_value)}, not {_kind(error.instance)}"
    if v == "enum":
        allowed = ", ".join(repr(x) for x in error.validator_value)
        return f"{subject} is {error.instance!r}; it must be one of {allowed}"
    if v == "const":
        return f"{subject} must be {error.validator_value!r}"
    if v == "pattern":
        desc = error.schema.get("description") if isinstance(error.schema, dict) else None
        hint = f" ({desc})" if desc else ""
        return f"{subject} has the value {error.instance!r}, which is not in the right form{hint}"
    if v in ("minItems", "maxItems"):
        n = len(error.instance)
        word = "at least" if v == "minItems" else "at most"
        return f"{subject} has {n} item{'s' if n != 1 else ''}; it needs {word} {error.validator_value}"
    if v == "minLength":
        return f"{subject} is empty or too short"
    if v in ("oneOf", "anyOf"):
        desc = error.schema.get("description") if isinstance(error.schema, dict) else None
        if isinstance(error.instance, dict) and v == "anyOf" and "doi" in json.dumps(error.validator_value):
            return f"{subject} needs a 'doi' or a 'url'"
        return f"{subject} is not in a form that fits here" + (f": {desc}" if desc else "")
    if v == "uniqueItems":
        return f"{subject} lists the same value twice"
    return f"{subject}: {error.message}"


def _a(kind: Any) -> str:
    names: dict[str, str] = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
             "number": "a number", "boolean": "true or false", "null": "empty"}
    if isinstance(kind, list):
        return " or ".join(names.get(str(k), str(k)) for k in kind)
    return names.get(kind, str(kind))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if value is None:
        return "empty"
    return f"the text {value!r}"


def _unknown_keys(error: ValidationError) -> list[str]:
    """The keys an ``additionalProperties: false`` error is about."""
    known = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
    if isinstance(error.instance, dict):
        return [k for k in error.instance if k not in known]
    return []


def check(data: dict[str, Any], source: SourceMap, path: str) -> list[Finding]:
    """Every schema error, located. Valid documents take the compiled fast path;
    only invalid ones pay for jsonschema's full, explained list of errors."""
    if is_valid(data):
        return []
    findings: list[Finding] = []
    seen: set[tuple[int, int, str]] = set()
    for top in _validator().iter_errors(data):
        for error in _leaves(top):
            abs_path = tuple(error.absolute_path)
            by_name = "propertyNames" in error.schema_path
            if by_name or (error.validator == "additionalProperties" and error.validator_value is False):
                parent = abs_path
                if by_name:
                    # jsonschema reports the key name itself as the instance.
                    keys = [error.instance] if isinstance(error.instance, str) else []
                else:
                    keys = _unknown_keys(error)
                for key in keys:
                    line, col = source.locate((*parent, key), key=True)
                    message = f"unknown key '{key}'" + (f" in '{'/'.join(map(str, parent))}'" if parent else "")
                    message += _suggest(key, error)
                    if (line, col, message) not in seen:
                        seen.add((line, col, message))
                        findings.append(Finding(path, line, col, Severity.ERROR, message, "unknown-key"))
                continue
            line, col = source.locate(abs_path)
            message = _describe(error)
            if (line, col, message) in seen:
                continue
            seen.add((line, col, message))
            findings.append(Finding(path, line, col, Severity.ERROR, message, "schema"))
    findings.sort()
    return findings


def _suggest(key: str, error: ValidationError) -> str:
    schema_part = error.schema if isinstance(error.schema, dict) else {}
    names: list[str] = list(schema_part.get("properties", {}))
    if "propertyNames" in error.schema_path:
        names += [str(v) for v in error.validator_value] if isinstance(error.validator_value, list) else []
    close = difflib.get_close_matches(key, names, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""
