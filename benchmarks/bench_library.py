"""Library loading: `list` and full validation over 1,000 generated grids.

The floor is plain libyaml parsing (yaml.load with CSafeLoader) of the same
files, measured in the same run. Targets on a 2-core machine: `list` within
1.5x of the floor when nothing changed since the last run, and full
validation of 1,000 grids under 3 s.

    python benchmarks/bench_library.py [--count 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_library import write_library


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        paths = write_library(folder, args.count)
        os.environ["SDM_DESKTOP_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["SDM_DESKTOP_CONFIG_DIR"] = str(Path(tmp) / "config")

        from sdm_desktop.grids.index import summaries
        from sdm_desktop.grids.library import load_library

        def floor() -> None:
            for p in paths:
                with open(p, "rb") as handle:
                    yaml.load(handle.read(), Loader=yaml.CSafeLoader)

        cache = Path(tmp) / "cache" / "index.json"
        floor_s = best_of(floor, args.repeat)
        cold_list_s = best_of(lambda: summaries([folder], None), 1)
        summaries([folder], cache)  # fill the cache
        warm_list_s = best_of(lambda: summaries([folder], cache), args.repeat)
        validate_s = best_of(lambda: load_library([folder]), max(1, args.repeat // 2))
        library = load_library([folder])
        assert len(library.documents) == args.count, [f.format() for f in library.findings][:5]

        # The whole command, as a user runs it (process start included).
        from sdm_desktop.config import Config

        Config(library_folders=[str(folder)]).save()
        env = dict(os.environ)
        cmd = [sys.executable, "-m", "sdm_desktop"]
        subprocess.run([*cmd, "list"], env=env, capture_output=True, check=True)

        def run(*a: str) -> float:
            start = time.perf_counter()
            subprocess.run([*cmd, *a], env=env, capture_output=True, check=False)
            return time.perf_counter() - start

        cli_list = statistics.median(run("list") for _ in range(3))
        cli_validate = statistics.median(run("validate") for _ in range(2))
        floor_proc = statistics.median(
            (
                lambda s: (
                    subprocess.run(
                        [
                            sys.executable,
                            "-c",
                            "import yaml,glob\n[yaml.load(open(p,'rb').read(),Loader=yaml.CSafeLoader) for p in glob.glob(%r)]"
                            % (str(folder) + "/*.yaml"),
                        ],
                        check=True,
                    ),
                    time.perf_counter() - s,
                )[1]
            )(time.perf_counter())
            for _ in range(3)
        )

    print(f"library of {args.count} grids")
    print(f"floor: CSafeLoader parse of every file      {floor_s * 1000:8.1f} ms")
    print(
        f"list, cold (no cache)                        {cold_list_s * 1000:8.1f} ms  ({cold_list_s / floor_s:.2f}x floor)"
    )
    print(
        f"list, nothing changed (cache)                {warm_list_s * 1000:8.1f} ms  ({warm_list_s / floor_s:.2f}x floor; target <= 1.5x)"
    )
    print(f"full validation (parse, schema, model, lint) {validate_s * 1000:8.1f} ms  (target < 3000 ms)")
    print(
        f"as processes: floor {floor_proc * 1000:.0f} ms, `list` {cli_list * 1000:.0f} ms ({cli_list / floor_proc:.2f}x), "
        f"`validate` {cli_validate * 1000:.0f} ms (library plus shipped content)"
    )


if __name__ == "__main__":
    main()
