"""Keyboard first: unique mnemonics, F10, focus when a panel opens, the consultation's Tab order, Help."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from capture_support import make_window, open_thinning, write_capture_library
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from sdm_desktop import __version__
from sdm_desktop.ui.window.actions import ACTIONS, key_sequences, menus
from sdm_desktop.ui.window.help import HelpDialog, mnemonic, shortcut_rows, typeable
from sdm_desktop.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, write_capture_library(tmp_path / "lib"), tmp_path / "records")
    open_thinning(win)
    win.show_risk()
    yield win
    win.close()


def visible_mnemonics(window: MainWindow) -> list[tuple[str, str]]:
    """(letter, text) for the menu bar's titles and every visible label with a buddy or button in the window."""
    out = [(mnemonic(a.text()), a.text()) for a in window.menuBar().actions()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if labelled or isinstance(widget, QAbstractButton):
            out.append((mnemonic(widget.text()), widget.text()))
    return [(letter, text) for letter, text in out if letter]


def test_mnemonic_reads_the_letter_after_a_single_ampersand() -> None:
    assert mnemonic("&File") == "f"
    assert mnemonic("Fin&d:") == "d"
    assert mnemonic("Watch && wait") == ""
    assert mnemonic("Salt && &pepper") == "p"


def test_mnemonics_are_unique_in_each_menu(window: MainWindow) -> None:
    for title, ids in menus().items():
        letters = [mnemonic(window.actions_by_id[i].text()) for i in ids]
        assert all(letters), f"{title}: an entry has no letter: {ids}"
        repeated = [letter for letter, n in Counter(letters).items() if n > 1]
        assert not repeated, f"{title} uses {repeated} twice"


def test_mnemonics_are_unique_across_the_menu_bar_and_the_window(window: MainWindow) -> None:
    window.prompts_dock.show()
    for page in (window.show_library, window.show_risk):
        page()
        found = visible_mnemonics(window)
        assert ("f", "&File") in found
        letters = Counter(letter for letter, _ in found)
        clashes = [(letter, [t for ll, t in found if ll == letter]) for letter, n in letters.items() if n > 1]
        assert not clashes, f"Alt+letter used twice: {clashes}"


def test_alt_f_opens_the_file_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_library()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    file_menu = window.menuBar().actions()[0]
    qtbot.waitUntil(lambda: window.menuBar().activeAction() is file_menu, timeout=2000)
    assert not window.library_panel.search.hasFocus()
    file_menu.menu().close()


def test_f10_opens_the_menu_bar(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.actions_by_id["menu_bar"].shortcut() == QKeySequence("F10")
    window.actions_by_id["menu_bar"].trigger()
    qtbot.waitUntil(lambda: window.menuBar().activeAction() is window.menuBar().actions()[0], timeout=2000)
    window.menuBar().actions()[0].menu().close()


def test_reload_is_f5_only_so_ctrl_r_is_personal_risk_alone() -> None:
    by_id = {spec.id: spec for spec in ACTIONS}
    assert by_id["reload"].shortcuts == ("F5",)
    holders = [spec.id for spec in ACTIONS if QKeySequence("Ctrl+R") in key_sequences(spec)]
    assert holders == ["risk"]


def test_personal_risk_shortcut_puts_the_focus_in_the_first_field(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_library()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    age = window.grid_view.risk.form.controls["age"]
    qtbot.waitUntil(age.hasFocus, timeout=2000)
    qtbot.keyClicks(age, "78")
    assert window.controller.session.risk_values.get("age") == 78


def test_record_shortcut_brings_the_panel_to_the_front_with_the_focus(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.prompts_dock.show()
    window.tabifyDockWidget(window.record_dock, window.prompts_dock)
    window.prompts_dock.raise_()
    qtbot.waitUntil(lambda: window.record_dock.visibleRegion().isEmpty(), timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not window.record_dock.visibleRegion().isEmpty(), timeout=2000)
    qtbot.waitUntil(window.capture.patient_id.hasFocus, timeout=2000)
    assert window.actions_by_id["record_panel"].isChecked()


def tab_walk(qtbot, start: QWidget, presses: int) -> list[QWidget]:  # type: ignore[no-untyped-def]
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [start]
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_follows_the_consultation(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.record_dock.raise_()
    panel, form = window.capture, window.grid_view.risk.form
    seen = tab_walk(qtbot, form.controls["age"], 40)
    order = [
        form.controls["sex"],
        form.controls["high-bp"],
        panel.option_radios[0],
        panel.sure.buttons["sure"][1],
        panel.next_step,
        panel.notes,
        panel.save_button,
    ]
    where = [seen.index(w) if w in seen else None for w in order]
    assert None not in where, (
        f"not reached by Tab: {[w.objectName() for w, i in zip(order, where, strict=True) if i is None]}"
    )
    assert where == sorted(where), where
    assert seen.index(panel.sure.buttons["sure"][1]) <= 15  # was about 47 Tab stops away


def test_save_in_the_record_panel_saves_the_summary(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.record_dock.raise_()
    qtbot.mouseClick(window.capture.save_button, Qt.MouseButton.LeftButton)
    dialog = window.summary.save_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_help_lists_every_shortcut(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.actions_by_id["shortcuts"].trigger()
    dialog = window.findChild(HelpDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.text()
    for spec in ACTIONS:
        for seq in filter(typeable, key_sequences(spec)):
            assert seq.toString(QKeySequence.SequenceFormat.NativeText) in text, spec.id
            assert spec.label.replace("&", "") in text
    assert sum(1 for spec in ACTIONS if any(map(typeable, key_sequences(spec)))) >= 20
    assert "Open the File menu: Alt+F" in text
    assert len(shortcut_rows()) == dialog.table.rowCount()
    dialog.close()


def test_about_shows_the_version_where_records_are_kept_and_the_shortcuts(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.actions_by_id["about"].trigger()
    dialog = window.findChild(HelpDialog, "aboutDialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.text()
    assert __version__ in text
    assert str(window.records.folder) in text
    assert "Personal risk: Ctrl+R" in text
    assert dialog.about.textFormat() == Qt.TextFormat.PlainText
    dialog.close()


def test_a_short_choice_is_one_click_and_can_be_taken_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    sex = window.grid_view.risk.form.answers["sex"]
    assert list(sex.buttons) == ["Female", "Male", "Not known"]
    qtbot.mouseClick(sex.buttons["Female"], Qt.MouseButton.LeftButton)
    assert window.controller.session.risk_values.get("sex") == "female"
    qtbot.mouseClick(sex.buttons["Not known"], Qt.MouseButton.LeftButton)
    assert window.controller.session.risk_values.get("sex") != "female"
    assert not sex.buttons["Female"].isChecked()


def test_the_library_search_has_the_focus_at_start(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, write_capture_library(tmp_path / "lib"), tmp_path / "records")
    qtbot.waitUntil(win.library_panel.search.hasFocus, timeout=2000)
    win.close()
