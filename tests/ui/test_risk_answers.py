"""Honest personal risk in the window: Yes / No / Not known, what is missing, ranges, harm beside benefit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from library_support import write_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from sdm_desktop.config import Config
from sdm_desktop.grids.personal import NOT_KNOWN
from sdm_desktop.grids.store import LibraryStore
from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.grid.answer_inputs import NumberInput, YesNoInput
from sdm_desktop.ui.kit.settings import open_settings
from sdm_desktop.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    create_application()
    win = MainWindow(LibraryStore([write_library(tmp_path / "lib")], TODAY), Config(), open_settings(), today=TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.load_library()
    assert win.open_path(next(p for p in win.store.paths() if p.endswith("thinning.yaml")))
    win.show_risk()
    yield win
    win.close()


def _row(win: MainWindow, row_id: str):  # type: ignore[no-untyped-def]
    return win.grid_view.risk.rows[row_id]


def _text(widget, name: str) -> str:  # type: ignore[no-untyped-def]
    label = widget.findChild(QLabel, name)
    return label.text() if label is not None and label.isVisibleTo(widget) else ""


def test_yes_no_and_not_known_are_three_answers_and_none_is_not_no(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    form = window.grid_view.risk.form
    bp = form.answers["high-bp"]
    assert isinstance(bp, YesNoInput)
    assert bp.value() is None and not any(b.isChecked() for b in bp.buttons.values())
    assert form.missing.text() == "Still to answer: Age, Sex, High blood pressure, Low blood count."
    form.set_input("age", 70)
    form.set_input("sex", "male")
    # High blood pressure unanswered: no personal figures, and it says what is missing.
    assert _row(window, "stroke").arrays == {}
    assert "High blood pressure" in _text(_row(window, "stroke"), "riskMissing")
    qtbot.mouseClick(bp.buttons["No"], Qt.MouseButton.LeftButton)
    assert window.controller.session.risk_values["high-bp"] is False
    stroke = _row(window, "stroke")
    assert {k: a.events for k, a in stroke.arrays.items()} == {"none": 2, "old-pill": 1, "new-pill": 1}
    assert _text(stroke, "riskHeading") == "Out of 100 people like you, over 1 year"
    assert _text(stroke, "riskAssumed") == ""
    assert form.missing.text() == "Still to answer: Low blood count."
    qtbot.mouseClick(bp.buttons["Yes"], Qt.MouseButton.LeftButton)
    assert window.controller.session.risk_values["high-bp"] is True
    assert _row(window, "stroke").arrays["none"].events == 3


def test_not_known_gives_a_range_in_words_and_says_what_was_assumed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    form = window.grid_view.risk.form
    form.set_input("age", 70)
    form.set_input("sex", "male")
    qtbot.mouseClick(form.answers["high-bp"].buttons["Not known"], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert window.controller.session.risk_values["high-bp"] == NOT_KNOWN
    stroke = _row(window, "stroke")
    # 70 and male: 1 point (2 out of 100) without high blood pressure, 2 points (3) with it.
    assert _text(stroke, "riskHeading") == "Out of 100 people with the answers given, over 1 year"
    assert "High blood pressure: not known, so the figures cover both Yes and No." in _text(stroke, "riskAssumed")
    assert stroke.sentences["none"].text() == "Between about 2 and 3 out of 100 will have a stroke."
    array = stroke.arrays["none"]
    assert (array.events, array.upto) == (2, 3)  # one hatched figure: may or may not
    assert "Hatched figures" in _text(stroke, "riskLegend")


def test_a_number_can_be_not_known(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    form = window.grid_view.risk.form
    age = form.answers["age"]
    assert isinstance(age, NumberInput)
    age.spin.setValue(70)
    assert window.controller.session.risk_values["age"] == 70
    qtbot.mouseClick(age.unknown, Qt.MouseButton.LeftButton)
    assert window.controller.session.risk_values["age"] == NOT_KNOWN and not age.spin.isEnabled()
    form.set_input("sex", "male")
    form.set_input("high-bp", False)
    stroke = _row(window, "stroke")
    assert "Age: not known, so the figures cover every value from 18 to 110 years." in _text(stroke, "riskAssumed")
    # 18 to 110 years, male, no high blood pressure: 0 to 2 points, so 1 to 3 out of 100.
    assert stroke.sentences["none"].text() == "Between about 1 and 3 out of 100 will have a stroke."
    qtbot.mouseClick(age.unknown, Qt.MouseButton.LeftButton)
    assert window.controller.session.risk_values["age"] == 70 and age.spin.isEnabled()


def test_who_the_aid_is_not_for_is_in_the_form_and_near_the_top_of_the_grid(window: MainWindow) -> None:
    form_text = window.grid_view.risk.form.not_for.text()
    assert form_text.startswith("This aid is not for:")
    assert "People with a made-up artificial valve: The figures were not measured in them." in form_text
    assert window.grid_view.risk.form.not_for.isVisibleTo(window)
    top = window.grid_view.findChild(QLabel, "gridNotFor")
    assert top is not None and top.isVisibleTo(window)
    assert top.text() == "Not for: People with a made-up artificial valve."
    assert "The figures were not measured in them." in top.toolTip()
    # Above the table: the not-for statement comes before the tabs in the page's layout.
    assert (
        top.mapTo(window, top.rect().topLeft()).y()
        < window.grid_view.tabs.mapTo(window, window.grid_view.tabs.rect().topLeft()).y()
    )


def test_benefit_and_harm_side_by_side(window: MainWindow) -> None:
    form = window.grid_view.risk.form
    for input_id, value in (("age", 80), ("sex", "female"), ("high-bp", True), ("anaemia", True)):
        form.set_input(input_id, value)
    together = window.grid_view.risk.together
    assert together is not None
    stroke = {oid: together.cells[("stroke", oid)].text() for oid in ("none", "old-pill", "new-pill")}
    assert stroke == {"none": "about 8 out of 100", "old-pill": "about 4 out of 100", "new-pill": "about 3 out of 100"}
    bleed = window.grid_view.risk.rows["bleed"]
    for oid, array in bleed.arrays.items():
        assert together.cells[("bleed", oid)].text() == f"about {array.events} out of 100"
    assert together.cells[("bleed", "none")].text() == "No extra chance of bleeding from a pill."
