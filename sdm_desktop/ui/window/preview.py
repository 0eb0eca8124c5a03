"""``sdm-desktop preview FILE``: one document, reloaded on every save, with its findings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...config import Config
from ...consult.dates import clock_text
from ...grids.findings import Severity
from ...grids.library import Library, LoadedFile
from ...grids.model import Document, OptionGrid
from ...grids.store import PreviewSource
from ..grid.controller import SessionController
from ..grid.document_html import document_html
from ..grid.grid_view import GridView
from ..kit.text import plain
from ..kit.theme import CONTENT_SCALE, scaled_font
from ..kit.widgets import warn_style
from ..library.problems import ProblemsModel, ProblemsPanel
from .sign_off_dialog import SignOffDialog
from .watcher import LibraryWatcher


class PreviewWindow(QMainWindow):
    reloaded = Signal()

    def __init__(self, source: PreviewSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setObjectName("previewWindow")
        self.setWindowTitle(f"Preview: {source.path.name} – SDM Desktop")
        self.controller = SessionController(parent=self)
        self.status = plain(QLabel())
        self.status.setObjectName("previewStatus")
        self.sign_off_button = QPushButton("&Sign off this version…")
        self.sign_off_button.setObjectName("previewSignOff")
        self.sign_off_button.setToolTip("Record that a reviewer has checked this exact version of the file")
        self.sign_off_button.clicked.connect(self.open_sign_off)
        self.sign_off_button.setEnabled(False)
        self.sign_off_dialog: SignOffDialog | None = None
        self.print_note = plain(QLabel())
        self.print_note.setObjectName("previewPrintCheck")
        self.print_note.setAccessibleName("How the grid prints on its own")
        self.print_note.setWordWrap(True)
        self.print_note.hide()
        self.grid_view = GridView(self.controller)
        self.document_view = QTextBrowser()
        self.document_view.setAccessibleName("Document")
        self.document_view.setOpenLinks(False)
        self.pages = QStackedWidget()
        self.pages.addWidget(QLabel("The file has not loaded yet; see the findings below."))
        self.pages.addWidget(self.grid_view)
        self.pages.addWidget(self.document_view)
        self.pages.setFont(scaled_font(CONTENT_SCALE))
        self.findings = ProblemsPanel()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.findings)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.sign_off_button)
        layout.addLayout(top)
        layout.addWidget(self.print_note)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.resize(1100, 800)
        self.last_good: Document | None = None
        self.loaded: LoadedFile | None = None
        self.watcher = LibraryWatcher(self, debounce_ms=200)
        self.watcher.changed.connect(self.reload)

    @property
    def findings_model(self) -> ProblemsModel:
        return self.findings.model

    def reload(self) -> None:
        lf, library = self.source.load()
        self.loaded = lf
        self.show_file(lf, library)
        self.watcher.watch(
            [str(self.source.path.parent), *([str(self.source.path)] if self.source.path.exists() else [])]
        )
        self.reloaded.emit()

    def show_file(self, lf: LoadedFile, library: Library) -> None:
        self.findings_model.set_findings(sorted(lf.findings))
        errors = sum(1 for f in lf.findings if f.severity is Severity.ERROR)
        warnings = len(lf.findings) - errors
        when = clock_text(dt.datetime.now())
        counts = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        plain(self.findings.summary).setText(f"{lf.path}: {counts}.")
        self.sign_off_button.setEnabled(lf.document is not None and errors == 0)
        if lf.document is not None:
            self.last_good = lf.document
            self._show_document(lf.document, library)
            self.status.setText(
                f"Loaded at {when}: {counts}." + (" It cannot be used until the errors are fixed." if errors else "")
            )
        elif self.last_good is not None:
            self.status.setText(
                f"Loaded at {when}: {counts}. The file cannot be read as a document; the last version that loaded is shown."
            )
        else:
            self.status.setText(f"Loaded at {when}: {counts}. The file cannot be read as a document yet.")

    def _show_document(self, doc: Document, library: Library) -> None:
        self.print_note.setVisible(isinstance(doc, OptionGrid))
        if isinstance(doc, OptionGrid):
            self.controller.open_grid(doc, library.scores)
            self.pages.setCurrentWidget(self.grid_view)
            self._check_print(doc, library)
        else:
            self.document_view.setHtml(document_html(doc))
            self.pages.setCurrentWidget(self.document_view)

    def _check_print(self, grid: OptionGrid, library: Library) -> None:
        """Say how the grid prints on its own (the handout), so the editor can keep it to one page."""
        from ...summary import SummaryError, print_check
        from ...summary.fonts import FontMissing

        try:
            check = print_check(grid, scores=library.scores, prompt_sets=library.prompt_sets)
        except (SummaryError, FontMissing) as exc:
            self.print_note.setText(f"Print check: it cannot be printed ({exc}).")
            warn_style(self.print_note)
            return
        self.print_note.setText(f"Print check: {check.sentence()}")
        if check.cells_shortened or check.clipped:
            warn_style(self.print_note)
        else:
            self.print_note.setFrameShape(QLabel.Shape.NoFrame)
            self.print_note.setAutoFillBackground(False)
            self.print_note.setPalette(self.palette())

    def open_sign_off(self) -> None:
        """Ask who is signing off the version on screen, then write the sign-off beside the file."""
        lf = self.loaded
        if lf is None or lf.document is None:
            return
        config, _problem = Config.load()
        self.sign_off_dialog = SignOffDialog(
            self.source.path, lf.document.content_hash, config.clinician_name, config.clinician_role, self._signed, self
        )
        self.sign_off_dialog.open()

    def _signed(self, words: str) -> None:
        self.reload()
        self.status.setText(f"{self.status.text()} {words}")
