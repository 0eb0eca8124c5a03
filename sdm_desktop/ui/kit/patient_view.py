"""What patient view hides: every widget marked clinician-only, in one place.

Panels mark their clinician-only parts with :func:`clinician_only`; patient
view hides :func:`clinician_widgets` (those marks, plus the window's own
chrome it is given) and shows them again on the way out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

CLINICIAN_ONLY = "clinicianOnly"  # the Qt property that marks a widget

W = TypeVar("W", bound=QWidget)


def clinician_only(widget: W) -> W:
    """Mark ``widget`` to be hidden in patient view."""
    widget.setProperty(CLINICIAN_ONLY, True)
    return widget


def clinician_widgets(window: QWidget, chrome: Iterable[QWidget] = ()) -> list[QWidget]:
    """``chrome`` (menu bar, toolbar...) and every widget in ``window`` marked clinician-only."""
    return [*chrome, *(w for w in window.findChildren(QWidget) if w.property(CLINICIAN_ONLY))]
