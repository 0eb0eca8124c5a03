"""A real X server with a window manager, for the tests that offscreen hides.

Focus, shortcuts, mnemonics, window geometry and wheel events behave differently on
Qt's offscreen platform: it has no window manager, no keyboard grab and no real input
devices. ``RealDisplay`` starts Xvfb at a given screen size with Openbox on it, and
gives the environment a child process needs to run there (``DISPLAY``,
``QT_QPA_PLATFORM=xcb`` and, for high-DPI runs, ``QT_SCALE_FACTOR``).

The test set-up (scripts/bootstrap.sh test) installs Xvfb, Openbox, xdotool and
x11-utils from Debian's packages.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")


@dataclass(frozen=True)
class Screen:
    """One clinic-PC screen to test on."""

    name: str
    width: int
    height: int
    scale: float = 1.0

    @property
    def env(self) -> dict[str, str]:
        env = {"SDM_TEST_SCREEN": f"{self.width}x{self.height}@{self.scale:g}"}
        if self.scale != 1.0:
            env["QT_SCALE_FACTOR"] = f"{self.scale:g}"
        return env


# A typical clinic PC, a small laptop panel, and a full-HD screen at 150%.
SCREENS = (
    Screen("1366x768", 1366, 768),
    Screen("1280x720", 1280, 720),
    Screen("1920x1080-150", 1920, 1080, 1.5),
)


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _free_display() -> int:
    for number in range(90, 190):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number between :90 and :189")


def _wait(predicate: object, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


class RealDisplay:
    """Xvfb plus Openbox, for one screen; use as a context manager."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self.display = ""
        self._procs: list[subprocess.Popen[bytes]] = []
        self._home = ""

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("QT_SCALE_FACTOR", None)
        env.update(self.screen.env)
        env.update({"DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb", "SDM_TEST_REAL_DISPLAY": "1"})
        return env

    def __enter__(self) -> RealDisplay:
        missing = missing_tools()
        if missing:
            raise RuntimeError(f"missing {', '.join(missing)}: run scripts/bootstrap.sh test")
        number = _free_display()
        self.display = f":{number}"
        self._home = tempfile.mkdtemp(prefix="sdm-x-")
        xvfb = subprocess.Popen(
            [
                "Xvfb",
                self.display,
                "-screen",
                "0",
                f"{self.screen.width}x{self.screen.height}x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._procs.append(xvfb)
        _wait(lambda: Path(f"/tmp/.X11-unix/X{number}").exists() or xvfb.poll() is not None, "Xvfb")
        if xvfb.poll() is not None:
            raise RuntimeError(f"Xvfb {self.display} did not start")
        env = {**self.env, "HOME": self._home}
        wm = subprocess.Popen(
            ["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._procs.append(wm)
        _wait(lambda: self._wm_running(env), "the window manager")
        return self

    def _wm_running(self, env: dict[str, str]) -> bool:
        out = subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env, capture_output=True, text=True, check=False
        )
        return "window id" in out.stdout

    def __exit__(self, *exc: object) -> None:
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self._procs.clear()
        if self._home:
            shutil.rmtree(self._home, ignore_errors=True)


# In the child pytest on that display:


def screen_spec() -> tuple[int, int, float]:
    size, _, scale = os.environ["SDM_TEST_SCREEN"].partition("@")
    width, _, height = size.partition("x")
    return int(width), int(height), float(scale or 1)


class Xdo:
    """Keyboard and mouse through the X server."""

    def run(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, timeout=10)

    def key(self, *keys: str) -> None:
        self.run("key", "--clearmodifiers", *keys)

    def type(self, text: str) -> None:
        self.run("type", "--clearmodifiers", "--delay", "20", text)

    def move(self, x: int, y: int) -> None:
        self.run("mousemove", "--sync", str(x), str(y))

    def click(self, button: int = 1) -> None:
        self.run("click", str(button))

    def wheel(self, steps: int) -> None:
        """Positive steps scroll down (button 5), negative up (button 4)."""
        button = "5" if steps > 0 else "4"
        self.run("click", "--repeat", str(abs(steps)), "--delay", "30", button)
