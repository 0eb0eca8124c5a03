"""Record text as it goes into exports: no control characters.

FHIR strings must not hold control characters other than tab, carriage return
and line feed (FHIR R4, datatypes: string), and a spreadsheet or terminal
reading the audit CSV should not meet escape sequences either. What a person
typed is otherwise kept exactly, bidi marks included (they belong to
right-to-left text).
"""

from __future__ import annotations

import re
from typing import Any

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without control characters (tab, CR and LF kept) or lone surrogates."""
    return _CONTROLS.sub("", text)


def clean_strings(value: Any) -> Any:
    """``value`` (JSON-like) with :func:`clean_text` applied to every string, keys included."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_strings(k): clean_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    return value
