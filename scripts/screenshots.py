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
_screen.write_text(
    json.dumps(
        {
            "screens": [
                {
                    "name": "laptop",
                    "x": 0,
                    "y": 0,
                    "width": 1440,
                    "height": 900,
                    "logicalDpi": 96,
                    "logicalBaseDpi": 96,
                    "dpr": 1,
                }
            ]
        }
    )
)
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_screen}")
os.environ["SDM_DESKTOP_CONFIG_DIR"] = str(Path(_home) / "config")
os.environ["SDM_DESKTOP_CACHE_DIR"] = str(Path(_home) / "cache")
os.environ["SDM_DESKTOP_DATA_DIR"] = str(Path(_home) / "data")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtGui import QColor, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from sdm_desktop.config import Config  # noqa: E402
from sdm_desktop.grids.store import LibraryStore  # noqa: E402
from sdm_desktop.paths import PROJECT_DIR, SHIPPED_LIBRARY  # noqa: E402
from sdm_desktop.summary.example import EXAMPLE_NHS_NUMBER  # noqa: E402
from sdm_desktop.ui.app import create_application  # noqa: E402
from sdm_desktop.ui.grid.grid_view import TAB_GRID, TAB_RISK  # noqa: E402
from sdm_desktop.ui.kit.settings import open_settings  # noqa: E402
from sdm_desktop.ui.window.main_window import MainWindow  # noqa: E402

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
    config = Config(library_folders=[str(drafts)], clinician_name="Dr Sam Patel", clinician_role="GP")
    store = LibraryStore([SHIPPED_LIBRARY, drafts])
    window = MainWindow(store, config, open_settings(), today=dt.date.today())
    window.resize(SIZE)
    window.show()
    window.load_library()
    window.problems_dock.hide()
    window.record_dock.hide()  # the record has its own picture below
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
    window.view_scale.toggle_high_contrast(True)
    save(window, out, "patient-high-contrast", app)
    window.view_scale.toggle_high_contrast(False)
    window.patient_mode.exit()

    settle(app)
    window.resize(SIZE)
    fill_record(window)
    window.grid_view.tabs.setCurrentIndex(TAB_GRID)
    window.record_dock.show()
    window.record_dock.raise_()
    settle(app)
    window.recording.fit_record_dock()
    settle(app)
    # The parts the patient sees too: the leaning, SURE and its flag.
    window.record_dock.widget().verticalScrollBar().setValue(panel_y(window))
    save(window, out, "record", app)
    window.close()

    # The next start over the same records: the draft is offered for resuming.
    again = MainWindow(LibraryStore([SHIPPED_LIBRARY, drafts]), config, open_settings(), today=dt.date.today())
    again.resize(SIZE)
    again.show()
    again.load_library()
    again.problems_dock.hide()
    dialog = again.recording.resume_dialog
    if dialog is None:
        print("no resume dialog was offered", file=sys.stderr)
        return 1
    settle(app)
    shot = again.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 90))  # the window dimmed behind the dialog
    painter.drawPixmap(dialog.geometry().topLeft() - again.geometry().topLeft(), dialog.grab())
    painter.end()
    path = out / "ui-resume.png"
    shot.save(str(path))
    print(path)
    dialog.reject()
    again.close()
    return 0


def panel_y(window: MainWindow) -> int:
    box = window.capture.findChild(QWidget, "decisionBox")
    return box.mapTo(window.capture, box.rect().topLeft()).y() - 8 if box is not None else 0


def fill_record(window: MainWindow) -> None:
    """The Record panel as a clinician fills it in: a made-up patient (a test NHS number)."""
    panel = window.capture
    window.records.allow_test_numbers = True  # the 999 range and test numbers such as 943 476 5919
    grid = window.controller.grid
    assert grid is not None
    for row in grid.rows[:4]:
        window.controller.set_discussed(row.id, True)
    window.controller.add_question("Can I still have a glass of wine at the weekend?")
    panel.patient_id.setText(EXAMPLE_NHS_NUMBER)
    for consideration_id, value in (("avoid-stroke", 5), ("avoid-bleeding", 4), ("avoid-blood-tests", 3)):
        if consideration_id in panel.importance.spins:
            panel.importance.spins[consideration_id].setValue(value)
    panel.importance.what_matters.setText("Looking after my grandson twice a week")
    if panel.option_radios:
        panel.option_radios[-1].click()  # leaning towards the last option
    panel.next_step.setText("Talk it over with my daughter, then phone the surgery")
    for item, answer in (("sure", 0), ("understand", 1), ("risk-benefit", 1), ("encouragement", 1)):
        row = panel.sure.buttons.get(item, {})
        if answer in row:
            row[answer].click()
    panel.notes.setPlainText("Kidney function checked last month. Leaflet given.")
    window.records.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
