"""Hostile inputs: each must give a located error quickly (target: well under 1 s).

Prints the time `load_data` takes on each, against the floor of loading a
normal shipped grid in the same run; then the PDF of a grid whose title is one
900 kB word (built directly, since the loader refuses it), against the floor
of the same grid's normal PDF; then a fuzz run over the shipped files.

    python benchmarks/bench_hostile.py [--fuzz N]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

from sdm_desktop.grids.library import load_data
from sdm_desktop.paths import SHIPPED_LIBRARY


def timed(data: bytes) -> tuple[float, str]:
    start = time.perf_counter()
    loaded = load_data(data, "hostile.yaml")
    elapsed = time.perf_counter() - start
    first = loaded.findings[0].format() if loaded.findings else "(no finding)"
    return elapsed, first


def pdf_of_huge_title() -> None:
    from sdm_desktop.grids.model import OptionGrid, Text
    from sdm_desktop.summary import build_summary_pdf

    grid = load_data((SHIPPED_LIBRARY / "knee-osteoarthritis.yaml").read_bytes(), "knee.yaml").document
    assert isinstance(grid, OptionGrid)
    build_summary_pdf(grid)
    start = time.perf_counter()
    build_summary_pdf(grid)
    floor = time.perf_counter() - start
    huge = dataclasses.replace(grid, title=Text.of("w" * 900_000))
    start = time.perf_counter()
    data = build_summary_pdf(huge)
    elapsed = time.perf_counter() - start
    print(f"floor: the grid's normal PDF                 {floor * 1000:8.1f} ms")
    print(f"PDF with a 900 kB one-word title             {elapsed * 1000:8.1f} ms  ({len(data) // 1000} kB)")


def fuzz(count: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from fuzz_content import cases

    from sdm_desktop.grids.library import LOADER_FAULT

    files = sorted(SHIPPED_LIBRARY.glob("*.yaml"))
    slowest, name, faults, loaded = 0.0, "", 0, 0
    start = time.perf_counter()
    for case in cases(files, count):
        t0 = time.perf_counter()
        lf = load_data(case.data, case.name)
        elapsed = time.perf_counter() - t0
        if elapsed > slowest:
            slowest, name = elapsed, case.name
        faults += any(f.rule == LOADER_FAULT for f in lf.findings)
        loaded += lf.ok
    total = time.perf_counter() - start
    print(
        f"fuzz: {count} mutated shipped files in {total:.1f} s: {loaded} loaded, {count - loaded} with "
        f"located errors, {faults} loader faults; slowest {slowest * 1000:.0f} ms ({name})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--fuzz", type=int, default=2000, metavar="N", help="mutated files to load (default 2000)")
    args = parser.parse_args()
    bomb = "\n".join(
        ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 40)]
    ).encode()
    cases = {
        "random bytes (1 MB)": os.urandom(999_000),
        "20 MB file": b"a: " + b"x" * 20_000_000,
        "alias bomb": bomb,
        "!!python/object/apply tag": b"a: !!python/object/apply:os.system ['echo owned']\n",
        "deep nesting (900,000 '[')": b"a: " + b"[" * 900_000,
        "450,000 small values": b"a: [" + b"1," * 450_000 + b"1]",
        "long single line (900 kB)": b"a: " + b"word " * 180_000,
        "tabs": b"a:\n\tb: 1\n" * 1000,
        "integer of 5,000 digits": b"a: " + b"9" * 5000,
        "one-word title of 900 kB": b"title: " + b"w" * 900_000,
    }
    grid = (SHIPPED_LIBRARY / "af-anticoagulation.yaml").read_bytes()
    timed(grid)  # first use compiles the schema
    floor, _ = timed(grid)
    print(f"floor: a normal shipped grid                 {floor * 1000:8.1f} ms")
    for name, data in cases.items():
        elapsed, first = timed(data)
        print(f"{name:<44} {elapsed * 1000:8.1f} ms  {first[:90]}")
    pdf_of_huge_title()
    fuzz(args.fuzz)


if __name__ == "__main__":
    main()
