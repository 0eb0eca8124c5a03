"""The consultation window, headless (pytest-qt on the offscreen platform)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from library_support import PLAIN_GRID, RISK_GRID, write_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from sdm_desktop.config import Config
from sdm_desktop.grids.signoff import sign_off
from sdm_desktop.grids.store import LibraryStore
from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.grid.grid_model import COL_QUESTION, DOMAIN_ROLE, FIRST_OPTION_COLUMN, OPTION_ROLE
from sdm_desktop.ui.grid.grid_view import TAB_RISK
from sdm_desktop.ui.kit.settings import open_settings
from sdm_desktop.ui.window.main_window import MainWindow
from sdm_desktop.ui.window.pages import PAGE_LIBRARY

pytestmark = pytest.mark.gui
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    return write_library(tmp_path / "lib", bad=True)


@pytest.fixture
def window(qtbot, library_dir: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    create_application()
    win = MainWindow(LibraryStore([library_dir], TODAY), Config(), open_settings(), today=TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.load_library()
    yield win
    win.close()


def _path(win: MainWindow, name: str) -> str:
    return next(p for p in win.store.paths() if p.endswith(name))


def _open_risk_grid(win: MainWindow) -> None:
    assert win.open_path(_path(win, "thinning.yaml"))


def _titles(win: MainWindow) -> list[str]:
    return [str(item.document.title) for item in win.library_panel.visible_items()]


def test_search_as_you_type_filters_the_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert len(_titles(window)) == 5
    qtbot.keyClicks(window.library_panel.search, "kne")
    assert _titles(window) == ["Knee pain choices"]
    window.library_panel.search.clear()
    qtbot.keyClicks(window.library_panel.search, "new pill")  # an option name
    assert _titles(window) == ["Blood thinners for a test heart rhythm"]
    window.library_panel.search.clear()
    panel = window.library_panel
    panel.kind.setCurrentIndex(panel.kind.findData("risk_score"))
    assert sorted(_titles(window)) == ["Test bleeding score", "Test stroke score"]
    panel.kind.setCurrentIndex(0)
    panel.topic.setCurrentIndex(panel.topic.findData("joints"))
    assert _titles(window) == ["Knee pain choices"]
    assert "1 of 5" in panel.count.text()


def test_badges_show_review_and_sign_off(window: MainWindow) -> None:
    # Only a sign-off file that holds for the file's bytes makes content reviewed (grids/signoff.py).
    for name in ("knee.yaml", "prompts.yaml"):
        sign_off(_path(window, name), "Dr Test", "GP", TODAY)
    window.load_library()
    items = {item.document.id: item for item in window.library_panel.model._items.values()}
    assert [b.id for b in items["test-knee"].badges] == ["review-overdue"]
    assert [b.id for b in items["test-thinning"].badges] == ["not-reviewed"]
    assert [b.id for b in items["test-prompts"].badges] == []
    _open_risk_grid(window)
    badge = window.grid_view.findChild(QLabel, "badge_not-reviewed")
    assert badge is not None and badge.text() == "Not clinically reviewed"
    dates = window.grid_view.dates.text()
    assert "Published 1 January 2019" in dates and "Review by 1 January 2099" in dates
    assert window.grid_view.review.sign_off.text() == "Not clinically reviewed."


def test_expired_content_cannot_be_opened(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = write_library(tmp_path / "lib")
    create_application()
    late = dt.date(2101, 1, 1)  # past the hard expiry of everything in the test library
    win = MainWindow(LibraryStore([folder], late), Config(), open_settings(), today=late)
    qtbot.addWidget(win)
    win.load_library()
    items = win.library_panel.visible_items()
    thinning = next(i for i in items if i.document.id == "test-thinning")
    assert thinning.expired
    assert not win.open_path(thinning.path)
    assert win.stack.currentIndex() == PAGE_LIBRARY
    assert win.message is not None and "past its expiry date" in win.message.text()
    win.close()


def test_problems_panel_lists_the_bad_file_and_the_rest_stays_usable(window: MainWindow) -> None:
    model = window.problems.model
    locations = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert any(loc.endswith("broken.yaml:6:1") for loc in locations)
    assert "1 file could not be loaded" in window.problems.summary.text()
    assert len(window.library_panel.visible_items()) == 5
    row = next(r for r, loc in enumerate(locations) if loc.endswith("broken.yaml:6:1"))
    dialog = window.problems.show_location(model.index(row, 0))
    assert dialog is not None and "colour: blue" in dialog.text.toPlainText()
    assert not dialog.isModal()
    dialog.close()


def test_saving_a_file_refreshes_the_library(qtbot, window: MainWindow, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    (library_dir / "knee.yaml").write_text(
        (library_dir / "knee.yaml").read_text(encoding="utf-8").replace("Knee pain choices", "Sore knee choices"),
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: "Sore knee choices" in _titles(window), timeout=5000)
    (library_dir / "new.yaml").write_text(
        RISK_GRID.replace("id: test-thinning", "id: test-new").replace(
            "Blood thinners for a test heart rhythm", "A brand new grid"
        ),
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: "A brand new grid" in _titles(window), timeout=5000)


def test_open_grid_reloads_on_save_and_keeps_ticks(qtbot, window: MainWindow, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _open_risk_grid(window)
    window.controller.set_discussed("what", True)
    path = library_dir / "thinning.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Nothing changes.", "Nothing changes at all."), encoding="utf-8"
    )
    model = window.grid_view.model
    qtbot.waitUntil(lambda: model.index(0, FIRST_OPTION_COLUMN).data() == "Nothing changes at all.", timeout=5000)
    assert model.index(0, COL_QUESTION).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_grid_model_roles_and_discussed_ticks(qtbot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open_risk_grid(window)
    model = window.grid_view.model
    qtmodeltester.check(model)
    assert model.columnCount() == FIRST_OPTION_COLUMN + 3
    assert model.headerData(FIRST_OPTION_COLUMN, Qt.Orientation.Horizontal) == "No blood thinner"
    assert model.index(1, COL_QUESTION).data(DOMAIN_ROLE).id == "stroke"
    cell = model.index(0, FIRST_OPTION_COLUMN + 1).data(DOMAIN_ROLE)
    assert cell.option_id == "old-pill"
    assert model.index(0, FIRST_OPTION_COLUMN + 1).data(OPTION_ROLE).id == "old-pill"
    assert "A made-up source for tests" in model.index(0, FIRST_OPTION_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    # Ticking by keyboard: Space on the question toggles "discussed" in the session.
    table = window.grid_view.table
    table.setFocus()
    table.setCurrentIndex(model.index(1, COL_QUESTION))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert window.controller.session.discussed == {"stroke"}
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert window.controller.session.discussed == set()


def test_clicking_a_cell_shows_its_evidence(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open_risk_grid(window)
    table = window.grid_view.table
    index = window.grid_view.model.index(0, FIRST_OPTION_COLUMN + 2)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    text = window.grid_view.evidence.text()
    assert (
        "A made-up source for tests" in text and "low certainty" in text and "https://doi.org/10.1000/example.1" in text
    )


def test_not_offered_and_no_do_nothing_reason_are_visible(window: MainWindow) -> None:
    _open_risk_grid(window)
    assert "Not offered: Chalk tablets" in window.grid_view.notes.text()
    window.open_path(_path(window, "knee.yaml"))
    assert "Doing nothing is not fair here" in window.grid_view.notes.text()
    assert window.grid_view.notes.isVisible()


def test_rows_grow_to_fit_wrapped_text(window: MainWindow) -> None:
    _open_risk_grid(window)
    table = window.grid_view.table
    model = window.grid_view.model
    for r in range(model.rowCount()):
        needed = max(table.sizeHintForRow(r), 0)
        assert table.rowHeight(r) >= needed
    assert table.wordWrap() and table.textElideMode() == Qt.TextElideMode.ElideNone


def test_zoom_shortcuts_change_the_grid_font(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open_risk_grid(window)
    table = window.grid_view.table
    start = table.font().pointSizeF()
    qtbot.keyClick(table, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = table.font().pointSizeF()
    assert bigger > start
    qtbot.keyClick(table, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert table.font().pointSizeF() < start
    qtbot.keyClick(table, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert table.font().pointSizeF() == pytest.approx(start)


def test_changing_the_application_font_changes_the_grid_font(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open_risk_grid(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    before = window.grid_view.table.font().pointSizeF()
    try:
        bigger = app.font()
        bigger.setPointSizeF(original.pointSizeF() * 1.5)
        app.setFont(bigger)
        qtbot.waitUntil(lambda: window.grid_view.table.font().pointSizeF() == pytest.approx(before * 1.5, rel=0.02))
    finally:
        app.setFont(original)
    qtbot.waitUntil(lambda: window.grid_view.table.font().pointSizeF() == pytest.approx(before, rel=0.02))


def test_prompts_panel_and_own_questions(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.actions_by_id["prompts"].setChecked(False)
    assert window.prompts_dock.isHidden()
    window.actions_by_id["prompts"].trigger()
    assert not window.prompts_dock.isHidden()
    label = window.prompts.set_labels["test-prompts"]
    assert "What are the good things about it?" in label.text()
    qtbot.keyClicks(window.prompts.question, "Will it affect my driving?")
    qtbot.keyClick(window.prompts.question, Qt.Key.Key_Return)
    assert window.controller.session.questions == ["Will it affect my driving?"]
    assert window.prompts.questions.item(0).text() == "Will it affect my driving?"
    window.prompts.questions.setCurrentRow(0)
    window.prompts.remove_button.click()
    assert window.controller.session.questions == []


def _arrays(window: MainWindow, row_id: str):  # type: ignore[no-untyped-def]
    return window.grid_view.risk.rows[row_id]


def test_personal_risk_form_updates_icon_arrays_and_sentences(window: MainWindow) -> None:
    _open_risk_grid(window)
    window.show_risk()
    assert window.grid_view.tabs.currentIndex() == TAB_RISK
    form = window.grid_view.risk.form
    assert list(form.controls) == ["age", "sex", "high-bp", "anaemia"]
    assert _arrays(window, "stroke").arrays == {}  # nothing to show until the age is given
    form.set_input("age", 70)
    assert _arrays(window, "stroke").arrays == {}
    missing = _arrays(window, "stroke").findChild(QLabel, "riskMissing").text()
    assert "Still to answer for personal figures: Sex, High blood pressure." in missing
    form.set_input("sex", "male")
    form.set_input("high-bp", False)
    stroke = _arrays(window, "stroke")
    # 70 -> 1 point -> 2 out of 100; the new pill scales by 0.4 -> 0.8 -> about 1.
    assert stroke.arrays["none"].events == 2
    assert stroke.sentences["none"].text() == "About 2 out of 100 will have a stroke; about 98 will not."
    form.set_input("age", 80)
    form.set_input("sex", "female")
    form.set_input("high-bp", True)
    stroke = _arrays(window, "stroke")
    assert {k: a.events for k, a in stroke.arrays.items()} == {"none": 8, "old-pill": 4, "new-pill": 3}
    assert (
        stroke.arrays["old-pill"].accessibleName()
        == "Old pill: about 4 out of 100 will have a stroke; about 96 will not"
    )
    assert "Source: Example A. A made-up source" in stroke.findChild(QLabel, "riskSource").text()
    assert stroke.findChild(QLabel, "riskHeading").text() == "Out of 100 people like you, over 1 year"
    bleed = _arrays(window, "bleed")
    assert "none" not in bleed.arrays
    assert bleed.sentences["none"].text() == "No extra chance of bleeding from a pill."
    assert window.controller.session.risk_values == {"age": 80, "sex": "female", "high-bp": True}
    assert window.grid_view.risk.form.missing.text() == "Still to answer: Low blood count."


def test_icon_array_draws_filled_and_outlined_figures(qtbot) -> None:  # type: ignore[no-untyped-def]
    from sdm_desktop.ui.grid.icon_array import IconArray

    create_application()
    array = IconArray()
    qtbot.addWidget(array)
    array.resize(200, 250)
    array.set_figure(3, 100, "about 3 out of 100")
    cells = array.cells()
    assert len(cells) == 100 and all(c.right() <= 200.5 and c.bottom() <= 250.5 for c in cells)
    image = array.grab().toImage()

    def ink_at(i: int) -> int:  # darkness at the middle of a figure's body
        c = cells[i]
        colour = image.pixelColor(int(c.center().x()), int(c.top() + c.height() * 0.7))
        return 255 - colour.lightness()

    assert ink_at(0) > 150 and ink_at(2) > 150  # filled
    assert ink_at(3) < 100 and ink_at(99) < 100  # outlined: light inside


def test_patient_mode_hides_clinician_controls_and_exits_with_confirmation(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open_risk_grid(window)
    window.problems_dock.show()
    window.actions_by_id["patient_mode"].trigger()
    assert window.patient_mode.active
    assert window.menuBar().isHidden() and window.toolbar.isHidden() and window.problems_dock.isHidden()
    assert window.grid_view.details.isHidden()  # file path and content hash
    assert window.patient_bar.isVisible() and window.patient_bar.exit_button.isVisible()
    assert not window.actions_by_id["preferences"].isEnabled()
    assert window.grid_view.tabs.tabText(TAB_RISK) == "Your chances: out of 100"
    assert window.grid_view.table.font().pointSizeF() >= QApplication.font().pointSizeF() * 1.5
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
    box = window.patient_mode.confirm_box
    assert box is not None and box.isVisible()
    assert box.windowModality() != Qt.WindowModality.ApplicationModal  # open(), not exec()
    box.button(QMessageBox.StandardButton.No).click()
    assert window.patient_mode.active
    window.patient_bar.exit_button.click()
    box = window.patient_mode.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert not window.patient_mode.active
    assert not window.menuBar().isHidden() and not window.problems_dock.isHidden()
    assert not window.grid_view.details.isHidden()


def test_high_contrast_and_settings_are_remembered(qtbot, window: MainWindow, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window.view_scale.set_zoom(1.5)
    window.actions_by_id["high_contrast"].trigger()
    assert window.view_scale.high_contrast
    assert window.palette().color(window.backgroundRole()).lightness() < 20
    window.resize(700, 600)
    window.close()
    settings = open_settings()
    assert Path(settings.fileName()).is_relative_to(Path(__import__("os").environ["SDM_DESKTOP_CONFIG_DIR"]))
    again = MainWindow(LibraryStore([library_dir], TODAY), Config(), open_settings(), today=TODAY)
    qtbot.addWidget(again)
    assert again.view_scale.zoom == 1.5
    assert again.view_scale.high_contrast and again.actions_by_id["high_contrast"].isChecked()
    assert again.size().width() == 700
    again.close()


def test_library_model_passes_the_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(window.library_panel.model)
    qtmodeltester.check(window.problems.model)
    from sdm_desktop.ui.library.library_model import DOCUMENT_ROLE

    assert window.library_panel.model.index(0, 0).data(DOCUMENT_ROLE).id in {
        "test-thinning",
        "test-knee",
        "test-prompts",
        "test-stroke",
        "test-bleed",
    }


def test_preferences_dialog_is_non_modal_and_saves(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    extra = write_library(tmp_path / "extra")
    (extra / "knee.yaml").unlink()
    for name in ("thinning.yaml", "stroke.yaml", "bleed.yaml", "prompts.yaml"):
        (extra / name).unlink()
    (extra / "other.yaml").write_text(
        PLAIN_GRID.replace("id: test-knee", "id: other-grid").replace("Knee pain choices", "From the extra folder"),
        encoding="utf-8",
    )
    dialog = window.preferences.show()
    assert dialog.isVisible() and not dialog.isModal()
    dialog.add_folder(str(extra))
    dialog.name.setText("Dr A Example")
    dialog.role.setText("GP")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    saved, problem = Config.load()
    assert problem is None and saved.library_folders == [str(extra)] and saved.clinician_name == "Dr A Example"
    assert "From the extra folder" in _titles(window)


def test_crash_handler_logs_and_shows_a_calm_message(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from sdm_desktop.config import cache_dir
    from sdm_desktop.ui.window.crash import CrashHandler

    handler = CrashHandler(lambda: window)
    try:
        raise RuntimeError("boom for the test")
    except RuntimeError as exc:
        handler(type(exc), exc, exc.__traceback__)
    log = (cache_dir() / "crash.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom for the test" in log and "Traceback" in log
    assert handler.box is not None and handler.box.isVisible()
    assert "Traceback" not in handler.box.text() and "crash.log" in handler.box.text()
    handler.box.close()


def test_preview_window_reloads_on_save_and_shows_findings(qtbot, tmp_path: Path, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from sdm_desktop.grids.store import PreviewSource
    from sdm_desktop.ui.window.preview import PreviewWindow

    create_application()
    draft = tmp_path / "draft.yaml"
    draft.write_text(RISK_GRID.replace("id: test-thinning", "id: draft"), encoding="utf-8")
    win = PreviewWindow(PreviewSource(draft, [library_dir]))
    qtbot.addWidget(win)
    win.show()
    win.reload()
    assert win.grid_view.model.rowCount() == 3
    assert "0 errors" in win.status.text()
    assert win.print_note.text().startswith("Print check: Printed on its own, this grid fits one page")
    with qtbot.waitSignal(win.reloaded, timeout=5000):
        draft.write_text(RISK_GRID.replace("id: test-thinning", "id: draft") + "colour: blue\n", encoding="utf-8")
    assert win.findings_model.rowCount() >= 1
    assert any("colour" in win.findings_model.index(r, 2).data() for r in range(win.findings_model.rowCount()))
    assert "last version that loaded" in win.status.text()
    assert win.grid_view.model.rowCount() == 3  # the last good version stays on screen
    win.close()


def test_preview_says_when_a_grid_needs_cells_shortened_to_print(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sdm_desktop.grids.command import default_folders
    from sdm_desktop.grids.store import PreviewSource
    from sdm_desktop.paths import SHIPPED_LIBRARY
    from sdm_desktop.ui.window.preview import PreviewWindow

    create_application()
    # a copy of the AF grid with one cell made far too long to print whole on one page
    text = (SHIPPED_LIBRARY / "af-anticoagulation.yaml").read_text(encoding="utf-8")
    cell = "Tell your dentist or surgeon. You may stop it for a few days. Can be reversed."
    assert cell in text
    text = text.replace(cell, " ".join([cell] * 12), 1)
    path = tmp_path / "af-anticoagulation.yaml"
    path.write_text(text, encoding="utf-8")
    win = PreviewWindow(PreviewSource(path, default_folders()))
    qtbot.addWidget(win)
    win.reload()
    assert "1 cell shortened to fit one page" in win.print_note.text() and win.print_note.isVisibleTo(win)
    win.close()


def test_action_table_drives_menus_and_toolbar(window: MainWindow) -> None:
    from sdm_desktop.ui.window.actions import ACTIONS

    menu_actions = {a for menu in window.menuBar().actions() for a in menu.menu().actions()}
    for spec in ACTIONS:
        action = window.actions_by_id[spec.id]
        assert (action in menu_actions) == bool(spec.menu), spec.id
        assert (action in window.toolbar.actions()) == spec.toolbar
    assert window.actions_by_id["zoom_in"].shortcuts()[0] == QKeySequence(QKeySequence.StandardKey.ZoomIn)
