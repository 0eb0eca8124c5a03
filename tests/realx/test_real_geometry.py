"""Screens that fit, on a real X server at 1366x768, 1280x720 and 1920x1080 at 150%."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from realdisplay import Xdo

pytestmark = pytest.mark.gui

SHOWN_MS = 400


def _open_af(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in window.store.paths() if p.endswith("af-anticoagulation.yaml"))
    assert window.open_path(path)
    qtbot.wait(SHOWN_MS)


def _fits(widget: QWidget) -> None:
    area = widget.screen().availableGeometry()
    frame = widget.frameGeometry()
    assert frame.width() <= area.width() and frame.height() <= area.height(), (frame, area)
    assert area.intersected(frame) == frame, (frame, area)  # wholly on the screen


def _person(form) -> None:  # type: ignore[no-untyped-def]
    """A 78-year-old woman with high blood pressure; every other yes/no answered no."""
    for input_id, spec in form.specs.items():
        if spec.type == "boolean":
            form.set_input(input_id, input_id == "high-blood-pressure")
    form.set_input("age", 78)
    form.set_input("sex", "female")


def _full_rows(table) -> int:  # type: ignore[no-untyped-def]
    height = table.viewport().height()
    count = 0
    for row in range(table.model().rowCount()):
        top = table.rowViewportPosition(row)
        if top >= 0 and top + table.rowHeight(row) <= height:
            count += 1
    return count


def test_the_window_fits_the_screen_in_every_view(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _fits(window)
    _open_af(qtbot, window)
    _fits(window)
    _person(window.grid_view.risk.form)
    window.show_risk()
    qtbot.wait(SHOWN_MS)
    _fits(window)
    window.enter_patient_mode()
    qtbot.wait(SHOWN_MS)
    _fits(window)
    window.grid_view.tabs.setCurrentIndex(0)
    qtbot.wait(SHOWN_MS)
    _fits(window)
    window.patient_mode.exit()
    qtbot.wait(SHOWN_MS)
    _fits(window)


def test_first_start_shows_the_record_panel_labels_whole(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _open_af(qtbot, window)
    area = window.screen().availableGeometry()
    assert window.width() >= min(1000, area.width() * 0.8)
    panel = window.capture
    assert window.record_dock.isVisible()
    assert panel.width() >= panel.minimumSizeHint().width()
    assert window.grid_view.width() >= area.width() * 0.4  # the grid keeps most of the room


@pytest.mark.xfail(
    strict=False,
    reason="the grid header's not-for statement (four lines in patient view for the AF aid) takes one row's room",
)
def test_patient_view_shows_three_whole_rows(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _open_af(qtbot, window)
    window.enter_patient_mode()
    qtbot.wait(SHOWN_MS)
    table = window.grid_view.table
    assert _full_rows(table) >= 3, [table.rowHeight(r) for r in range(3)] + [table.viewport().height()]
    assert not window.grid_view.details.isVisible()
    assert not window.grid_view.dates.isVisible()
    window.patient_mode.exit()


def test_selecting_a_cell_never_shrinks_the_table(qtbot, window, xdo: Xdo) -> None:  # type: ignore[no-untyped-def]
    _open_af(qtbot, window)
    table = window.grid_view.table
    before = table.height()
    index = table.model().index(1, 2)
    rect = table.visualRect(index)
    centre = table.viewport().mapToGlobal(rect.center())
    ratio = table.devicePixelRatioF()
    xdo.move(round(centre.x() * ratio), round(centre.y() * ratio))
    xdo.click()
    qtbot.waitUntil(lambda: "Where this comes from" in window.grid_view.evidence.text(), timeout=3000)
    qtbot.wait(SHOWN_MS)
    assert table.height() == before
    assert table.viewport().rect().intersects(table.visualRect(index))


def test_dialogs_fit_the_screen(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _open_af(qtbot, window)
    for action in ("history", "quality", "export", "preferences"):
        window.actions_by_id[action].trigger()
        qtbot.wait(SHOWN_MS)
    shown = [w for w in window.findChildren(QWidget) if w.isWindow() and w.isVisible() and w is not window]
    assert len(shown) >= 4
    for widget in shown:
        _fits(widget)


def test_risk_pictures_are_one_size_and_the_sources_fold_away(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _open_af(qtbot, window)
    _person(window.grid_view.risk.form)
    window.show_risk()
    qtbot.wait(SHOWN_MS)
    panel = window.grid_view.risk
    arrays = [array for row in panel.rows.values() for array in row.arrays.values()]
    assert len(panel.rows) >= 2 and len(arrays) >= 4
    assert len({(a.width(), a.height()) for a in arrays}) == 1  # one size for every option and row
    row = next(iter(panel.rows.values()))
    assert not row.source.isVisible()  # behind "Where this comes from"
    row.source_button.click()
    assert row.source.isVisible() and "Source:" in row.source.text()
