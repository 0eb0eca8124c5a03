"""The wheel is complete: built, installed into a fresh venv without setuptools, and used from
outside the source tree, it validates, lists and prints the shipped content and opens the window.

Slow (it builds, makes a venv and installs the dependencies from pip's cache or the index),
so the quick loop leaves it out; ./test and CI run it. The venv is made with the Python that
runs the tests, and also with each interpreter listed in ``SDM_TEST_PYTHONS`` (separated
like PATH), for example ``SDM_TEST_PYTHONS=/usr/bin/python3.12:/usr/bin/python3.13``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "README.md", "sdm_desktop", "option_grids", "resources")
SHIPPED = sorted(p.name for p in (PROJECT / "option_grids").glob("*.yaml"))

pytestmark = pytest.mark.slow
PYTHONS = [sys.executable, *(p for p in os.environ.get("SDM_TEST_PYTHONS", "").split(os.pathsep) if p)]


def _run(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources so the checkout is left as it was."""
    work = tmp_path_factory.mktemp("build")
    source = work / "src"
    source.mkdir()
    for name in SOURCES:
        if (PROJECT / name).is_dir():
            shutil.copytree(PROJECT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(PROJECT / name, source / name)
    proc = _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work / "dist"), str(source)], work
    )
    assert proc.returncode == 0, proc.stderr
    (built,) = (work / "dist").glob("sdm_desktop-*.whl")
    return built


@pytest.fixture(scope="module", params=PYTHONS, ids=lambda p: "this-python" if p == sys.executable else Path(p).name)
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A fresh venv with the wheel and its dependencies, and without setuptools."""
    root = tmp_path_factory.mktemp("venv") / "env"
    proc = _run([request.param, "-m", "venv", str(root)], root.parent)
    assert proc.returncode == 0, proc.stderr
    python = root / ("Scripts" if os.name == "nt" else "bin") / "python"
    _run([str(python), "-m", "pip", "uninstall", "--quiet", "--yes", "setuptools"], root.parent)
    proc = _run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)], root.parent
    )
    assert proc.returncode == 0, proc.stderr
    return root


def test_the_wheel_holds_the_content_schema_and_fonts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"sdm_desktop/option_grids/{n}" for n in SHIPPED} <= names
    assert "sdm_desktop/resources/schema/sdm-document.schema.json" in names
    assert {
        "sdm_desktop/resources/fonts/DejaVuSans.ttf",
        "sdm_desktop/resources/fonts/DejaVuSans-Bold.ttf",
        "sdm_desktop/resources/fonts/DejaVuSans-Oblique.ttf",
        "sdm_desktop/resources/fonts/DejaVu-LICENSE.txt",
    } <= names
    # Every module of the source tree is in the wheel.
    modules = {p.relative_to(PROJECT).as_posix() for p in (PROJECT / "sdm_desktop").rglob("*.py")}
    assert modules <= names


def test_the_installed_wheel_works_without_setuptools(venv: Path, tmp_path: Path) -> None:
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python, app = str(bin_dir / "python"), str(bin_dir / "sdm-desktop")
    outside = tmp_path / "elsewhere"  # not the checkout, so nothing can be found beside the package
    outside.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)

    for module in ("setuptools", "pkg_resources"):
        assert _run([python, "-c", f"import {module}"], outside, env).returncode != 0, f"{module} is installed"

    validate = _run([app, "validate"], outside, env)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert validate.stdout.splitlines()[-1].startswith("11 files checked: 0 errors")

    listed = _run([app, "list", "--json"], outside, env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 11
    site = _run([python, "-c", "import sdm_desktop, os; print(os.path.dirname(sdm_desktop.__file__))"], outside, env)
    package = Path(site.stdout.strip())
    assert package.is_relative_to(venv)
    assert sorted(Path(r["path"]).name for r in rows) == SHIPPED
    assert all(Path(r["path"]).parent == package / "option_grids" for r in rows)

    pdf = outside / "af.pdf"
    printed = _run([app, "pdf", "--grid", "af-anticoagulation", "--out", str(pdf)], outside, env)
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF")

    window = _run([app, "--quit-after-load"], outside, env, timeout=120)
    assert window.returncode == 0, window.stderr
