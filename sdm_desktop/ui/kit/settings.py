"""Window settings (geometry, zoom, theme) in an INI file beside the preferences."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ...atomic import private_file, private_folder
from ...config import config_dir

SETTINGS_NAME = "window.ini"


def open_settings() -> QSettings:
    """QSettings in the config folder (``SDM_DESKTOP_CONFIG_DIR`` in tests), never the registry."""
    directory = config_dir()
    private_folder(directory)  # owner-only: the window's state says what was open
    path = directory / SETTINGS_NAME
    private_file(path)  # QSettings rewrites the file in place of this one; the folder keeps it private
    return QSettings(str(path), QSettings.Format.IniFormat)


def read_bool(settings: QSettings, key: str, default: bool = False) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)
