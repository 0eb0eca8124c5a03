"""Past records: search as you type, the list, and the record opened read-only.

Filters: patient (NHS number or local reference, whole), consultation dates
(from / to, both optional), aid, decision, option and words in the record's
free text. Each change starts a short timer; the search runs once typing
pauses. Enter (or a double-click) opens the selected record below the list.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...consult.dates import parse_date
from ...consult.vocabulary import DECISION_FILTER, DECISION_WORDS
from ...grids.library import Library
from ...records.central.settings import CentralSettings
from ...records.errors import StorageError
from ...records.history import HistoryQuery
from ...records.model import RecordError
from ...records.names import Names
from ...records.store import RecordStore
from .central_search import CentralSearch
from .history_model import COL_AID, COL_DATE, COL_PATIENT, HistoryModel
from .record_view import RecordView

DEBOUNCE_MS = 250
DECISION_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("Any decision", None),
    *((DECISION_WORDS[status], status) for status in DECISION_FILTER),
)


class HistoryWindow(QWidget):
    """Search and reopen past records. The window that owns it acts on the two signals.

    ``amendRequested(record_id)`` comes after the person has given a reason,
    which is in ``amend_reason`` (and in ``amendReasonGiven(record_id, reason)``,
    emitted just before).
    """

    amendRequested = Signal(str)
    amendReasonGiven = Signal(str, str)
    reprintRequested = Signal(str)

    def __init__(
        self,
        store: RecordStore,
        parent: QWidget | None = None,
        *,
        library: Library | None = None,
        central: CentralSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Past records")
        self.setObjectName("historyWindow")
        self.store = store
        self.names = Names(library)
        self.amend_reason = ""
        self.model = HistoryModel(store, parent=self, names=self.names)

        self.patient = self._line("Patient: NHS number or local reference", "Whole NHS number or local reference")
        self.since = self._line("From date", "dd/mm/yyyy")
        self.until = self._line("To date", "dd/mm/yyyy")
        self.words = self._line("Words in the record", "What they said, their questions, notes")
        self.aid = QComboBox()
        self.aid.setAccessibleName("Decision aid")
        self.decision = QComboBox()
        self.decision.setAccessibleName("Decision")
        for text, value in DECISION_CHOICES:
            self.decision.addItem(text, value)
        self.option = QComboBox()
        self.option.setAccessibleName("Option chosen or leaned towards")
        self.date_error = QLabel()
        self.date_error.setObjectName("historyDateError")
        self.date_error.setWordWrap(True)
        self.date_error.hide()

        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName("Past records")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(COL_AID, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setResizeContentsPrecision(50)  # size columns from 50 rows, not every row
        self.table.installEventFilter(self)
        self.status = QLabel()
        self.status.setObjectName("historyStatus")
        self.status.setWordWrap(True)
        self.view = RecordView(names=self.names)

        form = QGridLayout()
        self._add(form, 0, 0, "&Patient:", self.patient)
        self._add(form, 0, 2, "&Words:", self.words)
        self._add(form, 1, 0, "&From:", self.since)
        self._add(form, 1, 2, "&To:", self.until)
        self._add(form, 2, 0, "A&id:", self.aid)
        self._add(form, 2, 2, "&Decision:", self.decision)
        self._add(form, 3, 0, "&Option:", self.option)
        self.central = central
        self.central_window: CentralSearch | None = None
        if central is not None:  # a central store is set up: earlier decisions made in other rooms
            every = QPushButton("Every &computer (read-only)…")
            every.setObjectName("historyCentral")
            every.clicked.connect(self.open_central)
            form.addWidget(every, 3, 3)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(form)
        top_layout.addWidget(self.date_error)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.status)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        for edit in (self.patient, self.since, self.until, self.words):
            edit.textChanged.connect(self.timer.start)
        self.aid.currentIndexChanged.connect(self._aid_changed)
        for combo in (self.decision, self.option):
            combo.currentIndexChanged.connect(self.timer.start)
        self.model.searched.connect(self._show_status)
        self.table.doubleClicked.connect(self.open_index)
        self.view.amendRequested.connect(self._amend)
        self.view.reprintRequested.connect(self.reprintRequested)

        self.reload_choices()
        self.search_now()

    def open_central(self) -> CentralSearch | None:
        """This patient's records on every computer, from the central store (read-only)."""
        if self.central is None:
            return None
        if self.central_window is None:
            self.central_window = CentralSearch(self.central, None, names=self.names)
            self.central_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.central_window.patient.setText(self.patient.text().strip())
        self.central_window.show()
        self.central_window.raise_()
        if self.central_window.patient.text():
            self.central_window.search()
        return self.central_window

    # -- building --------------------------------------------------------------------

    @staticmethod
    def _line(name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        return edit

    @staticmethod
    def _add(form: QGridLayout, row: int, column: int, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addWidget(label, row, column)
        form.addWidget(widget, row, column + 1)

    def reload_choices(self) -> None:
        """Fill the aid and option lists from the records in the store."""
        try:
            aids = self.store.aids_used()
        except StorageError as exc:
            self.status.setText(f"The records could not be read: {exc}")
            aids = []
        current = self.aid.currentData()
        self.aid.blockSignals(True)
        self.aid.clear()
        self.aid.addItem("Any aid", None)
        for aid_id, title in aids:
            self.aid.addItem(title, aid_id)
        index = self.aid.findData(current)
        self.aid.setCurrentIndex(max(index, 0))
        self.aid.blockSignals(False)
        self._fill_options()

    def _fill_options(self) -> None:
        current = self.option.currentData()
        try:
            options = self.store.options_used(self.aid.currentData())
        except StorageError:
            options = []
        self.option.blockSignals(True)
        self.option.clear()
        self.option.addItem("Any option", None)
        aid_id = self.aid.currentData()
        for option_id in options:
            self.option.addItem(self.names.option(aid_id, option_id) if aid_id else option_id, option_id)
        self.option.setCurrentIndex(max(self.option.findData(current), 0))
        self.option.blockSignals(False)

    def _aid_changed(self) -> None:
        self._fill_options()
        self.timer.start()

    # -- searching -------------------------------------------------------------------------

    def current_query(self) -> HistoryQuery | None:
        """The query the filters describe, or None (with the message shown) when a date is wrong."""
        dates: list[dt.date | None] = []
        problems: list[str] = []
        for name, edit in (("From", self.since), ("To", self.until)):
            text = edit.text().strip()
            if not text:
                dates.append(None)
                continue
            day, message = parse_date(text)
            if day is None:
                problems.append(f"{name} date: {message}.")
            dates.append(day)
        since, until = dates
        if since and until and until < since:
            problems.append("The 'To' date is before the 'From' date.")
        if problems:
            self.date_error.setText(" ".join(problems))
            self.date_error.show()
            return None
        self.date_error.hide()
        return HistoryQuery(
            patient_id=self.patient.text().strip() or None,
            since=since,
            until=until,
            aid_id=self.aid.currentData(),
            decision_status=self.decision.currentData(),
            option_id=self.option.currentData(),
            text=self.words.text().strip() or None,
        )

    def search_now(self) -> None:
        self.timer.stop()
        query = self.current_query()
        if query is None:
            return
        self.model.search(query)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(COL_DATE, max(self.table.columnWidth(COL_DATE), 140))
        self.table.setColumnWidth(COL_PATIENT, max(self.table.columnWidth(COL_PATIENT), 130))

    def refresh(self) -> None:
        """Look again: new aids and options in the lists, and the search run again (for records finalised since)."""
        self.reload_choices()
        self.search_now()

    def sizeHint(self) -> QSize:
        return QSize(1100, 780)

    def _show_status(self) -> None:
        self.status.setText(self.model.status_text())

    # -- opening ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_index(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def open_index(self, index: QModelIndex) -> None:
        summary = self.model.summary_at(index.row()) if index.isValid() else None
        if summary is not None:
            self.open_record(summary.record_id)

    def open_record(self, record_id: str) -> None:
        """Show the record ``record_id`` (any version) read-only, with all its versions."""
        try:
            record = self.store.get(record_id)
            versions = self.store.versions(record_id)
        except StorageError as exc:
            self.view.show_message(f"This record could not be opened: {exc}")
            return
        except RecordError as exc:
            self.view.show_message(f"This record could not be read ({exc}).")
            return
        self.view.show_record(record, versions)

    def _amend(self, record_id: str, reason: str) -> None:
        self.amend_reason = reason
        self.amendReasonGiven.emit(record_id, reason)
        self.amendRequested.emit(record_id)
