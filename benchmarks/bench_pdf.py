"""How long the one-page summary takes, against a bare reportlab floor measured in the same run.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat N]

Floor: a bare reportlab page holding one table with the same number of cells
(the grid's rows and options plus headers), the same texts and the same
embedded font, drawn with no fitting, icons or escaping. Both are timed warm
(in this process, repeated) and as a fresh process (the command line, against
a script that only draws the floor table). Target: within 1.5x of the floor.
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


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


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
    warm_floor = _median_ms(lambda: floor(cells), args.repeat)  # type: ignore[operator]
    warm = _median_ms(summary, args.repeat)
    print(f"warm    floor (bare reportlab table)  {warm_floor:8.1f} ms")
    print(f"warm    summary (record copy)         {warm:8.1f} ms   ratio {warm / warm_floor:.2f}x")
    patient = _median_ms(
        lambda: build_summary_pdf(grid, record, scores=library.scores, prompt_sets=library.prompt_sets, copy="patient"),
        args.repeat,
    )
    print(f"warm    summary (patient copy)        {patient:8.1f} ms   ratio {patient / warm_floor:.2f}x")

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
        cold_floor = _process_ms(
            [sys.executable, str(tmpdir / "floor.py"), str(FONTS_DIR), str(tmpdir / "cells.json")], n, env
        )
        cold = _process_ms(
            [
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
            ],
            n,
            env,
        )
        bare = _process_ms([sys.executable, "-c", "pass"], n, env)
    print(f"process python startup alone           {bare:8.1f} ms")
    print(f"process floor (bare reportlab table)  {cold_floor:8.1f} ms")
    print(f"process sdm-desktop pdf                {cold:8.1f} ms   ratio {cold / cold_floor:.2f}x")
    print("target: within 1.5x of the floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
