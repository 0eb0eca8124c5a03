"""Signing off the exact version of a content file from the preview window.

The reviewer gives their name and role; the sign-off is written beside the
file with its SHA-256 (grids/signoff.py), as ``sdm-desktop sign-off`` does.
Any later edit to the file brings back "not reviewed".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ...grids.signoff import sign_off
from ..kit.text import plain_label


class SignOffDialog(QDialog):
    """Name and role, then 'Sign off this version'; ``done_`` gets what happened in words."""

    def __init__(
        self,
        path: Path,
        content_hash: str,
        name: str,
        role: str,
        done_: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signOffDialog")
        self.setWindowTitle("Sign off this version")
        self.path = path
        self.content_hash = content_hash
        self.done_ = done_
        explain = plain_label(
            f"You are signing off {path.name} exactly as it is now (SHA-256 {content_hash[:16]}…). "
            "The sign-off is kept beside the file. Any later change to the file means it is no longer "
            "signed off until someone reviews it again."
        )
        self.reviewer = QLineEdit(name)
        self.reviewer.setAccessibleName("Reviewer's name")
        self.role = QLineEdit(role)
        self.role.setAccessibleName("Reviewer's role")
        self.error = plain_label()
        self.error.setObjectName("signOffError")
        self.error.hide()
        form = QFormLayout()
        form.addRow("Reviewer's &name:", self.reviewer)
        form.addRow("Reviewer's &role:", self.role)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign = self.buttons.addButton("Sign off this version", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.sign_now)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def sign_now(self) -> None:
        try:
            current = self.path.read_bytes()
        except OSError as exc:
            self._fail(f"The file could not be read ({exc.strerror or exc}).")
            return
        if hashlib.sha256(current).hexdigest() != self.content_hash:
            self._fail("The file has changed since it was shown. Look at the new version before signing it off.")
            return
        try:
            written = sign_off(self.path, self.reviewer.text(), self.role.text())
        except ValueError as exc:
            self._fail(f"Please put this right: {exc}.")
            return
        except OSError as exc:
            self._fail(f"The sign-off could not be written ({exc.strerror or exc}). Nothing was changed.")
            return
        self.accept()
        self.done_(f"Signed off by {' '.join(self.reviewer.text().split())}; kept in {written.name}.")

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
