"""Build the one-page summary: choose a plan that fits, then draw it once."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

from .. import __version__
from ..grids.model import OptionGrid, PromptSet, RiskScore
from ..grids.signoff import Review
from ..records.model import Record
from .blocks import RULE, Story, text
from .context import Context, long_date
from .fonts import REGULAR, register_fonts
from .plan import REDUCE_SIZES, SQUEEZE_STEPS, Plan, ladder, reductions, squeezed
from .story import build_story
from .styles import FOOTER_SIZE, Styles, make_styles
from .textsafe import clean

PAGES = {"a4": A4, "letter": LETTER}
MARGIN_X = 38.0
MARGIN_TOP = 34.0
MARGIN_BOTTOM = 26.0
FOOTER_GAP = 6.0
CLIP_NOTE = "More did not fit on one page: the rest continues in the record."


class SummaryError(ValueError):
    """The summary cannot be made; the message says why, in plain words."""


class ContentExpired(SummaryError):
    """The aid is past its hard expiry date and must not be printed for patients."""


def _language(grid: OptionGrid, language: str | None) -> str:
    if not language:
        return grid.language
    have = {tag.split("-")[0].lower() for tag in (*grid.languages, grid.language)}
    return language if language.split("-")[0].lower() in have else grid.language


def _footer(ctx: Context, width: float) -> Story:
    st = make_styles(9)
    grid, meta = ctx.grid, ctx.grid.metadata
    facts = [f"{grid.id} version {grid.version}"]
    if not ctx.patient:
        facts.append(f"content {grid.content_hash[:12]}")
    if meta.review_by:
        facts.append(f"review by {long_date(meta.review_by)}")
    sources = ctx.sources()
    if sources:
        shown = "; ".join(sources[:3]) + (f" and {len(sources) - 3} more" if len(sources) > 3 else "")
        facts.append(f"sources: {shown}")
    line1 = " · ".join(facts)
    tail = f" · Made with SDM Desktop {__version__} · Page 1 of 1"
    second = Paragraph(
        f'<font name="SDMSans-Bold" size="{st.footer_bold.fontSize}">{clean(ctx.training_label() or ctx.sign_off())}</font>'
        f'<font size="{FOOTER_SIZE}">{tail}</font>',
        st.footer,
    )
    out: Story = [text(line1, st.footer), second]
    if ctx.patient or ctx.record is None:
        out.append(
            text(
                "This page supports a conversation with your care team. It is not medical advice on its own.", st.footer
            )
        )
    return out


def _heights(story: Story, width: float) -> list[float]:
    """Wrap every flowable once at ``width``; drawing reuses the result."""
    return [f.wrap(width, 1e6)[1] for f in story]


def _draw(canvas: Canvas, story: Story, heights: Sequence[float], x: float, top: float) -> None:
    y = top
    for f, h in zip(story, heights, strict=True):
        f.drawOn(canvas, x, y - h)
        y -= h


def _draw_clipped(canvas: Canvas, story: Story, st: Styles, x: float, top: float, bottom: float, width: float) -> None:
    """Last resort: draw what fits, split a table if needed, and say so."""
    note = text(CLIP_NOTE, st.italic)
    note_h = note.wrap(width, 1e6)[1]
    y = top
    for f in story:
        h = f.wrap(width, 1e6)[1]
        if y - h >= bottom + note_h:
            f.drawOn(canvas, x, y - h)
            y -= h
            continue
        parts: list[Flowable] = f.split(width, y - bottom - note_h) if isinstance(f, (Table, Paragraph)) else []
        if parts:
            first = parts[0]
            fh = first.wrap(width, y - bottom - note_h)[1]
            if y - fh >= bottom + note_h:
                first.drawOn(canvas, x, y - fh)
                y -= fh
        break
    note.drawOn(canvas, x, y - note_h)


class Layout(NamedTuple):
    plan: Plan
    story: Story
    heights: list[float]

    @property
    def height(self) -> float:
        return sum(self.heights)


def _attempt(ctx: Context, plan: Plan, width: float, room: float = math.inf) -> Layout:
    """The story for ``plan`` and its heights; measuring stops once they pass ``room``.

    So a layout that does not fit costs only the part measured before it overflowed;
    one that fits is measured whole (drawing reuses the heights)."""
    story = build_story(ctx, make_styles(plan.size), plan, width)
    heights: list[float] = []
    total = 0.0
    for flowable in story:
        h = flowable.wrap(width, 1e6)[1]
        heights.append(h)
        total += h
        if total > room:
            break
    return Layout(plan, story, heights)


def _first_fit(ctx: Context, plans: list[Plan], width: float, room: float) -> Layout | None:
    """The roomiest of ``plans`` (ordered roomiest first) that fits, by bisection.

    Heights shrink along the list, so few plans are built; whatever is
    returned was measured and fits. The tightest plan is not measured first:
    it is reached by the bisection only when every roomier one overflows.
    """
    if not plans:
        return None
    layout = _attempt(ctx, plans[0], width, room)
    if layout.height <= room:
        return layout
    lo, hi = 1, len(plans)  # plans[lo - 1] does not fit; plans[hi] fits (hi == len(plans): none known to)
    best: Layout | None = None
    while lo < hi:
        mid = (lo + hi) // 2
        layout = _attempt(ctx, plans[mid], width, room)
        if layout.height <= room:
            hi, best = mid, layout
        else:
            lo = mid + 1
    return best


def _choose(ctx: Context, kind: str, width: float, room: float) -> tuple[bool, Layout]:
    """The roomiest plan whose page fits: measured, never guessed."""
    fixed = list(ladder(kind))
    for size in REDUCE_SIZES[kind]:
        fixed += reductions(kind, size)
    found = _first_fit(ctx, fixed, width, room)
    if found is not None:
        return True, found
    tightest: Layout | None = None
    for size in REDUCE_SIZES[kind]:
        layout = tightest = _attempt(ctx, squeezed(kind, 0.0, size), width, room)
        if layout.height > room:
            continue
        best = layout
        lo, hi = 0.0, 1.0
        for _ in range(SQUEEZE_STEPS):
            mid = (lo + hi) / 2
            layout = _attempt(ctx, squeezed(kind, mid, size), width, room)
            if layout.height <= room:
                lo, best = mid, layout
            else:
                hi = mid
        return True, best
    assert tightest is not None  # REDUCE_SIZES is never empty
    return False, tightest  # even the tightest does not fit: drawn clipped


@dataclass(frozen=True)
class PrintCheck:
    """How a grid prints on its own (the handout): for content editors."""

    size: float  # body font size chosen
    pictures_left_out: bool
    cells_shortened: int  # cells cut to fit, with "…"
    clipped: bool  # not even the shortest texts fit: the page says the rest is in the aid

    def sentence(self) -> str:
        if self.clipped:
            return "Printed on its own, this grid does not fit on one page even with its text cut short."
        if self.cells_shortened:
            n = self.cells_shortened
            return (
                f"Printed on its own, this grid needs {n} cell{'s' if n != 1 else ''} shortened to fit one page "
                f"at {self.size:g} pt{', and its pictures left out' if self.pictures_left_out else ''}: "
                "shorten the longest cells or ask whether every row is needed."
            )
        if self.pictures_left_out:
            return f"Printed on its own, this grid fits one page at {self.size:g} pt with its pictures left out."
        return f"Printed on its own, this grid fits one page at {self.size:g} pt."


def print_check(
    grid: OptionGrid,
    *,
    scores: Mapping[str, RiskScore] = {},
    prompt_sets: Sequence[PromptSet] = (),
    paper: Literal["a4", "letter"] = "a4",
    today: dt.date | None = None,
) -> PrintCheck:
    """Lay the handout out as :func:`build_summary_pdf` would, without drawing it."""
    register_fonts()
    ctx = Context(grid, None, "record", _language(grid, None), today or dt.date.today(), scores, prompt_sets)
    width, top, bottom, _footer_parts = _frame(ctx, paper)
    fits, layout = _choose(ctx, "grid", width, top - bottom)
    plan = layout.plan
    limit = plan.cell_limit
    shortened = (
        0
        if limit is None
        else sum(1 for row in grid.rows for cell in row.cells.values() if len(clean(ctx.t(cell.text))) > limit)
    )
    has_pictures = bool(ctx.risk_blocks(list(grid.rows), [o.id for o in grid.options]))
    return PrintCheck(plan.size, has_pictures and not plan.pictures, shortened, not fits)


def _frame(ctx: Context, paper: str) -> tuple[float, float, float, tuple[Story, list[float], float]]:
    """Text width, the top and bottom of the body, and the footer (story, heights, height)."""
    page_w, page_h = PAGES[paper]
    width = page_w - 2 * MARGIN_X
    footer = _footer(ctx, width)
    footer_heights = _heights(footer, width)
    footer_h = sum(footer_heights)
    return width, page_h - MARGIN_TOP, MARGIN_BOTTOM + footer_h + FOOTER_GAP, (footer, footer_heights, footer_h)


def build_summary_pdf(
    grid: OptionGrid,
    record: Record | None = None,
    *,
    scores: Mapping[str, RiskScore] = {},
    prompt_sets: Sequence[PromptSet] = (),
    copy: Literal["record", "patient"] = "record",
    paper: Literal["a4", "letter"] = "a4",
    language: str | None = None,
    today: dt.date | None = None,
    review: Review | None = None,
    training: bool = False,
) -> bytes:
    """The one-page summary as PDF bytes.

    ``record`` None prints a clean grid to hand over. Raises
    :class:`ContentExpired` when the aid is past its hard expiry and the page
    would be for a patient (the patient copy, or the grid on its own).
    ``review`` is the sign-off beside the content file (grids/signoff.py);
    ``training`` labels the page as training mode while the content is not
    reviewed (the service setting "patients only see signed-off content").
    """
    if copy not in ("record", "patient"):
        raise SummaryError(f"unknown copy {copy!r}: use 'record' or 'patient'")
    if paper not in PAGES:
        raise SummaryError(f"unknown paper size {paper!r}: use 'a4' or 'letter'")
    today = today or dt.date.today()
    meta = grid.metadata
    if meta.expired(today) and (copy == "patient" or record is None) and meta.hard_expiry:
        raise ContentExpired(
            f"the aid '{grid.id}' expired on {long_date(meta.hard_expiry)} and must not be printed for patients; "
            "ask for the updated version"
        )
    register_fonts()
    lang = _language(grid, language)
    ctx = Context(grid, record, copy, lang, today, scores, prompt_sets, review, training)
    page_w, page_h = PAGES[paper]
    width, top, bottom, (footer, footer_heights, footer_h) = _frame(ctx, paper)

    kind = "grid" if record is None else copy
    fits, layout = _choose(ctx, kind, width, top - bottom)
    story, heights = layout.story, layout.heights

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_w, page_h), lang=lang, initialFontName=REGULAR, initialFontSize=9)
    title = clean(ctx.title)  # bounded, like every text on the page
    canvas.setTitle(f"{title}: decision summary" if record is not None else title)
    canvas.setSubject("Shared decision-making summary, " + ("grid to hand over" if record is None else f"{copy} copy"))
    canvas.setCreator(f"SDM Desktop {__version__}")
    canvas.setAuthor("SDM Desktop")
    canvas.setKeywords([grid.id, grid.version])
    if fits:
        _draw(canvas, story, heights, MARGIN_X, top)
    else:
        _draw_clipped(canvas, story, make_styles(9), MARGIN_X, top, bottom, width)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(
        MARGIN_X,
        MARGIN_BOTTOM + footer_h + FOOTER_GAP / 2,
        page_w - MARGIN_X,
        MARGIN_BOTTOM + footer_h + FOOTER_GAP / 2,
    )
    _draw(canvas, footer, footer_heights, MARGIN_X, MARGIN_BOTTOM + footer_h)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
