"""Privacy on a shared PC, the window's side: window.ini and the crash log owner-only; print copies removed."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from sdm_desktop.config import cache_dir, config_dir
from sdm_desktop.crashlog import write_crash_log
from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.kit.settings import SETTINGS_NAME, open_settings
from sdm_desktop.ui.record import print_temp, summary_output

pytestmark = [pytest.mark.gui, pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_window_ini_is_owner_only_after_qt_writes_it() -> None:
    create_application()
    settings = open_settings()
    settings.setValue("window/zoom", 3)
    settings.sync()
    assert _mode(config_dir() / SETTINGS_NAME) == 0o600
    assert _mode(config_dir()) == 0o700
    settings.setValue("window/zoom", 4)  # written again: still private
    settings.sync()
    assert _mode(config_dir() / SETTINGS_NAME) == 0o600


def test_the_crash_log_is_owner_only() -> None:
    try:
        raise RuntimeError("patient 943 476 5919")
    except RuntimeError:
        kind, exc, tb = sys.exc_info()
        assert kind is not None and exc is not None
        log = write_crash_log(kind, exc, tb)
    assert log == cache_dir() / "crash.log"
    assert _mode(log) == 0o600
    assert "RuntimeError" in log.read_text(encoding="utf-8")


def test_the_print_fallback_copy_is_private_and_removed_when_done(monkeypatch: pytest.MonkeyPatch) -> None:
    create_application()
    opened: list[str] = []
    monkeypatch.setattr(summary_output.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    path = summary_output.open_with_system(b"%PDF-1.4 made-up", "summary.pdf")
    assert opened == [str(path)] and path.exists()
    assert _mode(path.parent) == 0o700
    print_temp.remove_all()  # printing done (the app quits, or the time is up)
    assert not path.exists() and not path.parent.exists()


def test_leftover_print_copies_are_swept_at_start(tmp_path: Path) -> None:
    left = tmp_path / f"{print_temp.PREFIX}abc123"
    left.mkdir()
    (left / "summary.pdf").write_bytes(b"%PDF-1.4 left by a crash")
    other = tmp_path / "someone-elses-folder"
    other.mkdir()
    assert print_temp.sweep(tmp_path) == [left]
    assert not left.exists() and other.exists()
