"""The layouts tried, from roomiest to most compact, to fit everything on one page.

1. The body font steps down to the floor of 9 pt.
2. At the floor: only the discussed rows; then optional lines go (uncertainty
   notes, a legend per panel); then the grid table keeps only the chosen
   option. The icon arrays keep every option: the comparison is the point.
   A grid handed over (no record) has no discussed rows or chosen option: it
   leaves out the icon arrays instead, since its cells give the same figures
   in words, and says so.
   The record copy then leaves out the grid table, then the pictures, and says
   so: the decision, SURE, what matters, the questions and the notes are never
   the part that gives way.
3. Then free text and grid cells are shortened, as little as will fit: a binary
   search over one "squeeze" factor finds the longest texts that fit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .styles import BODY_FLOOR


@dataclass(frozen=True)
class Plan:
    size: float  # body font size, never below BODY_FLOOR
    only_discussed: bool = False  # rows: only those discussed (if any were)
    only_chosen: bool = False  # options: only the one chosen or leaned to (if any)
    text_limit: int | None = None  # characters of each free-text field (record)
    cell_limit: int | None = None  # characters of each grid cell (content)
    list_limit: int | None = None  # questions listed
    compact: bool = False  # leave out optional lines (uncertainty, not-offered notes)
    grid: bool = True  # the patient copy may leave the grid table out (the aid has it)
    pictures: bool = True  # the grid handed over may leave the icon arrays out (the cells give the figures)

    @property
    def icon_cell(self) -> float:
        """Width of one figure in an icon array, in points."""
        return 4.6 if self.compact and self.size <= BODY_FLOOR else round(min(7.0, self.size * 0.62), 2)


START_SIZES = {"record": (10.5, 10.0, 9.5), "patient": (13.0, 12.0), "grid": (11.0, 10.0)}
# The patient copy stays large: content is reduced at 11 pt before it gets smaller.
REDUCE_SIZES = {"record": (BODY_FLOOR,), "patient": (11.0, BODY_FLOOR), "grid": (BODY_FLOOR,)}
SQUEEZE_STEPS = 7  # binary search steps: limits found to within 1/128 of their range


def ladder(kind: str) -> Iterator[Plan]:
    """The roomy plans, tried first: nothing left out, the body font stepping down."""
    for size in START_SIZES[kind]:
        yield Plan(size)


def reductions(kind: str, size: float) -> Iterator[Plan]:
    """At ``size``: everything, then less and less, before any text is shortened."""
    yield Plan(size)
    if kind != "grid":
        yield Plan(size, only_discussed=True)
        yield Plan(size, only_discussed=True, compact=True)
        yield Plan(size, only_discussed=True, only_chosen=True, compact=True)
    if kind == "patient":
        yield Plan(size, only_discussed=True, only_chosen=True, compact=True, grid=False)
    if kind == "record":  # the grid gives way before any of the record: the table, then the pictures
        yield Plan(size, only_discussed=True, only_chosen=True, compact=True, grid=False)
        yield Plan(size, only_discussed=True, only_chosen=True, compact=True, grid=False, pictures=False)
    if kind == "grid":  # a handout keeps every word of the grid before it keeps the pictures
        yield Plan(size, compact=True)
        yield Plan(size, compact=True, pictures=False)


def squeezed(kind: str, factor: float, size: float = BODY_FLOOR) -> Plan:
    """The most reduced plan with texts cut in proportion to ``factor`` (0 to 1)."""
    f = min(max(factor, 0.0), 1.0)
    reduce = kind != "grid"
    return Plan(
        max(size, BODY_FLOOR),
        only_discussed=reduce,
        only_chosen=reduce,
        text_limit=60 + int(2400 * f),
        cell_limit=30 + int(470 * f),
        list_limit=2 + int(18 * f),
        compact=True,
        grid=kind == "grid",
        pictures=kind == "patient",
    )
