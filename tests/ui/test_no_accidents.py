"""Nothing changes patient data by accident: the wheel, placeholders and typing over them."""

from __future__ import annotations

from pathlib import Path

import pytest
from capture_support import make_window, open_thinning, write_capture_library

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QRadioButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.kit.inputs import OptionalSpinBox, install_wheel_guard

pytestmark = pytest.mark.gui


def wheel(widget: QWidget, steps: int = 3) -> None:
    """Turn the wheel over ``widget``: negative steps turn it towards the user (scroll down)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    for _ in range(abs(steps)):
        event = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
            QPoint(0, 0),
            QPoint(0, 120 if steps > 0 else -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    win = make_window(qtbot, write_capture_library(tmp_path / "lib"), tmp_path / "data")
    open_thinning(win)
    yield win
    win.close()


def test_the_wheel_over_a_spin_box_scrolls_the_panel_and_never_changes_the_value(qtbot) -> None:  # type: ignore[no-untyped-def]
    install_wheel_guard(create_application())
    area = QScrollArea()
    inner = QWidget()
    column = QVBoxLayout(inner)
    spin = OptionalSpinBox("Not given")
    spin.setRange(17, 110)
    spin.setValue(78)
    combo = QComboBox()
    combo.addItems(["one", "two", "three"])
    column.addWidget(spin)
    column.addWidget(combo)
    column.addSpacing(2000)
    area.setWidget(inner)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    spin.setFocus()  # even with the keyboard focus, the wheel does not change it
    wheel(spin, -3)
    wheel(combo, -2)
    assert spin.value() == 78
    assert combo.currentIndex() == 0
    assert area.verticalScrollBar().value() > 0  # the panel scrolled instead


def test_the_wheel_never_changes_the_risk_form_or_the_record_panel(window) -> None:  # type: ignore[no-untyped-def]
    window.show_risk()
    form = window.grid_view.risk.form
    form.set_input("age", 78)
    age, sex = form.controls["age"], form.controls["sex"]
    assert isinstance(age, QSpinBox) and isinstance(sex, QRadioButton)  # a short choice is buttons
    wheel(age, 2)
    wheel(age, -2)
    for button in form.answers["sex"].buttons.values():
        wheel(button, -2)
    assert window.controller.session.risk_values == {"age": 78}
    spin = window.capture.importance.spins["avoid-stroke"]
    wheel(spin, 3)
    assert spin.value() == -1
    assert window.records.current().importance == {}


def test_typing_over_not_given_replaces_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show_risk()
    age = window.grid_view.risk.form.controls["age"]
    assert isinstance(age, OptionalSpinBox)
    assert age.text() == "– Not given –"
    age.setFocus()
    qtbot.mouseClick(age.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(age, "79")
    assert age.value() == 79
    assert window.controller.session.risk_values["age"] == 79
    spin = window.capture.importance.spins["avoid-tests"]
    spin.setFocus()
    qtbot.keyClicks(spin, "4")
    assert spin.value() == 4
    assert window.records.current().importance == {"avoid-tests": 4}


def test_a_placeholder_looks_unlike_an_answer(window) -> None:  # type: ignore[no-untyped-def]
    window.show_risk()
    form = window.grid_view.risk.form
    age, sex = form.controls["age"], form.controls["sex"]
    # a short choice is buttons, none pressed until answered: nothing there to look like an answer
    assert isinstance(age, OptionalSpinBox) and isinstance(sex, QRadioButton)
    sex_buttons = form.answers["sex"].buttons.values()
    assert not any(b.isChecked() for b in sex_buttons)
    assert age.font().italic()
    assert age.property("showsPlaceholder") is True
    form.set_input("age", 70)
    form.set_input("sex", "male")
    assert not age.font().italic() and form.answers["sex"].buttons["Male"].isChecked()
    window.controller.session.risk_values.clear()
    form.show_values()  # shown with signals blocked (resume, new consultation): marked again
    assert age.font().italic() and not any(b.isChecked() for b in sex_buttons)
    size = age.font().pointSizeF()
    window.view_scale.zoom_in()  # the slant is the only thing set: the size still follows the zoom
    assert age.font().pointSizeF() > size
    for high_contrast in (False, True):
        if window.view_scale.high_contrast != high_contrast:
            window.view_scale.toggle_high_contrast(high_contrast)
        assert age.font().italic() and age.text() == "– Not given –"
