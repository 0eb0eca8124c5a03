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


def service_config_path() -> Path:
    """The machine-wide settings file a service sets for every user (``SDM_DESKTOP_SERVICE_CONFIG`` overrides)."""
    override = os.environ.get("SDM_DESKTOP_SERVICE_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "service.json"


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


@dataclass(frozen=True)
class ServiceSettings:
    """Settings a service makes for every user of a machine, not a personal preference.

    ``patients_only_signed_off``: content whose sign-off does not hold (see
    grids/signoff.py) may be used only in a clearly labelled training mode.
    Off for a new install."""

    patients_only_signed_off: bool = False

    @classmethod
    def load(cls) -> tuple[ServiceSettings, str | None]:
        """The service settings, and a message if the file could not be used (then the defaults)."""
        path = service_config_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(), None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return cls(), f"Service settings in {path} could not be read ({exc}); defaults are used."
        if not isinstance(raw, dict):
            return cls(), f"Service settings in {path} are not in the expected form; defaults are used."
        value = raw.get("patients_only_signed_off", False)
        if not isinstance(value, bool):
            return cls(), f"In {path}, 'patients_only_signed_off' must be true or false; defaults are used."
        return cls(patients_only_signed_off=value), None

    def save(self, path: Path | None = None) -> None:
        with atomic_file(path or service_config_path()) as handle:
            json.dump(asdict(self), handle, indent=2)
