"""The window's record handlers: new consultation, finish, resume, amend, past records, the storage banner.

A plain object the window composes and the action table calls. Every storage
or output failure is shown in the window (banner, status bar or a non-modal
message); none reaches the screen as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMessageBox, QWidget

from ...consult.draft import aid_grid, has_content
from ...grids.model import OptionGrid
from ...records.errors import StorageError
from ...records.model import Record
from ...records.names import Names
from ...records.versioning import DraftChanged
from ..grid.controller import SessionController
from ..history.export_dialog import ExportDialog
from ..history.history_window import HistoryWindow
from ..history.quality_view import QualityView
from ..kit.messages import confirm
from ..record.capture_panel import CapturePanel
from ..record.record_controller import RecordController
from ..record.record_frame import StorageBanner
from ..record.resume_dialog import ResumeDialog
from .context import WindowContext
from .draft_conflict import DraftConflictDialog
from .sync_status import BackgroundSync, sync_label


class RecordActions:
    """Recording the consultation, for the action table and the Record panel's buttons."""

    def __init__(
        self,
        ctx: WindowContext,
        controller: SessionController,
        records: RecordController,
        capture: CapturePanel,
        record_dock: QDockWidget,
        banner: StorageBanner,
        *,
        show_library: Callable[[], None],
        show_grid: Callable[[OptionGrid], None],
        reprint: Callable[[str], object],
        toggle_prompts: Callable[[bool], None],
        update_actions: Callable[[], None],
    ) -> None:
        self.ctx = ctx
        self.controller = controller
        self.records = records
        self.capture = capture
        self.record_dock = record_dock
        self.banner = banner
        self._show_library = show_library
        self._show_grid = show_grid
        self._update_actions = update_actions
        self._reprint = reprint
        self.resume_dialog: ResumeDialog | None = None
        self.after_resume: Callable[[str], None] = lambda _record_id: None  # back to the draft's view
        self.confirm_new: QMessageBox | None = None
        self.extra_windows: list[QWidget] = []
        self._amend_reasons: dict[str, str] = {}
        self._resume_offered = False
        records.problem.connect(self._storage_problem)
        dock_widget = record_dock.widget()
        controller.gridChanged.connect(dock_widget.updateGeometry)  # the options change its width
        records.finalised.connect(
            lambda _r: ctx.status("Record finished. Print or save its summary, or start a new consultation (Ctrl+N).")
        )
        capture.finishRequested.connect(self.finish_record)
        # the central store, when IT has set one up: its state in the status bar, and a sync now and then
        self.background_sync = BackgroundSync(records.folder, ctx.window)
        self.sync_label = sync_label(self.background_sync)
        ctx.window.statusBar().addPermanentWidget(self.sync_label)
        records.finalised.connect(lambda _r: self.background_sync.soon())
        QTimer.singleShot(0, self.background_sync.maybe_sync)
        capture.questionsRequested.connect(lambda: toggle_prompts(True))
        banner.new_database.clicked.connect(self._start_new_database)
        records.conflict.connect(self._draft_conflict)
        records.notice.connect(
            lambda text: banner.say(text or records.open_problem() or "", offer_new_database=records.can_set_aside())
        )
        self.conflict_dialog: DraftConflictDialog | None = None
        problem = records.open_problem()
        if problem:
            banner.say(problem, offer_new_database=records.can_set_aside())

    # -- storage problems ------------------------------------------------------------
    def _storage_problem(self, message: str) -> None:
        if message:
            self.banner.say(message, offer_new_database=self.records.can_set_aside())
            self.ctx.status("The record could not be saved to the database; see the message at the top.")
        else:
            self.banner.say(self.records.open_problem() or "", offer_new_database=self.records.can_set_aside())
            self.ctx.status("The record is saved again.", 5000)

    def _draft_conflict(self, found: DraftChanged) -> None:
        """Show both versions and let the person choose; nothing is saved over either until then."""
        if self.conflict_dialog is not None and self.conflict_dialog.isVisible():
            return
        self.banner.say(found.message)

        def settled(done: str) -> None:
            self.banner.say(self.records.open_problem() or "", offer_new_database=self.records.can_set_aside())
            if done:
                self.ctx.status(done, 10_000)

        def theirs() -> None:
            grid = self.grid_for(found.theirs) if found.theirs is not None else None
            library = self.ctx.library()
            settled(self.records.keep_theirs(grid, library.scores if library is not None else {}))

        self.conflict_dialog = DraftConflictDialog(
            found, Names(self.ctx.library()), lambda: settled(self.records.keep_mine()), theirs, self.ctx.window
        )
        self.conflict_dialog.open()

    def _start_new_database(self) -> None:
        try:
            done = self.records.start_new_database()
        except StorageError as exc:
            self.banner.say(str(exc), offer_new_database=self.records.can_set_aside())
            return
        self.banner.say("")
        self.ctx.status(done)

    # -- which record -------------------------------------------------------------------
    def offer_resume(self) -> ResumeDialog | None:
        """If drafts are waiting, list them (non-modal): Resume, Discard or Later."""
        drafts = self.records.drafts()
        if not drafts:
            return None
        dialog = ResumeDialog(drafts, self.ctx.window)
        dialog.resumeRequested.connect(self.resume_draft)
        dialog.discardRequested.connect(self._discard_draft)
        dialog.open()
        self.resume_dialog = dialog
        return dialog

    def offer_resume_once(self) -> None:
        if not self._resume_offered:
            self._resume_offered = True
            if self.ctx.settings.value("window/state") is None:  # first start: room for the whole form
                self.fit_record_dock()
            self.offer_resume()

    def resume_draft(self, record_id: str) -> bool:
        store = self.records.store
        if store is None:
            return False
        try:
            record = store.get_draft(record_id)
        except StorageError as exc:
            self.ctx.tell("The record cannot be resumed", str(exc))
            return False
        self._load_record(record)
        self.after_resume(record_id)
        return True

    def _discard_draft(self, record_id: str) -> None:
        try:
            self.records.discard(record_id)
        except StorageError as exc:
            self.ctx.tell("The record was not discarded", str(exc))

    def grid_for(self, record: Record) -> OptionGrid | None:
        """The aid ``record`` used, as the library has it now."""
        return aid_grid(record, self.controller.grid, self.ctx.library())

    def _load_record(self, record: Record) -> None:
        grid = self.grid_for(record)
        library = self.ctx.library()
        self.records.load(record, grid, library.scores if library else {})
        if grid is not None:
            self._show_grid(grid)
        elif record.aid is not None:
            self.ctx.status(
                f"The aid this record used ({record.aid.title or record.aid.id}) is not "
                "in the library; the rest of the record is shown."
            )
        self.record_dock.show()
        self._update_actions()

    def new_consultation(self) -> QMessageBox | None:
        """Start afresh; asks first when the draft on screen has content (it stays saved as a draft)."""
        if self.records.final is None and has_content(self.records.current()):
            self.confirm_new = confirm(
                self.ctx.window,
                "Start a new consultation?",
                "Start a new consultation? What is recorded for this patient stays saved as an "
                "unfinished record, and can be resumed later.",
                yes="Start new",
                no="Stay",
                on_yes=self._start_new,
                name="confirmNewConsultation",
                on_done=self._new_answered,
            )
            return self.confirm_new
        self._start_new()
        return None

    def _new_answered(self) -> None:
        self.confirm_new = None

    def _start_new(self) -> None:
        self.records.new_consultation()
        self._show_library()
        self.ctx.status("New consultation: choose a decision aid.")

    def finish_record(self) -> list[tuple[str, str]]:
        problems = self.records.finalise()
        self.capture.show_problems(problems)
        if problems:
            self.record_dock.show()
        return problems

    def toggle_record(self, visible: bool) -> None:
        self.record_dock.setVisible(visible)

    def fit_record_dock(self) -> None:
        """Make the Record panel as wide as its form needs."""
        self.ctx.window.resizeDocks(
            [self.record_dock], [self.record_dock.widget().sizeHint().width()], Qt.Orientation.Horizontal
        )

    # -- other record windows -------------------------------------------------------------------
    def amend_record(self, record_id: str) -> Record | None:
        try:
            draft = self.records.amend(record_id, self._amend_reasons.pop(record_id, ""))
        except StorageError as exc:
            self.ctx.tell("The record cannot be amended", str(exc))
            return None
        self._load_record(draft)
        self.ctx.status("Amending the record: change what is needed, say why, then finish it.")
        return draft

    def _records_window(self, title: str) -> bool:
        if self.records.store is None:
            self.ctx.tell(title, self.records.open_problem() or "The records database cannot be used.")
            return False
        return True

    def _show_extra(self, widget: QWidget) -> QWidget:
        if not widget.isWindow():
            widget.setWindowFlag(Qt.WindowType.Window, True)
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        widget.destroyed.connect(lambda *_: self.extra_windows.remove(widget) if widget in self.extra_windows else None)
        self.extra_windows.append(widget)
        widget.show()
        widget.raise_()
        return widget

    def show_history(self) -> QWidget | None:
        if not self._records_window("Past records"):
            return None
        assert self.records.store is not None
        window = HistoryWindow(self.records.store, self.ctx.window, central=self.background_sync.settings)
        window.amendReasonGiven.connect(self._amend_reasons.__setitem__)
        window.amendRequested.connect(self.amend_record)
        window.reprintRequested.connect(self._reprint)
        return self._show_extra(window)

    def show_quality(self) -> QWidget | None:
        if not self._records_window("Decision quality"):
            return None
        assert self.records.store is not None
        central = self.background_sync.settings
        return self._show_extra(QualityView(self.records.store, self.ctx.window, central=central))

    def show_export(self) -> QWidget | None:
        library = self.ctx.library()
        if not self._records_window("Export records") or library is None:
            return None
        assert self.records.store is not None
        return self._show_extra(ExportDialog(self.records.store, library, self.ctx.window))
