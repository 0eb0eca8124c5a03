"""The window's record handlers: new consultation, finish, resume, amend, past records.

A mixin for :class:`~.main_window.MainWindow`, so the action table can name
these handlers while the window's own module stays about composing panels.
Every storage or output failure is shown in the window (banner, status bar or
a non-modal message); none reaches the screen as a traceback.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QMessageBox, QWidget

from ..grids.model import OptionGrid
from ..records.errors import StorageError
from ..records.model import Record
from .capture_model import has_content
from .capture_panel import CapturePanel
from .record_controller import RecordController
from .record_frame import RecordScroll, StorageBanner
from .resume_dialog import ResumeDialog
from .summary_actions import SummaryMixin

if TYPE_CHECKING:
    from .window_parts import WindowParts as _Base
else:
    _Base = object


class RecordingMixin(SummaryMixin, _Base):
    """Handlers named in the action table for recording the consultation."""

    def _build_recording(self, data_folder: str | os.PathLike[str] | None) -> None:
        """The draft's controller, the Record dock and the storage banner (called while composing the window)."""
        self.records = RecordController(self.controller, self.config, data_folder, self)
        self.capture = CapturePanel(self.records, self.controller)
        scroll = RecordScroll()
        scroll.setObjectName("recordScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.capture)
        self.record_dock = self._dock("Record", "recordDock", scroll, Qt.DockWidgetArea.RightDockWidgetArea)
        self.banner = StorageBanner()

    def _setup_recording(self) -> None:
        self.resume_dialog: ResumeDialog | None = None
        self.confirm_new: QMessageBox | None = None
        self.extra_windows: list[QWidget] = []
        self._amend_reasons: dict[str, str] = {}
        self._resume_offered = False
        self.records.problem.connect(self._storage_problem)
        self.controller.gridChanged.connect(self.record_dock.widget().updateGeometry)  # the options change its width
        self.records.finalised.connect(lambda _r: self.statusBar().showMessage(
            "Record finished. Print or save its summary, or start a new consultation (Ctrl+N)."))
        self.capture.finishRequested.connect(self.finish_record)
        self.capture.questionsRequested.connect(lambda: self.toggle_prompts(True))
        self.banner.new_database.clicked.connect(self._start_new_database)
        problem = self.records.open_problem()
        if problem:
            self.banner.say(problem, offer_new_database=self.records.can_set_aside())

    # -- storage problems ------------------------------------------------------------
    def _storage_problem(self, message: str) -> None:
        if message:
            self.banner.say(message)
            self.statusBar().showMessage("The record could not be saved to the database; see the message at the top.")
        else:
            self.banner.say(self.records.open_problem() or "", offer_new_database=self.records.can_set_aside())
            self.statusBar().showMessage("The record is saved again.", 5000)

    def _start_new_database(self) -> None:
        try:
            done = self.records.start_new_database()
        except StorageError as exc:
            self.banner.say(str(exc), offer_new_database=self.records.can_set_aside())
            return
        self.banner.say("")
        self.statusBar().showMessage(done)

    # -- which record -------------------------------------------------------------------
    def offer_resume(self) -> ResumeDialog | None:
        """If drafts are waiting, list them (non-modal): Resume, Discard or Later."""
        drafts = self.records.drafts()
        if not drafts:
            return None
        dialog = ResumeDialog(drafts, self)
        dialog.resumeRequested.connect(self.resume_draft)
        dialog.discardRequested.connect(self._discard_draft)
        dialog.open()
        self.resume_dialog = dialog
        return dialog

    def _offer_resume_once(self) -> None:
        if not self._resume_offered:
            self._resume_offered = True
            if self.settings.value("window/state") is None:  # first start: room for the whole form
                self.fit_record_dock()
            self.offer_resume()

    def resume_draft(self, record_id: str) -> bool:
        store = self.records.store
        if store is None:
            return False
        try:
            record = store.get_draft(record_id)
        except StorageError as exc:
            self._tell("The record cannot be resumed", str(exc))
            return False
        self._load_record(record)
        return True

    def _discard_draft(self, record_id: str) -> None:
        try:
            self.records.discard(record_id)
        except StorageError as exc:
            self._tell("The record was not discarded", str(exc))

    def grid_for(self, record: Record) -> OptionGrid | None:
        """The aid ``record`` used, as the library has it now."""
        if record.aid is None:
            return None
        grid = self.controller.grid
        if grid is not None and grid.id == record.aid.id:
            return grid
        if self.library is None:
            return None
        return next(iter(self.library.grids_with_id(record.aid.id)), None)

    def _load_record(self, record: Record) -> None:
        grid = self.grid_for(record)
        self.records.load(record, grid, self.library.scores if self.library else {})
        if grid is not None:
            self.stack.setCurrentIndex(1)
            self.setWindowTitle(f"{grid.title} – SDM Desktop")
        elif record.aid is not None:
            self.statusBar().showMessage(f"The aid this record used ({record.aid.title or record.aid.id}) is not "
                                         "in the library; the rest of the record is shown.")
        self.record_dock.show()
        self._update_actions()

    def new_consultation(self) -> QMessageBox | None:
        """Start afresh; asks first when the draft on screen has content (it stays saved as a draft)."""
        if self.records.final is None and has_content(self.records.current()):
            box = QMessageBox(QMessageBox.Icon.Question, "Start a new consultation?",
                              "Start a new consultation? What is recorded for this patient stays saved as an "
                              "unfinished record, and can be resumed later.",
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setObjectName("confirmNewConsultation")
            box.button(QMessageBox.StandardButton.Yes).setText("Start new")
            box.button(QMessageBox.StandardButton.No).setText("Stay")
            box.finished.connect(lambda _r: self._new_answered(box))
            box.open()
            self.confirm_new = box
            return box
        self._start_new()
        return None

    def _new_answered(self, box: QMessageBox) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self._start_new()
        box.deleteLater()
        self.confirm_new = None

    def _start_new(self) -> None:
        self.records.new_consultation()
        self.show_library()
        self.statusBar().showMessage("New consultation: choose a decision aid.")

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
        self.resizeDocks([self.record_dock], [self.record_dock.widget().sizeHint().width()], Qt.Orientation.Horizontal)

    # -- other record windows -------------------------------------------------------------------
    def amend_record(self, record_id: str) -> Record | None:
        try:
            draft = self.records.amend(record_id, self._amend_reasons.pop(record_id, ""))
        except StorageError as exc:
            self._tell("The record cannot be amended", str(exc))
            return None
        self._load_record(draft)
        self.statusBar().showMessage("Amending the record: change what is needed, say why, then finish it.")
        return draft

    def _records_window(self, title: str) -> bool:
        if self.records.store is None:
            self._tell(title, self.records.open_problem() or "The records database cannot be used.")
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
        try:
            from .history_window import HistoryWindow
        except ImportError:
            self._tell("Past records", "Past records is not available in this version.")
            return None

        assert self.records.store is not None
        window = HistoryWindow(self.records.store, self)
        window.amendReasonGiven.connect(self._amend_reasons.__setitem__)
        window.amendRequested.connect(self.amend_record)
        window.reprintRequested.connect(self.reprint_record)
        return self._show_extra(window)

    def show_quality(self) -> QWidget | None:
        if not self._records_window("Decision quality"):
            return None
        try:
            from .quality_view import QualityView
        except ImportError:
            self._tell("Decision quality", "Decision quality is not available in this version.")
            return None

        assert self.records.store is not None
        return self._show_extra(QualityView(self.records.store, self))

    def show_export(self) -> QWidget | None:
        if not self._records_window("Export records") or self.library is None:
            return None
        try:
            from .export_dialog import ExportDialog
        except ImportError:
            self._tell("Export records", "Export records is not available in this version.")
            return None

        assert self.records.store is not None
        return self._show_extra(ExportDialog(self.records.store, self.library, self))
