"""Drafts kept outside the database when it cannot be written.

When a save fails (database locked, read-only, damaged, or the disk full) the
draft is written here as JSON, atomically (temporary file, fsync, rename), so
what was typed survives. The store brings these back into the database the
next time it opens, keeping whichever copy of a draft is newer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_file
from .errors import DatabaseReadOnly, DiskFull, StorageError
from .location import recovery_dir
from .model import Record, RecordError

_SAFE_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


@dataclass(frozen=True)
class RecoveredDraft:
    record: Record
    saved_at: dt.datetime
    path: Path


def _file_for(folder: Path, record_id: str) -> Path:
    name = record_id if _SAFE_ID.match(record_id) else "x" + record_id.encode("utf-8").hex()[:60]
    return recovery_dir(folder) / f"{name}.json"


def keep_draft(folder: Path, record: Record, saved_at: dt.datetime | None = None) -> Path:
    """Write ``record`` to the recovery folder under ``folder``; return the file written."""
    saved_at = saved_at or dt.datetime.now(dt.UTC)
    target = _file_for(folder, record.record_id)
    payload = json.dumps({"saved_at": saved_at.isoformat(), "record": record.to_dict()}, ensure_ascii=False, indent=1)
    try:
        with atomic_file(target) as handle:
            handle.write(payload)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DiskFull(
                f"The disk is full: the draft could not be kept in {target.parent} either. "
                "Do not close the window; free some space and it will be saved.",
                path=target,
            ) from exc
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise DatabaseReadOnly(
                f"The folder {target.parent} cannot be written: the draft could not be kept. Do not close the window.",
                path=target,
            ) from exc
        raise StorageError(
            f"The draft could not be kept in {target.parent} ({exc.strerror or exc}). Do not close the window.",
            path=target,
        ) from exc
    return target


def recovered_drafts(folder: Path) -> tuple[list[RecoveredDraft], list[str]]:
    """The drafts kept in the recovery folder, and a message for each file that cannot be read.

    Files that cannot be read are left where they are, never deleted.
    """
    directory = recovery_dir(folder)
    drafts: list[RecoveredDraft] = []
    problems: list[str] = []
    if not directory.is_dir():
        return drafts, problems
    for path in sorted(directory.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise RecordError("not a kept draft")
            saved_at = dt.datetime.fromisoformat(str(raw.get("saved_at")))
            if saved_at.tzinfo is None:
                saved_at = saved_at.replace(tzinfo=dt.UTC)
            record = Record.from_dict(raw.get("record"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError and RecordError are ValueErrors
            problems.append(f"A kept draft in {path} could not be read ({exc}); it has been left there.")
            continue
        drafts.append(RecoveredDraft(record, saved_at, path))
    return drafts, problems


def forget(folder: Path, record_id: str) -> None:
    """Remove the kept copy of a draft once the database holds it (or it was finalised)."""
    # A stale copy left behind is harmless: the newer copy wins when it is read back.
    with contextlib.suppress(OSError):
        _file_for(folder, record_id).unlink(missing_ok=True)
