"""The mouse wheel on a real X server never changes a value; it scrolls the panel instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea, QWidget
from realdisplay import Xdo

pytestmark = pytest.mark.gui


def _open_af(window) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in window.store.paths() if p.endswith("af-anticoagulation.yaml"))
    assert window.open_path(path)


def _point_at(xdo: Xdo, widget: QWidget) -> None:
    """Move the X pointer to the middle of ``widget`` (in device pixels)."""
    centre = widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))
    ratio = widget.devicePixelRatioF()
    xdo.move(round(centre.x() * ratio), round(centre.y() * ratio))


def test_wheel_over_age_never_changes_the_risk_figures(qtbot, window, xdo: Xdo) -> None:  # type: ignore[no-untyped-def]
    _open_af(window)
    window.show_risk()
    form = window.grid_view.risk.form
    form.set_input("age", 78)
    age = form.controls["age"]
    qtbot.waitUntil(age.isVisible, timeout=3000)
    window.grid_view.risk.form_scroll.ensureWidgetVisible(age)
    qtbot.wait(100)
    _point_at(xdo, age)
    xdo.wheel(3)
    xdo.wheel(-3)
    qtbot.wait(300)
    assert age.value() == 78
    assert window.controller.session.risk_values == {"age": 78}


def test_wheel_over_what_matters_scrolls_the_record_panel(qtbot, window, xdo: Xdo) -> None:  # type: ignore[no-untyped-def]
    _open_af(window)
    window.record_dock.show()
    window.record_dock.raise_()
    scroll = window.record_dock.widget()
    assert isinstance(scroll, QScrollArea)
    spin = window.capture.importance.spins["avoid-stroke"]
    qtbot.waitUntil(spin.isVisible, timeout=3000)
    scroll.ensureWidgetVisible(spin)
    qtbot.wait(100)
    bar = scroll.verticalScrollBar()
    before = bar.value()
    _point_at(xdo, spin)
    xdo.wheel(2)
    qtbot.wait(300)
    assert spin.value() == spin.minimum()  # still "not asked"
    assert window.records.current().importance == {}
    if bar.maximum() > before:
        qtbot.waitUntil(lambda: bar.value() > before, timeout=2000)  # the panel scrolled instead
