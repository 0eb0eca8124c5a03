"""Sign-off in the window: 'Reviewed by' only while the hash matches, training mode, sign-off from the preview."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from library_support import write_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QLabel

from sdm_desktop.config import Config
from sdm_desktop.grids.signoff import TRAINING_LABEL, day, sidecar_path, sign_off
from sdm_desktop.grids.store import LibraryStore, PreviewSource
from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.kit.settings import open_settings
from sdm_desktop.ui.window.main_window import MainWindow
from sdm_desktop.ui.window.preview import PreviewWindow

pytestmark = pytest.mark.gui
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "lib")


def _window(qtbot, library: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    create_application()
    win = MainWindow(LibraryStore([library], TODAY), Config(), open_settings(), today=TODAY)
    qtbot.addWidget(win)
    win.show()
    win.load_library()
    assert win.open_path(str(library / "thinning.yaml"))
    return win


def _not_reviewed_badges(win: MainWindow) -> list[QLabel]:
    return [b for b in win.grid_view.findChildren(QLabel, "badge_not-reviewed") if b.isVisibleTo(win)]


def _service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, only_signed_off: bool) -> None:
    path = tmp_path / "service.json"
    path.write_text(json.dumps({"patients_only_signed_off": only_signed_off}), encoding="utf-8")
    monkeypatch.setenv("SDM_DESKTOP_SERVICE_CONFIG", str(path))


def test_reviewed_by_shows_only_while_the_hash_matches(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    sign_off(library / "thinning.yaml", "Dr Ada Jones", "GP partner", dt.date(2027, 3, 5))
    win = _window(qtbot, library)
    line = win.grid_view.review.sign_off
    assert line.text() == "Reviewed by Dr Ada Jones, GP partner, on 5 March 2027."
    qtbot.wait(50)  # new widgets in a shown window are shown by the event loop
    assert _not_reviewed_badges(win) == []
    with open(library / "thinning.yaml", "a", encoding="utf-8") as handle:
        handle.write("# one more line changes the hash\n")
    win.refresh_library()
    qtbot.waitUntil(lambda: "changed since" in line.text(), timeout=10_000)
    assert line.text() == "Not clinically reviewed: changed since Dr Ada Jones reviewed it on 5 March 2027."
    qtbot.waitUntil(lambda: len(_not_reviewed_badges(win)) == 1)
    win.close()


def test_a_claim_in_the_file_itself_is_not_a_sign_off(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    text = (library / "knee.yaml").read_text(encoding="utf-8")
    assert "status: signed_off" in text and not sidecar_path(library / "knee.yaml").exists()
    win = _window(qtbot, library)
    assert win.open_path(str(library / "knee.yaml"))
    assert win.grid_view.review.sign_off.text() == "Not clinically reviewed."
    qtbot.waitUntil(lambda: len(_not_reviewed_badges(win)) == 1)
    win.close()


def test_training_mode_when_patients_only_see_signed_off_content(
    qtbot,  # type: ignore[no-untyped-def]
    library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _service(tmp_path, monkeypatch, True)
    win = _window(qtbot, library)
    banner = win.grid_view.review.training
    assert banner.isVisibleTo(win) and banner.text() == TRAINING_LABEL
    win.close()
    sign_off(library / "thinning.yaml", "Dr Ada Jones", "GP partner")
    win = _window(qtbot, library)
    assert not win.grid_view.review.training.isVisibleTo(win)
    win.close()


def test_setting_off_keeps_the_not_reviewed_labels_without_training_mode(
    qtbot,  # type: ignore[no-untyped-def]
    library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _service(tmp_path, monkeypatch, False)
    win = _window(qtbot, library)
    assert not win.grid_view.review.training.isVisibleTo(win)
    qtbot.waitUntil(lambda: len(_not_reviewed_badges(win)) == 1)
    win.close()


def test_sign_off_from_the_preview_window(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    create_application()
    path = library / "thinning.yaml"
    win = PreviewWindow(PreviewSource(path, [library]))
    qtbot.addWidget(win)
    win.show()
    win.reload()
    assert win.sign_off_button.isEnabled()
    win.open_sign_off()
    dialog = win.sign_off_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reviewer.setText("")
    dialog.sign.click()
    assert "reviewer's name is empty" in dialog.error.text() and not sidecar_path(path).exists()
    dialog.reviewer.setText("Dr Ada  Jones")
    dialog.role.setText("GP partner")
    dialog.sign.click()
    assert not dialog.isVisible() and sidecar_path(path).exists()
    expected = f"Reviewed by Dr Ada Jones, GP partner, on {day(dt.date.today())}."
    assert win.grid_view.review.sign_off.text() == expected
    assert "Signed off by Dr Ada Jones" in win.status.text()
    win.close()


def test_the_preview_refuses_to_sign_off_a_file_changed_since_it_was_shown(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    create_application()
    path = library / "thinning.yaml"
    win = PreviewWindow(PreviewSource(path, [library]))
    qtbot.addWidget(win)
    win.show()
    win.reload()
    win.open_sign_off()
    dialog = win.sign_off_dialog
    assert dialog is not None
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("# changed after it was shown\n")
    dialog.reviewer.setText("Dr Ada Jones")
    dialog.role.setText("GP partner")
    dialog.sign.click()
    assert "has changed since it was shown" in dialog.error.text()
    assert not sidecar_path(path).exists()
    win.close()


def test_the_windows_summary_pdf_says_training_mode_or_who_reviewed_it(
    qtbot,  # type: ignore[no-untyped-def]
    library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from pypdf import PdfReader

    from sdm_desktop.records.model import Record
    from sdm_desktop.ui.record.summary_output import summary_pdf

    def text(win: MainWindow) -> str:
        grid = win.controller.grid
        assert grid is not None and win.library is not None
        data = summary_pdf(
            grid, Record(), scores=win.library.scores, prompt_sets=win.library.prompt_sets, copy="patient"
        )
        return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)

    _service(tmp_path, monkeypatch, True)
    win = _window(qtbot, library)
    assert "TRAINING MODE" in " ".join(text(win).split())
    win.close()
    sign_off(library / "thinning.yaml", "Dr Ada Jones", "GP partner", dt.date(2027, 3, 5))
    win = _window(qtbot, library)
    printed = " ".join(text(win).split())
    assert "TRAINING MODE" not in printed and "Reviewed by Dr Ada Jones" in printed
    win.close()


def _list_status(win: MainWindow, name: str) -> str:
    from sdm_desktop.ui.library.library_model import COL_STATUS

    model = win.library_panel.model
    row = model.row_of(str(library_path(win, name)))
    return str(model.data(model.index(row, COL_STATUS)))


def library_path(win: MainWindow, name: str) -> str:
    return next(p for p in win.store.paths() if p.endswith(name))


def test_the_library_list_trusts_only_a_sign_off_file_that_holds(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, library)
    # knee.yaml claims signed_off in its own metadata, with no sign-off file: the list does not believe it.
    assert "Not clinically reviewed" in _list_status(win, "knee.yaml")
    assert "Not clinically reviewed" in _list_status(win, "thinning.yaml")
    sign_off(library / "thinning.yaml", "Dr Ada Jones", "GP partner", dt.date(2027, 3, 5))
    win.refresh_library()
    qtbot.waitUntil(lambda: "Not clinically reviewed" not in _list_status(win, "thinning.yaml"), timeout=10_000)
    with open(library / "thinning.yaml", "a", encoding="utf-8") as handle:
        handle.write("# an edit after the sign-off\n")
    win.refresh_library()
    qtbot.waitUntil(lambda: "Not clinically reviewed" in _list_status(win, "thinning.yaml"), timeout=10_000)
    win.close()
