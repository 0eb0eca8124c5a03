"""Everything outside sdm_desktop.ui is Qt-free, and the layers point inward."""

from __future__ import annotations

import pkgutil
import re
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
    assert {"sdm_desktop.consult.session", "sdm_desktop.consult.draft", "sdm_desktop.consult.edits"} <= set(modules)
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
    assert "Contracts: 5 kept, 0 broken." in proc.stdout


def _source(folder: str) -> list[Path]:
    return sorted((PROJECT / "sdm_desktop" / folder).rglob("*.py"))


def test_the_window_writes_no_sql_and_the_store_runs_none_given_to_it() -> None:
    from sdm_desktop.records.store import RecordStore

    sql = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|PRAGMA)\b|\.execute\(")
    offenders = [
        f"{p.relative_to(PROJECT)}:{n}"
        for p in _source("ui") + _source("consult")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if sql.search(line)
    ]
    assert offenders == []
    assert not hasattr(RecordStore, "query")  # named methods only: aids_used, options_used, quality_stats...


def test_window_and_consult_files_are_small_and_guard_none_of_their_own_imports() -> None:
    sizes = {
        str(p.relative_to(PROJECT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in _source("ui") + _source("consult")
    }
    assert sizes and max(sizes.values()) <= 400, max(sizes.items(), key=lambda item: item[1])
    own_module_guard = re.compile(r"try:\s*\n\s*from \.[\w.]* import [^\n]*\n\s*except ImportError")
    guards = [name for name in sizes if own_module_guard.search((PROJECT / name).read_text(encoding="utf-8"))]
    assert guards == []
    assert own_module_guard.search("try:\n    from .history_window import HistoryWindow\nexcept ImportError:\n")


def test_no_mixins_or_type_only_window_base() -> None:
    window = PROJECT / "sdm_desktop" / "ui" / "window"
    assert not (PROJECT / "sdm_desktop" / "ui" / "window_parts.py").exists()
    text = "\n".join(p.read_text(encoding="utf-8") for p in window.glob("*.py"))
    assert "Mixin" not in text and "TYPE_CHECKING" not in text
