"""The schema's validator as fastjsonschema's generated code, with this format's strict integers.

JSON Schema counts ``1.0`` as an integer and fastjsonschema's code follows it; this format
does not (an integer is written as one, so ``points: 1.0`` is refused, as jsonschema with
the strict type checker in ``schema`` refuses it). The generated code is rewritten here so
the compiled validator agrees with the full one by itself, and a document with a whole
decimal where any number is allowed (``relative_risk: 1.0``) keeps the fast path."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import fastjsonschema

# fastjsonschema's integer test: `not isinstance(x, (int)) and not (isinstance(x, float) and x.is_integer())`
_WHOLE_FLOAT_ALLOWED = re.compile(r" and not \(isinstance\((\w+), float\) and \1\.is_integer\(\)\)")


class UnexpectedCode(RuntimeError):
    """The generated code tests integers in a form this module does not know."""


def strict_integers(code: str) -> str:
    """``code`` with whole floats no longer taken as integers."""
    strict = _WHOLE_FLOAT_ALLOWED.sub("", code)
    if "is_integer" in strict:
        raise UnexpectedCode("fastjsonschema's integer check has changed: update schema_code.strict_integers")
    return strict


def generate(schema: dict[str, Any]) -> tuple[str, str]:
    """The validator's source and the name of its entry function."""
    code = strict_integers(fastjsonschema.compile_to_code(schema))
    entry = re.search(r"^def (\w+)\(", code, re.MULTILINE)
    if entry is None:
        raise UnexpectedCode("no validator function in fastjsonschema's generated code")
    return code, entry.group(1)


def compile_validator(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """The validator compiled now, for when the code generated ahead of time cannot be used."""
    code, name = generate(schema)
    namespace: dict[str, Any] = {}
    exec(compile(code, "<schema validator>", "exec"), namespace)  # code generated from our own schema file
    validator: Callable[[Any], Any] = namespace[name]
    return validator
