"""What the window's mixins (recording.py, summary_actions.py) use of the main window, for type checking only.

The mixins are parts of ``MainWindow``; they are checked against this
declaration instead of the window itself, which inherits from them. It is
never instantiated: the methods are declared here and defined by the window
or the mixins.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QStackedWidget, QWidget

from ..config import Config
from ..grids.library import Library
from ..grids.model import Document, OptionGrid
from ..records.model import Record
from .capture_panel import CapturePanel
from .controller import SessionController
from .patient_mode import PatientMode
from .record_controller import RecordController


class WindowParts(QMainWindow):
    config: Config
    settings: QSettings
    today: dt.date
    library: Library | None
    controller: SessionController
    stack: QStackedWidget
    patient_mode: PatientMode
    message: QMessageBox | None
    capture: CapturePanel
    records: RecordController

    def grid_for(self, record: Record) -> OptionGrid | None:
        raise NotImplementedError  # declared here; MainWindow has the real one

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        raise NotImplementedError  # declared here; MainWindow has the real one

    def open_document(self, doc: Document) -> bool:
        raise NotImplementedError  # declared here; MainWindow has the real one

    def _tell(self, title: str, text: str) -> QMessageBox:
        raise NotImplementedError  # declared here; MainWindow has the real one

    def show_library(self) -> None:
        raise NotImplementedError  # declared here; MainWindow has the real one

    def toggle_prompts(self, visible: bool) -> None:
        raise NotImplementedError  # declared here; MainWindow has the real one

    def apply_zoom(self) -> None:
        raise NotImplementedError  # declared here; MainWindow has the real one

    def _update_actions(self) -> None:
        raise NotImplementedError  # declared here; MainWindow has the real one
