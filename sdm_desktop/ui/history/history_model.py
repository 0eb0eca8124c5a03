"""The history list as a table model: past records fetched a page at a time.

``HistoryModel`` runs a :class:`HistoryQuery` against the store, keeps the
first page of :class:`RecordSummary` rows and fetches the next page when the
view scrolls to the end (``canFetchMore``/``fetchMore``), so a hundred
thousand records cost one page of work. ``total`` is the number that match.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ...consult.dates import time_text
from ...consult.vocabulary import decision_text
from ...records.errors import StorageError
from ...records.history import HistoryQuery, RecordSummary
from ...records.names import Names
from ...records.nhs import format_nhs_number
from ...records.store import RecordStore
from ..kit.tables import Index, TableModel
from ..kit.text import tooltip_text

COL_DATE = 0
COL_PATIENT = 1
COL_AID = 2
COL_DECISION = 3
COL_SURE = 4
COL_VERSION = 5
HEADERS = ("Date", "Patient", "Aid", "Decision", "SURE", "Version")

DOMAIN_ROLE = Qt.ItemDataRole.UserRole  # the RecordSummary of the row
PAGE_SIZE = 200

SURE_LOW_TIP = "A SURE total of 3 or less: the patient may still be unsure about the decision."


def patient_text(summary: RecordSummary) -> str:
    if summary.patient_id_kind == "nhs_number":
        return format_nhs_number(summary.patient_id)
    return f"{summary.patient_id} (local)"


def sure_text(summary: RecordSummary) -> str:
    if summary.sure_total is None:
        return "not asked"
    return f"{summary.sure_total} of 4, low" if summary.sure_flagged else f"{summary.sure_total} of 4"


def version_text(summary: RecordSummary) -> str:
    if summary.superseded:
        return f"{summary.version}, replaced"
    return f"{summary.version}, amended" if summary.version > 1 else str(summary.version)


class HistoryModel(TableModel):
    """Summaries matching ``query``; ``error`` holds the message when the store failed."""

    HEADERS = HEADERS

    def row_count(self) -> int:
        return len(self.rows)

    searched = Signal()

    def __init__(
        self, store: RecordStore, page_size: int = PAGE_SIZE, parent: Any = None, names: Names | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.names = names or Names()
        self.page_size = page_size
        self.query = HistoryQuery(limit=page_size)
        self.rows: list[RecordSummary] = []
        self.total = 0
        self.error: str | None = None
        self._fetching = False  # a view may ask again while rows are being inserted

    # -- searching --------------------------------------------------------------

    def search(self, query: HistoryQuery) -> None:
        """Run ``query`` (its limit and offset are replaced by the model's paging)."""
        self.beginResetModel()
        self.query = replace(query, limit=self.page_size, offset=0)
        self.error = None
        try:
            self.rows = self.store.search(self.query)
            self.total = self.store.count(self.query)
        except StorageError as exc:
            self.rows, self.total, self.error = [], 0, str(exc)
        self.endResetModel()
        self.searched.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and self.error is None and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        try:
            more = self.store.search(replace(self.query, offset=len(self.rows)))
        except StorageError as exc:
            self.error = str(exc)
            self.searched.emit()
            return
        if not more:
            self.total = len(self.rows)  # records were removed meanwhile; stop asking
            self.searched.emit()
            return
        first = len(self.rows)
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()
        finally:
            self._fetching = False
        self.searched.emit()

    def status_text(self) -> str:
        """'Showing 200 of 100,000 records' (or why there are none)."""
        if self.error is not None:
            return f"The records could not be searched: {self.error}"
        if self.total == 0:
            return "No past records match."
        if len(self.rows) < self.total:
            return (
                f"Showing the first {len(self.rows):,} of {self.total:,} records (latest first); scroll down for more."
            )
        return f"{self.total:,} record{'s' if self.total != 1 else ''} (latest first)."

    def summary_at(self, row: int) -> RecordSummary | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # -- the model ----------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        summary = self.rows[index.row()]
        column = index.column()
        if role == DOMAIN_ROLE:
            return summary
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SURE and summary.sure_flagged:
                return SURE_LOW_TIP
            if column == COL_AID and summary.aid_id:
                return tooltip_text(f"{summary.aid_title or summary.aid_id} (version {summary.aid_version or '?'})")
            return None
        if role == Qt.ItemDataRole.FontRole and column == COL_SURE and summary.sure_flagged:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, summary: RecordSummary, column: int) -> str | None:
        if column == COL_DATE:
            return time_text(summary.consulted_at)
        if column == COL_PATIENT:
            return patient_text(summary)
        if column == COL_AID:
            return summary.aid_title or summary.aid_id or "(no aid)"
        if column == COL_DECISION:
            name = self.names.option(summary.aid_id, summary.option_id) if summary.option_id else None
            return decision_text(summary.decision_status, summary.option_id, name)
        if column == COL_SURE:
            return sure_text(summary)
        if column == COL_VERSION:
            return version_text(summary)
        return None
