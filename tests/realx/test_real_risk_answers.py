"""On a real X server: Yes, No and Not known clicked with the mouse, and what each does to the figures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget
from realdisplay import Xdo

from sdm_desktop.grids.personal import NOT_KNOWN

pytestmark = pytest.mark.gui


def _click(qtbot, xdo: Xdo, window, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    window.grid_view.risk.form_scroll.ensureWidgetVisible(widget)
    qtbot.wait(100)
    centre = widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))
    ratio = widget.devicePixelRatioF()
    xdo.move(round(centre.x() * ratio), round(centre.y() * ratio))
    xdo.click()
    qtbot.wait(200)


def test_yes_no_and_not_known_by_mouse(qtbot, window, xdo: Xdo) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in window.store.paths() if p.endswith("af-anticoagulation.yaml"))
    assert window.open_path(path)
    window.show_risk()
    form = window.grid_view.risk.form
    qtbot.waitUntil(lambda: form.isVisible(), timeout=3000)
    booleans = [i for i, spec in form.specs.items() if spec.type == "boolean"]
    form.set_input("age", 78)
    form.set_input("sex", "female")
    for input_id in booleans[1:]:
        form.set_input(input_id, False)
    first = form.answers[booleans[0]]
    assert "Still to answer" in form.missing.text()
    stroke = window.grid_view.risk.rows["stroke"]
    assert stroke.arrays == {} or "people like you" not in stroke.findChild(QLabel, "riskHeading").text()
    _click(qtbot, xdo, window, first.buttons["Not known"])  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.controller.session.risk_values.get(booleans[0]) == NOT_KNOWN, timeout=3000)
    assert form.missing.text() == "Every question is answered."
    _click(qtbot, xdo, window, first.buttons["No"])  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.controller.session.risk_values.get(booleans[0]) is False, timeout=3000)
    heading = window.grid_view.risk.rows["stroke"].findChild(QLabel, "riskHeading")
    assert heading is not None and "people like you" in heading.text()
