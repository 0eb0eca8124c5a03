"""The grid page: header with dates and sign-off, the table, notes, evidence, personal risk."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...consult.session import risk_rows
from ...grids.model import OptionGrid
from ..kit.patient_view import clinician_only
from ..kit.text import breakable, html_text, plain, plain_label, plain_tooltip, rich
from ..kit.widgets import warn_style
from ..library.badges import badges, date_text
from .below_table import BelowTable
from .controller import SessionController
from .grid_model import COL_QUESTION, DOMAIN_ROLE, QUESTION_HEADER, GridModel, evidence_lines
from .review_header import ReviewHeader
from .risk_panel import RiskPanel

EVIDENCE_HINT = "Click a box in the table to see where its information comes from."
TAB_GRID = 0
TAB_RISK = 1


def style_badge(label: QLabel) -> None:
    """Black on amber in a box; the text keeps the page's font size."""
    warn_style(label, line_width=2)


class WrappingHeader(QHeaderView):
    """A horizontal header whose height grows to fit wrapped option names."""

    PADDING = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.sectionResized.connect(lambda *_: self.updateGeometry())

    def _wrapped_height(self, section: int) -> int:
        model = self.model()
        if model is None:
            return 0
        text = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        width = max(self.sectionSize(section) - self.PADDING, 20)
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        return (
            self.fontMetrics().boundingRect(QRect(0, 0, width, 100_000), flags, str(text or "")).height() + self.PADDING
        )

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        count = self.count()
        tallest = max((self._wrapped_height(s) for s in range(count)), default=0)
        return QSize(hint.width(), max(hint.height(), tallest))


class GridTable(QTableView):
    """Wrapped text, nothing cut off: rows grow to fit their text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gridTable")
        self.setAccessibleName("Options side by side")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = WrappingHeader(self)
        self.setHorizontalHeader(header)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)


class GridView(QWidget):
    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = dt.date.today()
        self.title = rich(QLabel())
        self.title.setObjectName("gridTitle")
        self.title.setWordWrap(True)
        self.condition = plain_label()
        self.review = ReviewHeader()
        self.badge_box = QWidget()
        self.badge_row = QHBoxLayout(self.badge_box)
        self.badge_row.setContentsMargins(0, 0, 0, 0)
        self.badge_labels: list[QLabel] = []
        self.dates = plain_label()
        self.dates.setObjectName("gridDates")
        self.details = clinician_only(plain_label())
        self.details.setObjectName("gridDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = GridModel(controller, self)
        self.table = GridTable()
        self.table.setModel(self.model)
        self.notes = rich(QLabel())
        self.notes.setObjectName("gridNotes")
        self.notes.setWordWrap(True)
        self.evidence = rich(QLabel(EVIDENCE_HINT))
        self.evidence.setObjectName("gridEvidence")
        self.evidence.setWordWrap(True)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        grid_page = QWidget()
        grid_layout = QVBoxLayout(grid_page)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.table, 1)
        self.below = BelowTable([self.notes, self.evidence])
        grid_layout.addWidget(self.below)
        self.risk = RiskPanel(controller)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("gridTabs")
        self.tabs.setAccessibleName("Grid pages")
        self.tabs.addTab(grid_page, "Options side by side")
        self.tabs.addTab(self.risk, "Personal risk: out of 100")

        for label in (self.title, self.condition, self.dates, self.details):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        # dates, version, path and hash fold away: the table gets the room
        self.more_button = QToolButton()
        self.more_button.setObjectName("gridMore")
        self.more_button.setText("Dates and version")
        self.more_button.setAccessibleName("Show or hide the dates and version of this aid")
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.setAutoRaise(True)
        self.more_button.toggled.connect(self._show_more)
        self.badge_row.addStretch(1)
        self.badge_row.addWidget(self.more_button)
        self.dates.hide()
        self.details_box = QWidget()
        details_layout = QVBoxLayout(self.details_box)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.dates)
        details_layout.addWidget(self.details)
        self.details_box.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.condition)
        layout.addWidget(self.review)
        layout.addWidget(self.badge_box)
        layout.addWidget(self.details_box)
        layout.addWidget(self.tabs, 1)

        self.table.clicked.connect(self.show_evidence)
        self.table.selectionModel().currentChanged.connect(lambda cur, _prev: self.show_evidence(cur))
        controller.gridChanged.connect(self.refresh)
        self.refresh()

    def _show_more(self, shown: bool) -> None:
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.dates.setVisible(shown)
        self.details_box.setVisible(shown)

    def refresh(self) -> None:
        grid = self.controller.grid
        for label in self.badge_labels:
            self.badge_row.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.badge_labels.clear()
        self.review.show_document(grid)
        if grid is None:
            self.title.clear()
            return
        self.title.setText(
            f"<span style='font-size: x-large; font-weight: bold'>{html_text(breakable(str(grid.title)))}</span>"
            f"<br><span style='font-size: large'>{html_text(breakable(str(grid.decision)))}</span>"
        )
        self.condition.setText(breakable(str(grid.condition)))
        for badge in self.review.badges(badges(grid, self.today)):
            label = plain(QLabel(badge.text))
            label.setWordWrap(False)
            label.setObjectName(f"badge_{badge.id}")
            style_badge(label)
            plain_tooltip(label, badge.tip)
            self.badge_row.insertWidget(len(self.badge_labels), label)
            self.badge_labels.append(label)
        m = grid.metadata
        self.dates.setText(f"Published {date_text(m.published)}. Review by {date_text(m.review_by)}.")
        self.details.setText(
            f"Version {grid.version} · id {grid.id} · {grid.path} · content SHA-256 {grid.content_hash[:16]}…"
        )
        self.notes.setText(self._notes(grid))
        self.notes.setVisible(bool(self.notes.text()))
        has_risk = bool(risk_rows(grid))
        self.tabs.setTabEnabled(TAB_RISK, has_risk)
        if not has_risk and self.tabs.currentIndex() == TAB_RISK:
            self.tabs.setCurrentIndex(TAB_GRID)
        self.evidence.setText(EVIDENCE_HINT)

    @staticmethod
    def _notes(grid: OptionGrid) -> str:
        parts: list[str] = []
        if grid.no_do_nothing_reason is not None:
            parts.append(
                f"<b>Why 'doing nothing' is not one of the options:</b> {html_text(breakable(str(grid.no_do_nothing_reason)))}"
            )
        for item in grid.not_offered:
            parts.append(
                f"<b>Not offered: {html_text(breakable(str(item.name)))}.</b> {html_text(breakable(str(item.reason)))}"
            )
        return "<br>".join(parts)

    def show_evidence(self, index: QModelIndex) -> None:
        grid = self.controller.grid
        if grid is None or not index.isValid():
            return
        domain = index.data(DOMAIN_ROLE)
        if index.column() == COL_QUESTION:
            ids = domain.risk.evidence if domain is not None and domain.risk else ()
            if not ids:
                self.evidence.setText(EVIDENCE_HINT)
                return
        else:
            ids = domain.evidence if domain is not None else ()
        lines = evidence_lines(grid, ids)
        if not lines:
            self.evidence.setText("No source is listed for this box.")
            return
        self.evidence.setText(
            "<b>Where this comes from:</b> "
            + " ".join(
                f"{html_text(ev.citation)} <i>({html_text(words)})</i>" + (f" {html_text(ev.link)}" if ev.link else "")
                for ev, words in lines
            )
        )

    def set_patient_mode(self, active: bool) -> None:
        """Plain wording for patients; the clinician's labels otherwise."""
        self.tabs.setTabText(TAB_GRID, "Your options side by side" if active else "Options side by side")
        self.tabs.setTabText(TAB_RISK, "Your chances: out of 100" if active else "Personal risk: out of 100")
        self.model.set_question_header("What people often ask" if active else QUESTION_HEADER)

    def show_risk(self) -> None:
        if self.tabs.isTabEnabled(TAB_RISK):
            self.tabs.setCurrentIndex(TAB_RISK)
