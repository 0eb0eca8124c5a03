"""The window's last line of defence: log unexpected errors, show a calm message."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from .. import __version__
from ..config import cache_dir

CRASH_LOG = "crash.log"
MESSAGE = (
    "Something went wrong inside SDM Desktop. Nothing you typed has been lost; "
    "you can carry on, or close the program and open it again.\n\n"
    "Details for your IT team are in:\n{log}"
)


def write_crash_log(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path | None:
    """Append the traceback to cache_dir()/crash.log; returns the log, or None if it could not be written."""
    try:
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        log = directory / CRASH_LOG
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat()} sdm-desktop {__version__}\n")
            handle.write("".join(traceback.format_exception(exc_type, exc, tb)))
        return log
    except OSError:
        return None


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
        where = str(log) if log else "(the log could not be written)"
        if self.box is not None and self.box.isVisible():
            return  # one message at a time
        box = QMessageBox(QMessageBox.Icon.Warning, "Something went wrong", MESSAGE.format(log=where),
                          QMessageBox.StandardButton.Ok, self._parent())
        box.setAccessibleName("Error message")
        box.open()
        self.box = box
