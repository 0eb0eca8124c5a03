"""The bundled Unicode font (DejaVu Sans), registered once per process.

The PDF's standard fonts only cover Latin-1, so Welsh (ŵ, ŷ), Polish (ł, ż) and
most other scripts would print as blanks. DejaVu Sans ships in resources/fonts
and is embedded (subset) in every summary.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import FONTS_DIR

REGULAR = "SDMSans"
BOLD = "SDMSans-Bold"
ITALIC = "SDMSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}


class FontMissing(RuntimeError):
    """A bundled font file is missing or unreadable (a broken installation)."""


@cache
def register_fonts() -> str:
    """Register the family with reportlab (first call only); return the regular name."""
    for name, filename in _FILES.items():
        path = FONTS_DIR / filename
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as exc:  # reportlab raises TTFError, OSError or others
            raise FontMissing(f"the bundled font {path} could not be loaded ({exc})") from exc
    # <b> and <i> inside paragraphs pick the matching face.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR


def has_glyph(char: str) -> bool:
    """Whether the bundled font can draw ``char``."""
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    return ord(char) in font.face.charToGlyph
