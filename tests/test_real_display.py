"""Runs tests/realx/ on a real X server with a window manager, once per clinic-PC screen.

Offscreen Qt has no window manager, no keyboard grab and no real input devices, so it
hides ambiguous shortcuts, focus, mnemonics, window geometry and wheel events. Each
screen below gets its own Xvfb and Openbox (tests/realdisplay.py) and a child pytest
on tests/realx/ that drives the window with xdotool.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from realdisplay import SCREENS, RealDisplay, Screen

pytestmark = pytest.mark.gui
TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.name)
def test_realx_suite_passes_on(screen: Screen, tmp_path: Path) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    with RealDisplay(screen) as display:
        env = {**display.env, "XDG_RUNTIME_DIR": str(runtime)}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                str(TESTS / "realx"),
                "-q",
                "-p",
                "no:cacheprovider",
                "--basetemp",
                str(tmp_path / "basetemp"),
                "-o",
                "addopts=--strict-markers -ra",
            ],
            env=env,
            cwd=TESTS.parent,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, f"real-display tests failed on {screen.name}:\n{report}"
    assert " passed" in result.stdout, report


def test_the_app_starts_and_paints_under_a_window_manager(tmp_path: Path) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    with RealDisplay(SCREENS[0]) as display:
        env = {**display.env, "XDG_RUNTIME_DIR": str(runtime)}
        env.update({k: v for k, v in os.environ.items() if k.startswith("SDM_DESKTOP_")})
        result = subprocess.run(
            [sys.executable, "-m", "sdm_desktop", "--quit-after-load"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert "painted" in result.stderr
