"""Drafts left from earlier: resume one, discard one, or decide later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...consult.dates import time_text
from ...records.nhs import format_nhs_number
from ...records.store import DraftSummary
from ..kit.messages import Icon, confirm

ID_ROLE = Qt.ItemDataRole.UserRole


MASK = "\u2022"  # a bullet in place of each hidden character
NOTE_WORDS = 8


def masked(text: str, shown: int = 4) -> str:
    """All but the last ``shown`` letters or digits hidden; spaces kept, so the shape still reads."""
    keep = len([ch for ch in text if not ch.isspace()]) - shown
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            out.append(ch)
        else:
            out.append(MASK if keep > 0 else ch)
            keep -= 1
    return "".join(out)


def patient_text(draft: DraftSummary) -> str:
    """The patient, masked: enough to tell drafts apart on a shared screen, not to identify anyone."""
    if not draft.patient_id.strip():
        return "No patient identifier yet"
    if draft.patient_id_kind == "nhs_number":
        digits = "".join(ch for ch in draft.patient_id if ch.isdigit())
        return f"NHS {masked(format_nhs_number(digits) if len(digits) == 10 else draft.patient_id.strip())}"
    return f"Ref {masked(draft.patient_id.strip())}"


def notes_text(draft: DraftSummary) -> str:
    """The first words of the notes (or of what matters most, or the next step), to tell drafts apart."""
    record = draft.record
    for text in (record.notes, record.what_matters, record.decision.next_step):
        words = " ".join(str(text or "").split()).split(" ")
        if words != [""]:
            return " ".join(words[:NOTE_WORDS]) + ("…" if len(words) > NOTE_WORDS else "")
    return ""


def edited_text(when: dt.datetime) -> str:
    return time_text(when)


class ResumeDialog(QDialog):
    """Lists drafts (masked patient, aid, last edited, first words of the notes). Opened with ``open()``."""

    resumeRequested = Signal(str)
    discardRequested = Signal(str)

    def __init__(self, drafts: Sequence[DraftSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unfinished records")
        self.setObjectName("resumeDialog")
        self.confirm: QMessageBox | None = None
        intro = QLabel("These records were not finished. Resume one to carry on where you left off.")
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("draftList")
        self.list.setAccessibleName("Unfinished records")
        self.list.setHeaderLabels(["Patient", "Decision aid", "Last edited", "Notes begin"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for draft in drafts:
            aid = draft.aid_title or "No aid opened"
            if draft.amends:
                aid += " (amendment)"
            item = QTreeWidgetItem([patient_text(draft), aid, edited_text(draft.updated_at), notes_text(draft)])
            item.setData(0, ID_ROLE, draft.record_id)
            self.list.addTopLevelItem(item)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list.setWordWrap(True)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self.buttons = QDialogButtonBox()
        self.resume_button = QPushButton("&Resume")
        self.resume_button.setAccessibleName("Resume the selected record")
        self.resume_button.setDefault(True)
        self.discard_button = QPushButton("&Discard…")
        self.discard_button.setAccessibleName("Discard the selected record")
        self.later_button = QPushButton("&Later")
        self.later_button.setAccessibleName("Decide later")
        self.buttons.addButton(self.resume_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 320)
        self.resume_button.clicked.connect(self.resume_selected)
        self.discard_button.clicked.connect(self.ask_discard)
        self.later_button.clicked.connect(self.reject)
        self.list.itemActivated.connect(lambda _item, _col: self.resume_selected())

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else None

    def resume_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        self.accept()
        self.resumeRequested.emit(record_id)

    def ask_discard(self) -> QMessageBox | None:
        item = self.list.currentItem()
        if item is None:
            return None
        box = confirm(
            self,
            "Discard this record?",
            f"Throw away the unfinished record for {item.text(0)} ({item.text(1)})? This cannot be undone.",
            yes="Discard it",
            no="Keep it",
            on_yes=lambda: self._discard(item),
            icon=Icon.Warning,
            default_no=True,
        )
        self.confirm = box
        return box

    def _discard(self, item: QTreeWidgetItem) -> None:
        record_id = str(item.data(0, ID_ROLE))
        self.list.takeTopLevelItem(self.list.indexOfTopLevelItem(item))
        self.discardRequested.emit(record_id)
        if not self.list.topLevelItemCount():
            self.reject()
        self.confirm = None
