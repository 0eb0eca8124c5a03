"""Paragraph styles for one body size. Nothing in the body is set below 9 pt."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle

from .fonts import BOLD, ITALIC, REGULAR

BODY_FLOOR = 9.0  # the smallest size allowed for anything above the footer
FOOTER_SIZE = 7.5  # the footer alone may be smaller, never below 7 pt
INK = Color(0.1, 0.1, 0.12)
MUTED = Color(0.3, 0.3, 0.33)


@dataclass(frozen=True)
class Styles:
    size: float
    body: ParagraphStyle
    bold: ParagraphStyle
    small: ParagraphStyle
    italic: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    banner: ParagraphStyle
    footer: ParagraphStyle
    footer_bold: ParagraphStyle

    @property
    def leading(self) -> float:
        return self.body.leading  # type: ignore[no-any-return]


def _style(name: str, font: str, size: float, leading: float | None = None, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or round(size * 1.22, 2),
        textColor=kw.pop("textColor", INK),
        splitLongWords=1,
        allowWidows=1,
        **kw,
    )


@lru_cache(maxsize=32)
def make_styles(size: float) -> Styles:
    """Styles for a body of ``size`` points (at least :data:`BODY_FLOOR`).

    The same objects for the same size, every time: they are never changed,
    and parsed paragraphs are cached per style (blocks.para)."""
    size = max(size, BODY_FLOOR)
    small = max(BODY_FLOOR, size - 1)
    return Styles(
        size=size,
        body=_style("body", REGULAR, size),
        bold=_style("bold", BOLD, size),
        small=_style("small", REGULAR, small, textColor=MUTED),
        italic=_style("italic", ITALIC, size),
        heading=_style("heading", BOLD, size + 1.5, spaceBefore=size * 0.4, spaceAfter=0),
        title=_style("title", BOLD, size + 5),
        subtitle=_style("subtitle", REGULAR, size + 1),
        banner=_style("banner", BOLD, size),
        footer=_style("footer", REGULAR, FOOTER_SIZE, leading=FOOTER_SIZE * 1.25, textColor=MUTED),
        footer_bold=_style("footer_bold", BOLD, FOOTER_SIZE + 1.5),
    )
