"""Window subcommands and the default start (see sdm_desktop/cli.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add the window's subcommands to ``sub``."""


def run_gui(args: argparse.Namespace) -> int:
    print("sdm-desktop: the window is not available in this build yet.", file=sys.stderr)
    return 1
