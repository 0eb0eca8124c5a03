"""Package list for setuptools; everything else is in pyproject.toml.

Every ``sdm_desktop`` package is found automatically, and ``option_grids/`` and
``resources/`` (top-level folders in the source tree) are added as
``sdm_desktop.option_grids`` and ``sdm_desktop.resources.*`` (mapped in
``[tool.setuptools.package-dir]``), so the wheel carries the shipped content.
"""

from setuptools import find_packages, setup

SHIPPED = ["sdm_desktop.option_grids", "sdm_desktop.resources.schema", "sdm_desktop.resources.fonts"]

setup(packages=[*find_packages(include=["sdm_desktop", "sdm_desktop.*"]), *SHIPPED])
