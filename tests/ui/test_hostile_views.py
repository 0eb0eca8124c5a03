"""Content is text, never markup, in the window: the hostile grid in every view.

tests/data/hostile/hostile-grid.yaml holds markup Qt would obey (<img src>, <a href>,
<table>, <style>, <font>) in every text field. It is shown in the library list, the
grid page and its personal-risk tab, the Record panel, the preview window with its
findings, the problems panel and a past record; every label, tooltip, text view and
list entry is then rendered the way Qt would render it and must hold no image, no
link and no table. The literal markup must still be there to read, as text.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6 import QtGui
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocument, QTextTable
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTextEdit, QWidget

from sdm_desktop.config import Config
from sdm_desktop.grids.store import LibraryStore, PreviewSource
from sdm_desktop.paths import SHIPPED_LIBRARY
from sdm_desktop.records.store import RecordStore
from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.history.history_window import HistoryWindow
from sdm_desktop.ui.kit.settings import open_settings
from sdm_desktop.ui.window.main_window import MainWindow
from sdm_desktop.ui.window.preview import PreviewWindow

pytestmark = pytest.mark.gui
HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile" / "hostile-grid.yaml"
TODAY = dt.date(2026, 6, 1)
SHOWN_AS_TEXT = '<img src="file:///etc/hosts">'


def rendered(text: str, fmt: Qt.TextFormat) -> QTextDocument | None:
    """The document Qt would lay out for ``text`` in ``fmt``; None when it is shown as plain text."""
    if not text or fmt == Qt.TextFormat.PlainText:
        return None
    if fmt == Qt.TextFormat.AutoText and not QtGui.Qt.mightBeRichText(text):
        return None
    doc = QTextDocument()
    doc.setHtml(text)
    return doc


HOSTILE_TABLE = "<table><tr><td>cell</td></tr></table>"


def markup_in(doc: QTextDocument, own_tables: bool = False) -> list[str]:
    """Images, links and tables that ``doc`` would show (``own_tables``: the view lays itself out
    as a table, so only the content's table counts, found by its markup missing from the text)."""
    found: list[str] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                found.append("image")
            if fmt.isAnchor() or fmt.anchorHref():
                found.append("link")
            it += 1
        block = block.next()
    frames = [doc.rootFrame()]
    while frames:
        frame = frames.pop()
        if isinstance(frame, QTextTable) and not (own_tables and HOSTILE_TABLE in doc.toPlainText()):
            found.append("table")
        frames.extend(frame.childFrames())
    return found


class Audit:
    """Every place text is shown, with what (if anything) rendered as markup."""

    def __init__(self) -> None:
        self.checked = 0
        self.hostile_seen = 0
        self.problems: list[str] = []

    def text(self, where: str, text: str, fmt: Qt.TextFormat) -> None:
        self.checked += 1
        doc = rendered(text, fmt)
        shown = doc.toPlainText() if doc is not None else text
        if "evil.example" in text or "etc/hosts" in text:
            self.hostile_seen += 1
            if SHOWN_AS_TEXT not in shown:
                self.problems.append(f"{where}: the markup is not shown as text: {shown[:80]!r}")
        if doc is not None:
            for what in markup_in(doc):
                self.problems.append(f"{where}: renders {what}")

    def model(self, where: str, model: QAbstractItemModel, parent: QModelIndex | None = None) -> None:
        parent = parent or QModelIndex()
        for row in range(min(model.rowCount(parent), 200)):
            for col in range(model.columnCount(parent)):
                index = model.index(row, col, parent)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    self.text(f"{where} tooltip ({row},{col})", tip, Qt.TextFormat.AutoText)
                shown = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(shown, str):  # the standard delegate draws it as plain text
                    self.text(f"{where} ({row},{col})", shown, Qt.TextFormat.PlainText)
                if col == 0 and model.rowCount(index):
                    self.model(where, model, index)

    def widget(self, root: QWidget) -> None:
        for w in [root, *root.findChildren(QWidget)]:
            name = f"{type(w).__name__} {w.objectName()!r}"
            if w.toolTip():
                self.text(f"{name} tooltip", w.toolTip(), Qt.TextFormat.AutoText)
            if isinstance(w, QLabel):
                self.text(name, w.text(), w.textFormat())
            if isinstance(w, QTextEdit):
                self.checked += 1
                for what in markup_in(w.document(), own_tables=True):
                    self.problems.append(f"{name}: renders {what}")
                if "evil.example" in w.toPlainText() and SHOWN_AS_TEXT not in w.toPlainText():
                    self.problems.append(f"{name}: the markup is not shown as text")
            if isinstance(w, QAbstractItemView) and w.model() is not None:
                self.model(name, w.model())


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy(HOSTILE, folder / "hostile-grid.yaml")
    bad = HOSTILE.read_text(encoding="utf-8").replace("id: hostile-grid", 'id: hostile-two\n"<b>key</b>": 1', 1)
    (folder / "hostile-two.yaml").write_text(bad, encoding="utf-8")
    for name in ("sure-test.yaml", "collaborate.yaml"):
        shutil.copy(SHIPPED_LIBRARY / name, folder / name)
    return folder


@pytest.fixture
def window(qtbot, library: Path, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    create_application()
    win = MainWindow(
        LibraryStore([library], TODAY), Config(), open_settings(), today=TODAY, data_folder=tmp_path / "data"
    )
    qtbot.addWidget(win)
    win.show()
    win.load_library()
    yield win
    win.close()


def test_the_hostile_grid_renders_as_text_in_every_view_of_the_window(qtbot, window: MainWindow, library: Path) -> None:  # type: ignore[no-untyped-def]
    audit = Audit()
    window.problems_dock.show()
    audit.widget(window)  # the library list and the problems panel
    assert window.open_path(str(library / "hostile-grid.yaml"))
    qtbot.wait(50)
    audit.widget(window)  # the grid page, its notes and the Record panel
    window.grid_view.table.setCurrentIndex(window.grid_view.model.index(0, 1))
    audit.widget(window.grid_view)  # the evidence line under the table
    window.show_risk()
    qtbot.wait(50)
    audit.widget(window.grid_view.risk)
    window.patient_mode.enter()
    qtbot.wait(50)
    audit.widget(window)
    window.patient_mode.exit()
    assert audit.problems == []
    assert audit.hostile_seen >= 20 and audit.checked > 100


def test_the_hostile_grid_renders_as_text_in_the_preview(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    create_application()
    win = PreviewWindow(PreviewSource(library / "hostile-grid.yaml", [library]))
    qtbot.addWidget(win)
    win.show()
    win.reload()
    audit = Audit()
    audit.widget(win)
    win.grid_view.show_risk()
    audit.widget(win.grid_view.risk)
    assert audit.problems == []
    assert audit.hostile_seen >= 10
    win.close()


def test_a_hostile_past_record_renders_as_text(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from test_hostile_text import hostile_record

    grid = window.library.grids[0] if window.library is not None else None
    assert grid is not None
    with RecordStore.open(tmp_path / "data") as store:
        store.import_final([hostile_record(grid)])
    history = window.recording.show_history()
    assert isinstance(history, HistoryWindow)
    history.search_now()
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=10_000)
    history.open_index(history.model.index(0, 0))
    audit = Audit()
    audit.widget(history)
    assert audit.problems == []
    assert audit.hostile_seen >= 5
    history.close()
