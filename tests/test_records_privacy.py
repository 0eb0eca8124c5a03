"""Privacy on a shared PC: owner-only files as created, and no records on a network file system."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from test_records_factory import draft_record, final_record

from sdm_desktop.atomic import append_private, atomic_file
from sdm_desktop.records import filesystem, recovery
from sdm_desktop.records.export_csv import write_records_csv
from sdm_desktop.records.filesystem import NetworkFolder, network_kind, refuse_network_folder
from sdm_desktop.records.location import database_path
from sdm_desktop.records.store import RecordStore
from sdm_desktop.records.upgrade import backups, upgrade

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
PROJECT = Path(__file__).resolve().parent.parent


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _open_umask() -> object:
    old = os.umask(0o022)  # the usual default, which makes files world-readable unless the writer says otherwise
    yield
    os.umask(old)


def test_the_database_and_its_folder_are_owner_only_as_created(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with RecordStore.open(folder) as store:
        store.save_draft(draft_record())
        path = database_path(folder)
        assert _mode(folder) == 0o700
        for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert part.exists() and _mode(part) == 0o600, part


def test_files_left_world_readable_by_an_earlier_version_are_narrowed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with RecordStore.open(folder) as store:
        store.save_draft(draft_record())
    path = database_path(folder)
    folder.chmod(0o755)
    path.chmod(0o644)
    with RecordStore.open(folder):
        assert _mode(folder) == 0o700 and _mode(path) == 0o600


def test_kept_drafts_exports_backups_and_logs_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    kept = recovery.keep_draft(folder, draft_record())
    assert _mode(kept) == 0o600 and _mode(kept.parent) == 0o700
    out = tmp_path / "exports" / "records.csv"
    write_records_csv([final_record(1)], out)
    assert _mode(out) == 0o600 and _mode(out.parent) == 0o700
    with atomic_file(tmp_path / "summary.pdf", "wb") as handle:
        handle.write(b"%PDF-1.4")
    assert _mode(tmp_path / "summary.pdf") == 0o600
    log = tmp_path / "crash.log"
    append_private(log, "one\n")
    append_private(log, "two\n")
    assert _mode(log) == 0o600 and log.read_text() == "one\ntwo\n"
    old = tmp_path / "old"
    RecordStore.open(old, schema=1).close()
    upgrade(old)
    ((_version, backup),) = backups(old)
    assert _mode(backup) == 0o600


MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
35 22 0:31 / /mnt/share rw,relatime shared:20 - nfs4 server:/export rw,vers=4.2
36 22 0:32 / /mnt/smb\\040drive rw,relatime - cifs //server/share rw
37 35 8:2 / /mnt/share/local rw,relatime - ext4 /dev/sdb1 rw
"""


@pytest.mark.parametrize(
    ("folder", "kind"),
    [
        ("/mnt/share/sdm", "nfs4"),
        ("/mnt/share", "nfs4"),
        ("/mnt/smb drive/records", "cifs"),
        ("/mnt/share/local/sdm", None),
        ("/home/someone/.local/share/sdm-desktop", None),
        ("/mnt/shared", None),
    ],
)
def test_network_file_systems_are_recognised(folder: str, kind: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filesystem.os.path, "realpath", lambda p: str(p))
    monkeypatch.setattr(filesystem, "_existing", lambda p: p)
    assert network_kind(Path(folder), MOUNTINFO) == kind


def test_a_data_folder_on_a_network_file_system_is_refused_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "share" / "sdm"
    table = tmp_path / "mountinfo"
    table.write_text(f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n40 22 0:40 / {tmp_path.resolve()} rw - nfs server:/x rw\n")
    monkeypatch.setattr(filesystem, "MOUNTINFO", table)
    with pytest.raises(NetworkFolder) as refused:
        RecordStore.open(folder)
    message = str(refused.value)
    assert "network file system (nfs)" in message and "--data-dir" in message and "own disk" in message
    assert not folder.exists()  # nothing was created there
    with pytest.raises(NetworkFolder):
        refuse_network_folder(folder)


def test_a_local_data_folder_is_accepted(tmp_path: Path) -> None:
    refuse_network_folder(tmp_path)  # the test folder is on a local disk
    assert network_kind(tmp_path) is None


def test_the_readme_no_longer_suggests_a_shared_folder() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "/secure/share" not in readme
    assert "network" in readme
