"""The draft record behind the capture panel: autosave, finalise, resume, amend.

Every edit replaces the draft (a frozen :class:`Record`) and starts a short
timer; when it fires, the draft — with what the session knows merged in — is
saved. A failure never loses anything: the draft stays in memory, the store
keeps a copy in the recovery folder, and ``problem`` carries the message for
the window's banner. With no database at all, drafts go straight to the
recovery folder and come back into the database the next time it opens.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ...config import Config
from ...consult import edits
from ...consult.draft import has_content, new_record, session_state, with_session
from ...consult.edits import Edit
from ...grids.model import OptionGrid, RiskScore
from ...records import recovery
from ...records.errors import DatabaseCorrupt, RecordIncomplete, StorageError
from ...records.location import data_dir, recovery_dir
from ...records.model import Record
from ...records.store import DraftSummary, RecordStore, set_aside_damaged
from ...records.upgrade import needs_upgrade, upgrade
from ...records.versioning import DraftChanged
from ..grid.controller import SessionController
from ..kit.worker import run_off_gui

UPGRADE_START = "Upgrading the records database for this version. The window can be used meanwhile."
DEBOUNCE_MS = 250
BUSY_TIMEOUT = 0.5  # seconds to wait for another program's write lock; the window must not freeze for long


def upgrade_words(what: str, done: int, total: int) -> str:
    """'Updating the records database (step 3 of 3): 1,200 of 30,000 (4%). The window can be used meanwhile.'"""
    share = f" ({100 * done // total}%)" if total else ""
    return f"{what}: {done:,} of {total:,}{share}. The window can be used meanwhile."


class RecordController(QObject):
    recordChanged = Signal()  # another record is now the current one (new, resumed, amended)
    saved = Signal()
    problem = Signal(str)  # a storage problem to show; "" when it is over
    finalised = Signal(object)  # the final Record
    conflict = Signal(object)  # a DraftChanged: the draft was saved elsewhere; both texts to show
    notice = Signal(str)  # how the upgrade of the database is going; "" when it is over

    def __init__(
        self,
        session: SessionController,
        config: Config,
        folder: str | os.PathLike[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.config = config
        self.folder: Path = data_dir(folder)
        self.store: RecordStore | None = None
        self.open_error: StorageError | None = None
        self.last_error: StorageError | None = None
        self.allow_test_numbers = False  # training sessions use the 999 range
        self.record: Record = new_record(config)
        self.final: Record | None = None  # the record just finished: shown, not edited
        self.saved_once = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.flush)
        self._restoring = False
        self.draft_conflict: DraftChanged | None = None  # saving waits until the person chooses
        self.upgrading: str | None = None  # what the upgrade is doing, while it runs
        self._open()
        for signal in (session.gridChanged, session.riskChanged, session.questionsChanged):
            signal.connect(self._session_changed)
        session.discussedChanged.connect(lambda *_: self._session_changed())

    # -- the database --------------------------------------------------------------
    def _open(self) -> None:
        """Open the database; one written by an older version is upgraded off the GUI thread first."""
        if self.upgrading is None and needs_upgrade(self.folder):
            self._start_upgrade()
            return
        try:
            self.store = RecordStore.open(self.folder, busy_timeout=BUSY_TIMEOUT)
            self.open_error = None
        except StorageError as exc:
            self.store = None
            self.open_error = exc

    def _start_upgrade(self) -> None:
        """Upgrade with progress on a worker; what is typed meanwhile waits in the recovery folder."""
        self.upgrading = UPGRADE_START
        self.notice.emit(self.upgrading)
        shown = [-1]

        def progress(what: str, done: int, total: int) -> None:  # on the worker thread
            percent = 100 * done // total if total else 0
            if percent != shown[0]:
                shown[0] = percent
                self.notice.emit(upgrade_words(what, done, total))

        def work() -> StorageError | None:
            try:
                upgrade(self.folder, progress)
            except StorageError as exc:
                return exc
            return None

        run_off_gui(self, "records-upgrade", work, self._upgraded, lambda text: self._upgraded(StorageError(text)))

    def _upgraded(self, error: object) -> None:
        self.upgrading = None
        if isinstance(error, StorageError):
            self.store, self.open_error = None, error
        else:
            self._open()
        self.notice.emit("")
        if self.store is not None and self.saved_once:
            self.flush()

    def open_problem(self) -> str | None:
        """Why records cannot be saved in the database, for the banner; None when they can."""
        if self.upgrading is not None:
            return self.upgrading
        if self.open_error is None:
            return None
        return (
            f"Records cannot be saved in the database: {self.open_error.message} "
            f"What you type is kept in {recovery_dir(self.folder)} until it can be."
        )

    def can_set_aside(self) -> bool:
        """A damaged database, found at start-up or after an I/O error, may be set aside."""
        return isinstance(self.open_error, DatabaseCorrupt) or isinstance(self.last_error, DatabaseCorrupt)

    def start_new_database(self) -> str:
        """Move a damaged database aside (kept) and start a new one; returns what was done."""
        self.close_store()
        moved = set_aside_damaged(self.folder)
        self._open()
        if self.store is None:
            raise self.open_error or StorageError("The new database could not be started.")
        self.flush()
        return f"The damaged database was kept as {moved}; a new one was started."

    def may_close(self) -> bool:
        """Save now; True (and the database closed) unless the draft could be kept nowhere at all."""
        if not self.flush() and (self.last_error is None or self.last_error.recovered_to is None):
            return False
        self.close_store()
        return True

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    # -- editing -------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        return self.final is None

    def edit(self, change: Edit) -> None:
        """Apply a typed edit (see consult/edits.py) to the draft and save it shortly."""
        if self.final is not None:
            return
        self.record = change(self.record)
        self.schedule()

    def schedule(self) -> None:
        if self.final is None:
            self.timer.start()

    def _session_changed(self) -> None:
        if not self._restoring:
            self.schedule()

    def current(self) -> Record:
        """The record as it stands: the form's fields with the session merged in."""
        if self.final is not None:
            return self.final
        return with_session(self.record, self.session.session, self.session.scores)

    def flush(self) -> bool:
        """Save now (the timer calls this; so do closing and finishing). False if it could not be saved."""
        self.timer.stop()
        if self.final is not None:
            return True
        record = self.current()
        self.record = record
        if not self.saved_once and not has_content(record):
            return True  # an empty draft is not worth keeping
        try:
            if self.store is None or self.draft_conflict is not None:
                recovery.keep_draft(self.folder, record)  # kept safe until the person has chosen
                if self.draft_conflict is not None:
                    return False
            else:
                self.store.save_draft(record)
        except DraftChanged as exc:
            self.draft_conflict = exc
            self.conflict.emit(exc)
            return False
        except StorageError as exc:
            self.last_error = exc
            self.problem.emit(str(exc))
            return False
        self.saved_once = True
        if self.last_error is not None:
            self.last_error = None
            self.problem.emit("")
        self.saved.emit()
        return True

    # -- a draft saved elsewhere -------------------------------------------------------
    def keep_mine(self) -> str:
        """Save this window's draft over the other; the other is kept as a separate draft. Returns what was done."""
        found = self.draft_conflict
        if found is None or self.store is None:
            return ""
        mine = self.current()
        try:
            kept = self._keep_copy(found.theirs)
            self.store.save_draft(mine, overwrite=True)
        except StorageError as exc:
            return f"Nothing was changed: {exc} Your version is kept in {recovery_dir(self.folder)}."
        self.draft_conflict = None
        recovery.forget(self.folder, mine.record_id)
        self.saved.emit()
        return "Your version was saved." + (f" The other version is kept as a separate draft ({kept})." if kept else "")

    def keep_theirs(self, grid: OptionGrid | None, scores: Mapping[str, RiskScore]) -> str:
        """Show the other version; this window's draft is kept as a separate draft. Returns what was done."""
        found = self.draft_conflict
        if found is None or found.theirs is None or self.store is None:
            return ""
        mine = self.current()
        try:
            kept = self._keep_copy(mine)
            latest = self.store.get_draft(found.theirs.record_id)  # known now at its latest revision
        except StorageError as exc:
            return f"Nothing was changed: {exc} Your version is kept in {recovery_dir(self.folder)}."
        self.draft_conflict = None
        recovery.forget(self.folder, mine.record_id)
        self.load(latest, grid, scores)
        return "The other version is shown." + (f" Yours is kept as a separate draft ({kept})." if kept else "")

    def _keep_copy(self, record: Record | None) -> str:
        """Save ``record`` as a new draft of its own; returns its patient or '' when there was nothing."""
        if record is None or self.store is None:
            return ""
        copy = replace(record, record_id=str(uuid.uuid4()))
        self.store.save_draft(copy)
        return copy.patient_id or "no patient given"

    def set_config(self, config: Config) -> None:
        """New preferences: the clinician's name and role go into the draft (not into an amendment)."""
        self.config = config
        if self.final is None and self.record.amends is None:
            self.edit(edits.clinician(config.clinician_name, config.clinician_role))

    # -- finishing -------------------------------------------------------------------
    def finalise(self) -> list[tuple[str, str]]:
        """Make the draft final; returns what must be put right first ([] when done)."""
        if self.final is not None:
            return []
        saved = self.flush()
        if self.store is None:
            return [("storage", self.open_problem() or "The records database cannot be used.")]
        record = self.record
        grid = self.session.grid
        options = (
            frozenset(o.id for o in grid.options)
            if grid is not None and record.aid and grid.id == record.aid.id
            else None
        )
        try:
            final = self.store.finalise(record, option_ids=options, allow_test_numbers=self.allow_test_numbers)
        except RecordIncomplete as exc:
            return list(exc.problems)
        except StorageError as exc:
            self.last_error = exc
            self.problem.emit(str(exc))
            return [("storage", str(exc))]
        if not saved:
            self.last_error = None
            self.problem.emit("")
        self.final = final
        self.finalised.emit(final)
        return []

    # -- which record ----------------------------------------------------------------
    def new_consultation(self) -> None:
        """Keep the current draft (saved) and start afresh."""
        self.flush()
        self.record = new_record(self.config)
        self.final = None
        self.saved_once = False
        self._restoring = True
        try:
            self.session.clear()
        finally:
            self._restoring = False
        self.recordChanged.emit()

    def load(self, record: Record, grid: OptionGrid | None, scores: Mapping[str, RiskScore]) -> None:
        """Make ``record`` (a resumed or amended draft) current, with ``grid`` (its aid) open."""
        if self.final is None and record.record_id != self.record.record_id:
            self.flush()
        self.record = record
        self.final = None
        self.saved_once = True
        state = session_state(record, grid)
        self._restoring = True
        try:
            self.session.restore(grid, scores, state.discussed, state.risk_values, state.questions)
        finally:
            self._restoring = False
        self.recordChanged.emit()

    def drafts(self) -> list[DraftSummary]:
        """Drafts to offer for resuming (not the one on screen)."""
        if self.store is None:
            return []
        try:
            found = self.store.drafts()
        except StorageError as exc:
            self.problem.emit(str(exc))
            return []
        return [d for d in found if d.record_id != self.record.record_id]

    def discard(self, record_id: str) -> None:
        if self.store is not None:
            self.store.discard_draft(record_id)

    def amend(self, record_id: str, reason: str = "") -> Record:
        """A draft of the next version of a final record (raises StorageError)."""
        if self.store is None:
            raise self.open_error or StorageError("The records database cannot be used.")
        by = ", ".join(p for p in (self.config.clinician_name, self.config.clinician_role) if p.strip())
        return self.store.amend(record_id, by=by or "unknown", reason=reason)
