"""Validated measures whose wording must never change.

A locked prompt set carries ``wording_sha256``; the loader recomputes it from
the prompts and answer labels and refuses the document if they differ. The
registry below also pins the published wording of the measures we ship, so an
edited copy cannot be passed off by updating its own hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

# id -> SHA-256 of the published wording (see wording_hash).
PUBLISHED: Mapping[str, str] = {}


def wording_hash(prompts: Iterable[tuple[str, Mapping[str, str]]], answers: Iterable[tuple[int, Mapping[str, str]]]) -> str:
    """SHA-256 over every prompt's text and every answer's label, all languages."""
    canonical = {
        "prompts": [[pid, dict(sorted(text.items()))] for pid, text in prompts],
        "answers": [[value, dict(sorted(label.items()))] for value, label in answers],
    }
    blob = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
