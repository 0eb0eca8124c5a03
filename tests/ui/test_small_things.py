"""Small things a user notices: messages, "&" in names, the status bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from capture_support import TEST_NHS, make_window, open_thinning, write_capture_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton

pytestmark = pytest.mark.gui


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = write_capture_library(tmp_path / "lib")
    thinning = folder / "thinning.yaml"
    thinning.write_text(
        thinning.read_text(encoding="utf-8").replace("name: Old pill", "name: Watch & wait"), encoding="utf-8"
    )
    return folder


@pytest.fixture
def window(qtbot, library: Path, tmp_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, library, tmp_path / "data")
    yield win
    win.close()


def test_an_apostrophe_in_a_message_shows_as_one(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    panel = window.capture
    panel.id_kind_buttons["local_reference"].click()
    qtbot.keyClicks(panel.patient_id, TEST_NHS)
    message = panel.patient_error.text()
    assert "choose 'NHS number'" in message
    assert "&#" not in message
    assert panel.patient_error.textFormat() == Qt.TextFormat.PlainText


def test_an_ampersand_in_an_option_name_is_shown_not_made_a_shortcut(window) -> None:  # type: ignore[no-untyped-def]
    open_thinning(window)
    button = window.capture.findChild(QRadioButton, "option_old-pill")
    assert button is not None
    assert button.text() == "Watch && wait"  # Qt shows "&&" as one "&"
    assert button.shortcut().isEmpty()  # no Alt+W taken from the content
    assert button.accessibleName() == "Option: Watch & wait"


def test_the_status_bar_follows_the_aid_that_is_open(window) -> None:  # type: ignore[no-untyped-def]
    window.recording.new_consultation()
    assert "choose a decision aid" in window.statusBar().currentMessage()
    open_thinning(window)
    message = window.statusBar().currentMessage()
    assert "choose a decision aid" not in message
    assert "Blood thinners for a test heart rhythm" in message
