"""The window's last line of defence: log unexpected errors, show a calm message."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from ...crashlog import NOT_WRITTEN, write_crash_log
from ..kit.messages import Icon, tell

MESSAGE = (
    "Something went wrong inside SDM Desktop. Nothing you typed has been lost; "
    "you can carry on, or close the program and open it again.\n\n"
    "Details for your IT team are in:\n{log}"
)


class CrashHandler:
    """A ``sys.excepthook`` for the window: logs, then shows one calm message box."""

    def __init__(self, parent: Callable[[], QWidget | None]) -> None:
        self._parent = parent
        self._previous = sys.excepthook
        self.box: QMessageBox | None = None

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        log = write_crash_log(exc_type, exc, tb)
        where = str(log) if log else NOT_WRITTEN
        if self.box is not None and self.box.isVisible():
            return  # one message at a time
        self.box = tell(
            self._parent(),
            "Something went wrong",
            MESSAGE.format(log=where),
            icon=Icon.Warning,
            accessible_name="Error message",
        )
