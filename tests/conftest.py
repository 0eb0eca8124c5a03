"""Shared fixtures. Tests run headless and never touch the user's real folders."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Headless Qt, set before any test imports PySide6. The tests in tests/realx/ run
# instead on a real X server with a window manager (see tests/realdisplay.py), in a
# child pytest that tests/test_real_display.py starts with SDM_TEST_REAL_DISPLAY=1.
REAL_DISPLAY = os.environ.get("SDM_TEST_REAL_DISPLAY") == "1"
if not REAL_DISPLAY:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
collect_ignore = [] if REAL_DISPLAY else ["realx"]
# Point the per-user folders away from the real ones for the whole run; each
# test gets its own through the autouse fixture below.
_session_home = tempfile.mkdtemp(prefix="sdm-tests-")
os.environ["SDM_DESKTOP_CONFIG_DIR"] = os.path.join(_session_home, "config")
os.environ["SDM_DESKTOP_CACHE_DIR"] = os.path.join(_session_home, "cache")
os.environ["SDM_DESKTOP_DATA_DIR"] = os.path.join(_session_home, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_session_home, "xdg-config")
os.environ["XDG_DATA_HOME"] = os.path.join(_session_home, "xdg-data")
os.environ["XDG_CACHE_HOME"] = os.path.join(_session_home, "xdg-cache")

# Fixtures that start a throwaway PostgreSQL server (central-store tests).
pytest_plugins = ["pg_server"]

PROJECT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SDM_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("SDM_DESKTOP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SDM_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    yield


@pytest.fixture
def data_dir() -> Path:
    return DATA
