"""The fast path, counted: open an aid, mark the leaning, answer SURE, save the summary.

Every key press and click is counted as a person's action. The count is the
design's promise to a clinician in a ten-minute consultation; a change that
adds steps makes this test fail and has to say why.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from capture_support import make_window, write_capture_library
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from sdm_desktop.records.store import RecordStore

pytestmark = pytest.mark.gui
FAST_PATH_ACTIONS = 13  # Ctrl+F, 4 letters, Enter, 1 click for the leaning, 4 for SURE, Ctrl+S, Enter


class Person:
    """Presses keys and clicks through qtbot, counting each action."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.actions = 0

    def focused(self, fallback: QWidget) -> QWidget:
        return QApplication.focusWidget() or fallback.window().focusWidget() or fallback

    def key(
        self, fallback: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.focused(fallback), key, modifier)
        self.actions += 1

    def type(self, fallback: QWidget, text: str) -> None:
        for ch in text:
            self.qtbot.keyClicks(self.focused(fallback), ch)
            self.actions += 1

    def click(self, widget: QWidget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.actions += 1


def test_fast_path_open_lean_sure_save(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    data = tmp_path / "records"
    window = make_window(qtbot, write_capture_library(tmp_path / "lib"), data)
    out = tmp_path / "summaries"
    out.mkdir()
    window.settings.setValue("output/folder", str(out))  # where Save suggests the file (set once, in real use)
    person = Person(qtbot)

    person.key(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # search the library
    person.type(window, "thin")
    person.key(window, Qt.Key.Key_Return)  # opens the first match
    assert window.controller.grid is not None and window.controller.grid.id == "test-thinning"
    panel = window.capture
    assert panel.isVisible()  # the Record panel is there from the start
    person.click(panel.option_radios[2])  # leaning towards the new pill
    for item in ("sure", "understand", "risk-benefit", "encouragement"):
        person.click(panel.sure.buttons[item][1])  # yes, yes, yes, yes
    person.key(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # save summary as PDF
    dialog = window.summary.save_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    person.key(dialog, Qt.Key.Key_Return)  # accept the suggested name
    qtbot.waitUntil(lambda: window.summary.last_saved_pdf is not None, timeout=3000)

    print(f"\nfast path: {person.actions} user actions (open an aid, mark the leaning, answer SURE, save the PDF)")
    assert person.actions == FAST_PATH_ACTIONS
    pdf = window.summary.last_saved_pdf
    assert pdf is not None and pdf.parent == out and pdf.suffix == ".pdf"
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(reader.pages) == 1 and "New pill" in reader.pages[0].extract_text()
    with RecordStore.open(data) as store:
        record = store.get_draft(window.records.record.record_id)
    assert (record.decision.status, record.decision.option_id) == ("leaning", "new-pill")
    assert record.sure_total == 4 and not record.sure_flagged
    window.close()
