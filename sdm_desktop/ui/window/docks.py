"""The window's docks and its saved layout: adding a dock, ticking its menu entry, geometry kept between runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget

from .fit import first_size, keep_on_screen

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
DEFAULT_SIZE = (1280, 820)  # or as much as the screen has room for


def add_dock(window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setAccessibleName(title)
    window.addDockWidget(area, dock)
    return dock


def set_checked_quietly(action: QAction, checked: bool) -> None:
    """Tick or untick ``action`` without running its handler."""
    action.blockSignals(True)
    action.setChecked(checked)
    action.blockSignals(False)


def sync_dock_actions(window: QMainWindow, docks: Iterable[tuple[QDockWidget, QAction]]) -> None:
    """Each dock's menu entry ticked when the dock shows; the tabs of docks placed together named."""
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        bar.setAccessibleName("Side panels")
    for dock, action in docks:
        set_checked_quietly(action, dock.isVisible())


def restore_layout(window: QMainWindow, settings: QSettings, first_start: Callable[[], None]) -> None:
    """The size, place and docks saved last time; ``first_start`` lays the docks out when nothing was saved."""
    geometry = settings.value(GEOMETRY_KEY)
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
        keep_on_screen(window)  # saved on a larger screen, or at a larger scale
    else:
        first_size(window, QSize(*DEFAULT_SIZE))
    state = settings.value(STATE_KEY)
    if isinstance(state, QByteArray):
        window.restoreState(state)
    else:
        first_start()


def save_layout(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(STATE_KEY, window.saveState())
