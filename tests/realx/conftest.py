"""Fixtures for tests on a real X server with a window manager (see tests/realdisplay.py).

These tests run only in the child pytest that tests/test_real_display.py starts, once
per clinic-PC screen, with ``DISPLAY`` set and ``QT_QPA_PLATFORM=xcb``. Input goes
through the X server with xdotool, as a keyboard and mouse would send it, so shortcut
ambiguity, focus, mnemonics and wheel events behave as they do for a user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from realdisplay import Xdo

pytestmark = pytest.mark.gui

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def xdo() -> Xdo:
    return Xdo()


@pytest.fixture
def window(qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The consultation window on the shipped library, shown and activated by the window manager."""
    from sdm_desktop.config import Config
    from sdm_desktop.grids.store import LibraryStore
    from sdm_desktop.paths import SHIPPED_LIBRARY
    from sdm_desktop.ui.app import create_application
    from sdm_desktop.ui.kit.settings import open_settings
    from sdm_desktop.ui.window.main_window import MainWindow

    create_application()
    win = MainWindow(LibraryStore([SHIPPED_LIBRARY], TODAY), Config(), open_settings(), today=TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.load_library()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    yield win
    win.close()
