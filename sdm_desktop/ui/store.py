"""The library as the window sees it: loaded once, refreshed file by file (Qt-free).

``LibraryStore`` remembers each file's identity (size, modification time,
inode) and its freshly loaded result. ``refresh()`` looks at the folders
again and reloads only the files that changed, appeared or disappeared, then
repeats the checks between documents (duplicate ids, links to risk scores)
on copies, so those findings never pile up.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..grids.findings import Severity
from ..grids.library import Library, LoadedFile, cross_check, discover, load_file
from ..grids.model import Document

Identity = tuple[int, int, int]

# Lint findings that keep a document listed (with a badge) but closed for patient use.
EXPIRED_RULE = "content-expired"


def _identity(path: Path) -> Identity | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _copy(lf: LoadedFile) -> LoadedFile:
    return LoadedFile(lf.path, lf.document, list(lf.findings), lf.source)


def expired_only(lf: LoadedFile) -> bool:
    """Built, and its only errors say the content is past its expiry date."""
    errors = [f for f in lf.findings if f.severity is Severity.ERROR]
    return lf.document is not None and bool(errors) and all(f.rule == EXPIRED_RULE for f in errors)


@dataclass
class LibraryStore:
    folders: Sequence[str | Path]
    today: dt.date | None = None
    _files: dict[str, tuple[Identity | None, LoadedFile]] = field(default_factory=dict)
    library: Library = field(default_factory=lambda: Library([]))

    def load(self) -> Library:
        """Load everything from scratch."""
        self._files.clear()
        return self.refresh()

    def refresh(self) -> Library:
        """Reload what changed since the last load; returns the new library."""
        existing = [f for f in self.folders if Path(f).exists()]
        missing = [str(f) for f in self.folders if not Path(f).exists()]
        fresh: dict[str, tuple[Identity | None, LoadedFile]] = {}
        for path in discover(existing):
            key = str(path)
            ident = _identity(path)
            known = self._files.get(key)
            if known is not None and ident is not None and known[0] == ident:
                fresh[key] = known
            else:
                fresh[key] = (ident, load_file(path, self.today, authoring=False))
        self._files = fresh
        files = [_copy(lf) for _ident, lf in fresh.values()]
        cross_check(files)
        self.library = Library(files, missing)
        return self.library

    def paths(self) -> list[str]:
        return list(self._files)

    def watch_folders(self) -> list[str]:
        """Every folder (and sub-folder) to watch for new, changed or removed files."""
        out: list[str] = []
        for folder in self.folders:
            root = Path(folder)
            if root.is_file():
                out.append(str(root.parent))
                continue
            if not root.is_dir():
                continue
            for dirpath, dirnames, _files in os.walk(root):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                out.append(dirpath)
        return out


def listed_documents(library: Library) -> list[tuple[LoadedFile, Document]]:
    """What the library shows: usable documents, and expired ones (to show why they are closed)."""
    out: list[tuple[LoadedFile, Document]] = []
    for lf in library.files:
        if lf.document is not None and (lf.ok or expired_only(lf)):
            out.append((lf, lf.document))
    return out


class PreviewSource:
    """One file checked against the library around it, as ``validate FILE`` does.

    The context (every other document in ``folders``) is loaded once; ``load()``
    reads the file again and repeats the checks between documents, so links to
    risk scores resolve. A context document with the file's own id is left out:
    the file is the newer version being edited.
    """

    def __init__(self, path: str | Path, folders: Sequence[str | Path], today: dt.date | None = None) -> None:
        self.path = Path(path)
        self.today = today
        resolved = self.path.resolve()
        self.context = [load_file(p, today, run_lint=False) for p in discover(f for f in folders if Path(f).exists())
                        if p.resolve() != resolved]

    def load(self) -> tuple[LoadedFile, Library]:
        lf = load_file(self.path, self.today)
        own_id = lf.document.id if lf.document is not None else None
        others = [_copy(c) for c in self.context if c.document is not None and c.document.id != own_id]
        cross_check([lf, *others])
        return lf, Library([lf, *others])
