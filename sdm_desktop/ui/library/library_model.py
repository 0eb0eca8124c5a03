"""The library list as a Qt table model over the Qt-free search index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ...grids.facts import Facts
from ...grids.library import Library, LoadedFile
from ...grids.model import Document
from ...grids.search import SearchIndex
from ...grids.signoff import reviewed_now
from ...grids.store import listed
from ..kit.tables import Index, TableModel
from ..kit.text import tooltip_text
from .badges import KIND_LABELS, Badge, badges_for

COL_TITLE = 0
COL_KIND = 1
COL_STATUS = 2
COLUMNS = ("Decision aid", "Kind", "Status")

DOCUMENT_ROLE = Qt.ItemDataRole.UserRole
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
EXPIRED_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class LibraryItem:
    """One listed document, shown from its facts; the document is built when it is asked for."""

    file: LoadedFile
    facts: Facts
    badges: tuple[Badge, ...]

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def subtitle(self) -> str:
        return self.facts.subtitle

    @property
    def document(self) -> Document | None:
        return self.file.document

    @property
    def expired(self) -> bool:
        return any(b.id == "expired" for b in self.badges)


class LibraryModel(TableModel):
    HEADERS = COLUMNS

    def row_count(self) -> int:
        return len(self._visible)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: dict[str, LibraryItem] = {}
        self._index = SearchIndex([])
        self._visible: list[str] = []
        self._filter: tuple[str, str | None, str | None] = ("", None, None)

    # -- content ---------------------------------------------------------
    def set_library(self, library: Library, today: dt.date) -> None:
        items: dict[str, LibraryItem] = {}
        for lf in listed(library):
            assert lf.facts is not None
            status = badges_for(lf.facts.status, today, reviewed=reviewed_now(lf.path))
            items[lf.path] = LibraryItem(lf, lf.facts, tuple(status))
        self.beginResetModel()
        self._items = items
        self._index = SearchIndex(item.facts.entry for item in items.values())
        self._visible = self._index.search(*self._filter)
        self.endResetModel()

    def set_filter(self, query: str, kind: str | None = None, topic: str | None = None) -> None:
        self._filter = (query, kind, topic)
        visible = self._index.search(query, kind, topic)
        if visible == self._visible:
            return
        self.beginResetModel()
        self._visible = visible
        self.endResetModel()

    @property
    def topics(self) -> list[str]:
        return self._index.topics

    @property
    def total(self) -> int:
        return len(self._items)

    def item(self, row: int) -> LibraryItem:
        return self._items[self._visible[row]]

    def row_of(self, path: str) -> int:
        try:
            return self._visible.index(path)
        except ValueError:
            return -1

    # -- Qt model --------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._visible)):
            return None
        item = self.item(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TITLE:
                return f"{item.facts.title}\n{item.subtitle}" if item.subtitle else item.facts.title
            if col == COL_KIND:
                return KIND_LABELS.get(item.facts.kind, item.facts.kind)
            if col == COL_STATUS:
                return "\n".join(b.text for b in item.badges) or "Reviewed and current"
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_STATUS and item.badges:
                return tooltip_text("\n".join(b.tip for b in item.badges))
            description = item.facts.description
            return tooltip_text(f"{item.facts.title}\n{description}" if description else item.facts.title)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index).replace("\n", ". ")
        if role == Qt.ItemDataRole.ForegroundRole and item.expired:
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == DOCUMENT_ROLE:
            return item.document
        if role == PATH_ROLE:
            return item.path
        if role == EXPIRED_ROLE:
            return item.expired
        return None
