"""A draft saved in another window or on another PC since this one read it: both texts, then a choice.

Nothing typed is lost either way: the version not chosen is kept as a separate
draft, to be resumed or discarded later.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QTextBrowser, QWidget

from ...records.names import Names
from ...records.versioning import DraftChanged
from ..history.record_view import record_html
from ..kit.text import plain_label

KEEP_MINE = "Keep mine (theirs is kept as a separate draft)"
KEEP_THEIRS = "Use theirs (mine is kept as a separate draft)"


def _browser(html: str, name: str) -> QTextBrowser:
    view = QTextBrowser()
    view.setObjectName(name)
    view.setOpenLinks(False)
    view.setOpenExternalLinks(False)
    view.setHtml(html)
    return view


class DraftConflictDialog(QDialog):
    """Yours on the left, the one saved elsewhere on the right."""

    def __init__(
        self,
        found: DraftChanged,
        names: Names,
        keep_mine: Callable[[], None],
        keep_theirs: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("draftConflict")
        self.setWindowTitle("This draft was changed elsewhere")
        message = plain_label(found.message)
        message.setObjectName("draftConflictMessage")
        self.mine = _browser(record_html(found.ours, None, names), "draftMine")
        theirs_html = (
            record_html(found.theirs, None, names)
            if found.theirs is not None
            else "<p>The other version could not be read.</p>"
        )
        self.theirs = _browser(theirs_html, "draftTheirs")
        layout = QGridLayout(self)
        layout.addWidget(message, 0, 0, 1, 2)
        layout.addWidget(plain_label("Yours, in this window:"), 1, 0)
        layout.addWidget(plain_label(f"Saved elsewhere at {found.theirs_saved_at}:"), 1, 1)
        layout.addWidget(self.mine, 2, 0)
        layout.addWidget(self.theirs, 2, 1)
        self.buttons = QDialogButtonBox()
        self.keep_mine_button = self.buttons.addButton(KEEP_MINE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs_button = self.buttons.addButton(KEEP_THEIRS, QDialogButtonBox.ButtonRole.ActionRole)
        self.keep_theirs_button.setEnabled(found.theirs is not None)
        self.keep_mine_button.clicked.connect(lambda: self._chosen(keep_mine))
        self.keep_theirs_button.clicked.connect(lambda: self._chosen(keep_theirs))
        layout.addWidget(self.buttons, 3, 0, 1, 2)
        self.resize(900, 600)

    def _chosen(self, then: Callable[[], None]) -> None:
        self.accept()
        then()
