"""The consultation window: composes the pages, docks and action objects, and binds the action table.

The window owns the pages (library, grid, document) and the docks; recording
is :class:`~.record_actions.RecordActions` and the summary is
:class:`~.summary_actions.SummaryActions`, plain objects given what they need.
:meth:`MainWindow.handlers` names the callable behind every row of the action table.
"""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QVBoxLayout, QWidget

from ...config import Config
from ...consult.draft import aid_grid
from ...grids.library import Library
from ...grids.model import Document, OptionGrid
from ...grids.store import LibraryStore
from ...records.model import Record
from ..grid.controller import SessionController
from ..grid.grid_view import TAB_GRID
from ..grid.prompts_panel import PromptsPanel
from ..kit.inputs import install_wheel_guard
from ..kit.messages import tell
from ..kit.settings import read_bool
from ..kit.theme import CONTENT_SCALE, PATIENT_SCALE, apply_palette, scaled_font
from ..kit.worker import run_off_gui
from ..library.problems import ProblemsPanel
from ..record.capture_panel import CapturePanel
from ..record.record_controller import RecordController
from ..record.record_frame import RecordScroll, StorageBanner
from .actions import ACTIONS, Handler, build_actions, install_actions
from .context import WindowContext
from .docks import add_dock, restore_layout, save_layout, set_checked_quietly, sync_dock_actions
from .draft_view import DraftViews
from .folders import library_folders
from .help import open_help
from .keyboard import ConsultationTabOrder, bring_dock_forward, focus_first, open_menu_bar, panel_first_field
from .pages import PAGE_GRID, PAGE_LIBRARY, Pages
from .patient_mode import PatientBar, PatientMode
from .preferences import PreferencesOpener
from .record_actions import RecordActions
from .summary_actions import SummaryActions
from .view_scale import ViewScale
from .watcher import LibraryWatcher


class MainWindow(QMainWindow):
    libraryLoaded = Signal()

    def __init__(
        self,
        store: LibraryStore,
        config: Config,
        settings: QSettings,
        today: dt.date | None = None,
        parent: QWidget | None = None,
        *,
        data_folder: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("SDM Desktop")
        self.setObjectName("mainWindow")
        install_wheel_guard()  # the wheel never changes a value (kit/inputs.py)
        self.store = store
        self.config = config
        self.settings = settings
        self.today = today or dt.date.today()
        self.library: Library | None = None
        self.loading = False
        self.load_error: str | None = None
        self.controller = SessionController(parent=self)
        self.view_scale = ViewScale(settings, self.apply_zoom, lambda on: apply_palette(self, on))
        self.preferences = PreferencesOpener(self, lambda: self.config, self._preferences_saved)
        self.message: QMessageBox | None = None

        # pages
        self.stack = Pages(self.controller, self.today)
        self.library_panel, self.grid_view = self.stack.library_panel, self.stack.grid_view
        self.patient_bar = PatientBar()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.patient_bar)
        # the draft behind the Record dock, and the storage banner
        self.records = RecordController(self.controller, self.config, data_folder, self)
        self.capture = CapturePanel(self.records, self.controller)
        self.record_dock = add_dock(
            self, "Record", "recordDock", RecordScroll(self.capture), Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.banner = StorageBanner()
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # docks
        self.prompts = PromptsPanel(self.controller)
        self.prompts_dock = add_dock(
            self, "Question prompts", "promptsDock", self.prompts, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.problems = ProblemsPanel()
        self.problems_dock = add_dock(
            self, "Problems in the library", "problemsDock", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea
        )

        # the action objects, then actions, menus, toolbar
        ctx = WindowContext(self, settings, self.today, lambda: self.library, self.tell)
        self.summary = SummaryActions(ctx, self.records, self.capture, lambda: self.patient_mode.active, self.grid_for)
        self.recording = RecordActions(
            ctx,
            self.controller,
            self.records,
            self.capture,
            self.record_dock,
            self.banner,
            show_library=self.show_library,
            show_grid=self._show_grid,
            reprint=self.summary.reprint_record,
            toggle_prompts=self.toggle_prompts,
            update_actions=self._update_actions,
        )
        self.actions_by_id: dict[str, QAction] = build_actions(self, self.handlers())
        self.toolbar = install_actions(self, self.actions_by_id)
        self.prompts_dock.visibilityChanged.connect(self._sync_dock_actions)
        self.problems_dock.visibilityChanged.connect(self._sync_dock_actions)
        self.record_dock.visibilityChanged.connect(self._sync_dock_actions)

        self.patient_mode = PatientMode(
            self, self.patient_bar, lambda: [self.menuBar(), self.toolbar, self.problems_dock, self.statusBar()], self
        )
        self.patient_mode.changed.connect(self._patient_mode_changed)
        self.patient_mode.changed.connect(self.capture.collaborate_entry.set_patient_mode)
        self.patient_bar.prompts_button.toggled.connect(self.toggle_prompts)  # brought to the front, not behind Record
        self._prompts_before_patient = False
        self.watcher = LibraryWatcher(self)
        self.watcher.changed.connect(self.refresh_library)
        self.library_panel.openRequested.connect(self.open_path)
        self.draft_views = DraftViews(settings, self.records, self.grid_view.tabs, self.patient_mode, self.recording)
        self.tab_order = ConsultationTabOrder(self.grid_view.risk.form, self.capture)
        self.tab_order.follow(self.controller.gridChanged, self.libraryLoaded)
        self.capture.saveRequested.connect(self.summary.save_summary_pdf)

        self._restore()
        self._update_actions()
        self.apply_zoom()
        apply_palette(self, self.view_scale.high_contrast)
        self.statusBar().showMessage("Loading the library…")
        self.library_panel.search.setFocus()  # typing at start finds an aid

    # -- loading ---------------------------------------------------------
    def load_library(self) -> Library:
        """Load everything now, on this thread."""
        self.set_library(self.store.load())
        assert self.library is not None
        return self.library

    def start_loading(self) -> None:
        """Load on a worker thread (the window stays responsive); ``libraryLoaded`` when done."""
        self.loading = True
        run_off_gui(self, "library-loader", self.store.load, self.set_library, self._load_failed)

    def _load_failed(self, message: str) -> None:
        self.loading = False
        self.load_error = message
        self.statusBar().showMessage(f"The library could not be loaded ({message}).")
        self.libraryLoaded.emit()

    def set_library(self, library: Library) -> None:
        self.loading = False
        self.library = library
        self.library_panel.set_library(library, self.today)
        self.problems.set_library(library)
        self.prompts.set_prompt_sets(library.prompt_sets)
        self.capture.set_measures(library.prompt_sets)
        self.watcher.watch([*self.store.watch_folders(), *self.store.paths()])
        self._reopen_current(library)
        bad = len(library.problems)
        self.statusBar().showMessage(
            f"{self.library_panel.model.total} decision aids loaded"
            + (f"; {bad} file{'s' if bad != 1 else ''} with problems (View ▸ Problems)" if bad else "")
        )
        if bad and not self.patient_mode.active:
            self.problems_dock.show()
        self.libraryLoaded.emit()
        self.recording.offer_resume_once()

    def refresh_library(self) -> None:
        if self.loading:
            return
        self.set_library(self.store.refresh())

    def _reopen_current(self, library: Library) -> None:
        grid = self.controller.grid
        if grid is None:
            return
        lf = library.file_for(grid.path)
        if lf is not None and lf.ok and isinstance(lf.document, OptionGrid):
            self.controller.open_grid(lf.document, library.scores)
        elif self.stack.currentIndex() == PAGE_GRID:
            self.statusBar().showMessage("The open file now has problems; the last good version is shown.")

    # -- opening -----------------------------------------------------------
    def open_path(self, path: str) -> bool:
        if self.library is None:
            return False
        lf = self.library.file_for(path)
        doc = lf.document if lf is not None else None
        if doc is None:
            return False
        if doc.metadata.expired(self.today):
            self.tell(
                "Not for patient use",
                f"“{doc.title}” is past its expiry date ({doc.metadata.hard_expiry}). "
                "It must be reviewed before it can be used with patients.",
            )
            return False
        return self.open_document(doc)

    def open_document(self, doc: Document) -> bool:
        if isinstance(doc, OptionGrid):
            self.controller.open_grid(doc, self.library.scores if self.library else {})
            self.grid_view.tabs.setCurrentIndex(TAB_GRID)
            self._show_grid(doc)
            self.grid_view.table.setFocus()
        else:
            self.stack.show_document(doc)
            self.setWindowTitle(f"{doc.title} – SDM Desktop")
        self._update_actions()
        return True

    def _show_grid(self, grid: OptionGrid) -> None:
        self.stack.setCurrentIndex(PAGE_GRID)
        self.setWindowTitle(f"{grid.title} – SDM Desktop")
        self.statusBar().showMessage(f"Open: {str(grid.title).rstrip('.')}")

    def grid_for(self, record: Record) -> OptionGrid | None:
        """The aid ``record`` used, as the library has it now."""
        return aid_grid(record, self.controller.grid, self.library)

    def tell(self, title: str, text: str) -> QMessageBox:
        """A non-modal message over the window (the last one is ``message``)."""
        self.message = tell(self, title, text)
        return self.message

    # -- the action table's handlers ---------------------------------------------------
    def handlers(self) -> dict[str, Handler]:
        """The callable behind each action id of the table (see actions.py)."""
        r, s, v = self.recording, self.summary, self.view_scale
        return {
            "new_consultation": r.new_consultation,
            "save_pdf": s.save_summary_pdf,
            "print": s.print_summary,
            "reload": self.reload_library,
            "preferences": self.preferences.show,
            "quit": self.close,
            "find": self.focus_search,
            "library": self.show_library,
            "risk": self.show_risk,
            "prompts": self.toggle_prompts,
            "zoom_in": v.zoom_in,
            "zoom_out": v.zoom_out,
            "zoom_reset": v.zoom_reset,
            "high_contrast": v.toggle_high_contrast,
            "problems": self.toggle_problems,
            "patient_mode": self.enter_patient_mode,
            "exit_patient_mode": self.request_exit_patient_mode,
            "finish_record": r.finish_record,
            "history": r.show_history,
            "quality": r.show_quality,
            "export": r.show_export,
            "record_panel": r.toggle_record,
            "go_record": self.go_record,
            "shortcuts": lambda: open_help(self),
            "about": lambda: open_help(self, self.records.folder),
            "menu_bar": lambda: open_menu_bar(self),
        }

    def reload_library(self) -> None:
        if not self.loading:
            self.set_library(self.store.load())

    def _preferences_saved(self, config: Config) -> None:
        self.config = config
        self.records.set_config(config)
        self.store.folders = library_folders(config)
        self.reload_library()

    def focus_search(self) -> None:
        self.show_library()
        self.library_panel.focus_search()

    def show_library(self) -> None:
        self.stack.setCurrentIndex(PAGE_LIBRARY)
        self.setWindowTitle("SDM Desktop")
        self._update_actions()

    def show_risk(self) -> None:
        if self.controller.grid is not None:
            self.stack.setCurrentIndex(PAGE_GRID)
            self.grid_view.show_risk()
            focus_first(self.tab_order.first_risk_field())

    def go_record(self) -> None:
        bring_dock_forward(self.record_dock, self.actions_by_id["record_panel"], panel_first_field(self.capture))

    def toggle_prompts(self, visible: bool) -> None:
        self.prompts_dock.setVisible(visible)
        if visible:
            self.prompts_dock.raise_()
            self.prompts.question.setFocus()

    def toggle_problems(self, visible: bool) -> None:
        self.problems_dock.setVisible(visible)

    def content_scale(self) -> float:
        return CONTENT_SCALE * self.view_scale.zoom * (PATIENT_SCALE if self.patient_mode.active else 1.0)

    def apply_zoom(self) -> None:
        """Text sizes follow the application font: content larger, scaled by zoom."""
        font = scaled_font(self.content_scale())
        self.stack.setFont(font)
        panel_font = scaled_font(self.view_scale.zoom * (PATIENT_SCALE if self.patient_mode.active else 1.0))
        self.prompts.setFont(panel_font)
        self.capture.setFont(panel_font)
        self.patient_bar.setFont(font)

    def enter_patient_mode(self) -> None:
        self.patient_mode.enter()

    def request_exit_patient_mode(self) -> QMessageBox | None:
        return self.patient_mode.request_exit()

    # -- state ---------------------------------------------------------------
    def _patient_mode_changed(self, active: bool) -> None:
        # The prompts make room for the grid; the patient bar's button brings them back.
        if active:
            self._prompts_before_patient = not self.prompts_dock.isHidden()
            self.prompts_dock.hide()
            self.patient_bar.prompts_button.setChecked(False)
        else:
            self.prompts_dock.setVisible(self._prompts_before_patient)
        self.grid_view.set_patient_mode(active)
        self._update_actions()
        self.apply_zoom()

    def _update_actions(self) -> None:
        patient = self.patient_mode.active
        for spec in ACTIONS:
            action = self.actions_by_id[spec.id]
            action.setEnabled(not (patient and spec.clinician_only))
        self.actions_by_id["exit_patient_mode"].setEnabled(patient)
        has_risk = self.controller.grid is not None and self.grid_view.tabs.isTabEnabled(1)
        self.actions_by_id["risk"].setEnabled(has_risk)

    def _sync_dock_actions(self) -> None:
        a = self.actions_by_id
        sync_dock_actions(
            self,
            (
                (self.prompts_dock, a["prompts"]),
                (self.problems_dock, a["problems"]),
                (self.record_dock, a["record_panel"]),
            ),
        )

    def _first_start_layout(self) -> None:
        self.problems_dock.hide()
        self.tabifyDockWidget(self.prompts_dock, self.record_dock)
        self.record_dock.raise_()

    def _restore(self) -> None:
        restore_layout(self, self.settings, self._first_start_layout)
        self.prompts_dock.setVisible(read_bool(self.settings, "view/prompts", True))
        set_checked_quietly(self.actions_by_id["high_contrast"], self.view_scale.high_contrast)
        self._sync_dock_actions()

    def save_state(self) -> None:
        if self.patient_mode.active:
            self.patient_mode.exit()
        save_layout(self, self.settings)
        self.view_scale.save()
        self.settings.setValue("view/prompts", not self.prompts_dock.isHidden())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.records.may_close():
            event.ignore()  # the draft could be kept nowhere: closing would lose what was typed
            return
        self.save_state()
        super().closeEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.ApplicationFontChange:
            self.apply_zoom()  # sizes are relative to the application font
        return handled
