"""The Qt side of the session: setters for widgets, signals back to them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, Signal

from ...consult.session import RowResult, Session, row_results
from ...grids.model import OptionGrid, RiskScore
from ...grids.risk import Value


class SessionController(QObject):
    gridChanged = Signal()
    discussedChanged = Signal(str, bool)
    riskChanged = Signal()
    questionsChanged = Signal()

    def __init__(self, session: Session | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session or Session()
        self.scores: Mapping[str, RiskScore] = {}

    @property
    def grid(self) -> OptionGrid | None:
        return self.session.grid

    def open_grid(self, grid: OptionGrid, scores: Mapping[str, RiskScore]) -> None:
        self.scores = dict(scores)
        self.session.open(grid)
        self.gridChanged.emit()
        self.riskChanged.emit()

    def set_discussed(self, row_id: str, discussed: bool) -> None:
        if self.session.set_discussed(row_id, discussed):
            self.discussedChanged.emit(row_id, discussed)

    def is_discussed(self, row_id: str) -> bool:
        return row_id in self.session.discussed

    def set_value(self, input_id: str, value: Value) -> None:
        if self.session.set_value(input_id, value):
            self.riskChanged.emit()

    def results(self) -> list[RowResult]:
        grid = self.session.grid
        if grid is None:
            return []
        return row_results(grid, self.scores, self.session.risk_values)

    def add_question(self, text: str) -> bool:
        added = self.session.add_question(text)
        if added:
            self.questionsChanged.emit()
        return added

    def remove_question(self, index: int) -> None:
        if self.session.remove_question(index):
            self.questionsChanged.emit()

    def restore(
        self,
        grid: OptionGrid | None,
        scores: Mapping[str, RiskScore],
        discussed: Iterable[str],
        values: Mapping[str, Value],
        questions: Iterable[str],
    ) -> None:
        """Put a saved consultation back on screen (a resumed or amended draft)."""
        self.scores = dict(scores)
        self.session.grid = None  # a fresh start even when the same grid is open
        if grid is not None:
            self.session.open(grid)
        self.session.discussed = set(discussed)
        self.session.risk_values = dict(values)
        self.session.questions = list(questions)
        self.gridChanged.emit()
        self.riskChanged.emit()
        self.questionsChanged.emit()

    def clear(self) -> None:
        """A new consultation: nothing open, nothing said."""
        self.session.grid = None
        self.session.discussed.clear()
        self.session.risk_values.clear()
        self.session.questions.clear()
        self.gridChanged.emit()
        self.riskChanged.emit()
        self.questionsChanged.emit()
