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
from sdm_desktop.grids.personal import NOT_KNOWN
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
    """The figures as drawn once the layout has settled (the form is left out: its text cursor blinks)."""
    for _ in range(5):  # word-wrapped labels take a few layout passes
        QApplication.processEvents()
    image = panel.results.grab().toImage()
    return bytes(image.constBits())  # type: ignore[arg-type]


def _together(panel: RiskPanel) -> list[str]:
    return [] if panel.together is None else [label.text() for label in panel.together.findChildren(QLabel)]


ANSWERS = (
    ("age", 70),
    ("sex", "female"),
    ("high-bp", True),
    ("age", 80),
    ("anaemia", True),
    ("high-bp", NOT_KNOWN),
    ("age", 85),
    ("high-bp", False),
    ("anaemia", NOT_KNOWN),
    ("age", 72),
    ("sex", "male"),
)


def test_each_answer_shows_what_a_rebuilt_page_shows(window: MainWindow) -> None:
    panel = window.grid_view.risk
    kept = 0
    for input_id, value in ANSWERS:
        before = dict(panel.rows)
        together = panel.together
        panel.form.set_input(input_id, value)
        if before and all(panel.rows.get(k) is v for k, v in before.items()):
            kept += 1
            assert panel.together is together
        shown, pixels, both = _snapshot(panel), _pixels(panel), _together(panel)
        rebuilt, rebuilt_pixels = _after_rebuild(panel)
        assert shown == rebuilt, f"after {input_id}={value!r}"
        assert both == _together(panel), f"after {input_id}={value!r}"
        assert pixels == rebuilt_pixels, f"after {input_id}={value!r}"
    assert kept >= 4  # most answers change the figures in place


def test_an_answer_that_changes_a_rows_shape_rebuilds_it(window: MainWindow) -> None:
    panel = window.grid_view.risk
    form = panel.form
    form.set_input("age", 70)
    form.set_input("sex", "male")
    form.set_input("high-bp", False)
    form.set_input("anaemia", False)
    first = panel.rows["stroke"]
    assert first.findChild(QLabel, "riskAssumed") is None
    form.set_input("high-bp", NOT_KNOWN)  # the figures become ranges: a new line appears
    assert panel.rows["stroke"] is not first
    assert panel.rows["stroke"].findChild(QLabel, "riskAssumed") is not None
    assert _snapshot(panel) == _after_rebuild(panel)[0]
