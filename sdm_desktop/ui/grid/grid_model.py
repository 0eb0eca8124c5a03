"""One table model over an option grid: questions as rows, options as columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...grids.model import Cell, Evidence, Option, OptionGrid, Row
from ..kit.tables import Index, TableModel
from ..kit.text import tooltip_text
from .controller import SessionController

COL_QUESTION = 0
FIRST_OPTION_COLUMN = 1
QUESTION_HEADER = "Questions people ask"

DOMAIN_ROLE = Qt.ItemDataRole.UserRole  # the Row (question column) or the Cell
OPTION_ROLE = Qt.ItemDataRole.UserRole + 1  # the Option of an option column

CERTAINTY_WORDS = {
    "high": "high certainty: new research is very unlikely to change this",
    "moderate": "moderate certainty: new research may change this",
    "low": "low certainty: new research is likely to change this",
    "very_low": "very low certainty: this is unsure",
    "not_graded": "certainty not graded",
}


def evidence_lines(grid: OptionGrid, ids: tuple[str, ...]) -> list[tuple[Evidence, str]]:
    by_id = grid.evidence_by_id
    return [(by_id[i], CERTAINTY_WORDS.get(by_id[i].certainty, by_id[i].certainty)) for i in ids if i in by_id]


class GridModel(TableModel):
    def __init__(self, controller: SessionController, parent: Any = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.grid: OptionGrid | None = None
        self.question_header = QUESTION_HEADER
        controller.gridChanged.connect(self._reset)
        controller.discussedChanged.connect(self._discussed_changed)
        self._reset()

    def _reset(self) -> None:
        self.beginResetModel()
        self.grid = self.controller.grid
        self.endResetModel()

    def _discussed_changed(self, row_id: str, _discussed: bool) -> None:
        if self.grid is None:
            return
        for r, row in enumerate(self.grid.rows):
            if row.id == row_id:
                index = self.index(r, COL_QUESTION)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def set_question_header(self, text: str) -> None:
        self.question_header = text
        if self.grid is not None:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_QUESTION, COL_QUESTION)

    # -- helpers ---------------------------------------------------------
    def row_at(self, row: int) -> Row:
        assert self.grid is not None
        return self.grid.rows[row]

    def option_at(self, column: int) -> Option | None:
        if self.grid is None or column < FIRST_OPTION_COLUMN:
            return None
        return self.grid.options[column - FIRST_OPTION_COLUMN]

    def cell_at(self, row: int, column: int) -> Cell | None:
        option = self.option_at(column)
        return self.row_at(row).cells.get(option.id) if option else None

    # -- Qt model --------------------------------------------------------
    def row_count(self) -> int:
        return 0 if self.grid is None else len(self.grid.rows)

    def column_count(self) -> int:
        return 0 if self.grid is None else FIRST_OPTION_COLUMN + len(self.grid.options)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.grid is None or orientation != Qt.Orientation.Horizontal or not (0 <= section < self.columnCount()):
            return None
        option = self.option_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.question_header if option is None else str(option.name)
        if role == Qt.ItemDataRole.ToolTipRole and option is not None:
            return tooltip_text(option.summary if option.summary else option.name)
        if role == OPTION_ROLE:
            return option
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.grid is None or not index.isValid() or not (0 <= index.row() < self.rowCount()):
            return None
        row = self.row_at(index.row())
        column = index.column()
        if column == COL_QUESTION:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return str(row.question)
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if self.controller.is_discussed(row.id) else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Tick when this has been talked about"
            if role == DOMAIN_ROLE:
                return row
            return None
        cell = self.cell_at(index.row(), column)
        if role == DOMAIN_ROLE:
            return cell
        if role == OPTION_ROLE:
            return self.option_at(column)
        if cell is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(cell.text)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{ev.citation} ({words})" for ev, words in evidence_lines(self.grid, cell.evidence)]
            return tooltip_text("Source: " + "\n".join(lines)) if lines else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            self.grid is None
            or not index.isValid()
            or index.column() != COL_QUESTION
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        self.controller.set_discussed(self.row_at(index.row()).id, state == Qt.CheckState.Checked)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == COL_QUESTION:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags
