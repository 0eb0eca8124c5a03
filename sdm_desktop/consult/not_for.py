"""Who an aid is not for, in plain words, for the screen (Qt-free)."""

from __future__ import annotations

from ..grids.model import DocumentBase

HEADING = "This aid is not for:"


def not_for_lines(doc: DocumentBase, language: str | None = None) -> list[str]:
    """One line per group of people the aid does not apply to: 'who: why'."""
    lines: list[str] = []
    for item in doc.not_for:
        who = " ".join(item.who.get(language).split())
        reason = " ".join(item.reason.get(language).split())
        lines.append(f"{who}: {reason}" if reason else who)
    return lines


def not_for_text(doc: DocumentBase, language: str | None = None) -> str:
    """'This aid is not for:' and each line after a bullet, or '' when the aid names no one."""
    lines = not_for_lines(doc, language)
    if not lines:
        return ""
    return HEADING + "\n" + "\n".join(f"\u2022 {line}" for line in lines)


def not_for_short(doc: DocumentBase, language: str | None = None) -> str:
    """'Not for: people with a mechanical heart valve; ...' (who only, for the top of the page), or ''."""
    who = [" ".join(item.who.get(language).split()) for item in doc.not_for]
    return ("Not for: " + "; ".join(who) + ".") if who else ""
