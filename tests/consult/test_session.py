"""The consultation on screen, Qt-free: ticks, questions, reopening, the risk form's inputs and figures."""

from __future__ import annotations

from pathlib import Path

from library_support import write_library

from sdm_desktop.consult.session import Session, form_inputs, row_results
from sdm_desktop.grids.store import LibraryStore


def test_session_ticks_questions_and_reopening(tmp_path: Path) -> None:
    store = LibraryStore([write_library(tmp_path / "lib")])
    library = store.load()
    grid = next(g for g in library.grids if g.id == "test-thinning")
    session = Session()
    session.open(grid)
    assert session.set_discussed("stroke", True)
    assert not session.set_discussed("stroke", True)
    session.set_value("age", 80)
    session.open(grid)  # the same grid reloaded keeps its ticks and inputs
    assert session.discussed == {"stroke"} and session.risk_values == {"age": 80}
    other = next(g for g in library.grids if g.id == "test-knee")
    session.open(other)
    assert session.discussed == set() and session.risk_values == {}
    assert not session.add_question("   ")
    assert session.add_question("  Can I  still drive? ")
    assert session.questions == ["Can I still drive?"]
    assert session.remove_question(0) and not session.remove_question(0)


def test_form_inputs_follow_the_grid_order_then_the_rest(tmp_path: Path) -> None:
    library = LibraryStore([write_library(tmp_path / "lib")]).load()
    grid = next(g for g in library.grids if g.id == "test-thinning")
    assert [i.id for i in form_inputs(grid, library.scores)] == ["age", "sex", "high-bp", "anaemia"]


def test_row_results_personal_typical_and_null(tmp_path: Path) -> None:
    library = LibraryStore([write_library(tmp_path / "lib")]).load()
    grid = next(g for g in library.grids if g.id == "test-thinning")
    waiting = row_results(grid, library.scores, {})
    assert [r.personal for r in waiting] == [False, False]
    assert "still to answer for personal figures: Age, Sex" in (waiting[0].missing or "")
    partial = row_results(grid, library.scores, {"age": 80, "sex": "female"})
    assert not partial[0].personal  # an unticked box is not a "no"
    assert (partial[0].missing or "").endswith(": High blood pressure")
    values = {"age": 80, "sex": "female", "high-bp": True, "anaemia": False}
    results = {r.row.id: r for r in row_results(grid, library.scores, values)}
    assert results["stroke"].exact and results["stroke"].assumptions == ()
    # 2 + 1 + 1 = 4 points -> 8 out of 100; the pills scale it by 0.5 and 0.4.
    assert {k: f.events for k, f in results["stroke"].figures.items()} == {"none": 8, "old-pill": 4, "new-pill": 3}
    assert "none" not in results["bleed"].figures  # mapped to null: the cell's words are shown instead
