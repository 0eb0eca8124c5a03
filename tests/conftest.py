"""Shared fixtures. Tests run headless, never touch the user's real folders, and leave nothing behind.

- Every temporary file of the run (pytest's tmp_path, tempfile in tests, the program and
  the subprocesses they start) goes under one folder that is removed when the run ends.
- The ``gui`` marker is added to every test that uses Qt: one that asks for ``qtbot`` or
  ``qapp``, lives in a module that imports PySide6 or sdm_desktop.ui, or imports them
  itself. A run that leaves gui tests out (``-m "not gui"``) fails if one ran anyway.
- The ``slow`` marker is added to every test that starts a PostgreSQL server; tests
  that take seconds for other reasons carry it themselves.
"""

from __future__ import annotations

import inspect
import logging
import os
import re
import shutil
import sys
import tempfile
import types
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

# One folder for everything temporary, made before any test runs and removed after.
_session_root = tempfile.mkdtemp(prefix="sdm-tests-")
_session_tmp = os.path.join(_session_root, "tmp")
os.mkdir(_session_tmp)
for _folder in (_session_root, _session_tmp):
    os.chmod(_folder, 0o711)  # other users may pass through (the test PostgreSQL server runs as postgres)
os.environ["TMPDIR"] = _session_tmp
tempfile.tempdir = None  # gettempdir() reads TMPDIR again

# Point the per-user folders away from the real ones for the whole run; each
# test gets its own through the autouse fixture below.
_session_home = os.path.join(_session_root, "home")
for _name, _folder in {
    "SDM_DESKTOP_CONFIG_DIR": "config",
    "SDM_DESKTOP_CACHE_DIR": "cache",
    "SDM_DESKTOP_DATA_DIR": "data",
    "SDM_DESKTOP_LOG_DIR": "log",
    "XDG_CONFIG_HOME": "xdg-config",
    "XDG_DATA_HOME": "xdg-data",
    "XDG_CACHE_HOME": "xdg-cache",
    "XDG_STATE_HOME": "xdg-state",
}.items():
    os.environ[_name] = os.path.join(_session_home, _folder)

# Fixtures that start a throwaway PostgreSQL server (central-store tests).
pytest_plugins = ["pg_server"]

PROJECT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

QT_FIXTURES = frozenset({"qtbot", "qapp", "qapp_args", "qapp_cls"})
SERVER_FIXTURES = frozenset({"pg_shared", "pg_own"})  # a real PostgreSQL server: seconds to start
QT_MODULES = ("PySide6", "shiboken6", "pytestqt", "sdm_desktop.ui")
_QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|pytestqt|sdm_desktop\.ui)\b", re.MULTILINE)


def _is_qt(name: str | None) -> bool:
    return bool(name) and any(name == m or name.startswith(m + ".") for m in QT_MODULES)  # type: ignore[union-attr]


def _module_uses_qt(module: types.ModuleType) -> bool:
    for value in vars(module).values():
        if isinstance(value, types.ModuleType) and _is_qt(value.__name__):
            return True
        if isinstance(value, type | types.FunctionType) and _is_qt(getattr(value, "__module__", None)):
            return True
    return False


def _test_uses_qt(item: pytest.Item) -> bool:
    if QT_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    module = getattr(item, "module", None)
    if module is not None and _module_uses_qt(module):
        return True
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function is not None else ""
    except (OSError, TypeError):
        source = ""
    return _QT_IMPORT.search(source) is not None


def pytest_configure(config: pytest.Config) -> None:
    if not config.option.basetemp:
        config.option.basetemp = os.path.join(_session_root, "pytest")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _test_uses_qt(item):
            item.add_marker(pytest.mark.gui)
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def _qt_was_used() -> bool:
    """Whether a test made a Qt application (pytest-qt itself imports PySide6, so imports do not tell)."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    return widgets is not None and widgets.QApplication.instance() is not None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    markexpr = session.config.option.markexpr or ""
    if "not gui" in markexpr and _qt_was_used():
        session.config.stash[_QT_LEAK] = True
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if terminalreporter.config.stash.get(_QT_LEAK, False):
        terminalreporter.write_line(
            "A Qt application was made although gui tests were left out: a test uses Qt without the "
            "gui marker (see tests/conftest.py).",
            red=True,
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_session_root, ignore_errors=True)


_QT_LEAK = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SDM_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("SDM_DESKTOP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SDM_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SDM_DESKTOP_LOG_DIR", str(tmp_path / "log"))
    yield
    # The program's log handlers point into this test's folder: close them with it.
    program_log = logging.getLogger("sdm_desktop")
    for handler in list(program_log.handlers):
        program_log.removeHandler(handler)
        handler.close()


@pytest.fixture
def data_dir() -> Path:
    return DATA
