"""The library as the window and the commands see it: loaded once, refreshed file by file.

``LibraryStore`` remembers each file's identity (size, modification time,
inode, device) and its freshly loaded result, in memory and in the catalogue
cache (grids/catalogue.py). ``refresh()`` looks at the folders
again and reloads only the files that changed, appeared or disappeared, then
repeats the checks between documents (duplicate ids, links to risk scores)
on copies, so those findings never pile up.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import cache_dir
from . import catalogue
from .findings import Severity
from .index import Identity, identity
from .library import Library, LoadedFile, cross_check, discover, load_file
from .model import Document

# Lint findings that keep a document listed (with a badge) but closed for patient use.
EXPIRED_RULE = "content-expired"


def expired_only(lf: LoadedFile) -> bool:
    """Built, and its only errors say the content is past its expiry date."""
    errors = [f for f in lf.findings if f.severity is Severity.ERROR]
    return lf.facts is not None and bool(errors) and all(f.rule == EXPIRED_RULE for f in errors)


def default_catalogue() -> Path:
    return cache_dir() / catalogue.CATALOGUE_NAME


@dataclass
class LibraryStore:
    """The library folders, loaded once and then refreshed file by file.

    Files unchanged since the last run come from the catalogue cache
    (``cache_file``; None for no cache): listed and checked from their facts,
    their documents built when first opened. Prompt sets and risk scores are
    built at once, since the window needs them from the start.
    """

    folders: Sequence[str | Path]
    today: dt.date | None = None
    cache_file: Path | None = field(default_factory=default_catalogue)
    _files: dict[str, tuple[Identity | None, LoadedFile]] = field(default_factory=dict)
    library: Library = field(default_factory=lambda: Library([]))

    def load(self) -> Library:
        """Load everything from scratch (the catalogue cache still serves unchanged files)."""
        self._files.clear()
        return self.refresh()

    def refresh(self) -> Library:
        """Reload what changed since the last load; returns the new library."""
        today = self.today or dt.date.today()
        key = catalogue.key_for(today.isoformat())
        existing = [f for f in self.folders if Path(f).exists()]
        missing = [str(f) for f in self.folders if not Path(f).exists()]
        cached = catalogue.read(self.cache_file, key) if self.cache_file is not None and not self._files else {}
        fresh: dict[str, tuple[Identity | None, LoadedFile]] = {}
        changed = False
        for path in discover(existing):
            name = str(path)
            ident = identity(path)
            known = self._files.get(name)
            if known is not None and ident is not None and known[0] == ident:
                fresh[name] = known
                continue
            entry = cached.get(name)
            if ident is not None and isinstance(entry, dict) and entry.get("identity") == list(ident):
                try:
                    fresh[name] = (ident, catalogue.file_from_entry(name, entry, self._loader(path, today)))
                    continue
                except (ValueError, KeyError, TypeError):
                    pass  # a damaged entry: load the file itself
            fresh[name] = (ident, load_file(path, today, authoring=False))
            changed = True
        changed = changed or set(fresh) != set(self._files or cached)
        self._files = fresh
        if self.cache_file is not None and changed:
            catalogue.write(
                self.cache_file,
                key,
                {name: catalogue.entry_of(lf, ident) for name, (ident, lf) in fresh.items() if ident is not None},
            )
        files = [lf.copy() for _ident, lf in fresh.values()]
        cross_check(files)
        for lf in files:
            if lf.kind in ("prompt_set", "risk_score"):
                _ = lf.document  # needed from the start: build now, off the window's thread
        self.library = Library(files, missing)
        return self.library

    @staticmethod
    def _loader(path: Path, today: dt.date) -> Callable[[], Document | None]:
        return lambda: load_file(path, today, authoring=False).document

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


def listed(library: Library) -> list[LoadedFile]:
    """What the library shows: usable documents, and expired ones (to show why they are closed)."""
    return [lf for lf in library.files if lf.facts is not None and (lf.ok or expired_only(lf))]


def listed_documents(library: Library) -> list[tuple[LoadedFile, Document]]:
    """The listed files with their documents (built now if they were not yet)."""
    return [(lf, lf.document) for lf in listed(library) if lf.document is not None]


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
        self.context = [
            load_file(p, today, run_lint=False)
            for p in discover(f for f in folders if Path(f).exists())
            if p.resolve() != resolved
        ]

    def load(self) -> tuple[LoadedFile, Library]:
        lf = load_file(self.path, self.today)
        own_id = lf.document.id if lf.document is not None else None
        others = [c.copy() for c in self.context if c.document is not None and c.document.id != own_id]
        cross_check([lf, *others])
        return lf, Library([lf, *others])
