"""Screens that fit (offscreen part): long words, the evidence strip, the folded details, icon arrays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from capture_support import make_window, open_thinning, write_capture_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QApplication

from sdm_desktop.ui.grid.grid_model import FIRST_OPTION_COLUMN
from sdm_desktop.ui.kit.text import ZERO_WIDTH_SPACE, breakable

pytestmark = pytest.mark.gui
LONG = "Supercalifragilistic" * 8  # 160 letters, no space


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = write_capture_library(tmp_path / "lib")
    thinning = folder / "thinning.yaml"
    text = thinning.read_text(encoding="utf-8")
    text = text.replace("text: A pill each day and blood tests.", f"text: A pill each day {LONG}.")
    text = text.replace("name: Old pill", f"name: Old {LONG}")
    thinning.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def window(qtbot, library: Path, tmp_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, library, tmp_path / "data")
    win.resize(1000, 700)
    yield win
    win.close()


def test_breakable_lets_long_words_wrap_and_leaves_short_ones() -> None:
    assert breakable("A short sentence.") == "A short sentence."
    broken = breakable(f"see {LONG} here")
    assert broken.replace(ZERO_WIDTH_SPACE, "") == f"see {LONG} here"
    assert all(len(part) <= 24 for part in broken.split(ZERO_WIDTH_SPACE)[1:-1])


def test_a_long_unbroken_word_never_widens_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    window.show_risk()
    window.grid_view.risk.form.set_input("age", 80)
    QApplication.processEvents()
    qtbot.wait(50)
    assert window.width() == 1000
    assert window.grid_view.minimumSizeHint().width() < 1000
    assert window.grid_view.risk.minimumSizeHint().width() < 1000


def test_the_evidence_strip_never_changes_the_table_height(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    qtbot.wait(50)
    table = window.grid_view.table
    before = table.height()
    window.grid_view.show_evidence(window.grid_view.model.index(1, FIRST_OPTION_COLUMN + 1))
    QApplication.processEvents()
    assert "Where this comes from" in window.grid_view.evidence.text()
    assert table.height() == before


def test_dates_and_version_fold_away(window) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    view = window.grid_view
    assert not view.dates.isVisible() and not view.details.isVisible()
    view.more_button.click()
    assert view.dates.isVisible() and "Review by" in view.dates.text()
    assert view.details.isVisible() and "SHA-256" in view.details.text()
    view.more_button.click()
    assert not view.dates.isVisible()


def test_icon_arrays_are_one_size_at_every_zoom(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    window.show_risk()
    form = window.grid_view.risk.form
    for value in (("age", 80), ("sex", "female"), ("high-bp", True), ("anaemia", False)):
        form.set_input(*value)
    for _ in range(3):
        arrays = [a for row in window.grid_view.risk.rows.values() for a in row.arrays.values()]
        assert len(arrays) >= 4
        assert len({(a.width(), a.height()) for a in arrays}) == 1
        window.view_scale.zoom_in()
        QApplication.processEvents()
