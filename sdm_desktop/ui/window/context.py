"""What the window's action objects share of it: the window itself, settings, the day, the library, messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ...grids.library import Library


@dataclass
class WindowContext:
    """Given to :class:`~.record_actions.RecordActions` and :class:`~.summary_actions.SummaryActions`."""

    window: QMainWindow  # the parent of their dialogs; its status bar
    settings: QSettings
    today: dt.date
    library: Callable[[], Library | None]  # the library as loaded now (None while loading)
    tell: Callable[[str, str], QMessageBox]  # a non-modal message from the window

    def status(self, text: str, timeout_ms: int = 0) -> None:
        self.window.statusBar().showMessage(text, timeout_ms)
