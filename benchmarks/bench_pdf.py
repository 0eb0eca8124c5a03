"""How long the one-page summary takes, against a bare reportlab floor measured in the same run.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat N]

Floor: a bare reportlab page holding one table with the same number of cells
(the grid's rows and options plus headers), the same texts and the same
embedded font, drawn with no fitting, icons or escaping. Both are timed warm
(in this process, repeated) and as a fresh process (the command line, against
a script that only draws the floor table), each paired with its floor (A B A B ...).
Targets: a fresh `pdf` within 1.6x of the floor process; a warm record copy within 2x of the warm floor.
The package's bytecode is compiled first (compileall), as an installed copy has it;
the command reads the library through the catalogue cache, as the window does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sdm_desktop.grids.library import load_library
from sdm_desktop.grids.model import OptionGrid
from sdm_desktop.paths import FONTS_DIR, PROJECT_DIR, SHIPPED_LIBRARY
from sdm_desktop.summary import build_summary_pdf
from sdm_desktop.summary.example import example_record

FLOOR_SCRIPT = """
import io, json, sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

def register(fonts):
    pdfmetrics.registerFont(TTFont("F", fonts + "/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("FB", fonts + "/DejaVuSans-Bold.ttf"))

def floor(cells):
    body = ParagraphStyle("b", fontName="F", fontSize=9, leading=11)
    bold = ParagraphStyle("h", fontName="FB", fontSize=9, leading=11)
    data = [[Paragraph(t, bold if i == 0 or j == 0 else body) for j, t in enumerate(row)] for i, row in enumerate(cells)]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    table = Table(data, colWidths=[519 / len(cells[0])] * len(cells[0]))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0.5, 0.5, 0.5)), ("FONTNAME", (0, 0), (-1, -1), "F")]))
    _w, h = table.wrapOn(c, 519, 770)
    table.drawOn(c, 38, 800 - h)
    c.showPage()
    c.save()
    return buf.getvalue()

if __name__ == "__main__":
    register(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        floor(json.load(f))
"""


def _cells(grid: OptionGrid) -> list[list[str]]:
    from xml.sax.saxutils import escape

    head = ["Questions", *(escape(str(o.name)) for o in grid.options)]
    rows = [
        [escape(str(r.question)), *(escape(str(r.cells[o.id].text)) if o.id in r.cells else "" for o in grid.options)]
        for r in grid.rows
    ]
    return [head, *rows]


def _paired(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """A and B in turn (A B A B ...): their medians in ms and the median of the pair-by-pair ratio A/B.

    Pairing keeps the ratio meaningful on a machine whose speed drifts while it runs."""
    a()
    b()
    times_a, times_b, ratios = [], [], []
    for _ in range(repeat):
        t = time.perf_counter()
        a()
        ta = time.perf_counter() - t
        t = time.perf_counter()
        b()
        tb = time.perf_counter() - t
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(times_a) * 1000, statistics.median(times_b) * 1000, statistics.median(ratios)


def _run(cmd: list[str], env: dict[str, str]) -> Callable[[], object]:
    return lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=PROJECT_DIR)


def _process_ms(cmd: list[str], repeat: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=PROJECT_DIR)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(PROJECT_DIR / "sdm_desktop")], check=True)
    library = load_library([SHIPPED_LIBRARY, PROJECT_DIR / "tests" / "data" / "good"])
    grids = {g.id: g for g in library.grids}
    grid = grids.get("af-anticoagulation") or grids["example-grid"]
    record = example_record(grid, library.scores)
    cells = _cells(grid)

    namespace: dict[str, object] = {"__name__": "floor"}
    exec(FLOOR_SCRIPT, namespace)  # the same code the fresh floor process runs
    namespace["register"](str(FONTS_DIR))  # type: ignore[operator]
    floor = namespace["floor"]

    def summary() -> bytes:
        return build_summary_pdf(grid, record, scores=library.scores, prompt_sets=library.prompt_sets)

    print(
        f"aid: {grid.id} ({len(grid.rows)} rows x {len(grid.options)} options = {len(cells) * len(cells[0])} cells in the floor table)"
    )

    def patient() -> bytes:
        return build_summary_pdf(grid, record, scores=library.scores, prompt_sets=library.prompt_sets, copy="patient")

    warm, warm_floor, ratio = _paired(summary, lambda: floor(cells), args.repeat)  # type: ignore[operator]
    print("warm, in this process, paired with the floor (median of the pair-by-pair ratios):")
    print(f"warm    floor (bare reportlab table)  {warm_floor:8.1f} ms")
    print(f"warm    summary (record copy)         {warm:8.1f} ms   ratio {ratio:.2f}x   (target 2x)")
    warm_patient, _floor, ratio = _paired(patient, lambda: floor(cells), args.repeat)  # type: ignore[operator]
    print(f"warm    summary (patient copy)        {warm_patient:8.1f} ms   ratio {ratio:.2f}x")

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "floor.py").write_text(FLOOR_SCRIPT, encoding="utf-8")
        (tmpdir / "cells.json").write_text(json.dumps(cells), encoding="utf-8")
        (tmpdir / "record.json").write_text(json.dumps(record.to_dict()), encoding="utf-8")
        env = {
            **os.environ,
            "SDM_DESKTOP_CONFIG_DIR": str(tmpdir / "config"),
            "SDM_DESKTOP_CACHE_DIR": str(tmpdir / "cache"),
        }
        if grid.id == "example-grid":
            (tmpdir / "config").mkdir()
            (tmpdir / "config" / "config.json").write_text(
                json.dumps({"library_folders": [str(PROJECT_DIR / "tests" / "data" / "good")]})
            )
        n = max(3, args.repeat // 3)
        floor_cmd = [sys.executable, str(tmpdir / "floor.py"), str(FONTS_DIR), str(tmpdir / "cells.json")]
        pdf_cmd = [
            sys.executable,
            "-m",
            "sdm_desktop",
            "pdf",
            "--grid",
            grid.id,
            "--record",
            str(tmpdir / "record.json"),
            "--out",
            str(tmpdir / "out.pdf"),
        ]
        cold, cold_floor, cold_ratio = _paired(_run(pdf_cmd, env), _run(floor_cmd, env), n)
        bare = _process_ms([sys.executable, "-c", "pass"], n, env)
    print(f"fresh processes, paired with the floor ({n} pairs):")
    print(f"process python startup alone           {bare:8.1f} ms")
    print(f"process floor (bare reportlab table)  {cold_floor:8.1f} ms")
    print(f"process sdm-desktop pdf                {cold:8.1f} ms   ratio {cold_ratio:.2f}x   (target 1.6x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
