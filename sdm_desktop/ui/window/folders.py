"""Which folders the window's library is loaded from."""

from __future__ import annotations

from pathlib import Path

from ...config import Config
from ...paths import SHIPPED_LIBRARY


def library_folders(config: Config) -> list[Path]:
    """The shipped library, then the extra folders from preferences."""
    return [SHIPPED_LIBRARY, *(Path(p) for p in config.library_folders)]
