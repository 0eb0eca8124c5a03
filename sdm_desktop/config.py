"""User preferences shared by the command line and the window (Qt-free).

Stored as JSON in the per-user config directory; ``SDM_DESKTOP_CONFIG_DIR``
points elsewhere (tests use it so they never touch real settings).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from .atomic import atomic_file

APP_NAME = "sdm-desktop"


def config_dir() -> Path:
    override = os.environ.get("SDM_DESKTOP_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    override = os.environ.get("SDM_DESKTOP_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


@dataclass
class Config:
    library_folders: list[str] = field(default_factory=list)
    clinician_name: str = ""
    clinician_role: str = ""
    patient_id_mode: str = "nhs_number"  # or "local_reference"
    # For FHIR exports: the organisation's ODS code, and this clinician's professional register
    # ("gmc", "nmc", "hcpc", "gphc") and number there; the base of the Questionnaires' canonical URLs.
    organisation_ods_code: str = ""
    clinician_register: str = ""
    clinician_register_number: str = ""
    fhir_canonical_base: str = ""

    @classmethod
    def load(cls) -> tuple[Config, str | None]:
        """The saved preferences, and a message if the file could not be used."""
        path = config_dir() / "config.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(), None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return cls(), f"Preferences in {path} could not be read ({exc}); defaults are used."
        if not isinstance(raw, dict):
            return cls(), f"Preferences in {path} are not in the expected form; defaults are used."
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in raw.items() if k in known}
        config = cls()
        for key, value in values.items():
            if isinstance(value, type(getattr(config, key))):
                setattr(config, key, value)
        config.library_folders = [str(p) for p in config.library_folders if isinstance(p, str)]
        return config, None

    def save(self) -> None:
        with atomic_file(config_dir() / "config.json") as handle:
            json.dump(asdict(self), handle, indent=2)
