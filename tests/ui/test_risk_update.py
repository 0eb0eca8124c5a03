"""An answer on the personal risk form changes the figures in place, exactly as a rebuilt page would show them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from library_support import write_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QApplication, QLabel

from sdm_desktop.config import Config
from sdm_desktop.grids.store import LibraryStore
from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.grid.risk_panel import RiskPanel
from sdm_desktop.ui.kit.settings import open_settings
from sdm_desktop.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    create_application()
    win = MainWindow(LibraryStore([write_library(tmp_path / "lib")], TODAY), Config(), open_settings(), today=TODAY)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.load_library()
    assert win.open_path(next(p for p in win.store.paths() if p.endswith("thinning.yaml")))
    win.show_risk()
    yield win
    win.close()


def _snapshot(panel: RiskPanel) -> list[object]:
    out: list[object] = []
    for row_id, view in panel.rows.items():
        out.append((row_id, [label.text() for label in view.findChildren(QLabel)]))
        out.append(sorted((k, a.events, a.denominator, a.accessibleName()) for k, a in view.arrays.items()))
    return out


def _after_rebuild(panel: RiskPanel) -> tuple[list[object], bytes]:
    panel.refresh()
    QApplication.processEvents()
    return _snapshot(panel), _pixels(panel)


def _pixels(panel: RiskPanel) -> bytes:
    """The figures as drawn (the form is left out: its text cursor blinks)."""
    QApplication.processEvents()
    image = panel.results.grab().toImage()
    return bytes(image.constBits())  # type: ignore[arg-type]


def test_answers_update_the_rows_in_place_as_a_rebuild_would(window: MainWindow) -> None:
    panel = window.grid_view.risk
    form = panel.form
    form.set_input("age", 80)
    form.set_input("sex", "female")
    QApplication.processEvents()
    before = dict(panel.rows)
    for input_id, value in (("high-bp", True), ("age", 70), ("anaemia", True), ("age", 85), ("high-bp", False)):
        form.set_input(input_id, value)
        assert all(panel.rows[k] is before[k] for k in before), f"{input_id}: the rows were rebuilt"
        shown, pixels = _snapshot(panel), _pixels(panel)
        rebuilt, rebuilt_pixels = _after_rebuild(panel)
        assert shown == rebuilt
        assert pixels == rebuilt_pixels
        before = dict(panel.rows)
    stroke = panel.rows["stroke"]
    assert stroke.sentences["none"].text().startswith("About ")


def test_an_answer_that_changes_a_rows_shape_rebuilds_it(window: MainWindow) -> None:
    panel = window.grid_view.risk
    form = panel.form
    form.set_input("age", 70)
    first = panel.rows["stroke"]
    assert first.arrays == {}
    form.set_input("sex", "male")  # the figures appear: new widgets
    assert panel.rows["stroke"] is not first
    assert panel.rows["stroke"].arrays["none"].events == 2
    shown = _snapshot(panel)
    assert shown == _after_rebuild(panel)[0]
