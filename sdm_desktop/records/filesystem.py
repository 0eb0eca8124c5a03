"""Refusing a data folder on a network file system.

SQLite's write-ahead log needs shared memory between every program using the
database, which network file systems (NFS, SMB/CIFS, and the like) do not
give: two computers writing one database there can damage it, and even one
can lose saves (https://www.sqlite.org/wal.html, "WAL does not work over a
network filesystem"). The store refuses such a folder with a message saying
what to do instead.

Linux: the file system type from /proc/self/mountinfo, for the mount that
holds the folder. Windows: a UNC path (\\\\server\\share) or a mapped network
drive. Elsewhere nothing is detected.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import StorageError

NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "fuse.sshfs",
        "sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "davfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.cephfs",
        "afpfs",
        "fuse.afpfs",
    }
)
MOUNTINFO = Path("/proc/self/mountinfo")


class NetworkFolder(StorageError):
    """The data folder is on a network file system, where SQLite cannot keep records safely."""


def _unescape(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash in paths as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) for each line of a mountinfo file."""
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        parts = line.split(" - ", 1)
        if len(parts) != 2:
            continue
        before, after = parts[0].split(), parts[1].split()
        if len(before) >= 5 and after:
            out.append((_unescape(before[4]), after[0]))
    return out


def filesystem_type(folder: Path, mountinfo: str | None = None) -> str | None:
    """The type of the file system holding ``folder`` (Linux), or None if it cannot be told."""
    if mountinfo is None:
        try:
            mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    path = os.path.realpath(_existing(folder))
    best, kind = "", None
    for point, fstype in mounts(mountinfo):
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fstype
    return kind


def _existing(folder: Path) -> Path:
    """``folder`` or its nearest parent that exists (the folder may not be made yet)."""
    current = folder.expanduser().absolute()
    while not current.exists() and current.parent != current:
        current = current.parent
    return current


def _windows_network(folder: Path) -> str | None:
    text = str(folder.absolute())
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return "a network share"
    drive = os.path.splitdrive(text)[0]
    if sys.platform == "win32" and drive:
        import ctypes

        drive_remote = 4  # DRIVE_REMOTE
        if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote:
            return "a network drive"
    return None


def network_kind(folder: Path, mountinfo: str | None = None) -> str | None:
    """What kind of network file system ``folder`` is on, or None if it is local (or cannot be told)."""
    if os.name == "nt":
        return _windows_network(folder)
    kind = filesystem_type(folder, mountinfo)
    if kind is not None and (kind in NETWORK_TYPES or kind.split(".")[0] in NETWORK_TYPES):
        return kind
    return None


def refuse_network_folder(folder: Path, mountinfo: str | None = None) -> None:
    """Raise :class:`NetworkFolder` if ``folder`` is on a network file system."""
    kind = network_kind(folder, mountinfo)
    if kind is None:
        return
    raise NetworkFolder(
        f"The records folder {folder} is on a network file system ({kind}). SQLite cannot keep records safely "
        "there: saves can be lost and the database damaged. Choose a folder on this computer's own disk "
        "(--data-dir or SDM_DESKTOP_DATA_DIR, or leave both unset for your own user folder). To bring records "
        "from several computers together, use export or the central store.",
        path=folder,
    )
