"""The ladder of layouts tried, from roomiest to most compact, to fit one page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .styles import BODY_FLOOR


@dataclass(frozen=True)
class Plan:
    size: float  # body font size, never below BODY_FLOOR
    reduced: bool = False  # only the discussed rows and the chosen option
    text_limit: int | None = None  # characters of each free-text field (record)
    cell_limit: int | None = None  # characters of each grid cell (content)
    list_limit: int | None = None  # questions listed
    compact: bool = False  # leave out optional lines (uncertainty, prompt hints)

    @property
    def icon_cell(self) -> float:
        """Width of one figure in an icon array, in points."""
        return 4.4 if self.compact else round(min(6.0, self.size * 0.5), 2)


START_SIZES = {"record": (10.5, 10.0, 9.5), "patient": (13.0, 12.0, 11.0, 10.0), "grid": (11.0, 10.0)}

# After the body is at the floor: (reduced, text, cells, list, compact)
_SQUEEZE = (
    (True, None, None, None, False),
    (True, 1200, None, 12, False),
    (True, 600, 300, 8, False),
    (True, 300, 160, 5, True),
    (True, 150, 90, 3, True),
    (True, 80, 50, 2, True),
)


def ladder(kind: str) -> Iterator[Plan]:
    """Plans in the order they are tried; the last is the most compact."""
    for size in START_SIZES[kind]:
        yield Plan(size)
    yield Plan(BODY_FLOOR)
    for reduced, text, cells, listed, compact in _SQUEEZE:
        yield Plan(BODY_FLOOR, reduced, text, cells, listed, compact)
