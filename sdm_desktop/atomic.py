"""Writing a file so that it is either all there or not there at all.

Every file the program writes (PDFs, exports, kept drafts, preferences,
caches) goes through :func:`atomic_file`: a temporary file in the same
folder, flushed and synced to disk, then renamed over the target in one step
(``os.replace``), so a reader never sees half a file. On any failure the
temporary file is removed and the error is raised; an existing file at the
target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8",
                newline: str | None = None, durable: bool = True, create_folder: bool = True) -> Iterator[IO[Any]]:
    """Open a temporary file to write; on leaving the block it replaces ``path``.

    ``mode`` is "w" (text, in ``encoding``) or "wb". The parent folder is
    made if needed, unless ``create_folder`` is False (a file the person named
    goes only into a folder that exists). ``durable`` (the default) syncs the
    file and the folder to disk; caches, which only cost speed if lost, pass False.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if create_folder:
        folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _sync_folder(folder)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, *, create_folder: bool = True) -> None:
    """Write ``data`` to ``path`` atomically and durably (see :func:`atomic_file`)."""
    with atomic_file(path, "wb", create_folder=create_folder) as handle:
        handle.write(data)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sync_files(paths: Iterable[Path]) -> None:
    """Make files written with ``durable=False`` durable, and their folders.

    After the first file's sync has flushed the journal the rest cost little,
    so many small files written this way and then synced together are far
    quicker than a sync per file."""
    folders: set[Path] = set()
    for path in paths:
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        folders.add(path.parent)
    for folder in folders:
        _sync_folder(folder)
