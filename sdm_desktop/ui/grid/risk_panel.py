"""Personal risk: the form, then each risk row as icon arrays and sentences per option."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...consult.session import RowResult
from ...grids.model import OptionGrid
from ...grids.risk import PersonalFigure, about
from ..kit.text import breakable, html_text, plain_label, rich
from ..kit.widgets import clear_layout
from .controller import SessionController
from .grid_model import CERTAINTY_WORDS
from .icon_array import IconArray
from .in_place import set_text
from .risk_form import RiskForm
from .risk_together import RiskTogether, worth_showing


def heading(figure: PersonalFigure, result: RowResult) -> str:
    if result.exact:
        who = "people like you"
    elif result.personal:
        who = "people with the answers given"
    else:
        who = "people with this condition"
    return f"Out of {figure.denominator} {who}, over {figure.time_frame}"


def figure_words(figure: PersonalFigure) -> str:
    """The sentence for one figure, starting with a capital letter."""
    sentence = figure.sentence()
    return sentence[0].upper() + sentence[1:] + "."


def span(figure: PersonalFigure) -> tuple[int, int | None]:
    """Filled figures and, for a range, where the hatched ones end."""
    if figure.is_range and figure.low is not None and figure.high is not None:
        return about(figure.low), about(figure.high)
    return figure.events, None


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


def missing_words(result: RowResult) -> str:
    assert result.missing is not None
    return (
        result.missing[0].upper()
        + result.missing[1:]
        + "."
        + (" Figures for people with this condition are shown." if result.figures else "")
    )


def assumed_words(result: RowResult) -> str:
    return "Some answers are not known, so each figure is a range:\n" + "\n".join(
        f"\u2022 {line}" for line in result.assumptions
    )


def legend_words(figure: PersonalFigure, result: RowResult) -> str:
    return f"Filled figures: people who will {figure.outcome}. Outlined figures: people who will not." + (
        " Hatched figures: people who may or may not, as the answers not known decide."
        if any(f.is_range for f in result.figures.values())
        else ""
    )


def shape(result: RowResult) -> tuple[object, ...]:
    """What decides which widgets a risk row has: an answer that keeps it changes only their words and figures."""
    return (result.row.id, tuple(result.figures), result.missing is None, bool(result.assumptions))


class RiskRowView(QFrame):
    """One risk row: heading, then per option an icon array and both framings in words."""

    def __init__(
        self, grid: OptionGrid, result: RowResult, controller: SessionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"risk_{result.row.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = grid
        self.controller = controller
        self.result = result
        self.shape = shape(result)
        self.arrays: dict[str, IconArray] = {}
        self.sentences: dict[str, QLabel] = {}
        self.words: dict[str, QLabel] = {}  # the row's other texts that an answer can change
        layout = QVBoxLayout(self)
        title = rich(QLabel(f"<b><big>{html_text(result.row.question)}</big></b>"))
        title.setWordWrap(True)
        layout.addWidget(title)
        any_figure = next(iter(result.figures.values()), None)
        if result.missing:
            note = plain_label(missing_words(result))
            note.setObjectName("riskMissing")
            layout.addWidget(note)
            self.words["missing"] = note
        if result.assumptions:
            assumed = plain_label(assumed_words(result))
            assumed.setObjectName("riskAssumed")
            layout.addWidget(assumed)
            self.words["assumed"] = assumed
        if any_figure is not None:
            sub = plain_label(heading(any_figure, result))
            sub.setObjectName("riskHeading")
            layout.addWidget(sub)
            legend = plain_label(legend_words(any_figure, result))
            legend.setObjectName("riskLegend")
            layout.addWidget(legend)
            self.words["heading"], self.words["legend"] = sub, legend
        columns = QGridLayout()
        columns.setHorizontalSpacing(24)
        for c, option in enumerate(grid.options):
            name = rich(QLabel(f"<b>{html_text(breakable(str(option.name)))}</b>"))
            name.setWordWrap(True)
            name.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            columns.addWidget(name, 0, c)
            figure = result.figures.get(option.id)
            if figure is not None:
                array = IconArray()
                filled, upto = span(figure)
                array.set_figure(filled, figure.denominator, f"{option.name}: {figure.sentence()}", upto)
                columns.addWidget(array, 1, c, Qt.AlignmentFlag.AlignTop)
                words = plain_label(figure_words(figure))
                self.arrays[option.id] = array
            else:
                cell = result.row.cells.get(option.id)
                words = plain_label(breakable(str(cell.text)) if cell else "No figure for this option.")
            words.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.sentences[option.id] = words
            columns.addWidget(words, 2, c)
            columns.setColumnStretch(c, 1)
        layout.addLayout(columns)
        risk = result.row.risk
        # How sure and the sources fold behind one button, so the pictures of every row fit together.
        self.source_button = QToolButton()
        self.source_button.setObjectName("riskSourceButton")
        self.source_button.setText("Where this comes from")
        self.source_button.setAccessibleName(f"Show or hide where the figures come from: {result.row.question}")
        self.source_button.setCheckable(True)
        self.source_button.setAutoRaise(True)
        self.source_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.source_button.setArrowType(Qt.ArrowType.RightArrow)
        layout.addWidget(self.source_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.folded: list[QLabel] = []
        if risk is not None and risk.uncertainty:
            unsure = plain_label(f"How sure: {risk.uncertainty}")
            layout.addWidget(unsure)
            self.folded.append(unsure)
        source = plain_label(breakable(sources(grid, result, controller)))
        source.setObjectName("riskSource")
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(source)
        self.source = source
        self.words["source"] = source
        self.folded.append(source)
        for label in self.folded:
            label.hide()
        self.source_button.toggled.connect(self._show_sources)

    def _show_sources(self, shown: bool) -> None:
        self.source_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        for label in self.folded:
            label.setVisible(shown)

    def show_result(self, result: RowResult) -> None:
        """New figures for a row of the same shape: words and arrays change, no widget is built."""
        assert shape(result) == self.shape
        self.result = result
        texts = {"source": breakable(sources(self.grid, result, self.controller))}
        if result.missing:
            texts["missing"] = missing_words(result)
        if result.assumptions:
            texts["assumed"] = assumed_words(result)
        any_figure = next(iter(result.figures.values()), None)
        if any_figure is not None:
            texts["heading"] = heading(any_figure, result)
            texts["legend"] = legend_words(any_figure, result)
        for key, text in texts.items():
            set_text(self.words[key], text)
        for option in self.grid.options:
            figure = result.figures.get(option.id)
            if figure is not None:
                filled, upto = span(figure)
                self.arrays[option.id].set_figure(
                    filled, figure.denominator, f"{option.name}: {figure.sentence()}", upto
                )
                set_text(self.sentences[option.id], figure_words(figure))


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
        intro = plain_label(
            "Answer each question Yes, No or Not known. Figures for people like you appear once every "
            "question is answered; until then they are for people with this condition."
        )
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
        self.results_scroll = scroll
        layout = QHBoxLayout(self)
        layout.addWidget(form_scroll, 0)
        layout.addWidget(scroll, 1)
        self.rows: dict[str, RiskRowView] = {}
        self.together: RiskTogether | None = None
        controller.gridChanged.connect(self.refresh)
        controller.riskChanged.connect(self.update_figures)
        self.refresh()

    def update_figures(self) -> None:
        """After an answer: figures change in place while every row keeps its shape; else the rows are rebuilt."""
        grid = self.controller.grid
        results = self.controller.results() if grid is not None else []
        views = list(self.rows.values())
        if (
            grid is None
            or not results
            or len(views) != len(results)
            or any(v.grid is not grid or v.shape != shape(r) for v, r in zip(views, results, strict=True))
        ):
            self.refresh()
            return
        for view, result in zip(views, results, strict=True):
            view.show_result(result)
        if self.together is not None:
            self.together.show_results(results)

    def refresh(self) -> None:
        clear_layout(self.results_layout)
        self.rows.clear()
        self.together = None
        self.form_scroll.setVisible(bool(self.form.controls))  # no empty "About this person"
        self.form_scroll.updateGeometry()
        grid = self.controller.grid
        if grid is None:
            return
        results = self.controller.results()
        if not results:
            none = plain_label("This decision aid has no figures to show.")
            self.results_layout.addWidget(none)
        if worth_showing(results):
            self.together = RiskTogether(grid, results)
            self.results_layout.addWidget(self.together)
        for result in results:
            view = RiskRowView(grid, result, self.controller)
            self.rows[result.row.id] = view
            self.results_layout.addWidget(view)
        self.results_layout.addStretch(1)
        self.fit_pictures()

    def fit_pictures(self) -> None:
        """One figure size for every picture, small enough that every row's pictures show together."""
        arrays = [a for row in self.rows.values() for a in row.arrays.values()]
        if not arrays:
            return
        line = self.fontMetrics().lineSpacing()
        largest = max(self.fontMetrics().height() * 1.15, 8.0)
        viewport = self.results_scroll.viewport()
        per_row = viewport.height() / max(len(self.rows), 1) - line * 8  # title, heading, legend, names, words
        by_height = per_row / (10 * 1.25)
        columns = max((len(row.sentences) for row in self.rows.values()), default=1)
        columns = max(columns, 1)
        by_width = (viewport.width() - 48 - (columns - 1) * 24) / columns / 10  # margins, frame, spacing
        smallest = max(self.fontMetrics().height() * 0.6, 6.0)  # still a person, not a dot
        cell = max(smallest, min(largest, by_height, by_width))
        for array in arrays:
            array.set_cell(cell)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_pictures()
