"""Preferences: extra library folders, the clinician's name and role (non-modal)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...config import Config


class PreferencesDialog(QDialog):
    """Edits a copy of ``config``; ``saved(Config)`` carries the result after it is written."""

    saved = Signal(object)

    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.config = replace(config, library_folders=list(config.library_folders))
        self.folders = QListWidget()
        self.folders.setObjectName("preferencesFolders")
        self.folders.setAccessibleName("Extra library folders")
        self.folders.addItems(self.config.library_folders)
        self.add_button = QPushButton("&Add folder…")
        self.add_button.setAccessibleName("Add a library folder")
        self.remove_button = QPushButton("&Remove folder")
        self.remove_button.setAccessibleName("Remove the selected library folder")
        self.name = QLineEdit(self.config.clinician_name)
        self.name.setAccessibleName("Your name")
        self.role = QLineEdit(self.config.clinician_role)
        self.role.setAccessibleName("Your role")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()

        folders_label = QLabel("Extra library &folders (the shipped library is always included):")
        folders_label.setBuddy(self.folders)
        folders_label.setWordWrap(True)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_button)
        buttons_row.addWidget(self.remove_button)
        buttons_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Your &name:", self.name)
        form.addRow("Your &role:", self.role)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(folders_label)
        layout.addWidget(self.folders)
        layout.addLayout(buttons_row)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_folder)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.chooser: QFileDialog | None = None

    def choose_folder(self) -> QFileDialog:
        chooser = QFileDialog(self, "Choose a library folder")
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        chooser.fileSelected.connect(self.add_folder)
        chooser.open()
        self.chooser = chooser
        return chooser

    def add_folder(self, folder: str) -> None:
        if folder and folder not in self.current_folders():
            self.folders.addItem(folder)

    def remove_folder(self) -> None:
        row = self.folders.currentRow()
        if row >= 0:
            self.folders.takeItem(row)

    def current_folders(self) -> list[str]:
        return [self.folders.item(i).text() for i in range(self.folders.count())]

    def save(self) -> None:
        self.config.library_folders = self.current_folders()
        self.config.clinician_name = self.name.text().strip()
        self.config.clinician_role = self.role.text().strip()
        try:
            self.config.save()
        except OSError as exc:
            self.error.setText(f"The preferences could not be saved: {exc.strerror or exc}. Nothing was changed.")
            self.error.show()
            return
        self.saved.emit(self.config)
        self.accept()


class PreferencesOpener:
    """One Preferences dialog at a time over ``parent``; ``saved`` gets each new config."""

    def __init__(self, parent: QWidget, config: Callable[[], Config], saved: Callable[[Config], None]) -> None:
        self.parent = parent
        self.config = config
        self.saved = saved
        self.dialog: PreferencesDialog | None = None

    def show(self) -> PreferencesDialog:
        if self.dialog is None:
            self.dialog = PreferencesDialog(self.config(), self.parent)
            self.dialog.saved.connect(self.saved)
            self.dialog.finished.connect(self._closed)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
