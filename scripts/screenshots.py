"""Render the main views of the window to docs/screenshots/ui-*.png.

Runs headless (offscreen) with settings in a temporary folder, on the shipped
library plus one deliberately broken file so the problems panel has something
to show. Usage: python scripts/screenshots.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

_home = tempfile.mkdtemp(prefix="sdm-screenshots-")
# A 1440 x 900 offscreen screen, so full-screen patient view has a laptop's size.
_screen = Path(_home) / "screen.json"
_screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1440, "height": 900,
                                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_screen}")
os.environ["SDM_DESKTOP_CONFIG_DIR"] = str(Path(_home) / "config")
os.environ["SDM_DESKTOP_CACHE_DIR"] = str(Path(_home) / "cache")
os.environ["SDM_DESKTOP_DATA_DIR"] = str(Path(_home) / "data")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from sdm_desktop.config import Config  # noqa: E402
from sdm_desktop.paths import PROJECT_DIR, SHIPPED_LIBRARY  # noqa: E402
from sdm_desktop.ui.app import create_application  # noqa: E402
from sdm_desktop.ui.grid_view import TAB_GRID, TAB_RISK  # noqa: E402
from sdm_desktop.ui.main_window import MainWindow  # noqa: E402
from sdm_desktop.ui.settings import open_settings  # noqa: E402
from sdm_desktop.ui.store import LibraryStore  # noqa: E402

BROKEN = """format: sdm-desktop/1
kind: option_grid
id: draft-grid
version: "0.1"
title: A draft with mistakes
decision: Should I?
condition: A draft.
options:
  - id: one
    name: One
    colour: blue
rows: []
"""
SIZE = QSize(1440, 900)
# A 78-year-old woman with high blood pressure (the example in the content facts).
PATIENT = {"age": 78, "sex": "female", "high-blood-pressure": True}


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, folder: Path, name: str, app: QApplication) -> Path:
    settle(app)
    path = folder / f"ui-{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else PROJECT_DIR / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    drafts = Path(_home) / "drafts"
    drafts.mkdir()
    (drafts / "draft-grid.yaml").write_text(BROKEN, encoding="utf-8")
    app = create_application()
    config = Config(library_folders=[str(drafts)])
    store = LibraryStore([SHIPPED_LIBRARY, drafts])
    window = MainWindow(store, config, open_settings(), today=dt.date.today())
    window.resize(SIZE)
    window.show()
    window.load_library()
    window.problems_dock.hide()
    save(window, out, "library", app)

    window.problems_dock.show()
    save(window, out, "problems", app)
    window.problems_dock.hide()

    af = next((p for p in store.paths() if p.endswith("af-anticoagulation.yaml")), None)
    if af is None:
        print("the AF grid is not in the library; grid pictures skipped", file=sys.stderr)
        return 1
    window.open_path(af)
    window.grid_view.tabs.setCurrentIndex(TAB_GRID)
    save(window, out, "grid", app)

    window.grid_view.tabs.setCurrentIndex(TAB_RISK)
    for input_id, value in PATIENT.items():
        if input_id in window.grid_view.risk.form.controls:
            window.grid_view.risk.form.set_input(input_id, value)
    save(window, out, "risk", app)

    window.enter_patient_mode()
    save(window, out, "patient", app)
    window.grid_view.tabs.setCurrentIndex(TAB_GRID)
    window.toggle_high_contrast(True)
    save(window, out, "patient-high-contrast", app)
    window.toggle_high_contrast(False)
    window.patient_mode.exit()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
