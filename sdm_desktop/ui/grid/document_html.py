"""Read-only pages for prompt sets and risk scores: HTML built with every content text escaped."""

from __future__ import annotations

from html import escape

from ...grids.model import Document, OptionGrid, PromptSet, RiskScore
from ..library.badges import date_text, sign_off_text
from .prompts_panel import prompt_set_html


def _score_html(score: RiskScore) -> str:
    parts = [f"<h2>{escape(str(score.title))}</h2>"]
    for attr in ("description", "applies_to"):
        value = getattr(score, attr)
        if value:
            parts.append(f"<p>{escape(str(value))}</p>")
    parts.append(
        "<h3>Points</h3><ul>"
        + "".join(f"<li>{escape(str(item.label))}: {item.points}</li>" for item in score.items)
        + "</ul>"
    )
    table = score.table
    if table is not None:
        parts.append(
            f"<h3>Out of {table.denominator} people ({escape(str(table.population))}), "
            f"over {escape(str(table.time_frame))}, how many {escape(str(table.outcome))}</h3><ul>"
        )
        for row in table.rows:
            scores = str(row.low) if row.low == row.high else f"{row.low} to {row.high}"
            parts.append(f"<li>Score {scores}: {row.events:g}</li>")
        parts.append("</ul>")
    if score.effects:
        parts.append(
            "<h3>Treatments</h3><ul>" + "".join(f"<li>{escape(str(e.label))}</li>" for e in score.effects) + "</ul>"
        )
    return "".join(parts)


def document_html(doc: Document) -> str:
    if isinstance(doc, PromptSet):
        body = prompt_set_html(doc)
    elif isinstance(doc, RiskScore):
        body = _score_html(doc)
    elif isinstance(doc, OptionGrid):
        body = f"<h2>{escape(str(doc.title))}</h2><p>{escape(str(doc.decision))}</p>"
    else:  # pragma: no cover - every kind is handled above
        body = ""
    m = doc.metadata
    footer = (
        f"<p>Published {date_text(m.published)}. Review by {date_text(m.review_by)}. {escape(sign_off_text(doc))}.</p>"
    )
    sources = "".join(f"<li>{escape(e.citation)}</li>" for e in doc.evidence)
    if sources:
        footer += f"<p><b>Sources</b></p><ul>{sources}</ul>"
    return body + footer
