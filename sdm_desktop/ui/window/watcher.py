"""Watch the library folders; after a quiet moment, ask for a refresh."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 300


class LibraryWatcher(QObject):
    """Emits ``changed`` once, ``DEBOUNCE_MS`` after the last change to a watched file or folder."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.watcher.fileChanged.connect(self._poke)
        self.watcher.directoryChanged.connect(self._poke)
        self.timer.timeout.connect(self.changed)

    def _poke(self, _path: str = "") -> None:
        self.timer.start()

    def watch(self, paths: Iterable[str]) -> None:
        """Watch exactly ``paths`` (files are re-added after editors replace them on save)."""
        wanted = set(paths)
        current = set(self.watcher.files()) | set(self.watcher.directories())
        stale = sorted(current - wanted)
        if stale:
            self.watcher.removePaths(stale)
        new = sorted(wanted - current)
        if new:
            self.watcher.addPaths(new)
