"""The catalogue cache: each file's findings and facts, kept on file identity.

A window listing a large library needs only the facts of each document (its
title, search text, badges and links, see facts.py) and the findings about
it. They are written here after a load; on the next start an unchanged file
(same size, modification time, inode and device) is listed from this cache
and its document is built only when it is opened. The key covers the program
version, the schema and the day (review dates make findings change daily), so
anything that could change a finding starts the cache afresh.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..atomic import atomic_file
from .facts import Facts
from .findings import Finding, Severity
from .index import Identity, cache_key
from .library import LoadedFile
from .model import Document

CATALOGUE_NAME = "library-catalogue.json"


def entry_of(lf: LoadedFile, ident: Identity) -> dict[str, Any]:
    """The cache entry of a freshly loaded file (its own findings, before checks between documents)."""
    return {
        "identity": list(ident),
        "findings": [[f.line, f.column, f.severity.value, f.message, f.rule] for f in lf.findings],
        "facts": lf.facts.to_json() if lf.facts is not None else None,
    }


def file_from_entry(path: str, entry: Mapping[str, Any], loader: Callable[[], Document | None]) -> LoadedFile:
    """The file as cached, its document built by ``loader`` when first read.

    Raises ValueError, KeyError or TypeError if the entry is damaged.
    """
    findings = [
        Finding(path, int(line), int(col), Severity(sev), str(message), str(rule))
        for line, col, sev, message, rule in entry["findings"]
    ]
    facts_data = entry["facts"]
    if facts_data is None:
        return LoadedFile(path, None, findings)
    return LoadedFile(path, None, findings, facts=Facts.from_json(facts_data, path), loader=loader)


def read(cache_file: Path, key: str) -> dict[str, Any]:
    """path -> entry, or nothing if the cache is missing, damaged or for another key."""
    try:
        raw = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = raw.get("files") if isinstance(raw, dict) and raw.get("key") == key else None
    return files if isinstance(files, dict) else {}


def write(cache_file: Path, key: str, files: Mapping[str, Any]) -> None:
    """Replace the cache atomically; a cache that cannot be written only costs speed."""
    try:
        with atomic_file(cache_file, durable=False) as handle:
            json.dump({"key": key, "files": files}, handle, separators=(",", ":"))
    except OSError:
        pass


def key_for(today: str) -> str:
    return f"{cache_key()}-{today}"
