"""Personal risk: the form, then each risk row as icon arrays and sentences per option."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...consult.session import RowResult
from ...grids.model import OptionGrid
from ...grids.risk import PersonalFigure
from ..kit.text import breakable
from ..kit.widgets import clear_layout
from .controller import SessionController
from .grid_model import CERTAINTY_WORDS
from .icon_array import IconArray
from .risk_form import RiskForm


def heading(figure: PersonalFigure, personal: bool) -> str:
    who = "people like you" if personal else "people with this condition"
    return f"Out of {figure.denominator} {who}, over {figure.time_frame}"


def sources(grid: OptionGrid, result: RowResult, controller: SessionController) -> str:
    """The evidence behind a risk row, named: the grid's citations, then the score's."""
    risk = result.row.risk
    assert risk is not None
    parts: list[str] = []
    by_id = grid.evidence_by_id
    for ev_id in risk.evidence:
        ev = by_id.get(ev_id)
        if ev:
            parts.append(f"{ev.citation} ({CERTAINTY_WORDS.get(ev.certainty, ev.certainty)})")
    if result.personal and risk.from_score is not None:
        score = controller.scores.get(risk.from_score.score)
        if score is not None and score.table is not None:
            score_ev = score.evidence_by_id
            cited = [score_ev[i].citation for i in score.table.evidence if i in score_ev]
            parts.append(f"Worked out with the {score.title}" + (f": {'; '.join(cited)}" if cited else ""))
    seen: list[str] = []
    for p in parts:
        if p not in seen:
            seen.append(p)
    return "Source: " + " ".join(s if s.endswith(".") else s + "." for s in seen) if seen else ""


class RiskRowView(QFrame):
    """One risk row: heading, then per option an icon array and both framings in words."""

    def __init__(
        self, grid: OptionGrid, result: RowResult, controller: SessionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"risk_{result.row.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.result = result
        self.arrays: dict[str, IconArray] = {}
        self.sentences: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        title = QLabel(f"<b><big>{escape(str(result.row.question))}</big></b>")
        title.setWordWrap(True)
        layout.addWidget(title)
        any_figure = next(iter(result.figures.values()), None)
        if result.missing:
            note = QLabel(
                f"<i>{escape(result.missing[0].upper() + result.missing[1:])}.</i>"
                + (" Figures for a typical person are shown." if result.figures else "")
            )
            note.setObjectName("riskMissing")
            note.setWordWrap(True)
            layout.addWidget(note)
        if any_figure is not None:
            sub = QLabel(heading(any_figure, result.personal))
            sub.setObjectName("riskHeading")
            sub.setWordWrap(True)
            layout.addWidget(sub)
            outcome = any_figure.outcome
            legend = QLabel(
                f"Filled figures: people who will {escape(str(outcome))}. Outlined figures: people who will not."
            )
            legend.setWordWrap(True)
            layout.addWidget(legend)
        columns = QGridLayout()
        columns.setHorizontalSpacing(24)
        for c, option in enumerate(grid.options):
            name = QLabel(f"<b>{escape(breakable(str(option.name)))}</b>")
            name.setWordWrap(True)
            name.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            columns.addWidget(name, 0, c)
            figure = result.figures.get(option.id)
            if figure is not None:
                array = IconArray()
                sentence = figure.sentence()
                array.set_figure(figure.events, figure.denominator, f"{option.name}: {sentence}")
                columns.addWidget(array, 1, c, Qt.AlignmentFlag.AlignTop)
                words = QLabel(sentence[0].upper() + sentence[1:] + ".")
                self.arrays[option.id] = array
            else:
                cell = result.row.cells.get(option.id)
                words = QLabel(breakable(str(cell.text)) if cell else "No figure for this option.")
            words.setWordWrap(True)
            words.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.sentences[option.id] = words
            columns.addWidget(words, 2, c)
            columns.setColumnStretch(c, 1)
        layout.addLayout(columns)
        risk = result.row.risk
        if risk is not None and risk.uncertainty:
            unsure = QLabel(f"How sure: {escape(str(risk.uncertainty))}")
            unsure.setWordWrap(True)
            layout.addWidget(unsure)
        source = QLabel(escape(breakable(sources(grid, result, controller))))
        source.setObjectName("riskSource")
        source.setWordWrap(True)
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(source)


class FitWidthScroll(QScrollArea):
    """Scrolls up and down only; always as wide as its contents (form labels never cut)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        width = inner.sizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()


class RiskPanel(QWidget):
    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.form = RiskForm(controller)
        form_box = QGroupBox("About this person")
        form_box.setObjectName("riskFormBox")
        box_layout = QVBoxLayout(form_box)
        intro = QLabel("Fill in what you know. The figures below change as you go.")
        intro.setWordWrap(True)
        box_layout.addWidget(intro)
        box_layout.addWidget(self.form)
        box_layout.addStretch(1)
        form_scroll = FitWidthScroll()
        form_scroll.setWidgetResizable(True)
        form_scroll.setWidget(form_box)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll = form_scroll
        self.results = QWidget()
        self.results_layout = QVBoxLayout(self.results)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.results)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QHBoxLayout(self)
        layout.addWidget(form_scroll, 0)
        layout.addWidget(scroll, 1)
        self.rows: dict[str, RiskRowView] = {}
        controller.gridChanged.connect(self.refresh)
        controller.riskChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        clear_layout(self.results_layout)
        self.rows.clear()
        self.form_scroll.setVisible(bool(self.form.controls))  # no empty "About this person"
        self.form_scroll.updateGeometry()
        grid = self.controller.grid
        if grid is None:
            return
        results = self.controller.results()
        if not results:
            none = QLabel("This decision aid has no figures to show.")
            self.results_layout.addWidget(none)
        for result in results:
            view = RiskRowView(grid, result, self.controller)
            self.rows[result.row.id] = view
            self.results_layout.addWidget(view)
        self.results_layout.addStretch(1)
