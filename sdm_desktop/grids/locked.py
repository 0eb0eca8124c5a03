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
PUBLISHED: Mapping[str, str] = {
    # SURE test (O'Connor & Légaré 2008; Légaré et al., Can Fam Physician 2010): 4 items, Yes = 1 / No = 0.
    "sure-test": "2b91acfeb92baf0079d2a8ca4b26368e64b45207ea4b8f045224a504d0626c73",
    # CollaboRATE (Elwyn et al. 2013): 3 items, 0 "No effort was made" to 4 "Every effort was made".
    "collaborate": "398b352dd5359bb2e35ef700b1b85bf54c33790beca40af46302387806de66bd",
}


def wording_hash(
    prompts: Iterable[tuple[str, Mapping[str, str]]], answers: Iterable[tuple[int, Mapping[str, str]]]
) -> str:
    """SHA-256 over every prompt's text and every answer's label, all languages."""
    canonical = {
        "prompts": [[pid, dict(sorted(text.items()))] for pid, text in prompts],
        "answers": [[value, dict(sorted(label.items()))] for value, label in answers],
    }
    blob = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
