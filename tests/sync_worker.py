"""Runs a sync in its own process for the fault tests, which kill it.

Usage: python sync_worker.py DATA_DIR CONNINFO MODE

MODE ``slow``: batches of 20, printing ``BATCH n`` after each is committed on
both sides, then pausing, so the test can kill the process between batches.
MODE ``before-forget``: the process kills itself with SIGKILL right after the
central store commits the first batch and before the outbox forgets it.
"""

from __future__ import annotations

import os
import signal
import sys
import time

from sdm_desktop.records.central import outbox, sync
from sdm_desktop.records.central.settings import CentralSettings


def main() -> None:
    folder, conninfo, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "before-forget":

        def die(*_: object) -> None:
            os.kill(os.getpid(), signal.SIGKILL)

        outbox.forget = die  # type: ignore[assignment]

    def progress(n: int) -> None:
        print(f"BATCH {n}", flush=True)
        time.sleep(0.3)

    sync.sync(CentralSettings(conninfo, "killed-pc"), folder, batch=20, after_batch=progress)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
