"""Hostile inputs: each must give a located error quickly (target: well under 1 s).

Prints the time `load_data` takes on each, against the floor of loading a
normal shipped grid in the same run.

    python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import os
import time

from sdm_desktop.grids.library import load_data
from sdm_desktop.paths import SHIPPED_LIBRARY


def timed(data: bytes) -> tuple[float, str]:
    start = time.perf_counter()
    loaded = load_data(data, "hostile.yaml")
    elapsed = time.perf_counter() - start
    first = loaded.findings[0].format() if loaded.findings else "(no finding)"
    return elapsed, first


def main() -> None:
    bomb = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
                     + [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 40)]).encode()
    cases = {
        "random bytes (1 MB)": os.urandom(999_000),
        "20 MB file": b"a: " + b"x" * 20_000_000,
        "alias bomb": bomb,
        "!!python/object/apply tag": b"a: !!python/object/apply:os.system ['echo owned']\n",
        "deep nesting (900,000 '[')": b"a: " + b"[" * 900_000,
        "450,000 small values": b"a: [" + b"1," * 450_000 + b"1]",
        "long single line (900 kB)": b"a: " + b"word " * 180_000,
        "tabs": b"a:\n\tb: 1\n" * 1000,
    }
    grid = (SHIPPED_LIBRARY / "af-anticoagulation.yaml").read_bytes()
    timed(grid)  # first use compiles the schema
    floor, _ = timed(grid)
    print(f"floor: a normal shipped grid                 {floor * 1000:8.1f} ms")
    for name, data in cases.items():
        elapsed, first = timed(data)
        print(f"{name:<44} {elapsed * 1000:8.1f} ms  {first[:90]}")


if __name__ == "__main__":
    main()
