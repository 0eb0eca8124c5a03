"""Small building blocks of the page: safe paragraphs, headings, boxes, columns.

Every function that takes content or user text escapes it (or draws it as
plain text), so no caller can pass markup through by mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from .bidi import BidiParagraph
from .fonts import REGULAR
from .styles import Styles
from .textsafe import clean, escape, has_rtl, markup

RULE = Color(0.55, 0.55, 0.58)
SHADE = Color(0.92, 0.92, 0.93)
BANNER_FILL = Color(0.96, 0.96, 0.96)
BANNER_EDGE = Color(0.1, 0.1, 0.1)

Story = list[Flowable]
# Tables set a font of their own (Helvetica by default) even when every cell is
# a paragraph; naming the bundled one keeps Helvetica out of the file.
TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), REGULAR)


def layout_style(*, valign: str = "TOP", right: float = 0, vpad: float = 0) -> TableStyle:
    """A table used only to place things side by side: no padding but ``right`` and ``vpad``."""
    return TableStyle(
        [
            TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), valign),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), right),
            ("TOPPADDING", (0, 0), (-1, -1), vpad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), vpad),
        ]
    )


@lru_cache(maxsize=4096)
def _parsed(source: str, style: ParagraphStyle) -> tuple[tuple[Any, ...], ParagraphStyle]:
    paragraph = Paragraph(source, style)
    return tuple(paragraph.frags), paragraph.style


def para(source: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """``Paragraph(source, style)``, its markup parsed once per text and style.

    The page is laid out several times over to find the roomiest fit; parsing
    is the same every time, so it is done once. ``source`` is markup: callers
    escape any content or user text in it first.
    """
    frags, parsed_style = _parsed(source, style)
    return Paragraph(source, parsed_style, bulletText=bullet, frags=list(frags))


def text(value: str, style: object) -> Flowable:
    """A paragraph that prints ``value`` literally."""
    if has_rtl(value):
        return BidiParagraph(value, style.fontName, style.fontSize, style.leading)  # type: ignore[attr-defined]
    return para(markup(value), style)


def labelled(label: str, value: str, style: object) -> Story:
    """'<b>Label</b> value' as one paragraph (two if the value is right to left)."""
    if has_rtl(value):
        return [para(f"<b>{escape(label)}</b>", style), text(value, style)]
    return [para(f"<b>{escape(label)}</b> {markup(value)}", style)]


def bullets(items: Sequence[str], style: object, symbol: str = "•") -> Story:
    out: Story = []
    for item in items:
        if has_rtl(item):
            out.append(text(item, style))
        else:
            out.append(para(markup(item), style, symbol))
    return out


def heading(value: str, st: Styles) -> Paragraph:
    return para(escape(clean(value)), st.heading)


def gap(st: Styles, lines: float = 0.5) -> Spacer:
    return Spacer(1, st.leading * lines)


def boxed(story: Story, width: float, *, strong: bool = False) -> Table:
    """A full-width box around ``story`` (used for warnings)."""
    table = Table([[story]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("BOX", (0, 0), (-1, -1), 1.5 if strong else 0.75, BANNER_EDGE),
                ("BACKGROUND", (0, 0), (-1, -1), BANNER_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def columns(left: Story, right: Story, width: float, split: float = 0.5) -> Table:
    """Two stories side by side, tops aligned."""
    gutter = 12.0
    lw = (width - gutter) * split
    table = Table(
        [[left or [Spacer(1, 1)], Spacer(1, 1), right or [Spacer(1, 1)]]], colWidths=[lw, gutter, width - gutter - lw]
    )
    table.setStyle(layout_style())
    return table


def dots(value: int | None, out_of: int = 5) -> str:
    """'●●●○○ 3 of 5': readable without colour."""
    if value is None:
        return "not rated"
    return "●" * value + "○" * (out_of - value) + f"\u00a0{value}\u00a0of\u00a0{out_of}"
