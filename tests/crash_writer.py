"""Saves records in a loop and acknowledges each commit on stdout (the crash test kills it).

Usage: python crash_writer.py DATA_DIR SEED

Each cycle starts a draft, saves a few edits and finalises it. After every call
that returned (so its transaction is committed) it prints one line:
``DRAFT <record_id> <edit number>`` or ``FINAL <record_id> <edit number>``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from test_records_factory import draft_record

from sdm_desktop.records.store import RecordStore


def main() -> None:
    folder, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    out = sys.stdout
    with RecordStore.open(folder) as store:
        print("READY", flush=True)
        while True:
            record = draft_record()
            edits = rng.randint(1, 4)
            for n in range(1, edits + 1):
                record = record.updated(notes=f"edit {n}", what_matters="x" * rng.randint(0, 2000))
                store.save_draft(record)
                out.write(f"DRAFT {record.record_id} {n}\n")
                out.flush()
            store.finalise(record)
            out.write(f"FINAL {record.record_id} {edits}\n")
            out.flush()


if __name__ == "__main__":
    main()
