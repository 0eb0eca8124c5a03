"""The program's log: one rotating file in the per-user log folder (Qt-free).

What goes in: the version, which command ran, how long loading took, counts,
content file paths and the names of problems, and crashes (the exception's type
and where in the code it happened). What never goes in: anything about a patient
or a consultation (names, NHS numbers, answers, typed notes) and exception
messages, which can quote such values. ``--verbose`` adds debug lines and copies
the log to the terminal.

The folder is ``platformdirs.user_log_dir`` (``SDM_DESKTOP_LOG_DIR`` overrides it,
as the tests do); the file and folder are owner-only.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs

from . import __version__

APP_NAME = "sdm-desktop"
LOG_NAME = "sdm-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 3  # sdm-desktop.log.1 to .3: at most about 4 MB
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger("sdm_desktop")


def log_dir() -> Path:
    override = os.environ.get("SDM_DESKTOP_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return log_dir() / LOG_NAME


class _OwnerOnlyRotatingFile(logging.handlers.RotatingFileHandler):
    """A rotating file created readable by its owner only (also after each rotation)."""

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed leaves it untyped
        old = os.umask(0o077)
        try:
            return super()._open()
        finally:
            os.umask(old)


def setup_logging(*, verbose: bool = False) -> Path | None:
    """Send the program's log to the rotating file (and to stderr with ``verbose``).

    Returns the log file, or None when it cannot be written (a read-only profile):
    the program then runs without a file log rather than failing.
    """
    for handler in list(logger.handlers):  # a second call (tests) replaces the first set-up
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    if verbose:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(console)
    path = log_file()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = _OwnerOnlyRotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        logger.warning("no log file: %s could not be opened (%s)", path, exc.strerror or type(exc).__name__)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    return path


def where_the_code_was(tb: TracebackType | None) -> str:
    """The stack of a traceback, file, line and function only: never the values or the message."""
    frames = traceback.extract_tb(tb)
    return "".join(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n' for f in frames)


def log_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path | None:
    """Log an unexpected error (its type and stack, not its message); returns the log file, if any.

    Used by the command line and by the window's last line of defence, so a trust's IT
    team finds every crash in one place.
    """
    if not logger.handlers:
        setup_logging()
    logger.error(
        "unexpected %s.%s in sdm-desktop %s\n%s",
        exc_type.__module__,
        exc_type.__qualname__,
        __version__,
        where_the_code_was(tb).rstrip("\n"),
    )
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler):
            handler.flush()
            return Path(handler.baseFilename)
    return None
