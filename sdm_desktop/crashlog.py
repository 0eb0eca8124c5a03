"""The crash log: where an unexpected error's traceback goes instead of the screen (Qt-free).

The window appends to ``crash.log`` in the per-user cache folder and tells the
user where it is; the error's type and place also go to the program's log
(sdm_desktop/logs.py), where the command line records its own crashes.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path
from types import TracebackType

from . import __version__, logs
from .atomic import append_private
from .config import cache_dir

CRASH_LOG = "crash.log"
NOT_WRITTEN = "(the log could not be written)"


def write_crash_log(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path | None:
    """Append the traceback to cache_dir()/crash.log; returns the log, or None if it could not be written."""
    logs.log_crash(exc_type, exc, tb)
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
