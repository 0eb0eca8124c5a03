"""Shipped grids must print whole: a handout that would cut a cell is an error in the shipped library.

A clinic hands the grid over on paper. A cell cut short with "…" can cut a dose or a
food warning, so every grid shipped with the program must print on one page of A4
and of US Letter, at 9 pt or more, with every cell whole. ``sdm-desktop validate``
runs this check on the shipped folder (the summary hands it to the validator, which
sits below the summary and cannot call it itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from ..grids.findings import Finding, Severity
from ..grids.library import Library, LoadedFile
from ..grids.model import OptionGrid
from ..paths import SHIPPED_LIBRARY
from .pdf import print_check

RULE = "shipped-prints-whole"
PAPERS: dict[Literal["a4", "letter"], str] = {"a4": "A4", "letter": "US Letter"}


def is_shipped(path: str | Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(SHIPPED_LIBRARY.resolve())
    except OSError:
        return False


def print_findings(files: Sequence[LoadedFile]) -> list[Finding]:
    """An error for each shipped grid, and each paper, on which its handout would not print whole."""
    library = Library(list(files))
    scores = library.scores
    out: list[Finding] = []
    for lf in files:
        doc = lf.document if lf.ok and is_shipped(lf.path) else None
        if not isinstance(doc, OptionGrid):
            continue
        for paper, name in PAPERS.items():
            check = print_check(doc, scores=scores, prompt_sets=library.prompt_sets, paper=paper)
            if check.cells_shortened or check.clipped:
                line, column = lf.source.locate(("rows",))
                message = f"shipped content must print whole on {name} at 9 pt or more. {check.sentence()}"
                out.append(Finding(lf.path, line, column, Severity.ERROR, message, RULE))
    return out
