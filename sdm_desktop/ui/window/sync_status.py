"""The central store, seen from the window: the sync state in the status bar, and a background sync.

Only when IT has configured a central store (records/central/settings.py). The
status bar then says when records were last sent, how many are waiting and the
last error in words. A sync runs off the GUI thread soon after a record is
finished and every few minutes, waiting longer after each failure in a row
(``SyncStatus.due``); a PC with no network keeps working and sends later.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ...records.central.outbox import SyncStatus, sync_status
from ...records.central.settings import CentralError, CentralSettings, load_settings
from ...records.central.sync import sync
from ...records.errors import StorageError
from ..kit.text import plain
from ..kit.worker import run_off_gui

CHECK_MS = 60_000  # how often to see whether a sync is due
AFTER_FINISH_MS = 2_000


def central_settings() -> tuple[CentralSettings | None, str | None]:
    """The configured central store, and why it cannot be used (then None)."""
    try:
        return load_settings(), None
    except CentralError as exc:
        return None, str(exc)


class BackgroundSync(QObject):
    """Sends the outbox now and then, one sync at a time; ``changed`` carries the words to show."""

    changed = Signal(str)

    def __init__(self, folder: Path, parent: QObject | None = None, *, check_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.folder = folder
        self.settings, self.problem = central_settings()
        self.running = False
        self.status: SyncStatus | None = None
        self.text = ""
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.maybe_sync)
        if self.configured:
            self.timer.start()

    @property
    def configured(self) -> bool:
        return self.settings is not None or self.problem is not None

    def soon(self) -> None:
        """A record was finished: send it shortly (if not failing)."""
        if self.settings is not None:
            QTimer.singleShot(AFTER_FINISH_MS, self.maybe_sync)

    def maybe_sync(self, force: bool = False) -> bool:
        """Start a sync if one is due; returns whether one started."""
        settings = self.settings
        if settings is None:
            if self.problem:
                self._show(f"Central store: {self.problem}")
            return False
        if self.running:
            return False
        folder = self.folder

        def due() -> bool:
            try:
                return sync_status(folder).due()
            except StorageError:
                return False

        if not force and not due():
            self.refresh()
            return False
        self.running = True

        def work() -> SyncStatus:
            sync(settings, folder)
            return sync_status(folder)

        run_off_gui(self, "central-sync", work, self._done, self._failed)
        return True

    def refresh(self) -> None:
        try:
            self._done_status(sync_status(self.folder))
        except StorageError as exc:
            self._show(f"Central store: the records database cannot be read ({exc}).")

    def _done(self, status: object) -> None:
        self.running = False
        if isinstance(status, SyncStatus):
            self._done_status(status)

    def _failed(self, message: str) -> None:
        self.running = False
        self._show(f"Central store: the sync could not run ({message}). Records stay safe on this computer.")

    def _done_status(self, status: SyncStatus) -> None:
        self.status = status
        self._show(status.describe())

    def _show(self, text: str) -> None:
        self.text = text
        self.changed.emit(text)


def sync_label(background: BackgroundSync, parent: QWidget | None = None) -> QLabel:
    """The status bar's plain words about the central store (hidden when none is configured)."""
    label = plain(QLabel(parent))
    label.setWordWrap(False)
    label.setObjectName("syncStatus")
    label.setAccessibleName("Central store")
    background.changed.connect(label.setText)
    label.setVisible(background.configured)
    return label
