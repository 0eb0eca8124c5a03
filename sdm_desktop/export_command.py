"""``sdm-desktop export``: the records package's command, given the summary package's PDF builder.

Records know nothing of the PDF summary (the summary depends on records, never
the other way round), so the command that puts both together lives here,
above the two. reportlab is imported only when the first Bundle needs a PDF.
"""

from __future__ import annotations

import argparse
from typing import Any

from .records.command import add_export


def summary_pdf(*args: Any, **kwargs: Any) -> bytes:
    """The summary package's :func:`~sdm_desktop.summary.build_summary_pdf`, imported on first use."""
    from .summary import build_summary_pdf

    return build_summary_pdf(*args, **kwargs)


def register(sub: argparse._SubParsersAction[Any]) -> None:
    add_export(sub, summary_pdf)
