"""The crash log: where an unexpected error's traceback goes instead of the screen (Qt-free).

The command line and the window both append to the same file, ``crash.log``
in the per-user cache folder, and tell the user where it is.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path
from types import TracebackType

from . import __version__
from .atomic import append_private
from .config import cache_dir

CRASH_LOG = "crash.log"
NOT_WRITTEN = "(the log could not be written)"


def write_crash_log(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path | None:
    """Append the traceback to cache_dir()/crash.log; returns the log, or None if it could not be written."""
    try:
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        log = directory / CRASH_LOG  # owner-only: a traceback may hold patient details
        append_private(
            log,
            f"--- {dt.datetime.now().isoformat()} sdm-desktop {__version__}\n"
            + "".join(traceback.format_exception(exc_type, exc, tb)),
        )
        return log
    except OSError:
        return None


def where_logged(exc: BaseException) -> str:
    """Log ``exc`` (with its traceback) and say where it went, for a message."""
    log = write_crash_log(type(exc), exc, exc.__traceback__)
    return str(log) if log is not None else NOT_WRITTEN
