"""Regenerate docs/screenshots/pdf-*.png from the shipped aids (needs pdftoppm).

.venv/bin/python scripts/render_pdf_screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from sdm_desktop.grids.library import load_library
from sdm_desktop.paths import PROJECT_DIR, SHIPPED_LIBRARY
from sdm_desktop.summary import build_summary_pdf
from sdm_desktop.summary.example import example_record

OUT = PROJECT_DIR / "docs" / "screenshots"


def main() -> int:
    library = load_library([SHIPPED_LIBRARY, PROJECT_DIR / "tests" / "data" / "good"])
    grids = {g.id: g for g in library.grids}
    grid = grids.get("af-anticoagulation") or grids["example-grid"]
    record = example_record(grid, library.scores)
    pages = {
        "pdf-record-af": build_summary_pdf(grid, record, scores=library.scores, prompt_sets=library.prompt_sets),
        "pdf-patient-af": build_summary_pdf(
            grid, record, scores=library.scores, prompt_sets=library.prompt_sets, copy="patient"
        ),
        "pdf-grid-only": build_summary_pdf(grid, None, scores=library.scores, prompt_sets=library.prompt_sets),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in pages.items():
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(data)
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(OUT / name)], check=True)
            print(OUT / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
