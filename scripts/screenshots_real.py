"""Take the window's pictures on a real X server: 1366x768, and 1920x1080 at 150%, normal and high contrast.

Each run starts Xvfb with Openbox (tests/realdisplay.py, installed by
``scripts/bootstrap.sh test``) and runs scripts/screenshots.py on it, so the
pictures show what a clinic PC shows: the window manager's placement, a
maximised window and full-screen patient view at that screen's size.
Pictures are named ui-VIEW-SCREEN.png and ui-VIEW-SCREEN-hc.png.
Usage: python scripts/screenshots_real.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests"))

from realdisplay import SCREENS, RealDisplay  # noqa: E402

SHOT_SCREENS = ("1366x768", "1920x1080-150")


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else PROJECT / "docs" / "screenshots"
    failed = 0
    for screen in (s for s in SCREENS if s.name in SHOT_SCREENS):
        for high_contrast in (False, True):
            with tempfile.TemporaryDirectory(prefix="sdm-shots-") as runtime, RealDisplay(screen) as display:
                Path(runtime).chmod(0o700)
                env = {**display.env, "XDG_RUNTIME_DIR": runtime}
                for script in ("screenshots.py", "screenshots_records.py"):
                    command = [sys.executable, str(PROJECT / "scripts" / script), str(out), "--tag", screen.name]
                    if high_contrast:
                        command.append("--high-contrast")
                    result = subprocess.run(command, env=env, cwd=PROJECT, text=True, capture_output=True, check=False)
                    print(result.stdout, end="")
                    if result.returncode != 0:
                        failed += 1
                        print(result.stderr[-3000:], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
