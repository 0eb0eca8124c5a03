"""Past records of every computer, from the central store, for one patient: read-only.

A clinician can see an earlier decision made in another room. The search and
the record are read off the GUI thread; nothing here can change a record
(no Amend, no Reprint: those belong to the computer that holds the record).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...consult.dates import time_text
from ...consult.vocabulary import decision_text
from ...records.central.report import CentralReader
from ...records.central.settings import CentralError, CentralSettings
from ...records.history import HistoryQuery, RecordSummary
from ...records.model import Record
from ...records.names import Names
from ..kit.text import plain
from ..kit.worker import run_off_gui
from .history_model import patient_text
from .record_view import RecordView

HEADERS = ("Consultation", "Patient", "Aid", "Decision", "Clinician")
LIMIT = 200


def _cells(summary: RecordSummary) -> tuple[str, ...]:
    return (
        time_text(summary.consulted_at),
        patient_text(summary),
        summary.aid_title or summary.aid_id or "(no aid)",
        decision_text(summary.decision_status, summary.option_id),
        summary.clinician_name or "(not recorded)",
    )


class CentralSearch(QWidget):
    """One patient's records on every computer, newest first; Enter or a double-click shows one."""

    def __init__(self, central: CentralSettings, parent: QWidget | None = None, *, names: Names | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("centralSearch")
        self.setWindowTitle("Past records on every computer (read-only)")
        self.central = central
        self.found: list[RecordSummary] = []
        self.asked = 0
        self.patient = QLineEdit()
        self.patient.setObjectName("centralPatient")
        self.patient.setAccessibleName("Patient: NHS number or local reference")
        self.patient.setPlaceholderText("NHS number or local reference")
        self.search_button = QPushButton("&Search")
        self.status = plain(QLabel("Records from every computer, as sent to the central store. Read-only."))
        self.status.setObjectName("centralStatus")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("centralTable")
        self.table.setAccessibleName("Records on every computer")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view = RecordView(names=names)
        for button in (self.view.amend_button, self.view.reprint_button):
            button.hide()  # read-only: the record belongs to the computer that made it
        top = QHBoxLayout()
        label = QLabel("&Patient:")
        label.setBuddy(self.patient)
        top.addWidget(label)
        top.addWidget(self.patient, 1)
        top.addWidget(self.search_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.search_button.clicked.connect(self.search)
        self.patient.returnPressed.connect(self.search)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))
        self.table.itemActivated.connect(lambda item: self.open_row(item.row()))
        self.resize(900, 700)

    def search(self) -> None:
        patient = self.patient.text().strip()
        if not patient:
            self.status.setText("Type the patient's NHS number or local reference first.")
            return
        self.asked += 1
        asked = self.asked
        conninfo = self.central.conninfo
        self.status.setText("Searching the central store…")

        def work() -> list[RecordSummary] | str:
            try:
                with CentralReader(conninfo) as reader:
                    return reader.search(HistoryQuery(patient_id=patient, limit=LIMIT))
            except CentralError as exc:
                return str(exc)

        def done(result: object) -> None:
            if asked == self.asked:
                self._show(result)

        run_off_gui(self, "central-search", work, done, done)

    def _show(self, result: object) -> None:
        if not isinstance(result, list):
            self.status.setText(f"The central store could not be searched: {result}")
            return
        self.found = [r for r in result if isinstance(r, RecordSummary)]
        self.table.setRowCount(len(self.found))
        for row, summary in enumerate(self.found):
            for column, text in enumerate(_cells(summary)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        count = len(self.found)
        self.status.setText(
            f"{count} record{'s' if count != 1 else ''} on every computer for this patient"
            + (f" (the latest {LIMIT})" if count >= LIMIT else "")
            + ". Read-only."
            if count
            else "No records for this patient in the central store."
        )
        if count:
            self.table.selectRow(0)

    def open_row(self, row: int) -> None:
        if not 0 <= row < len(self.found):
            return
        record_id = self.found[row].record_id
        conninfo = self.central.conninfo

        def work() -> Record | str:
            try:
                with CentralReader(conninfo) as reader:
                    return reader.get(record_id)
            except CentralError as exc:
                return str(exc)

        def done(result: object) -> None:
            if isinstance(result, Record):
                self.view.show_record(result, [result])
            else:
                self.view.show_message(f"This record could not be read from the central store: {result}")

        run_off_gui(self, "central-record", work, done, done)
