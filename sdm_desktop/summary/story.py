"""The page's content, in order, for one plan: record copy, patient copy or grid only."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Paragraph

from .blocks import Story, boxed, bullets, columns, dots, gap, heading, labelled, text
from .context import Context, long_date
from .plan import Plan
from .sections import grid_table, risk_panel
from .styles import Styles
from .textsafe import RECORD_MARKER, clean, escape, truncate


def _selection(ctx: Context, plan: Plan) -> tuple[list[str], list[str], str]:
    """Row ids and option ids to show, and a line saying what was left out."""
    rows = [r.id for r in ctx.grid.rows]
    options = [o.id for o in ctx.grid.options]
    discussed = [r for r in rows if r in ctx.discussed]
    chosen = ctx.chosen if ctx.chosen in options else None
    keep_rows = discussed if plan.only_discussed and discussed else rows
    keep_options = [chosen] if plan.only_chosen and chosen else options
    dropped_rows = len(rows) - len(keep_rows)
    dropped_options = len(options) - len(keep_options)
    parts = []
    if dropped_rows:
        parts.append(f"{dropped_rows} question{'s' if dropped_rows != 1 else ''} not discussed")
    if dropped_options:
        parts.append(
            f"{dropped_options} option{'s' if dropped_options != 1 else ''} not chosen (their chances are shown below)"
        )
    note = ""
    if parts:
        note = "To fit one page, " + " and ".join(parts) + " are left out of this table; the full aid has them."
    return keep_rows, keep_options, note


def _header(ctx: Context, st: Styles) -> Story:
    story: Story = [text(ctx.title, st.title)]
    if ctx.record is None:
        story.append(text(ctx.t(ctx.grid.decision), st.subtitle))
        condition = ctx.t(ctx.grid.condition)
        if condition:
            story.append(text(condition, st.small))
        return story
    if ctx.patient:
        who = ctx.clinician()
        line = f"Your summary of what you talked about on {ctx.date()}" + (f" with {who}" if who else "")
        story += [text(line + ".", st.subtitle), text(ctx.t(ctx.grid.decision), st.italic)]
        return story
    story.append(text(ctx.t(ctx.grid.decision), st.subtitle))
    r = ctx.record
    fields = [("Patient:", ctx.patient_identifier() or "not recorded"), ("Date:", ctx.date())]
    if ctx.clinician():
        fields.append(("Clinician:", ctx.clinician()))
    fields.append(("Record:", f"{r.status}, version {r.version}"))
    line = " · ".join(f"<b>{escape(k)}</b> {escape(clean(v))}" for k, v in fields)
    story.append(Paragraph(line, st.body))
    return story


def _warnings(ctx: Context, st: Styles, width: float) -> Story:
    meta = ctx.grid.metadata
    lines: list[str] = []
    training = ctx.training_label()
    if training:
        lines.append(training + ".")
    if not ctx.reviewed:
        lines.append(ctx.sign_off() + ": the content of this aid has not been signed off by a clinical reviewer.")
    if meta.expired(ctx.today) and meta.hard_expiry:
        lines.append(f"This aid's content expired on {long_date(meta.hard_expiry)}: not for use with patients.")
    elif meta.review_overdue(ctx.today) and meta.review_by:
        lines.append(f"This aid was due for review on {long_date(meta.review_by)}.")
    aid = ctx.record.aid if ctx.record else None
    if aid is not None and (aid.version != ctx.grid.version or aid.content_hash != ctx.grid.content_hash):
        lines.append(
            f"The conversation used version {aid.version} of this aid; this page prints version {ctx.grid.version}."
        )
    if not lines:
        return []
    return [boxed([text(line, st.banner) for line in lines], width, strong=not ctx.reviewed)]


def _not_for(ctx: Context, st: Styles, plan: Plan) -> Story:
    """Who the aid is not for: on every page, near the top, never left out (only shortened)."""
    people = ctx.not_for()
    if not people:
        return []
    title = "This aid is not for you if:" if ctx.patient else "Not for:"
    if plan.compact:
        return [
            Paragraph(f"<b>{escape(title)}</b> " + escape(clean("; ".join(who for who, _ in people))) + ".", st.body)
        ]
    items = [f"{who}. {reason}" if reason else who for who, reason in people]
    return [text(title, st.bold), *bullets([truncate(i, plan.text_limit) for i in items], st.body)]


def _what_matters(ctx: Context, st: Styles, plan: Plan) -> Story:
    story: Story = [heading("What matters to you" if ctx.patient else "What matters to the patient", st)]
    for c in ctx.considerations():
        story.append(text(f"{c.text}: {dots(c.importance)}", st.body))
    words = clean(ctx.record.what_matters) if ctx.record else ""
    if words:
        story += labelled(
            "In your own words:" if ctx.patient else "In their own words:", truncate(words, plan.text_limit), st.body
        )
    if len(story) == 1:
        story.append(text("Nothing recorded.", st.small))
    return story


def _decision(ctx: Context, st: Styles, plan: Plan) -> Story:
    r = ctx.record
    assert r is not None
    story: Story = [heading("Your decision" if ctx.patient else "Decision", st), text(ctx.decision_words(), st.bold)]
    sure, flagged = ctx.sure_words()
    if sure:
        story.append(text(sure, st.bold if flagged else st.body))
    story.append(heading("What happens next" if ctx.patient else "Next step", st))
    step = clean(r.decision.next_step)
    story.append(text(truncate(step, plan.text_limit) if step else "No next step recorded.", st.body))
    if r.decision.follow_up:
        story += labelled("Follow-up:", long_date(r.decision.follow_up), st.body)
    return story


def _questions(ctx: Context, st: Styles, plan: Plan) -> Story:
    r = ctx.record
    assert r is not None
    asked = [clean(q) for q in r.questions if clean(q)]
    story: Story = [heading("Your questions" if ctx.patient else "The patient's questions", st)]
    if not asked:
        return [*story, text("None recorded.", st.small)]
    limit = plan.list_limit if plan.list_limit is not None else len(asked)
    per_item = min(plan.text_limit, 400) if plan.text_limit is not None else None
    story += bullets([truncate(q, per_item) for q in asked[:limit]], st.body)
    if len(asked) > limit:
        more = len(asked) - limit
        story.append(text(f"… and {more} more{RECORD_MARKER.replace(' …', '')}", st.small))
    return story


def _prompts(ctx: Context, st: Styles, compact: bool = False) -> Story:
    bran = ctx.prompt_set("bran")
    if bran is None:
        return []
    title = "Questions you can always ask" if ctx.patient or ctx.record is None else "BRAN questions"
    story: Story = [heading(title, st)]
    if compact:
        return [*story, text(" ".join(ctx.t(p.text) for p in bran.prompts), st.body)]
    for p in bran.prompts:
        label = ctx.t(p.label)
        story += labelled(f"{label}:", ctx.t(p.text), st.body) if label else [text(ctx.t(p.text), st.body)]
    return story


def _grid(
    ctx: Context, st: Styles, plan: Plan, rows: Sequence[str], options: Sequence[str], note: str, width: float
) -> Story:
    chosen_rows = [r for r in ctx.grid.rows if r.id in rows]
    title = "The options" if not ctx.patient else "The options you talked about"
    table, shortened = grid_table(ctx, st, plan, chosen_rows, options, width)
    story: Story = [heading(title, st), gap(st, 0.25), table]
    if shortened:
        note = f"{note} Text ending in “…” is shortened; the full aid has the rest.".strip()
    if note:
        story.append(text(note, st.italic))
    return story


def _risk(ctx: Context, st: Styles, plan: Plan, rows: Sequence[str], options: Sequence[str], width: float) -> Story:
    blocks = ctx.risk_blocks([r for r in ctx.grid.rows if r.id in rows], options)
    if not blocks:
        return []
    story: Story = [heading("Your chances" if ctx.patient else "Chances", st)]
    for i, block in enumerate(blocks):
        story += risk_panel(ctx, st, plan, block, width, last=i == len(blocks) - 1)
    return story


def _not_offered(ctx: Context, st: Styles, plan: Plan) -> Story:
    if not ctx.grid.not_offered or plan.compact:
        return []
    items = [f"{ctx.t(n.name)}: {ctx.t(n.reason)}" for n in ctx.grid.not_offered]
    return [heading("Not offered", st), *bullets(items, st.body)]


PICTURES_LEFT_OUT = (
    "To fit one page, the pictures of 100 people are left out; the table gives the same "
    "chances in words, and the full aid shows the pictures."
)


GRID_LEFT_OUT = "To fit one page, the table of options is left out; the full aid has it."
GRID_AND_PICTURES_LEFT_OUT = (
    "To fit one page, the table of options and the chances shown are left out; "
    "the full aid has them, and the record keeps the figures shown."
)


def build_story(ctx: Context, st: Styles, plan: Plan, width: float) -> Story:
    rows, options, note = _selection(ctx, plan)
    story = [*_header(ctx, st), gap(st, 0.4)]
    warnings = _warnings(ctx, st, width)
    if warnings:
        story += [*warnings, gap(st, 0.4)]
    not_for = _not_for(ctx, st, plan)
    if not_for:
        story += [*not_for, gap(st, 0.4)]
    grid = _grid(ctx, st, plan, rows, options, note, width)
    risk = _risk(ctx, st, plan, rows, [o.id for o in ctx.grid.options], width)
    if ctx.record is None:
        if risk and not plan.pictures:
            risk = [text(PICTURES_LEFT_OUT, st.italic)]
        story += [*grid, gap(st), *risk]
        extra = _not_offered(ctx, st, plan)
        prompts = _prompts(ctx, st)
        if extra or prompts:
            story += [gap(st), columns(prompts, extra, width)] if extra and prompts else [gap(st), *extra, *prompts]
        return story
    matters = _what_matters(ctx, st, plan)
    decision = _decision(ctx, st, plan)
    questions = _questions(ctx, st, plan)
    prompts = _prompts(ctx, st, plan.compact)
    if ctx.patient:
        story += [columns(decision, matters, width), gap(st)]
        if risk:
            story += [*risk, gap(st)]
        story += [columns(questions, prompts, width)]
        if plan.grid:
            story += [gap(st), *grid]
        else:
            story += [
                gap(st),
                text("The table of all the options is in the decision aid itself: ask for a printed copy.", st.italic),
            ]
        return story
    if not plan.grid:
        grid = [text(GRID_LEFT_OUT if plan.pictures or not risk else GRID_AND_PICTURES_LEFT_OUT, st.italic)]
        risk = risk if plan.pictures else []
    story += [*grid, gap(st)]
    if risk:
        story += [*risk, gap(st)]
    story += [columns(matters, decision, width), gap(st), columns(questions, prompts, width)]
    notes = clean(ctx.record.notes) if ctx.record else ""
    if notes:
        story += [gap(st), heading("Clinician notes", st), text(truncate(notes, plan.text_limit), st.body)]
    return story
