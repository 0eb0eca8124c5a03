"""Export speed and memory: FHIR Bundles a second, and flat memory for FHIR and CSV.

Run: .venv/bin/python benchmarks/bench_export.py [--records N] [--pdf N]

FHIR: ``export_records`` (read from the database, build, check against the
FHIR models, write atomically, sync once at the end) over N final records,
against the floor of serialising the same Bundles with json in the same run.
Target: 200 or more Bundles a second. The Bundles carry no PDF here (their
aid is not in the library): the PDF summary, made with reportlab for each
record, is timed on its own over --pdf records, since it costs far more than
the Bundle and is the same work the print button does.

Memory: the peak Python memory (tracemalloc) of a CSV and a FHIR export of N
and of 5N records; flat means the larger export peaks no higher.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_records import make_records

from sdm_desktop.grids.library import Library, load_library
from sdm_desktop.paths import SHIPPED_LIBRARY
from sdm_desktop.records.export import export_records
from sdm_desktop.records.fhir_bundle import build_bundle
from sdm_desktop.records.model import AidRef
from sdm_desktop.records.store import RecordStore
from sdm_desktop.summary import build_summary_pdf

TARGET_PER_SECOND = 200


def _store(folder: Path, n: int) -> RecordStore:
    store = RecordStore.open(folder)
    store.import_final(make_records(n, [f"94347659{d}" for d in ("19",)], random.Random(7)))
    return store


def fhir_speed(root: Path, n: int) -> None:
    with _store(root / "fhir", n) as store:
        records = list(store.final_records())
        start = time.perf_counter()
        bundles = [build_bundle(r, None) for r in records]
        for bundle in bundles:
            json.dumps(bundle, ensure_ascii=False)
        floor = time.perf_counter() - start
        del bundles, records
        start = time.perf_counter()
        outcome = export_records(store, "fhir", root / "out-fhir", library=Library([]), pdf_builder=None)
        elapsed = time.perf_counter() - start
    assert outcome.error is None and len(outcome.written) == n, outcome.lines()[:3]
    rate = n / elapsed
    print(
        f"FHIR export, {n} records:       {rate:8.0f} Bundles/s ({elapsed:.2f} s; target {TARGET_PER_SECOND}/s: "
        f"{'met' if rate >= TARGET_PER_SECOND else 'NOT met'})"
    )
    print(
        f"  floor, build + json.dumps:    {n / floor:8.0f} Bundles/s ({floor:.2f} s; export is {elapsed / floor:.1f}x)"
    )


def pdf_speed(root: Path, n: int) -> None:
    library = load_library([SHIPPED_LIBRARY])
    (grid,) = library.grids_with_id("af-anticoagulation")
    aid = AidRef(grid.id, grid.version, grid.content_hash, str(grid.title))
    with RecordStore.open(root / "pdf") as store:
        store.import_final([r.updated(aid=aid) for r in make_records(n, ["9434765919"], random.Random(3))])
        start = time.perf_counter()
        outcome = export_records(store, "fhir", root / "out-pdf", library=library, pdf_builder=build_summary_pdf)
        elapsed = time.perf_counter() - start
    assert outcome.error is None and not outcome.warnings, outcome.lines()[:3]
    print(
        f"FHIR export with the PDF summary in each, {n} records: {n / elapsed:6.1f} Bundles/s "
        f"({elapsed / n * 1000:.0f} ms each, almost all of it the PDF)"
    )


def peak_memory(root: Path, fmt: str, n: int) -> float:
    with _store(root / f"mem-{fmt}-{n}", n) as store:
        tracemalloc.start()
        outcome = export_records(
            store,
            fmt,
            root / f"out-{fmt}-{n}",
            library=Library([]),
            pdf_builder=None,  # type: ignore[arg-type]
            include_free_text=fmt == "csv",
        )
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert outcome.error is None
    return peak / 1_000_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=2_000, help="records to export (default 2000)")
    parser.add_argument("--pdf", type=int, default=10, help="records to export with the PDF (default 10)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fhir_speed(root, args.records)
        if args.pdf:
            pdf_speed(root, args.pdf)
        small, large = max(args.records // 5, 100), max(args.records // 5, 100) * 5
        for fmt in ("csv", "fhir"):
            a, b = peak_memory(root, fmt, small), peak_memory(root, fmt, large)
            print(
                f"{fmt.upper():4} export peak memory: {a:6.1f} MB for {small} records, {b:6.1f} MB for {large} "
                f"({'flat' if b < a * 1.5 + 1 else 'GROWS'})"
            )


if __name__ == "__main__":
    main()
