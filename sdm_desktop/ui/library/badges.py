"""Status badges for documents (Qt-free): review, sign-off and expiry in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...consult.dates import long_day_text
from ...grids.model import Document, Metadata

KIND_LABELS = {
    "option_grid": "Options side by side",
    "prompt_set": "Question prompts",
    "risk_score": "Risk score",
}

SIGN_OFF_LABELS = {
    "signed_off": "Clinically reviewed",
    "in_review": "Being reviewed",
    "not_reviewed": "Not clinically reviewed",
    None: "Not clinically reviewed",
}


@dataclass(frozen=True)
class Badge:
    id: str
    text: str
    tip: str


def badges(doc: Document, today: dt.date) -> list[Badge]:
    return badges_for(doc.metadata, today)


def badges_for(m: Metadata, today: dt.date, *, reviewed: bool | None = None) -> list[Badge]:
    """Badges from a document's dates and sign-off.

    ``reviewed`` is whether its sign-off file holds (grids/signoff.py); None falls back
    to the document's own claim, which the grid page then checks against the sign-off file.
    """
    out: list[Badge] = []
    if m.expired(today):
        out.append(
            Badge(
                "expired",
                "Expired: not for patient use",
                f"Past its expiry date ({m.hard_expiry}); it must be reviewed before it is used with patients.",
            )
        )
    elif m.review_overdue(today):
        out.append(Badge("review-overdue", "Review overdue", f"Review was due on {m.review_by}."))
    if not (m.signed_off if reviewed is None else reviewed):
        out.append(
            Badge(
                "not-reviewed",
                "Not clinically reviewed",
                "No clinician has signed this content off yet. Check it before relying on it.",
            )
        )
    return out


def is_expired(doc: Document, today: dt.date) -> bool:
    return doc.metadata.expired(today)


def date_text(value: dt.date | None) -> str:
    return long_day_text(value)


def sign_off_text(doc: Document) -> str:
    m = doc.metadata
    text = SIGN_OFF_LABELS.get(m.sign_off_status, SIGN_OFF_LABELS[None])
    if m.signed_off and m.sign_off_by:
        text += f" by {m.sign_off_by}"
        if m.sign_off_date:
            text += f" on {date_text(m.sign_off_date)}"
    return text
