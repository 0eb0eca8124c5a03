"""Conventions: the action table, accessibility, keyboard reach, --quit-after-load."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from library_support import write_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolBar,
    QWidget,
)

from sdm_desktop.config import Config
from sdm_desktop.grids.store import LibraryStore
from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.kit.settings import open_settings
from sdm_desktop.ui.window.actions import ACTIONS, ActionSpec, build_actions, key_sequences
from sdm_desktop.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui
PROJECT = Path(__file__).resolve().parent.parent.parent
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
    QTextEdit,
    QPlainTextEdit,
)


def test_action_ids_are_unique_and_handlers_exist(full_window: MainWindow) -> None:
    ids = [spec.id for spec in ACTIONS]
    assert len(ids) == len(set(ids))
    handlers = full_window.handlers()
    assert set(handlers) == set(ids)
    for spec in ACTIONS:
        assert callable(handlers[spec.id]), spec.id
        assert spec.label.replace("&", "").strip()


def test_an_action_without_a_handler_stops_the_window_being_built(qapp) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    with pytest.raises(ValueError, match="without a handler: \\['about'\\]"):
        build_actions(owner, {spec.id: print for spec in ACTIONS if spec.id != "about"})
    with pytest.raises(ValueError, match="without an action: \\['typo'\\]"):
        build_actions(owner, {**{spec.id: print for spec in ACTIONS}, "typo": print})


def test_no_two_actions_share_a_shortcut(qapp) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        for seq in key_sequences(spec):
            text = seq.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{spec.id} and {seen.get(text)} both use {text}"
            seen[text] = spec.id


def test_the_clash_check_would_catch_a_clash(qapp) -> None:  # type: ignore[no-untyped-def]
    a = ActionSpec("a", "A", "&File", (QKeySequence.StandardKey.ZoomIn,))
    b = ActionSpec("b", "B", "&File", ("Ctrl++",))
    assert {s.toString() for s in key_sequences(a)} & {s.toString() for s in key_sequences(b)}


def test_standard_shortcuts_use_standard_keys() -> None:
    by_id = {spec.id: spec for spec in ACTIONS}
    for action_id, key in (
        ("quit", QKeySequence.StandardKey.Quit),
        ("find", QKeySequence.StandardKey.Find),
        ("zoom_in", QKeySequence.StandardKey.ZoomIn),
        ("zoom_out", QKeySequence.StandardKey.ZoomOut),
    ):
        assert key in by_id[action_id].shortcuts


@pytest.fixture
def full_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    create_application()
    folder = write_library(tmp_path / "lib", bad=True)
    today = dt.date(2026, 6, 1)
    win = MainWindow(LibraryStore([folder], today), Config(), open_settings(), today=today)
    qtbot.addWidget(win)
    win.show()
    win.load_library()
    win.problems_dock.show()
    win.prompts_dock.show()
    win.open_path(next(p for p in win.store.paths() if p.endswith("thinning.yaml")))
    win.show_risk()
    win.grid_view.risk.form.set_input("age", 80)
    win.grid_view.risk.form.set_input("sex", "female")
    win.grid_view.risk.form.set_input("high-bp", True)
    win.grid_view.risk.form.set_input("anaemia", False)
    yield win
    win.close()


def _internal(widget: QWidget) -> bool:
    """Parts of composite widgets that Qt names itself (a combo's list, a line edit's clear button...)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar, QLineEdit)):
            return True
        if isinstance(parent, QDockWidget) and widget.parentWidget() is parent:
            return True  # the dock's own float/close buttons
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def _interactive(window: QWidget) -> list[QWidget]:
    return [
        w
        for w in window.findChildren(QWidget)
        if (isinstance(w, INTERACTIVE) and not _internal(w) and not isinstance(w.parentWidget(), QToolBar))
        or (
            isinstance(w, QAbstractButton)
            and isinstance(w.parentWidget(), QToolBar)
            and not w.objectName().startswith("qt_")
        )
    ]


def test_every_control_has_an_accessible_name_or_a_label(full_window: MainWindow) -> None:
    buddies = {label.buddy() for label in full_window.findChildren(QLabel) if label.buddy() is not None}
    controls = _interactive(full_window)
    assert len(controls) > 20
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in controls
        if not w.accessibleName().strip() and w not in buddies
    ]
    assert unnamed == []


def test_every_control_is_reachable_by_keyboard(full_window: MainWindow) -> None:
    toolbar_actions = set(full_window.toolbar.actions())
    menu_actions = {a for menu in full_window.menuBar().actions() for a in menu.menu().actions()}
    assert toolbar_actions <= menu_actions  # toolbar buttons are reachable from the menus and by shortcut
    unreachable = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in _interactive(full_window)
        if not isinstance(w.parentWidget(), QToolBar) and not (w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    ]
    assert unreachable == []


def _run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "sdm_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT,
        timeout=120,
        check=False,
    )


def test_quit_after_load_exits_zero_when_everything_loads(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    config = Path(os.environ["SDM_DESKTOP_CONFIG_DIR"])
    Config(library_folders=[str(folder)]).save()
    result = _run("--quit-after-load", env_extra={"SDM_DESKTOP_CONFIG_DIR": str(config)})
    assert result.returncode == 0, result.stderr
    assert "loaded and painted" in result.stderr
    assert "Traceback" not in result.stderr


def test_quit_after_load_fails_clearly_when_a_file_is_bad(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib", bad=True)
    Config(library_folders=[str(folder)]).save()
    result = _run("--quit-after-load")
    assert result.returncode == 1
    assert "broken.yaml:6:1: error: unknown key 'colour'" in result.stderr
    assert "Traceback" not in result.stderr


def test_preview_command_opens_a_file_and_quits_after_load(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    result = _run("--quit-after-load", "preview", str(folder / "knee.yaml"))
    assert result.returncode == 0, result.stderr
    missing = _run("preview", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
