"""High contrast shows every control: radio buttons, check boxes, field borders, the focus, the chosen answer."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QCheckBox, QLineEdit, QRadioButton, QStyleFactory, QVBoxLayout, QWidget

from sdm_desktop.ui.app import create_application
from sdm_desktop.ui.kit.inputs import OptionalSpinBox
from sdm_desktop.ui.kit.theme import ScaledIndicatorStyle, apply_palette, high_contrast_palette, is_high_contrast

pytestmark = pytest.mark.gui
WHITE, YELLOW = QColor("#ffffff"), QColor("#ffff00")


def _styled(widget: QWidget) -> None:
    """The app's own style on ``widget`` and its children (the test application may have another)."""
    style = ScaledIndicatorStyle(QStyleFactory.create("Fusion"))
    widget._style = style  # type: ignore[attr-defined]  # kept alive with the widget
    for each in [widget, *widget.findChildren(QWidget)]:
        each.setStyle(style)


def _colours(widget: QWidget) -> set[tuple[int, int, int]]:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return {
        (c.red(), c.green(), c.blue())
        for c in (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height()))
    }


def _near(colours: set[tuple[int, int, int]], colour: QColor) -> bool:
    return any(abs(r - colour.red()) + abs(g - colour.green()) + abs(b - colour.blue()) < 60 for r, g, b in colours)


@pytest.fixture
def panel(qtbot):  # type: ignore[no-untyped-def]
    create_application()
    widget = QWidget()
    layout = QVBoxLayout(widget)
    widget.radio = QRadioButton("")  # type: ignore[attr-defined]
    widget.chosen = QRadioButton("")  # type: ignore[attr-defined]
    widget.chosen.setChecked(True)  # type: ignore[attr-defined]
    widget.edit = QLineEdit()  # type: ignore[attr-defined]
    widget.spin = OptionalSpinBox("Not given")  # type: ignore[attr-defined]
    widget.check = QCheckBox("")  # type: ignore[attr-defined]
    for child in (widget.radio, widget.chosen, widget.edit, widget.spin, widget.check):  # type: ignore[attr-defined]
        layout.addWidget(child)
    _styled(widget)
    apply_palette(widget, True)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_high_contrast_palette_is_recognised() -> None:
    create_application()
    assert is_high_contrast(high_contrast_palette())


def test_radio_buttons_and_check_boxes_show_on_black(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    panel.edit.setFocus()  # the focus elsewhere: its yellow frame is not on the buttons
    qtbot.waitUntil(panel.edit.hasFocus)
    for button in (panel.radio, panel.check):
        assert _near(_colours(button), WHITE), button  # a white ring or box on black
    assert _near(_colours(panel.chosen), YELLOW)  # the chosen answer: a yellow dot
    assert not _near(_colours(panel.radio), YELLOW)


def test_fields_have_borders_and_the_focus_shows(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    for field in (panel.edit, panel.spin):
        assert _near(_colours(field), WHITE), field
    panel.edit.setFocus()
    qtbot.waitUntil(panel.edit.hasFocus)
    assert _near(_colours(panel.edit), YELLOW)  # a thick yellow border while typing there


def test_placeholder_text_is_not_the_answer_colour() -> None:
    create_application()
    palette = high_contrast_palette()
    assert palette.color(palette.ColorRole.PlaceholderText) != palette.color(palette.ColorRole.Text)


def test_high_contrast_reaches_dialogs_and_other_windows(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QDialog

    create_application()
    owner = QWidget()
    qtbot.addWidget(owner)
    apply_palette(owner, True)
    dialog = QDialog(owner)
    other = QWidget()
    qtbot.addWidget(other)
    try:
        assert is_high_contrast(dialog.palette()) and is_high_contrast(other.palette())
    finally:
        apply_palette(owner, False)
    assert not is_high_contrast(QApplication.palette())


def test_a_list_keeps_its_edge_in_high_contrast(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QListWidget

    create_application()
    listing = QListWidget()
    qtbot.addWidget(listing)
    _styled(listing)
    apply_palette(listing, True)
    try:
        listing.resize(200, 120)
        listing.show()
        qtbot.waitExposed(listing)
        assert _near(_colours(listing), WHITE)  # an empty list on black still shows where it is
    finally:
        apply_palette(listing, False)
