"""Everything outside sdm_desktop.ui is Qt-free, and the layers point inward."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sdm_desktop

PROJECT = Path(__file__).resolve().parent.parent


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(sdm_desktop.__path__, "sdm_desktop."):
        if info.name.startswith("sdm_desktop.ui") or info.name == "sdm_desktop.__main__":
            continue
        names.append(info.name)
    return names


@pytest.mark.slow
def test_core_imports_with_qt_blocked() -> None:
    modules = core_modules()
    assert "sdm_desktop.grids.library" in modules and "sdm_desktop.records.model" in modules
    script = (
        "import sys\n"
        "for blocked in ('PySide6', 'shiboken6'):\n"
        "    sys.modules[blocked] = None  # any import of it now fails\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "assert not any(m.startswith('PySide6.') for m in sys.modules)\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=PROJECT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_import_contracts_hold() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    proc = subprocess.run([exe], capture_output=True, text=True, timeout=300, cwd=PROJECT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 3 kept, 0 broken." in proc.stdout
