"""The two big pieces of the page: the grid table and the icon-array risk panel."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ..grids.model import Row
from ..grids.risk import PersonalFigure, about
from .blocks import RULE, SHADE, TABLE_FONT, Story, layout_style, text
from .context import Context, RiskBlock
from .icons import IconArray, legend_icon
from .plan import Plan
from .styles import Styles
from .textsafe import CONTENT_MARKER, escape, truncate

DISCUSSED_FILL = Color(0.965, 0.965, 0.97)
DISCUSSED_MARK = "✔ discussed"


def grid_table(
    ctx: Context, st: Styles, plan: Plan, rows: Sequence[Row], option_ids: Sequence[str], width: float
) -> tuple[Table, bool]:
    """The grid as a table, and whether any cell had to be shortened."""
    n = len(option_ids)
    qw = width * (0.26 if n <= 2 else 0.22 if n == 3 else 0.19)
    ow = (width - qw) / max(n, 1)
    chosen = ctx.chosen
    header: list[object] = [Paragraph("Questions", st.bold)]
    for oid in option_ids:
        cell: Story = [text(ctx.option_name(oid), st.bold)]
        if oid == chosen:
            decided = ctx.record is not None and ctx.record.decision.status == "decided"
            mark = (
                ("★ your choice" if decided else "★ you lean to this")
                if ctx.patient
                else ("★ chosen" if decided else "★ leaning")
            )
            cell.append(Paragraph(escape(mark), st.small))
        header.append(cell)
    data: list[list[object]] = [header]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    discussed = ctx.discussed
    shortened = False

    def cut(value: str) -> str:
        nonlocal shortened
        out = truncate(value, plan.cell_limit, CONTENT_MARKER)
        shortened = shortened or out != value
        return out

    for i, row in enumerate(rows, start=1):
        question: Story = [text(cut(ctx.t(row.question)), st.bold)]
        if row.id in discussed:
            question.append(Paragraph(escape(DISCUSSED_MARK), st.small))
            style.append(("BACKGROUND", (0, i), (0, i), DISCUSSED_FILL))
        line: list[object] = [question]
        for oid in option_ids:
            cell_obj = row.cells.get(oid)
            value = ctx.t(cell_obj.text) if cell_obj else ""
            line.append(text(cut(value), st.body))
        data.append(line)
    table = Table(data, colWidths=[qw] + [ow] * n)
    table.setStyle(TableStyle([TABLE_FONT, *style]))
    return table, shortened


def _legend(st: Styles, outcome: str, cell: float, width: float, maybe: bool = False) -> Table:
    words = [(legend_icon(True, cell), f"will {outcome}")]
    if maybe:
        words.append((legend_icon(True, cell, maybe=True), "may, within the range"))
    words.append((legend_icon(False, cell), "will not"))
    room = (width - len(words) * (cell + 4)) / len(words)
    row: list[object] = []
    widths: list[float] = []
    for icon, label in words:
        row += [icon, text(label, st.small)]
        widths += [cell + 4, min(room, stringWidth(label, st.small.fontName, st.small.fontSize) + 14)]
    table = Table([row], colWidths=widths, hAlign="LEFT")
    table.setStyle(layout_style(valign="MIDDLE", right=8))
    return table


def _icons(figure: PersonalFigure, cell: float) -> IconArray:
    """The figure as 100 people; a range fills its lower end and shades up to its upper end."""
    if figure.is_range and figure.low is not None and figure.high is not None:
        low = about(figure.low)
        return IconArray(low, 100, 10, cell, maybe=about(figure.high) - low)
    return IconArray(figure.events, 100, 10, cell)


def _heading(ctx: Context, block: RiskBlock) -> str:
    who = "people like you" if block.personal else "people"
    line = f"Out of {block.denominator} {who}, over {block.time_frame}: {block.outcome}"
    if not block.personal:
        line += " (typical figures, not personal to " + ("you)" if ctx.patient else "this patient)")
    return line


def risk_panel(ctx: Context, st: Styles, plan: Plan, block: RiskBlock, width: float, last: bool = True) -> Story:
    """One outcome: a heading, an icon array per option with both framings, the source."""
    cell = plan.icon_cell
    by_option = {of.option_id: of for of in block.figures}
    n = len(block.columns)
    colw = width / n
    cells: list[object] = []
    for oid in block.columns:  # one column per option, so panels line up
        of = by_option.get(oid)
        if of is None:
            cells.append(Spacer(1, 1))
            continue
        words = of.figure.sentence(ctx.language)
        words = words[0].upper() + words[1:]
        label: Story = [text(of.option_name, st.bold), text(words, st.body)]
        if block.denominator == 100:
            inner = Table([[_icons(of.figure, cell), label]], colWidths=[10 * cell + 6, colw - 10 * cell - 12])
            inner.setStyle(layout_style())
            cells.append(inner)
        else:  # icon arrays are drawn for 100 only; other denominators in words
            cells.append(label)
    row = Table([cells], colWidths=[colw] * n)
    row.setStyle(layout_style(right=6, vpad=2))
    story: Story = [text(_heading(ctx, block), st.bold), row]
    if block.denominator == 100 and (last or not plan.compact):
        ranged = any(of.figure.is_range for of in block.figures)
        story.append(_legend(st, "have it" if plan.compact else block.outcome, cell, width, maybe=ranged))
    if block.assumptions:
        story.append(text(" ".join(block.assumptions), st.small))
    source = "Source: " + "; ".join(block.sources) + "." if block.sources else ""
    if block.uncertainty and not plan.compact:
        source = f"{source} {block.uncertainty}".strip()
    if source:
        story.append(text(source, st.small))
    return story
