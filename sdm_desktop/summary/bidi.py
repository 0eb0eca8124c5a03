"""Right-to-left text (Arabic, Hebrew): reordered line by line for printing.

reportlab's own right-to-left support needs its ``rlbidi`` extension, which is
not published on the public package index, so this module does the job itself:
it breaks the text into lines in logical order, shapes Arabic letters into
their joined forms (``arabic-reshaper``) and reorders each line for display
(``python-bidi``, the Unicode bidirectional algorithm). Both packages are
required dependencies.
"""

from __future__ import annotations

from arabic_reshaper import reshape as _reshape  # type: ignore[import-untyped]
from bidi import get_display as _display  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .textsafe import clean, is_rtl_text


def shape(text: str) -> str:
    """Arabic letters in their joined (presentation) forms, still in logical order."""
    return str(_reshape(text))


def visual(line: str, rtl: bool) -> str:
    """One line reordered for display, left to right as it will be drawn."""
    return str(_display(line, base_dir="R" if rtl else "L"))


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    parts: list[str] = []
    current = ""
    for char in word:
        if current and stringWidth(current + char, font, size) > width:
            parts.append(current)
            current = char
        else:
            current += char
    if current:
        parts.append(current)
    return parts


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaks in logical order; overlong words are broken."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            if not word:
                continue
            candidate = f"{current} {word}" if current else word
            if stringWidth(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if stringWidth(word, font, size) <= width:
                current = word
            else:
                *full, current = _break_word(word, font, size, width)
                lines.extend(full)
        lines.append(current)
    return lines


class BidiParagraph(Flowable):  # type: ignore[misc]
    """Plain text (never markup) containing right-to-left script."""

    def __init__(self, text: str, font: str, size: float, leading: float) -> None:
        super().__init__()
        self.text = shape(clean(text))
        self.rtl = is_rtl_text(self.text)
        self.font = font
        self.size = size
        self.leading = leading
        self.lines: list[str] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.lines = [visual(line, self.rtl) for line in wrap_lines(self.text, self.font, self.size, availWidth)]
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        for i, line in enumerate(self.lines):
            baseline = self.height - i * self.leading - self.size
            if self.rtl:
                canvas.drawRightString(self.width, baseline, line)
            else:
                canvas.drawString(0, baseline, line)
