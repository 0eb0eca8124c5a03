"""Subcommands of this part of the program (see sdm_desktop/cli.py)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this part's subcommands to ``sub``."""
