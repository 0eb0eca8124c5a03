"""The fast path on a real X server, counted as a person's key presses and clicks.

Open the AF aid, give age, sex and two risk factors, mark the leaning, answer SURE and
save the record copy: 16 actions or fewer. Without personal risk: 10 or fewer. Anything
out of view has to be scrolled to with the wheel, and every notch counts.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from person import Person, on_screen
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from realdisplay import Xdo

pytestmark = pytest.mark.gui

WITH_RISK = 16
WITHOUT_RISK = 10


def scroll_into_view(person: Person, window, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Wheel over the scroll bars of the area ``widget`` is in until it shows whole; each notch is an action."""
    scroll = widget.parentWidget()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    viewport = scroll.viewport()
    for _ in range(30):
        person.look()
        if on_screen(widget):
            return
        top_left = widget.mapTo(viewport, widget.rect().topLeft())
        bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
        if top_left.y() < 0 or bottom_right.y() > viewport.height():
            person.wheel(scroll.verticalScrollBar(), -1 if top_left.y() < 0 else 1)
        else:
            person.wheel(scroll.horizontalScrollBar(), -1 if top_left.x() < 0 else 1)
    where = widget.mapToGlobal(widget.rect().topLeft())
    raise AssertionError(
        f"{widget.accessibleName()} never came into view: at {where}, window {window.frameGeometry()}, "
        f"screen {window.screen().availableGeometry()}"
    )


def open_af(qtbot, window, person: Person) -> None:  # type: ignore[no-untyped-def]
    # The window as it first opens on this screen: no larger than the screen, the Record panel wide enough
    # for its form (the first start's geometry is tested on its own; this test counts the actions).
    available = window.screen().availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    if not available.contains(frame):
        window.resize(
            available.width() - (frame.width() - inner.width()), available.height() - (frame.height() - inner.height())
        )
        window.move(available.topLeft())
    scroll = window.record_dock.widget()
    needed = window.capture.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 8
    window.resizeDocks([window.record_dock], [needed], Qt.Orientation.Horizontal)
    qtbot.wait(300)
    qtbot.waitUntil(window.library_panel.search.hasFocus, timeout=5000)  # the window starts ready to search
    person.type("af")
    person.key("Return")
    qtbot.waitUntil(lambda: window.controller.grid is not None, timeout=5000)
    assert window.controller.grid.id == "af-anticoagulation"


def lean_sure_save(qtbot, window, person: Person, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    panel = window.capture
    apixaban = next(b for b in panel.option_radios if b.property("optionId") == "doac")
    scroll_into_view(person, window, apixaban)
    person.click(apixaban)
    qtbot.waitUntil(lambda: window.records.record.decision.option_id == "doac", timeout=3000)
    for item in ("sure", "understand", "risk-benefit", "encouragement"):
        yes = panel.sure.buttons[item][1]
        scroll_into_view(person, window, yes)
        person.click(yes)
        qtbot.waitUntil(yes.isChecked, timeout=3000)
    assert panel.copy_choice.currentData() == "record"
    person.key("ctrl+s")
    qtbot.waitUntil(
        lambda: window.summary.save_dialog is not None and window.summary.save_dialog.isVisible(), timeout=5000
    )
    qtbot.waitUntil(window.summary.save_dialog.isActiveWindow, timeout=5000)
    person.key("Return")
    qtbot.waitUntil(lambda: window.summary.last_saved_pdf is not None, timeout=10000)
    pdf = window.summary.last_saved_pdf
    assert pdf.parent == folder
    return pdf


def pdf_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def test_fast_path_with_personal_risk(qtbot, window, xdo: Xdo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.settings.setValue("output/folder", str(tmp_path))  # set once, in real use
    person = Person(xdo, qtbot)
    open_af(qtbot, window, person)
    person.key("ctrl+r")
    form = window.grid_view.risk.form
    qtbot.waitUntil(form.controls["age"].hasFocus, timeout=5000)
    person.type("78")
    qtbot.waitUntil(lambda: window.controller.session.risk_values.get("age") == 78, timeout=3000)
    for button in (
        form.answers["sex"].buttons["Female"],
        form.answers["heart-failure"].buttons["Yes"],
        form.answers["high-blood-pressure"].buttons["Yes"],
    ):
        scroll_into_view(person, window, button)
        person.click(button)
    values = window.controller.session.risk_values
    qtbot.waitUntil(lambda: values.get("high-blood-pressure") is True, timeout=3000)
    assert (values.get("sex"), values.get("heart-failure")) == ("female", True)
    pdf = lean_sure_save(qtbot, window, person, tmp_path)

    print(f"\nfast path with personal risk: {person.actions} actions: {person.log}")
    assert person.actions <= WITH_RISK, person.log
    record = window.records.record
    assert (record.decision.status, record.decision.option_id) == ("leaning", "doac")
    assert record.sure_total == 4
    text = pdf_text(pdf)
    assert "SURE" in text, text


def test_fast_path_without_personal_risk(qtbot, window, xdo: Xdo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.settings.setValue("output/folder", str(tmp_path))
    person = Person(xdo, qtbot)
    open_af(qtbot, window, person)
    lean_sure_save(qtbot, window, person, tmp_path)
    print(f"\nfast path without personal risk: {person.actions} actions: {person.log}")
    assert person.actions <= WITHOUT_RISK, person.log
