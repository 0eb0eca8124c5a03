"""The print fallback's temporary copy of the summary: owner-only, removed when printing is done.

Where PDFium is missing, the summary (with the NHS number and notes) is handed
to the system's PDF viewer from a temporary folder. The app cannot know when
the viewer has printed, so the copy is removed :data:`KEEP_MINUTES` after it
was opened, or when the app quits, whichever is first; copies left behind by
a crash are swept at the next start (:func:`sweep`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

PREFIX = "sdm-print-"
KEEP_MINUTES = 10
_live: set[Path] = set()


def new_folder() -> Path:
    """A new owner-only folder for one printout (remembered, to be removed)."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))  # mkdtemp makes it 0700
    _live.add(folder)
    QTimer.singleShot(KEEP_MINUTES * 60_000, lambda: remove(folder))
    app = QCoreApplication.instance()
    if app is not None and len(_live) == 1:
        app.aboutToQuit.connect(remove_all)
    return folder


def remove(folder: Path) -> None:
    _live.discard(folder)
    with contextlib.suppress(OSError):
        shutil.rmtree(folder)


def remove_all() -> None:
    for folder in list(_live):
        remove(folder)


def sweep(temp: Path | None = None) -> list[Path]:
    """Remove this user's print folders left behind (after a crash); returns those removed."""
    where = temp or Path(tempfile.gettempdir())
    removed: list[Path] = []
    try:
        found = [p for p in where.iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for folder in found:
        try:
            if not folder.is_dir() or folder.is_symlink() or folder in _live:
                continue
            if uid is not None and folder.stat().st_uid != uid:
                continue
            shutil.rmtree(folder)
            removed.append(folder)
        except OSError:
            continue
    return removed
