"""The one-page PDF summary (reportlab only, no Qt).

``build_summary_pdf`` makes the page (record copy, patient copy, or a clean
grid to hand over); ``write_pdf_atomic`` saves it without ever leaving a
half-written file. See docs/pdf-summary.md.
"""

from .atomic import write_pdf_atomic
from .pdf import ContentExpired, SummaryError, build_summary_pdf

__all__ = ["ContentExpired", "SummaryError", "build_summary_pdf", "write_pdf_atomic"]
