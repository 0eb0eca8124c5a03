"""The one-page PDF summary (reportlab only, no Qt).

``build_summary_pdf`` makes the page (record copy, patient copy, or a clean
grid to hand over); ``write_pdf_atomic`` saves it without ever leaving a
half-written file. See docs/pdf-summary.md.

The names are imported on first use, so that commands which never print do
not pay for importing reportlab.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .atomic import write_pdf_atomic
    from .pdf import ContentExpired, PrintCheck, SummaryError, build_summary_pdf, print_check

__all__ = ["ContentExpired", "PrintCheck", "SummaryError", "build_summary_pdf", "print_check", "write_pdf_atomic"]

_WHERE = {
    "write_pdf_atomic": ".atomic",
    "ContentExpired": ".pdf",
    "SummaryError": ".pdf",
    "build_summary_pdf": ".pdf",
    "PrintCheck": ".pdf",
    "print_check": ".pdf",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
