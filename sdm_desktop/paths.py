"""Where the project's shipped files live."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PROJECT_DIR / "resources"
SHIPPED_LIBRARY = PROJECT_DIR / "option_grids"
SCHEMA_PATH = RESOURCES_DIR / "schema" / "sdm-document.schema.json"
FONTS_DIR = RESOURCES_DIR / "fonts"
