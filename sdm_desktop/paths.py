"""Where the project's shipped files live.

The shipped content (``option_grids/``) and the resources (``resources/``: the JSON
Schema and the bundled font) sit at the top of the source tree. Building the package
copies them into it (``sdm_desktop/option_grids``, ``sdm_desktop/resources``; see
``[tool.setuptools]`` in pyproject.toml), so an installed wheel and a frozen build find
them with ``importlib.resources``. A source checkout or an editable install finds them
beside the package instead.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def shipped_folder(name: str) -> Path:
    """The folder ``name`` inside the installed package, else beside it in a source checkout.

    Returns the installed location when neither exists, so that a broken installation is
    reported with the path where the files were expected.
    """
    packaged = resources.files(__package__ or "sdm_desktop") / name
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    source = PROJECT_DIR / name
    if source.is_dir():
        return source
    return PACKAGE_DIR / name


RESOURCES_DIR = shipped_folder("resources")
SHIPPED_LIBRARY = shipped_folder("option_grids")
SCHEMA_PATH = RESOURCES_DIR / "schema" / "sdm-document.schema.json"
FONTS_DIR = RESOURCES_DIR / "fonts"
