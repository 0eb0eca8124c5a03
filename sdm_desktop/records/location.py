"""Where the records live: the per-user data folder, or the one the user chose.

Order of precedence: the command line's ``--data-dir``, then the environment
variable ``SDM_DESKTOP_DATA_DIR``, then the platform's per-user data folder.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import platformdirs

from ..config import APP_NAME

DATABASE_NAME = "records.sqlite3"
RECOVERY_FOLDER = "recovery"
ENV_VAR = "SDM_DESKTOP_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for records: ``override`` if given, else the environment, else per-user."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir_from_args(args: argparse.Namespace) -> Path:
    """:func:`data_dir` with the global ``--data-dir`` option of the command line."""
    return data_dir(getattr(args, "data_dir", None))


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def recovery_dir(folder: Path) -> Path:
    return folder / RECOVERY_FOLDER
