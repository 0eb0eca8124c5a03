"""Changing what a shown label says without building it again."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def set_text(label: QLabel, text: str) -> None:
    """``label`` says ``text``; an unchanged label is left alone (not laid out again)."""
    if label.text() != text:
        label.setText(text)
