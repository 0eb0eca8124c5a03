"""Typed text cannot reorder itself on screen: "take \u202e5.7\u202c mg" never shows as "take 7.5 mg"."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtGui import QTextDocument

from sdm_desktop.records.model import Record
from sdm_desktop.ui.grid.controller import SessionController
from sdm_desktop.ui.grid.prompts_panel import PromptsPanel
from sdm_desktop.ui.history.record_view import record_html
from sdm_desktop.ui.kit.text import no_reorder

pytestmark = pytest.mark.gui
TYPED = "take \u202e5.7\u202c mg"


def test_no_reorder_drops_overrides_embeddings_and_isolates_only() -> None:
    assert no_reorder(TYPED) == "take 5.7 mg"
    assert no_reorder("\u2067abc\u2069 \u202adef\u202c") == "abc def"
    hebrew = "\u05e9\u05dc\u05d5\u05dd \u200f"  # letters and a right-to-left mark stay
    assert no_reorder(hebrew) == hebrew


def test_past_record_shows_typed_notes_and_questions_in_their_typed_order(qapp) -> None:  # type: ignore[no-untyped-def]
    record = Record(notes=f"Told to {TYPED}", questions=(f"Can I {TYPED}?",), what_matters=TYPED)
    doc = QTextDocument()
    doc.setHtml(record_html(record))
    text = doc.toPlainText()
    assert "Told to take 5.7 mg" in text and "Can I take 5.7 mg?" in text
    assert "\u202e" not in text and "\u202c" not in text


def test_the_questions_list_shows_them_in_typed_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    controller = SessionController()
    panel = PromptsPanel(controller)
    qtbot.addWidget(panel)
    assert controller.add_question(f"Should I {TYPED}?")
    assert panel.questions.item(0).text() == "Should I take 5.7 mg?"
    assert controller.session.questions == [f"Should I {TYPED}?"]  # kept exactly as typed
