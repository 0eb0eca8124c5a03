"""Shared set-up for the Record panel's tests (not a test module of its own).

A synthetic library (tests/library_support.py) plus the shipped SURE and
CollaboRATE documents, so their locked wording comes from the library as it
does in use.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from library_support import RISK_GRID, write_library

from sdm_desktop.paths import SHIPPED_LIBRARY

TODAY = dt.date(2026, 12, 1)
TEST_NHS = "943 476 5919"  # a test number (the 9 range): passes Modulus 11, belongs to nobody
BAD_CHECK_DIGIT = "943 476 5918"
CONSIDERATIONS = """considerations:
  - {id: avoid-stroke, text: Avoiding a stroke}
  - {id: avoid-tests, text: Not having blood tests}
personalise:"""


def write_capture_library(folder: Path) -> Path:
    write_library(folder)
    (folder / "thinning.yaml").write_text(RISK_GRID.replace("personalise:", CONSIDERATIONS, 1), encoding="utf-8")
    for name in ("sure-test.yaml", "collaborate.yaml"):
        shutil.copy(SHIPPED_LIBRARY / name, folder / name)
    return folder


def make_window(qtbot, library: Path, data: Path, *, name: str = "Dr Test", role: str = "GP"):  # type: ignore[no-untyped-def]
    from sdm_desktop.config import Config
    from sdm_desktop.grids.store import LibraryStore
    from sdm_desktop.ui.app import create_application
    from sdm_desktop.ui.kit.settings import open_settings
    from sdm_desktop.ui.window.main_window import MainWindow

    create_application()
    window = MainWindow(
        LibraryStore([library], TODAY),
        Config(clinician_name=name, clinician_role=role),
        open_settings(),
        today=TODAY,
        data_folder=data,
    )
    window.records.allow_test_numbers = True
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts need the active window, as on a real desktop
    qtbot.waitUntil(window.isActiveWindow)
    window.load_library()
    return window


def open_thinning(window) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in window.store.paths() if p.endswith("thinning.yaml"))
    assert window.open_path(path)
