"""The one-page summary out of the window: saved as a PDF, or printed.

The page is always the PDF from ``summary.build_summary_pdf``, so what is
printed is exactly what is saved. Printing draws that PDF's pages onto the
printer: each page is rasterised by PDFium (the ``pypdfium2`` package, the
same engine Chrome uses, with wheels for Windows, macOS and Linux) at the
printer's resolution, up to 600 dpi. Where that package is missing, the PDF is
handed to the system's PDF viewer to print from (:func:`open_with_system`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter

from ...config import ServiceSettings
from ...grids.model import OptionGrid, PromptSet, RiskScore
from ...grids.signoff import use
from ...records.model import Record
from ...summary.context import Copy
from ..grid.review_header import review_of
from . import print_temp

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

MAX_PRINT_DPI = 600


class OutputError(Exception):
    """The summary could not be made, saved or printed; the message says why."""


def summary_pdf(
    grid: OptionGrid,
    record: Record,
    *,
    scores: Mapping[str, RiskScore],
    prompt_sets: Sequence[PromptSet],
    copy: Copy,
    today: dt.date | None = None,
) -> bytes:
    from ...summary import SummaryError, build_summary_pdf

    review = review_of(grid)  # "Reviewed by" only while the sign-off's hash matches; training mode on paper too
    training = use(review, ServiceSettings.load()[0].patients_only_signed_off) == "training"
    try:
        return build_summary_pdf(
            grid,
            record,
            scores=scores,
            prompt_sets=prompt_sets,
            copy=copy,
            today=today,
            review=review,
            training=training,
        )
    except SummaryError as exc:
        raise OutputError(f"The summary cannot be made: {exc}.") from exc


def default_file_name(record: Record, copy: Copy) -> str:
    """A name that says what the file is, without the patient's identifier."""
    aid = record.aid.id if record.aid else "consultation"
    return f"{aid}-{record.created.astimezone():%Y-%m-%d-%H%M}-{copy}-copy.pdf"


def save_pdf(path: str | os.PathLike[str], data: bytes) -> Path:
    from ...summary import write_pdf_atomic

    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    try:
        write_pdf_atomic(target, data)
    except OSError as exc:
        raise OutputError(f"The summary could not be saved to {target} ({exc.strerror or exc}).") from exc
    return target


def can_render() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Draw every page of the PDF ``data`` onto ``printer``; returns the number of pages printed."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    dpi = min(max(printer.resolution(), 72), MAX_PRINT_DPI)
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise OutputError(f"The summary could not be read for printing ({exc}).") from exc
    painter = QPainter()
    if not painter.begin(printer):
        raise OutputError("The printer could not be started. Check it is switched on and try again.")
    pages = 0
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, force_bitmap_format=pdfium_c.FPDFBitmap_BGRx)
            image = QImage(
                bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
            ).copy()
            if index:
                printer.newPage()
            target = painter.viewport()
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF((target.width() - w) / 2, 0, w, h), image)
            pages += 1
    finally:
        painter.end()
        document.close()
    return pages


def open_with_system(data: bytes, name: str) -> Path:
    """Save ``data`` to a temporary PDF and open it in the system's viewer (to print from there)."""
    folder = print_temp.new_folder()  # removed when printing is done (print_temp.py)
    path = save_pdf(folder / name, data)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path
