"""A summary of every document in the library, cached on file identity.

``sdm-desktop list`` reads this: when no file has changed since the last run
(same path, size, modification time and inode), nothing is parsed at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import atomic_file
from ..paths import SCHEMA_PATH
from .findings import has_errors
from .library import discover, load_file

CACHE_NAME = "library-index.json"


@dataclass(frozen=True)
class Summary:
    path: str
    id: str | None
    kind: str | None
    title: str | None
    version: str | None
    language: str | None
    sign_off: str | None
    errors: int
    warnings: int

    @property
    def valid(self) -> bool:
        return self.id is not None and self.errors == 0


Identity = tuple[int, int, int, int]


def identity(path: Path) -> Identity | None:
    """Size, modification time, inode and device: a file unchanged since it was cached keeps all four."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)


def cache_key() -> str:
    try:
        schema_bytes = SCHEMA_PATH.read_bytes()
    except OSError:
        schema_bytes = b""
    today = dt.date.today().isoformat()  # review dates make findings change daily
    return hashlib.sha256(__version__.encode() + schema_bytes + today.encode()).hexdigest()[:16]


def _summarise(path: Path) -> Summary:
    lf = load_file(path)
    doc = lf.document
    errors = sum(1 for f in lf.findings if f.severity.value == "error")
    warnings = len(lf.findings) - errors
    if doc is None:
        return Summary(str(path), None, None, None, None, None, None, errors, warnings)
    return Summary(
        str(path),
        doc.id,
        doc.kind,
        str(doc.title),
        doc.version,
        doc.language,
        doc.metadata.sign_off_status,
        errors if has_errors(lf.findings) else 0,
        warnings,
    )


def summaries(folders: Sequence[str | Path], cache_file: Path | None) -> list[Summary]:
    """A summary per file, reusing cached ones for unchanged files."""
    key = cache_key()
    cached: dict[str, Any] = {}
    if cache_file is not None:
        try:
            raw = json.loads(cache_file.read_text(encoding="utf-8"))
            if isinstance(raw, dict) and raw.get("key") == key and isinstance(raw.get("files"), dict):
                cached = raw["files"]
        except (OSError, ValueError):
            cached = {}
    out: list[Summary] = []
    fresh: dict[str, Any] = {}
    changed = False
    for path in discover(folders):
        ident = identity(path)
        entry = cached.get(str(path))
        if ident is not None and isinstance(entry, dict) and entry.get("identity") == list(ident):
            try:
                summary = Summary(**entry["summary"])
            except (TypeError, KeyError):
                summary = _summarise(path)
                changed = True
        else:
            summary = _summarise(path)
            changed = True
        out.append(summary)
        fresh[str(path)] = {"identity": list(ident) if ident else None, "summary": asdict(summary)}
    if cache_file is not None and (changed or len(fresh) != len(cached)):
        _write(cache_file, {"key": key, "files": fresh})
    return out


def _write(cache_file: Path, payload: dict[str, Any]) -> None:
    try:
        with atomic_file(cache_file, durable=False) as handle:
            json.dump(payload, handle)
    except OSError:
        pass  # a cache that cannot be written only costs speed
