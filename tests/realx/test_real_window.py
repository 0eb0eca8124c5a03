"""The window on a real X server with a window manager, driven through X input."""

from __future__ import annotations

import pytest
from realdisplay import Xdo, screen_spec

pytestmark = pytest.mark.gui


def test_the_screen_is_the_one_asked_for(window) -> None:  # type: ignore[no-untyped-def]
    width, height, scale = screen_spec()
    screen = window.screen()
    assert screen.devicePixelRatio() == pytest.approx(scale)
    assert (screen.geometry().width(), screen.geometry().height()) == (round(width / scale), round(height / scale))


def test_the_window_manager_gives_the_window_focus(window) -> None:  # type: ignore[no-untyped-def]
    assert window.isActiveWindow()


def test_find_shortcut_from_the_keyboard_focuses_search(qtbot, window, xdo: Xdo) -> None:  # type: ignore[no-untyped-def]
    window.show_library()
    window.setFocus()
    xdo.key("ctrl+f")
    search = window.library_panel.search
    qtbot.waitUntil(search.hasFocus, timeout=3000)
    xdo.type("knee")
    qtbot.waitUntil(lambda: search.text() == "knee", timeout=3000)
