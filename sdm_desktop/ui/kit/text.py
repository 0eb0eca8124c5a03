"""Content and typed text on screen: always plain text, never markup; long words may wrap.

A QLabel given a string guesses whether it is rich text (``Qt.AutoText``), and a
tooltip does the same, so a content file holding ``<img src=...>`` or ``<a>``
would have them obeyed. Labels that show content are made plain text here; where
the window's own markup (bold, a line break) wraps content, the content is
escaped with :func:`html_text`. Tooltips are escaped and wrapped in the window's
own paragraph, so they are always read as rich text whose only markup is ours.
A long unbroken word may wrap anywhere instead of widening the window (:func:`breakable`).
Typed text cannot reorder itself (:func:`no_reorder`).
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

ZERO_WIDTH_SPACE = "\u200b"
LONGEST = 24  # letters without a space before a break is allowed
_LONG = re.compile(rf"\S{{{LONGEST + 1},}}")


def breakable(text: str) -> str:
    """``text`` with an invisible break allowed every ``LONGEST`` letters of any unbroken run."""
    if len(text) <= LONGEST:
        return text

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        return ZERO_WIDTH_SPACE.join(word[i : i + LONGEST] for i in range(0, len(word), LONGEST))

    return _LONG.sub(split, text)


def plain(label: QLabel) -> QLabel:
    """Make ``label`` show its text as it is, word-wrapped."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapped label that never reads its text as markup."""
    return plain(QLabel(text, parent))


def rich(label: QLabel) -> QLabel:
    """Mark ``label`` as showing the window's own markup (content inside it escaped)."""
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def html_text(text: object) -> str:
    """Content or typed text escaped for the window's own markup; line breaks kept."""
    return escape(str(text)).replace("\n", "<br>")


def tooltip_text(text: object) -> str:
    """A tooltip that shows ``text`` as it is."""
    return f"<p>{html_text(text)}</p>" if str(text) else ""


def plain_tooltip(widget: QWidget, text: object) -> None:
    widget.setToolTip(tooltip_text(text))


# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): in typed text they can make
# "take 5.7 mg" show as "take 7.5 mg". Shown without them, as the printed summary is; right-to-left
# words still read right to left (the bidi algorithm orders them from their letters).
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069]")


def no_reorder(text: str) -> str:
    """Typed ``text`` as shown: without the controls that would reorder it."""
    return _REORDERING.sub("", text)
