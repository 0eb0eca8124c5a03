"""A writer killed with SIGKILL at random moments loses nothing it acknowledged, and the file stays sound."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sdm_desktop.records.errors import RecordNotFound
from sdm_desktop.records.store import RecordStore

HERE = Path(__file__).resolve().parent
ROUNDS = 60

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _run_and_kill(folder: Path, seed: int, acks_before_kill: int) -> list[tuple[str, str, int]]:
    """Start the writer, kill it after some acknowledgements; return every acknowledgement it printed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parent), str(HERE)])}
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "crash_writer.py"), str(folder), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert proc.stdout is not None
    acks: list[tuple[str, str, int]] = []
    try:
        if acks_before_kill >= 0:  # else: killed while it starts (creating or opening the database)
            ready = proc.stdout.readline()
            assert ready.strip() == "READY", proc.stderr.read() if proc.stderr else ready
        while len(acks) < acks_before_kill:
            line = proc.stdout.readline()
            if not line:
                break
            kind, record_id, n = line.split()
            acks.append((kind, record_id, int(n)))
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate()  # lines printed before the kill landed were acknowledged too
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    for line in rest.splitlines():
        parts = line.split()
        if parts == ["READY"]:
            continue
        if len(parts) == 3:  # a line cut short by the kill was never a complete acknowledgement
            acks.append((parts[0], parts[1], int(parts[2])))
    assert proc.returncode == -signal.SIGKILL
    return acks


@pytest.mark.slow
def test_every_acknowledged_save_survives_sigkill(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    rng = random.Random(20261124)
    acks: list[tuple[str, str, int]] = []
    for round_no in range(ROUNDS):
        acks += _run_and_kill(folder, round_no, -1 if round_no % 6 == 0 else rng.randint(0, 60))
    finals = {rid: n for kind, rid, n in acks if kind == "FINAL"}
    drafts: dict[str, int] = {}
    for kind, rid, n in acks:
        if kind == "DRAFT":
            drafts[rid] = max(n, drafts.get(rid, 0))
    assert len(finals) > ROUNDS  # the test really exercised finalising, not only starting up
    print(f"{ROUNDS} kills, {len(acks)} acknowledged saves, {len(finals)} final records")
    with RecordStore.open(folder) as store:
        assert store.integrity_check() == "ok"
        saved_drafts = {d.record_id: d.record for d in store.drafts()}
        for rid, n in finals.items():
            assert store.get(rid).notes == f"edit {n}"
        for rid, n in drafts.items():
            if rid in finals:
                continue
            if rid in saved_drafts:
                assert int(saved_drafts[rid].notes.split()[1]) >= n
            else:  # finalised, but killed before it could say so
                try:
                    final = store.get(rid)
                except RecordNotFound:
                    pytest.fail(f"acknowledged draft {rid} (edit {n}) was lost")
                assert int(final.notes.split()[1]) >= n
        # nothing was kept outside the database: no save failed
        assert store.recovery_problems == []
