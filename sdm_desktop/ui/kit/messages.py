"""Telling and asking, never blocking: one place for the window's message boxes.

Every box is opened with ``open()`` (window-modal, the event loop keeps
running), so autosave and the clinic's other programs carry on while it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

Icon = QMessageBox.Icon
Button = QMessageBox.StandardButton


def tell(
    parent: QWidget | None, title: str, text: str, *, icon: Icon = Icon.Information, accessible_name: str = ""
) -> QMessageBox:
    """An OK-only message, shown at once; returns the box."""
    box = QMessageBox(icon, title, text, Button.Ok, parent)
    if accessible_name:
        box.setAccessibleName(accessible_name)
    box.open()
    return box


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    yes: str,
    no: str,
    on_yes: Callable[[], None],
    name: str = "",
    icon: Icon = Icon.Question,
    default_no: bool = False,
    on_done: Callable[[], None] | None = None,
) -> QMessageBox:
    """A Yes/No question with the buttons worded ``yes`` and ``no``; ``on_yes`` runs when Yes is chosen.

    ``on_done`` runs after any answer; then the box deletes itself.
    """
    box = QMessageBox(icon, title, text, Button.Yes | Button.No, parent)
    if name:
        box.setObjectName(name)
    if default_no:
        box.setDefaultButton(Button.No)
    box.button(Button.Yes).setText(yes)
    box.button(Button.No).setText(no)

    def answered(_result: int) -> None:
        if box.clickedButton() is box.button(Button.Yes):
            on_yes()
        box.deleteLater()
        if on_done is not None:
            on_done()

    box.finished.connect(answered)
    box.open()
    return box


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[tuple[str, Callable[[], object]]],
    *,
    name: str = "",
) -> QMessageBox:
    """A question answered by one of ``choices`` (label, what it does) or Cancel; deletes itself once answered."""
    box = QMessageBox(Icon.Question, title, text, Button.Cancel, parent)
    if name:
        box.setObjectName(name)
    buttons = [(box.addButton(label, QMessageBox.ButtonRole.AcceptRole), act) for label, act in choices]

    def answered(_result: int) -> None:
        for button, act in buttons:
            if box.clickedButton() is button:
                act()
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box
