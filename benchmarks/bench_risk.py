"""Personal risk: from an answer on the form to the figures repainted, against a repaint with no answer.

Opens the shipped AF aid in the main window (1200x800, offscreen), shows the personal risk
tab, answers every question (so the figures are for people like you), then gives a run of answers
(age, sex, yes/no questions) one at a time, after a first untimed run. Each is timed from
the form's control changing to the figures' area repainted (QWidget.repaint, inside the timing).
The floor, measured in the same run and paired with each answer, is the same repaint with nothing
changed. Target: each answer <= 16 ms (one frame at 60 Hz).
Condition: whatever bytecode the interpreter finds (run `python -m compileall sdm_desktop` first
for an installed copy's condition); the offscreen platform.
Usage: python benchmarks/bench_risk.py [ROUNDS]
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 16.0
ANSWERS = (
    ("age", 70),
    ("sex", "female"),
    ("high-blood-pressure", True),
    ("age", 76),
    ("diabetes", True),
    ("heart-failure", True),
    ("age", 68),
    ("diabetes", False),
)


def main(argv: list[str]) -> int:
    rounds = int(argv[1]) if len(argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("SDM_DESKTOP_CONFIG_DIR", str(Path(tmp) / "config"))
        os.environ.setdefault("SDM_DESKTOP_CACHE_DIR", str(Path(tmp) / "cache"))
        from sdm_desktop.config import Config
        from sdm_desktop.grids.store import LibraryStore
        from sdm_desktop.paths import SHIPPED_LIBRARY
        from sdm_desktop.ui.app import create_application
        from sdm_desktop.ui.kit.settings import open_settings
        from sdm_desktop.ui.window.main_window import MainWindow

        app = create_application()
        window = MainWindow(
            LibraryStore([SHIPPED_LIBRARY]),
            Config(),
            open_settings(),
            today=dt.date.today(),
            data_folder=Path(tmp) / "data",
        )
        window.resize(1200, 800)
        window.show()
        window.load_library()
        path = next(p for p in window.store.paths() if p.endswith("af-anticoagulation.yaml"))
        assert window.open_path(path)
        window.show_risk()
        app.processEvents()
        panel = window.grid_view.risk
        for spec in panel.form.specs.values():  # every question answered: the figures are for people like you
            if spec.type == "boolean":
                panel.form.set_input(spec.id, False)
            elif spec.type == "number":
                panel.form.set_input(spec.id, 70)
            elif spec.choices:
                panel.form.set_input(spec.id, spec.choices[0].id)
        for input_id, value in ANSWERS:  # a first run, not timed
            panel.form.set_input(input_id, value)
        app.processEvents()
        shown = {row_id: sorted(view.arrays) for row_id, view in panel.rows.items()}
        assert all(shown.values()), f"no figures on the page: {shown}"
        times: list[float] = []
        floor: list[float] = []
        for _ in range(rounds):
            for input_id, value in ANSWERS:
                start = time.perf_counter()
                panel.results.repaint()
                floor.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                panel.form.set_input(input_id, value)
                for _ in range(3):  # the layout requests the answer posted (word-wrapped labels take a few passes)
                    app.processEvents()
                panel.results.repaint()
                times.append((time.perf_counter() - start) * 1000)
        rows = len(panel.rows)
        window.close()
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    print(f"aid: af-anticoagulation, {rows} risk rows, {len(times)} answers")
    ratio = statistics.median(t / f for t, f in zip(times, floor, strict=True))
    print(f"floor (repaint, nothing changed): median {statistics.median(floor):.2f} ms")
    print(f"answer / floor, pair by pair: median {ratio:.2f}x")
    print(
        f"answer to figures repainted: median {statistics.median(times):.2f} ms, 95th percentile {p95:.2f} ms, "
        f"worst {max(times):.2f} ms (target <= {TARGET_MS:.0f} ms)"
    )
    print("PASS" if statistics.median(times) <= TARGET_MS else "MISS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
