"""Writing a file so that it is either all there or not there at all.

Every file the program writes (PDFs, exports, kept drafts, preferences,
caches) goes through :func:`atomic_file`: a temporary file in the same
folder, flushed and synced to disk, then renamed over the target in one step
(``os.replace``), so a reader never sees half a file. On any failure the
temporary file is removed and the error is raised; an existing file at the
target is left as it was.

Files hold patient data or settings, so every file written here is
owner-only (0600, as ``mkstemp`` creates it) and folders made for them are
owner-only (0700); :func:`private_folder` and :func:`private_file` do the same
for the records folder and database, which SQLite creates.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_file(
    path: str | os.PathLike[str],
    mode: str = "w",
    *,
    encoding: str | None = "utf-8",
    newline: str | None = None,
    durable: bool = True,
    create_folder: bool = True,
) -> Iterator[IO[Any]]:
    """Open a temporary file to write; on leaving the block it replaces ``path``.

    ``mode`` is "w" (text, in ``encoding``) or "wb". The parent folder is
    made if needed, unless ``create_folder`` is False (a file the person named
    goes only into a folder that exists). ``durable`` (the default) syncs the
    file and the folder to disk; caches, which only cost speed if lost, pass False.
    """
    # Plain strings, not Path: pathlib interns every name it parses, which
    # grows memory with each file of an export of many thousands.
    target = os.fspath(path)
    folder = os.path.dirname(target) or "."
    if create_folder:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
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


def _sync_folder(folder: str | os.PathLike[str]) -> None:
    """Make the rename itself durable where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sync_files(paths: Sequence[Path], folder: Path) -> None:
    """Make ``paths``, all written with ``durable=False`` into ``folder``, durable together.

    On Linux one ``syncfs`` of the file system holding ``folder`` does it, far
    quicker than a sync per file; elsewhere each file is synced in turn."""
    if paths and not _syncfs(folder):
        for path in paths:
            with contextlib.suppress(OSError):
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
    _sync_folder(folder)


def _syncfs(folder: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(folder, os.O_RDONLY)
    except (OSError, AttributeError):
        return False
    try:
        return bool(libc.syncfs(fd) == 0)
    except AttributeError:
        return False
    finally:
        os.close(fd)


def private_folder(path: Path) -> None:
    """Make ``path`` (and any missing parents) and leave it owner-only (0700).

    An existing folder this user owns is narrowed to 0700 as well: the data
    folder holds patient records. A folder owned by someone else is left as
    it is (changing it would fail, and is not ours to change)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    owner_only(path, 0o700)


def private_file(path: Path) -> None:
    """Create ``path`` empty if it is missing, owner-only (0600); narrow it to 0600 if it exists."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    owner_only(path, 0o600)


def append_private(path: Path, text: str) -> None:
    """Append ``text`` to the log file ``path``, creating it owner-only (0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(text)
    owner_only(path, 0o600)


def owner_only(path: Path, mode: int) -> None:
    if os.name != "posix":
        return  # Windows: the per-user folders are private by their ACLs
    with contextlib.suppress(OSError):
        st = os.stat(path)
        if st.st_uid == os.getuid() and (st.st_mode & 0o777) != mode:
            os.chmod(path, mode)
