"""Help: every keyboard shortcut, and About (version, where records are kept, the shortcuts).

Both are built from the action table, so a new shortcut is listed the day it is added.
Everything is plain text: labels and paths are never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from .actions import ACTIONS, ActionSpec, key_sequences, menus


def shortcut_rows(specs: Sequence[ActionSpec] = ACTIONS) -> list[tuple[str, str]]:
    """(what it does, its keys) for every action with a shortcut, then the menus' Alt+letter keys."""
    rows: list[tuple[str, str]] = []
    for spec in specs:
        keys = [k for k in key_sequences(spec) if typeable(k)]
        if keys:
            native = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            rows.append((spec.label.replace("&", ""), native))
    for title in menus(tuple(specs)):
        letter = mnemonic(title)
        if letter:
            rows.append((f"Open the {title.replace('&', '')} menu", f"Alt+{letter.upper()}"))
    rows.append(("Next field, previous field", "Tab, Shift+Tab"))
    return rows


def typeable(key: QKeySequence) -> bool:
    """A key on an ordinary keyboard: with Ctrl or Alt, or a function key or Esc (not a media key such as "Back")."""
    text = key.toString(QKeySequence.SequenceFormat.PortableText)
    return "+" in text or text == "Esc" or (text[:1] == "F" and text[1:].isdigit())


def mnemonic(text: str) -> str:
    """The letter after a single ``&`` in a label ("" if none); ``&&`` is a literal ampersand."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return ""


class HelpDialog(QDialog):
    """A non-modal window: optionally the version and records folder, then the shortcuts as a table."""

    def __init__(self, parent: QWidget | None, records_folder: Path | None = None) -> None:
        super().__init__(parent)
        about = records_folder is not None
        self.setObjectName("aboutDialog" if about else "shortcutsDialog")
        self.setWindowTitle("About SDM Desktop" if about else "Keyboard shortcuts")
        layout = QVBoxLayout(self)
        if about:
            self.about = QLabel()
            self.about.setObjectName("aboutText")
            self.about.setTextFormat(Qt.TextFormat.PlainText)
            self.about.setWordWrap(True)
            self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.about.setText(
                f"SDM Desktop {__version__}\n"
                "Shared decision-making aids for the consultation, offline.\n\n"
                f"Records are kept on this computer, in {records_folder}\n\n"
                "Keyboard shortcuts:"
            )
            layout.addWidget(self.about)
        rows = shortcut_rows()
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["What it does", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for r, (what, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(what))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def text(self) -> str:
        """Everything the dialog says, as plain text (for tests and screen readers)."""
        lines = [self.about.text()] if hasattr(self, "about") else []
        for r in range(self.table.rowCount()):
            what, keys = self.table.item(r, 0), self.table.item(r, 1)
            if what is not None and keys is not None:
                lines.append(f"{what.text()}: {keys.text()}")
        return "\n".join(lines)


def open_help(parent: QWidget, records_folder: Path | None = None) -> HelpDialog:
    """Show the shortcuts (or About, given where records are kept); non-modal, focus on the table."""
    dialog = HelpDialog(parent, records_folder)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.table.setFocus()
    return dialog
