"""The problems panel: files that could not be loaded, each message at file:line:col."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...grids.findings import Finding, Severity
from ...grids.library import Library
from ..kit.tables import Index, TableModel
from ..kit.text import tooltip_text

COL_LOCATION = 0
COL_SEVERITY = 1
COL_MESSAGE = 2
COLUMNS = ("Where", "Severity", "Problem")
FINDING_ROLE = Qt.ItemDataRole.UserRole


def problem_findings(library: Library) -> list[Finding]:
    """Findings of the files that could not be used, then warnings about usable ones."""
    bad = sorted(f for lf in library.problems for f in lf.findings)
    warnings = sorted(f for lf in library.files if lf.ok for f in lf.findings)
    return bad + warnings


class ProblemsModel(TableModel):
    HEADERS = COLUMNS

    def row_count(self) -> int:
        return len(self._findings)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._findings)):
            return None
        f = self._findings[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return tooltip_text(shown) if shown else None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == COL_LOCATION:
                return f"{f.path}:{f.line}:{f.column}"
            if index.column() == COL_SEVERITY:
                return "Error" if f.severity is Severity.ERROR else "Warning"
            if index.column() == COL_MESSAGE:
                return f"{f.message} [{f.rule}]"
        if role == FINDING_ROLE:
            return f
        return None


class ProblemsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("problemsSummary")
        self.summary.setWordWrap(True)
        self.view = QTreeView()
        self.view.setObjectName("problemsList")
        self.view.setAccessibleName("Problems in the library")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setSectionResizeMode(COL_LOCATION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        hint = QLabel("Everything else in the library can be used. Double-click a problem to see the lines around it.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self.view.activated.connect(self.show_location)
        self.dialogs: list[LocationDialog] = []

    def set_library(self, library: Library) -> None:
        self.model.set_findings(problem_findings(library))
        bad = len(library.problems)
        parts = [f"{bad} file{'s' if bad != 1 else ''} could not be loaded" if bad else "Every file loaded"]
        if library.missing_folders:
            parts.append(
                "missing folder"
                + ("s" if len(library.missing_folders) > 1 else "")
                + ": "
                + ", ".join(library.missing_folders)
            )
        self.summary.setText("; ".join(parts) + ".")

    def show_location(self, index: QModelIndex) -> LocationDialog | None:
        if not index.isValid():
            return None
        dialog = LocationDialog(self.model.finding(index.row()), self)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    def _forget(self, dialog: LocationDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
        dialog.deleteLater()


class LocationDialog(QDialog):
    """The lines around a finding, the line itself highlighted; read-only."""

    CONTEXT = 6

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{Path(finding.path).name}, line {finding.line}")
        self.finding = finding
        where = QLabel(f"<b>{_escape(finding.format())}</b>")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("The lines around the problem")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText(self._excerpt())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)
        self._highlight()

    def _excerpt(self) -> str:
        try:
            lines = Path(self.finding.path).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            return f"The file could not be read: {exc.strerror or exc}"
        self._first = max(self.finding.line - 1 - self.CONTEXT, 0)
        last = min(self.finding.line + self.CONTEXT, len(lines))
        return "\n".join(f"{n + 1:5d}  {lines[n]}" for n in range(self._first, last))

    def _highlight(self) -> None:
        first = getattr(self, "_first", None)
        if first is None:
            return
        block = self.text.document().findBlockByNumber(self.finding.line - 1 - first)
        if not block.isValid():
            return
        selection = QTextEdit.ExtraSelection()
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format.setBackground(self.palette().highlight())
        selection.format.setForeground(self.palette().highlightedText())
        cursor = QTextCursor(block)
        selection.cursor = cursor
        self.text.setExtraSelections([selection])
        self.text.setTextCursor(cursor)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
