"""Zoom and high contrast: the window's text size and palette, remembered between runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings

from ..kit.settings import read_bool
from ..kit.theme import clamp_zoom, next_zoom

ZOOM_KEY = "view/zoom"
CONTRAST_KEY = "view/high_contrast"


class ViewScale:
    """``zoom`` and ``high_contrast`` as saved; ``apply_zoom`` and ``apply_contrast`` put them on screen."""

    def __init__(
        self, settings: QSettings, apply_zoom: Callable[[], None], apply_contrast: Callable[[bool], None]
    ) -> None:
        self.settings = settings
        self._apply_zoom = apply_zoom
        self._apply_contrast = apply_contrast
        self.zoom = clamp_zoom(settings.value(ZOOM_KEY, 1.0))
        self.high_contrast = read_bool(settings, CONTRAST_KEY)

    def zoom_in(self) -> None:
        self.set_zoom(next_zoom(self.zoom, 1))

    def zoom_out(self) -> None:
        self.set_zoom(next_zoom(self.zoom, -1))

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = clamp_zoom(zoom)
        self.settings.setValue(ZOOM_KEY, self.zoom)
        self._apply_zoom()

    def toggle_high_contrast(self, on: bool) -> None:
        self.high_contrast = on
        self.settings.setValue(CONTRAST_KEY, on)
        self._apply_contrast(on)

    def save(self) -> None:
        self.settings.setValue(ZOOM_KEY, self.zoom)
        self.settings.setValue(CONTRAST_KEY, self.high_contrast)
