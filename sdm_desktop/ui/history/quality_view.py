"""SDM quality over a period: decisions by aid and option, SURE and CollaboRATE shares.

Every figure comes from :meth:`sdm_desktop.records.store.RecordStore.quality_stats`
(and its ``Share.percent``); this view only lays them out. The period
defaults to the last 12 months. "Export CSV…" writes the same figures with
``write_quality_csv`` (all at once or not at all).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...consult.dates import day_text, parse_date
from ...consult.vocabulary import decision_text
from ...grids.library import Library
from ...records.central.report import CentralReader
from ...records.central.settings import CentralError, CentralSettings
from ...records.errors import StorageError
from ...records.names import Names
from ...records.quality import QualityStats, Share, write_quality_csv
from ...records.store import RecordStore
from ..kit.worker import run_off_gui
from .bar_chart import Bar, BarChart

DEBOUNCE_MS = 250
PAGE_FIGURES = 0
PAGE_EMPTY = 1
EMPTY_TEXT = "No finished records in this period."
AID_HEADERS = ("Aid", "Records", "SURE total 3 or less", "CollaboRATE top box")


SCOPE_HERE = "here"
SCOPE_SERVICE = "service"


def a_year_before(today: dt.date) -> dt.date:
    """The first day of the 12 months that end today."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return start + dt.timedelta(days=1)


def share_words(share: Share, what: str) -> str:
    """'12% (3 of 25 answered)' or a plain 'not asked' when nobody answered."""
    if not share.denominator:
        return f"no complete {what} answers in this period"
    return f"{share.percent()} ({share.count} of {share.denominator} answered)"


def decision_bars(stats: QualityStats, names: Names | None = None) -> list[Bar]:
    """One bar per decision and option, grouped by aid; the figure is 'count (share of the aid's records)'."""
    names = names or Names()
    per_aid = {a.aid_id: a for a in stats.by_aid}
    bars: list[Bar] = []
    for d in stats.decisions:
        aid = per_aid.get(d.aid_id)
        records = aid.records if aid else 0
        title = d.aid_title or d.aid_id or "(no aid)"
        share = Share(d.count, records)
        option = names.option(d.aid_id, d.option_id) if d.option_id else None
        bars.append(
            Bar(
                decision_text(d.decision_status, d.option_id or None, option),
                d.count,
                f"{d.count} ({share.percent()})",
                f"{title} ({records} record{'s' if records != 1 else ''})",
            )
        )
    return bars


class QualityView(QWidget):
    def __init__(
        self,
        store: RecordStore,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        library: Library | None = None,
        central: CentralSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("SDM quality")
        self.setObjectName("qualityView")
        self.store = store
        self.central = central
        self.scope = QComboBox()
        self.scope.setObjectName("qualityScope")
        self.scope.setAccessibleName("Figures for this computer or the whole service")
        self.scope.addItem("This computer", SCOPE_HERE)
        self.scope.addItem("Whole service (every computer, from the central store)", SCOPE_SERVICE)
        self.scope.setVisible(central is not None)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.asked = 0  # which question the figures on screen answer (a slow answer to an old one is dropped)
        self.names = Names(library)
        self.stats: QualityStats | None = None
        day = today or dt.date.today()

        self.since = QLineEdit(day_text(a_year_before(day)))
        self.since.setAccessibleName("First consultation date")
        self.since.setPlaceholderText("dd/mm/yyyy")
        self.until = QLineEdit(day_text(day))
        self.until.setAccessibleName("Last consultation date")
        self.until.setPlaceholderText("dd/mm/yyyy")
        self.export_button = QPushButton("&Export CSV…")
        self.export_button.setAccessibleName("Export these figures as a CSV file")
        self.message = QLabel()
        self.message.setObjectName("qualityMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.records_label = self._figure("Finished records")
        self.sure_label = self._figure("SURE total of 3 or less")
        self.top_box_label = self._figure("CollaboRATE top box")
        self.by_patient_label = self._figure("CollaboRATE top box, answered by the patient themselves")
        self.by_clinician_label = self._figure("CollaboRATE top box, entered by the clinician")
        explain = QLabel(
            "SURE: of the patients who answered all four SURE questions, the share whose total was 3 or "
            "less (they may still be unsure). CollaboRATE top box: of those who answered all three "
            "questions, the share who gave the top answer to every one. Amended records count once."
        )
        explain.setWordWrap(True)
        self.aid_table = QTableWidget(0, len(AID_HEADERS))
        self.aid_table.setObjectName("qualityAids")
        self.aid_table.setAccessibleName("Figures for each aid")
        self.aid_table.setHorizontalHeaderLabels(list(AID_HEADERS))
        self.aid_table.verticalHeader().hide()
        self.aid_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.aid_table.setTabKeyNavigation(False)
        self.aid_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(AID_HEADERS)):
            self.aid_table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.chart = BarChart()
        chart_area = QScrollArea()
        chart_area.setWidgetResizable(True)
        chart_area.setWidget(self.chart)
        chart_area.setFrameShape(QScrollArea.Shape.NoFrame)

        figures = QWidget()
        grid = QGridLayout()
        for row, (name, label) in enumerate(
            (
                ("Finished records:", self.records_label),
                ("SURE total of 3 or less:", self.sure_label),
                ("CollaboRATE top box:", self.top_box_label),
                ("  answered by the patient themselves:", self.by_patient_label),
                ("  entered by the clinician for them:", self.by_clinician_label),
            )
        ):
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(label, row, 1)
        grid.setColumnStretch(1, 1)
        chart_title = QLabel("<b>Decisions by aid and option</b> (number, and share of that aid's records)")
        figures_layout = QVBoxLayout(figures)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.addLayout(grid)
        figures_layout.addWidget(explain)
        figures_layout.addWidget(self.aid_table)
        figures_layout.addWidget(chart_title)
        figures_layout.addWidget(chart_area, 1)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("qualityEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(figures)
        self.pages.addWidget(self.empty)

        period = QHBoxLayout()
        for text, edit in (("&From:", self.since), ("&To:", self.until)):
            label = QLabel(text)
            label.setBuddy(edit)
            period.addWidget(label)
            period.addWidget(edit)
        period.addStretch(1)
        if central is not None:
            scope_label = QLabel("Figures &for:")
            scope_label.setBuddy(self.scope)
            period.addWidget(scope_label)
            period.addWidget(self.scope)
        period.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        self.since.textChanged.connect(self.timer.start)
        self.until.textChanged.connect(self.timer.start)
        self.export_button.clicked.connect(self.choose_csv)
        self.chooser: QFileDialog | None = None
        self.refresh()

    def _whole_service(self, conninfo: str, since: dt.date | None, until: dt.date | None) -> None:
        """The figures over every PC, from the central store, read off the GUI thread."""
        asked = self.asked
        self._say("Working out the figures for the whole service from the central store…")

        def work() -> QualityStats | str:
            try:
                with CentralReader(conninfo) as reader:
                    return reader.quality(since, until)
            except CentralError as exc:
                return str(exc)

        def done(result: object) -> None:
            if asked != self.asked:
                return  # the period or the scope changed meanwhile
            if isinstance(result, QualityStats):
                self._say("Whole service: every computer's finished records, from the central store.")
                self.show_stats(result)
            else:
                self._say(f"The figures for the whole service could not be worked out: {result}")

        run_off_gui(self, "central-quality", work, done, lambda text: done(text))

    def sizeHint(self) -> QSize:
        return QSize(960, 760)

    @staticmethod
    def _figure(name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def period(self) -> tuple[dt.date | None, dt.date | None] | None:
        """(since, until) from the two boxes (empty means open), or None with the message shown."""
        days: list[dt.date | None] = []
        problems: list[str] = []
        for name, edit in (("From", self.since), ("To", self.until)):
            text = edit.text().strip()
            day, why = parse_date(text) if text else (None, None)
            if text and day is None:
                problems.append(f"{name} date: {why}.")
            days.append(day)
        since, until = days
        if since and until and until < since:
            problems.append("The 'To' date is before the 'From' date.")
        if problems:
            self._say(" ".join(problems))
            return None
        return since, until

    def refresh(self) -> None:
        self.timer.stop()
        period = self.period()
        if period is None:
            return
        self.asked += 1
        if self.central is not None and self.scope.currentData() == SCOPE_SERVICE:
            self._whole_service(self.central.conninfo, *period)
            return
        try:
            stats = self.store.quality_stats(*period)
        except StorageError as exc:
            self._say(f"The figures could not be worked out: {exc}")
            return
        self._say("")
        self.show_stats(stats)

    def show_stats(self, stats: QualityStats) -> None:
        self.stats = stats
        self.export_button.setEnabled(stats.records > 0)
        if not stats.records:
            self.pages.setCurrentIndex(PAGE_EMPTY)
            self.chart.set_bars([], "Decisions by aid and option")
            return
        self.pages.setCurrentIndex(PAGE_FIGURES)
        self.records_label.setText(f"{stats.records:,}")
        self.sure_label.setText(share_words(stats.sure_flagged, "SURE"))
        self.top_box_label.setText(share_words(stats.collaborate_top_box, "CollaboRATE"))
        self.by_patient_label.setText(share_words(stats.collaborate_by_patient, "CollaboRATE"))
        self.by_clinician_label.setText(share_words(stats.collaborate_by_clinician, "CollaboRATE"))
        self.aid_table.setRowCount(len(stats.by_aid))
        for row, aid in enumerate(stats.by_aid):
            cells = (
                aid.aid_title or aid.aid_id or "(no aid)",
                f"{aid.records:,}",
                share_words(aid.sure_flagged, "SURE"),
                share_words(aid.collaborate_top_box, "CollaboRATE"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.aid_table.setItem(row, column, item)
        height = (
            self.aid_table.horizontalHeader().height()
            + sum(self.aid_table.rowHeight(r) for r in range(self.aid_table.rowCount()))
            + 2 * self.aid_table.frameWidth()
        )
        self.aid_table.setFixedHeight(min(height, 8 * self.aid_table.verticalHeader().defaultSectionSize()))
        self.chart.set_bars(decision_bars(stats, self.names), "Decisions by aid and option")

    # -- CSV ------------------------------------------------------------------------------

    def choose_csv(self) -> QFileDialog:
        chooser = QFileDialog(self, "Export SDM quality figures")
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilter("CSV files (*.csv)")
        chooser.setDefaultSuffix("csv")
        chooser.selectFile(self.default_file_name())
        chooser.fileSelected.connect(lambda path: self.export_csv(Path(path)))
        chooser.open()
        self.chooser = chooser
        return chooser

    def default_file_name(self) -> str:
        stats = self.stats
        since = stats.since.isoformat() if stats and stats.since else "start"
        until = stats.until.isoformat() if stats and stats.until else "today"
        return f"sdm-quality-{since}-to-{until}.csv"

    def export_csv(self, path: Path) -> bool:
        """Write the figures shown to ``path``; the outcome is said in the message line."""
        if self.stats is None:
            return False
        try:
            write_quality_csv(self.stats, path)
        except OSError as exc:
            self._say(f"The figures could not be saved to {path}: {exc.strerror or exc}. Nothing was written.")
            return False
        self._say(f"The figures were saved to {path}.")
        return True
