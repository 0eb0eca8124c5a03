"""Search as you type over 1,000 grids: time per keystroke (filter + model update).

Generates 1,000 grids in a temporary folder, loads them once, then types
queries one character at a time into the library panel's search box and
times each keystroke's filter and model reset. Target: under 16 ms (one frame).
Usage: python benchmarks/bench_search.py
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_library import write_library

QUERIES = ("generated decision", "blood test", "tablets 42", "surgery", "zzz")
TARGET_MS = 16.0


def main() -> int:
    from sdm_desktop.grids.store import LibraryStore
    from sdm_desktop.ui.app import create_application
    from sdm_desktop.ui.library.library_panel import LibraryPanel

    create_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lib"
        write_library(folder, 1000)
        library = LibraryStore([folder]).load()
        panel = LibraryPanel()
        panel.resize(1200, 800)
        panel.show()
        panel.set_library(library, dt.date.today())
        print(f"library: {panel.model.total} documents")
        times: list[float] = []
        for query in QUERIES:
            panel.search.clear()
            for i in range(1, len(query) + 1):
                start = time.perf_counter()
                panel.search.setText(query[:i])  # textChanged -> filter -> model reset
                times.append((time.perf_counter() - start) * 1000)
        panel.close()
    times.sort()
    median = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"keystrokes: {len(times)}; per keystroke: median {median:.2f} ms, 95th percentile {p95:.2f} ms, "
        f"worst {times[-1]:.2f} ms (target under {TARGET_MS:.0f} ms)"
    )
    print("PASS" if p95 < TARGET_MS else "MISS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
