"""The library page: search as you type, filters by kind and topic, the list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...grids.library import Library
from .badges import KIND_LABELS
from .library_model import COL_KIND, COL_STATUS, COL_TITLE, LibraryItem, LibraryModel

ALL = ""


class LibraryPanel(QWidget):
    """Emits ``openRequested(path)`` when a document is chosen (Enter or double-click)."""

    openRequested = Signal(str)

    def __init__(self, model: LibraryModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model or LibraryModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search: a condition, a treatment, a word…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Show kind")
        self.kind.addItem("All kinds", ALL)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.topic = QComboBox()
        self.topic.setAccessibleName("Show topic")
        self.topic.addItem("All topics", ALL)
        self.count = QLabel()
        self.count.setObjectName("libraryCount")

        search_label = QLabel("Fin&d:")
        search_label.setBuddy(self.search)
        kind_label = QLabel("&Kind:")
        kind_label.setBuddy(self.kind)
        topic_label = QLabel("&Topic:")
        topic_label.setBuddy(self.topic)

        self.view = QTreeView()
        self.view.setObjectName("libraryList")
        self.view.setAccessibleName("Decision aids")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from the longest labels: sizing to contents would measure every row on each keystroke.
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Interactive)
        self._size_columns()

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 3)
        top.addWidget(kind_label)
        top.addWidget(self.kind, 1)
        top.addWidget(topic_label)
        top.addWidget(self.topic, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self.apply_filter)
        self.kind.currentIndexChanged.connect(self.apply_filter)
        self.topic.currentIndexChanged.connect(self.apply_filter)
        self.view.activated.connect(self._activated)
        self.search.returnPressed.connect(self._open_first)
        self.model.modelReset.connect(self._update_count)
        self._update_count()

    def _size_columns(self) -> None:
        metrics = self.view.fontMetrics()
        pad = 4 * metrics.averageCharWidth()
        self.view.header().resizeSection(
            COL_KIND, max(metrics.horizontalAdvance(t) for t in KIND_LABELS.values()) + pad
        )
        statuses = ("Expired: not for patient use", "Not clinically reviewed", "Reviewed and current")
        self.view.header().resizeSection(COL_STATUS, max(metrics.horizontalAdvance(t) for t in statuses) + pad)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()

    def set_library(self, library: Library, today: dt.date) -> None:
        selected = self.selected_path()
        self.model.set_library(library, today)
        current = self.topic.currentData()
        self.topic.blockSignals(True)
        self.topic.clear()
        self.topic.addItem("All topics", ALL)
        for topic in self.model.topics:
            self.topic.addItem(topic.replace("-", " ").capitalize(), topic)
        index = self.topic.findData(current)
        self.topic.setCurrentIndex(max(index, 0))
        self.topic.blockSignals(False)
        self.apply_filter()
        if selected:
            self.select_path(selected)

    def apply_filter(self) -> None:
        self.model.set_filter(self.search.text(), self.kind.currentData() or None, self.topic.currentData() or None)
        if self.model.rowCount() and not self.view.selectionModel().hasSelection():
            self.view.setCurrentIndex(self.model.index(0, COL_TITLE))

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count.setText(f"{shown} of {total} decision aids shown" if shown != total else f"{total} decision aids")

    def selected_path(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()).path if index.isValid() else None

    def select_path(self, path: str) -> bool:
        row = self.model.row_of(path)
        if row < 0:
            return False
        self.view.setCurrentIndex(self.model.index(row, COL_TITLE))
        return True

    def visible_items(self) -> list[LibraryItem]:
        return [self.model.item(r) for r in range(self.model.rowCount())]

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(self.model.item(index.row()).path)

    def _open_first(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, COL_TITLE)
        self._activated(index)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
