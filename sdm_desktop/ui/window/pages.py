"""The window's central pages: the library, an open grid, a read-only document."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QStackedWidget, QTextBrowser, QWidget

from ...grids.model import Document
from ..grid.controller import SessionController
from ..grid.document_html import document_html
from ..grid.grid_view import GridView
from ..library.library_panel import LibraryPanel

PAGE_LIBRARY = 0
PAGE_GRID = 1
PAGE_DOCUMENT = 2


class Pages(QStackedWidget):
    """One page shows at a time; the window says which."""

    def __init__(self, controller: SessionController, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library_panel = LibraryPanel()
        self.grid_view = GridView(controller)
        self.grid_view.today = today
        self.document_view = QTextBrowser()
        self.document_view.setObjectName("documentView")
        self.document_view.setAccessibleName("Document")
        self.document_view.setOpenExternalLinks(False)
        self.document_view.setOpenLinks(False)
        for page in (self.library_panel, self.grid_view, self.document_view):
            self.addWidget(page)

    def show_document(self, doc: Document) -> None:
        """A prompt set or risk score, read-only (its text escaped, never markup)."""
        self.document_view.setHtml(document_html(doc))
        self.setCurrentIndex(PAGE_DOCUMENT)
