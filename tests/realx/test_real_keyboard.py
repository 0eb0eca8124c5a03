"""Shortcuts, Alt letters, F10, focus and Tab order, pressed on a real X server through xdotool.

Offscreen Qt has no keyboard scheme of a real desktop: there StandardKey.Refresh was
F5 only, while on X11 it is Ctrl+R too, and two actions on one key fire neither.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from realdisplay import Xdo

pytestmark = pytest.mark.gui


def open_af(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in window.store.paths() if p.endswith("af-anticoagulation.yaml"))
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.controller.grid is not None, timeout=3000)


def test_no_two_actions_share_a_key_on_this_desktop(window) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, str] = {}
    for action_id, action in window.actions_by_id.items():
        for seq in action.shortcuts():
            text = seq.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{action_id} and {seen[text]} both use {text}"
            seen[text] = action_id
    assert seen["Ctrl+R"] == "risk" and seen["F5"] == "reload"


def test_ctrl_r_opens_personal_risk_with_the_focus_in_age(qtbot, window, xdo: Xdo) -> None:  # type: ignore[no-untyped-def]
    open_af(qtbot, window)
    xdo.key("ctrl+r")
    age = window.grid_view.risk.form.controls["age"]
    qtbot.waitUntil(age.hasFocus, timeout=3000)
    xdo.type("81")
    qtbot.waitUntil(lambda: window.controller.session.risk_values.get("age") == 81, timeout=3000)


def test_f5_reloads_the_library(qtbot, window, xdo: Xdo) -> None:  # type: ignore[no-untyped-def]
    window.statusBar().clearMessage()
    xdo.key("F5")
    qtbot.waitUntil(lambda: "decision aids loaded" in window.statusBar().currentMessage(), timeout=10000)


@pytest.mark.parametrize(("keys", "title"), [("alt+f", "File"), ("alt+g", "Go"), ("alt+r", "Record"), ("F10", "File")])
def test_alt_letters_and_f10_open_the_menus(qtbot, window, xdo: Xdo, keys: str, title: str) -> None:  # type: ignore[no-untyped-def]
    window.show_library()
    qtbot.waitUntil(window.library_panel.search.isVisible, timeout=3000)
    xdo.key(keys)
    bar = window.menuBar()
    qtbot.waitUntil(lambda: bar.activeAction() is not None and bar.activeAction().menu().isVisible(), timeout=3000)
    assert bar.activeAction().text().replace("&", "") == title
    xdo.key("Escape")
    xdo.key("Escape")
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=3000)


def test_ctrl_shift_r_brings_the_record_panel_to_the_front(qtbot, window, xdo: Xdo) -> None:  # type: ignore[no-untyped-def]
    open_af(qtbot, window)
    window.prompts_dock.show()
    window.tabifyDockWidget(window.record_dock, window.prompts_dock)
    window.prompts_dock.raise_()
    qtbot.waitUntil(lambda: window.record_dock.visibleRegion().isEmpty(), timeout=3000)
    xdo.key("ctrl+shift+r")
    qtbot.waitUntil(lambda: not window.record_dock.visibleRegion().isEmpty(), timeout=3000)
    qtbot.waitUntil(window.capture.patient_id.hasFocus, timeout=3000)


def test_tab_goes_risk_form_leaning_sure_next_step_notes_save(qtbot, window, xdo: Xdo) -> None:  # type: ignore[no-untyped-def]
    open_af(qtbot, window)
    window.record_dock.show()
    window.record_dock.raise_()
    xdo.key("ctrl+r")
    form, panel = window.grid_view.risk.form, window.capture
    qtbot.waitUntil(form.controls["age"].hasFocus, timeout=3000)
    seen = [QApplication.focusWidget()]
    targets = {
        "leaning": set(panel.option_radios),
        "SURE": {b for answers in panel.sure.buttons.values() for b in answers.values()},
        "next step": {panel.next_step},
        "notes": {panel.notes},
        "save": {panel.save_button},
    }
    for _ in range(45):
        before = QApplication.focusWidget()
        xdo.key("Tab")
        qtbot.waitUntil(lambda b=before: QApplication.focusWidget() is not b, timeout=3000)
        seen.append(QApplication.focusWidget())
        if seen[-1] is panel.save_button:
            break
    first = {name: next((i for i, w in enumerate(seen) if w in widgets), None) for name, widgets in targets.items()}
    assert None not in first.values(), first
    assert list(first.values()) == sorted(first.values()), first
    assert first["SURE"] <= 20, f"SURE is {first['SURE']} Tab presses from the risk form"
