"""Opening an aid: from the request (a click or Enter in the library) to the grid painted.

The main window (1200x800, offscreen) with the shipped library opens the AF aid and the knee
aid in turn from the library page; each open is timed from MainWindow.open_path to the grid page
repainted (QWidget.repaint, inside the timing), events processed. The floor, paired with each
open in the same run, is a plain QTableWidget given the same cells, shown and repainted.
Target: each open <= 50 ms.
Condition: whatever bytecode the interpreter finds (run `python -m compileall sdm_desktop` first
for an installed copy's condition); the offscreen platform.
Usage: python benchmarks/bench_open.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 50.0
AIDS = ("af-anticoagulation.yaml", "knee-osteoarthritis.yaml")


def main(argv: list[str]) -> int:
    rounds = int(argv[1]) if len(argv) > 1 else 6
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("SDM_DESKTOP_CONFIG_DIR", str(Path(tmp) / "config"))
        os.environ.setdefault("SDM_DESKTOP_CACHE_DIR", str(Path(tmp) / "cache"))
        from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

        from sdm_desktop.config import Config
        from sdm_desktop.grids.model import OptionGrid
        from sdm_desktop.grids.store import LibraryStore
        from sdm_desktop.paths import SHIPPED_LIBRARY
        from sdm_desktop.ui.app import create_application
        from sdm_desktop.ui.kit.settings import open_settings
        from sdm_desktop.ui.window.main_window import MainWindow

        app = create_application()
        window = MainWindow(LibraryStore([SHIPPED_LIBRARY]), Config(), open_settings(), data_folder=Path(tmp) / "data")
        window.resize(1200, 800)
        window.show()
        library = window.load_library()
        app.processEvents()
        paths = [next(p for p in window.store.paths() if p.endswith(name)) for name in AIDS]
        grids = {g.id: g for g in library.grids}
        table = QTableWidget()
        table.resize(1200, 800)
        table.setWordWrap(True)

        def floor(grid: OptionGrid) -> None:
            table.clear()
            table.setRowCount(len(grid.rows))
            table.setColumnCount(1 + len(grid.options))
            table.setHorizontalHeaderLabels(["Questions", *(str(o.name) for o in grid.options)])
            for r, row in enumerate(grid.rows):
                table.setItem(r, 0, QTableWidgetItem(str(row.question)))
                for c, option in enumerate(grid.options, start=1):
                    cell = row.cells.get(option.id)
                    table.setItem(r, c, QTableWidgetItem(str(cell.text) if cell else ""))
            table.resizeRowsToContents()
            table.show()
            app.processEvents()
            table.repaint()

        def open_aid(path: str) -> None:
            assert window.open_path(path)
            app.processEvents()
            window.grid_view.repaint()

        for path in paths:  # first opens build what later ones reuse: not timed
            open_aid(path)
            window.show_library()
            app.processEvents()
        times: list[float] = []
        floors: list[float] = []
        for i in range(rounds * len(paths)):
            path = paths[i % len(paths)]
            grid = grids[Path(path).stem] if Path(path).stem in grids else next(iter(grids.values()))
            window.show_library()
            app.processEvents()
            start = time.perf_counter()
            open_aid(path)
            times.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            floor(grid)
            floors.append((time.perf_counter() - start) * 1000)
            table.hide()
        window.close()
    ratio = statistics.median(t / f for t, f in zip(times, floors, strict=True))
    print(f"aids: {', '.join(AIDS)}; {len(times)} opens, each paired with the floor")
    print(f"floor (plain table of the same cells, shown and painted): median {statistics.median(floors):.1f} ms")
    print(
        f"open to grid painted: median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms, "
        f"{ratio:.2f}x the floor pair by pair (target <= {TARGET_MS:.0f} ms)"
    )
    print("PASS" if statistics.median(times) <= TARGET_MS else "MISS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
