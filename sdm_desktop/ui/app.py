"""Starting the windows: the application object, the main window or the preview, --quit-after-load."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ..config import Config
from ..grids.library import Library
from ..grids.store import LibraryStore, PreviewSource
from .kit.settings import open_settings
from .kit.theme import setup_application
from .record import print_temp
from .window.crash import CrashHandler
from .window.folders import library_folders
from .window.main_window import MainWindow
from .window.preview import PreviewWindow

PAINT_TIMEOUT_MS = 60_000


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
        app.setApplicationName("SDM Desktop")
        app.setOrganizationName("SDM Desktop")
        setup_application(app)
    return app


class PaintedThenQuit(QObject):
    """Quits with 0 at the first paint of ``widget`` after ``arm()``; records why not otherwise."""

    def __init__(self, app: QApplication, widget: QWidget) -> None:
        super().__init__(widget)
        self.app = app
        self.widget = widget
        self.armed = False
        self.code = 0
        widget.installEventFilter(self)

    def arm(self, code: int) -> None:
        self.armed = True
        self.code = code
        self.widget.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and watched is self.widget and event.type() == QEvent.Type.Paint:
            self.armed = False
            QTimer.singleShot(0, lambda: self.app.exit(self.code))
        return False


def library_failures(library: Library) -> list[str]:
    lines = [f"library folder not found: {folder}" for folder in library.missing_folders]
    lines += [f.format() for lf in library.problems for f in lf.findings if f.severity.value == "error"]
    return lines


def run_gui(args: argparse.Namespace) -> int:
    app = create_application()
    print_temp.sweep()  # print copies left behind by a crash hold patient details
    config, problem = Config.load()
    store = LibraryStore(library_folders(config))
    window = MainWindow(store, config, open_settings(), data_folder=getattr(args, "data_dir", None))
    crash = CrashHandler(lambda: window)
    crash.install()
    try:
        if problem:
            window.statusBar().showMessage(problem)
        if getattr(args, "quit_after_load", False):
            return _quit_after_load(app, window)
        window.show()
        window.start_loading()
        return app.exec()
    finally:
        crash.uninstall()


def _quit_after_load(app: QApplication, window: MainWindow) -> int:
    quitter = PaintedThenQuit(app, window)
    failures: list[str] = []

    def loaded() -> None:
        if window.load_error:
            failures.append(f"the library could not be loaded: {window.load_error}")
        elif window.library is not None:
            failures.extend(library_failures(window.library))
        quitter.arm(1 if failures else 0)

    def timed_out() -> None:
        failures.append(f"the window was not painted within {PAINT_TIMEOUT_MS // 1000} s")
        app.exit(1)

    window.libraryLoaded.connect(loaded)
    QTimer.singleShot(PAINT_TIMEOUT_MS, timed_out)
    window.show()
    window.start_loading()
    code = app.exec()
    window.close()
    for line in failures:
        print(f"sdm-desktop: {line}", file=sys.stderr)
    if code == 0:
        print("sdm-desktop: loaded and painted the window.", file=sys.stderr)
    return code


def run_preview(path: Path, *, quit_after_load: bool = False) -> int:
    from ..grids.command import default_folders

    app = create_application()
    window = PreviewWindow(PreviewSource(path, default_folders()))
    crash = CrashHandler(lambda: window)
    crash.install()
    try:
        window.show()
        window.reload()
        if quit_after_load:
            PaintedThenQuit(app, window).arm(0)
        return app.exec()
    finally:
        crash.uninstall()
