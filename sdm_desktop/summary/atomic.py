"""Saving the summary PDF so that it is either all there or not there at all."""

from __future__ import annotations

import os

from ..atomic import write_bytes_atomic


def write_pdf_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write the PDF ``data`` to ``path`` atomically (see :mod:`sdm_desktop.atomic`), into a folder that exists."""
    write_bytes_atomic(path, data, create_folder=False)
