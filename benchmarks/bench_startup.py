"""Cold start to a painted window, against a bare PySide6 window started the same way.

Each figure is the median of several fresh processes:
  floor      a script that creates QApplication and a QMainWindow, shows it and quits after the first paint
  imports    `python -m sdm_desktop --version` (what the command line costs before any window)
  shipped    `python -m sdm_desktop --quit-after-load` on the shipped library      (target: within 2.5x the floor)
  1,000      the same with 1,000 generated grids added through Config.library_folders,
             after one start has written the catalogue cache; the first start of all is shown as well
Settings and caches go to temporary folders (SDM_DESKTOP_CONFIG_DIR / SDM_DESKTOP_CACHE_DIR).
The package's bytecode is compiled first (compileall), as an installed copy has it.
Each start of the window is paired with a start of the floor (A B A B ...) and the ratio is the
median of the pair-by-pair ratios, so a machine whose speed drifts does not move it.
Usage: python benchmarks/bench_startup.py [RUNS]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_library import write_library

PROJECT = Path(__file__).resolve().parent.parent
BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
class Quit(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
quit_filter = Quit()
window.installEventFilter(quit_filter)
window.resize(1200, 800)
window.show()
sys.exit(app.exec())
"""


def timed(args: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    times: list[float] = []
    code = 0
    for _ in range(runs):
        elapsed, result = _once(args, env)
        times.append(elapsed)
        code = code or result
    return statistics.median(times), code


def _once(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(args, env=env, cwd=PROJECT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode:
        print(f"  {' '.join(args[-2:])} exited {result.returncode}: {result.stderr.strip()[-300:]}")
    return elapsed, result.returncode


def paired(
    args: list[str], env: dict[str, str], floor_args: list[str], floor_env: dict[str, str], runs: int
) -> tuple[float, float, int]:
    """Median time of ``args`` and the median of its pair-by-pair ratio to the floor."""
    times: list[float] = []
    ratios: list[float] = []
    code = 0
    for _ in range(runs):
        elapsed, result = _once(args, env)
        floor, _ = _once(floor_args, floor_env)
        times.append(elapsed)
        ratios.append(elapsed / floor)
        code = code or result
    return statistics.median(times), statistics.median(ratios), code


def main(argv: list[str]) -> int:
    runs = int(argv[1]) if len(argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bare = root / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        base_env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            SDM_DESKTOP_CACHE_DIR=str(root / "cache"),
            SDM_DESKTOP_DATA_DIR=str(root / "data"),
        )
        shipped_env = dict(base_env, SDM_DESKTOP_CONFIG_DIR=str(root / "config-shipped"))
        big_config = root / "config-big"
        big_config.mkdir()
        folder = root / "lib"
        write_library(folder, 1000)
        (big_config / "config.json").write_text(json.dumps({"library_folders": [str(folder)]}), encoding="utf-8")
        big_env = dict(base_env, SDM_DESKTOP_CONFIG_DIR=str(big_config))

        py = sys.executable
        subprocess.run([py, "-m", "compileall", "-q", str(PROJECT / "sdm_desktop")], check=True)
        floor, _ = timed([py, str(bare)], base_env, runs)
        first, _ = timed([py, "-m", "sdm_desktop", "--quit-after-load"], big_env, 1)
        imports, _ = timed([py, "-m", "sdm_desktop", "--version"], shipped_env, runs)
        load = [py, "-m", "sdm_desktop", "--quit-after-load"]
        shipped, shipped_ratio, code_a = paired(load, shipped_env, [py, str(bare)], base_env, runs)
        big, big_ratio, code_b = paired(load, big_env, [py, str(bare)], base_env, runs)

    print(f"median of {runs} fresh processes each")
    print(f"  floor (bare PySide6 window painted)      {floor * 1000:7.0f} ms")
    print(f"  sdm-desktop --version (imports only)     {imports * 1000:7.0f} ms  ({imports / floor:.2f}x floor)")
    print(
        f"  --quit-after-load, shipped library       {shipped * 1000:7.0f} ms  "
        f"({shipped_ratio:.2f}x floor pair by pair; target 2.5x)  {'PASS' if shipped_ratio <= 2.5 else 'MISS'}"
    )
    print(f"  --quit-after-load, + 1,000 grids         {big * 1000:7.0f} ms  ({big_ratio:.2f}x floor pair by pair)")
    print(
        f"  the very first start with 1,000 grids    {first * 1000:7.0f} ms  (every file parsed and checked; "
        "writes the catalogue cache)"
    )
    if code_a or code_b:
        print("  (a run exited non-zero; see above)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
