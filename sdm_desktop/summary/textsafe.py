"""Making any text safe to print.

reportlab's ``Paragraph`` reads its text as markup: ``<a href>`` makes a link,
``<img src>`` reads a file, ``<font>`` changes the look. Every piece of content
or user text goes through :func:`markup` (or is drawn as plain text), so such
markup prints literally and does nothing.
"""

from __future__ import annotations

import re
import unicodedata


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, so that markup prints literally.

    The same as ``xml.sax.saxutils.escape``, whose module pulls in urllib and
    the email package at import."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


RECORD_MARKER = " … (continues in the record)"
CONTENT_MARKER = " …"  # explained once under the grid

# C0/C1 controls (other than tab and newline), lone surrogates and
# non-characters: they break PDF text or print as boxes. Also the explicit
# bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069):
# the font has no glyph for the isolates, and an override would let content
# show its words reversed. Right-to-left text needs none of them: the bidi
# algorithm orders it from the letters themselves (and the marks U+200E/F stay).
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t]+")


# No text longer than this fits on the one page; cutting it first bounds the
# work for any input (a 900 kB one-word title took seconds to lay out).
MAX_TEXT = 4_000


def clean(text: str) -> str:
    """Normalise (NFC), drop control characters, tidy spaces and line ends.

    Text longer than :data:`MAX_TEXT` is cut there, with the marker for shortened content."""
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT] + CONTENT_MARKER
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _BAD.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    # Keep single blank lines between paragraphs, no more.
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return drawable("\n".join(out))


REPLACEMENT = "\ufffd"  # the bundled font draws it: a visible mark where a character cannot be printed


def drawable(text: str) -> str:
    """``text`` with every character the bundled font cannot draw (Chinese, say) as a visible replacement.

    Without this such characters print as empty boxes or nothing, and the reader cannot tell
    that something is missing. Invisible format characters (bidi marks, zero-width spaces) stay."""
    if text.isascii():
        return text
    from .fonts import has_glyph  # the font is loaded only when there is something to check

    return "".join(c if c == "\n" or unicodedata.category(c) == "Cf" or has_glyph(c) else REPLACEMENT for c in text)


def truncate(text: str, limit: int | None, marker: str = RECORD_MARKER) -> str:
    """``text`` cut to about ``limit`` characters at a word break, with a visible marker."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.\n") + marker


def markup(text: str) -> str:
    """Paragraph markup that prints ``text`` literally (newlines kept as line breaks)."""
    return escape(clean(text)).replace("\n", "<br/>")


def is_rtl_text(text: str) -> bool:
    """True if the first strongly directional character is right to left."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def has_rtl(text: str) -> bool:
    if text.isascii():
        return False
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)
