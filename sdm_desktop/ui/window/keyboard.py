"""Keyboard first: the Tab order of a consultation, focus when a panel opens, F10 for the menu bar.

Tab follows the consultation: the personal risk form, the leaning or decision, SURE,
the next step, the notes, then Save summary; the other fields of the Record panel
come after. Once the leaning is marked, the Record panel scrolls to show SURE. A
shortcut that opens a panel puts the focus in its first field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDockWidget, QLineEdit, QMainWindow, QScrollArea, QWidget
from shiboken6 import isValid

from ..grid.risk_form import RiskForm
from ..record.capture_panel import CapturePanel
from .docks import set_checked_quietly


def usable(widget: QWidget) -> bool:
    """A widget Tab can stop at now (in a panel that may itself be behind a tab)."""
    return widget.isEnabled() and not widget.isHidden() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def first_usable(widgets: Iterable[QWidget]) -> QWidget | None:
    return next((w for w in widgets if usable(w)), None)


def _own_field(widget: QWidget, control: QWidget) -> bool:
    """A field of ``control`` itself: not a list's pop-up nor the text box inside a spin box or list."""
    parent = widget.parentWidget()
    while parent is not None and parent is not control:
        if isinstance(parent, (QAbstractSpinBox, QComboBox)) or parent.isWindow():
            return False
        parent = parent.parentWidget()
    return not widget.isWindow()


def risk_fields(form: RiskForm) -> list[QWidget]:
    """The form's inputs in the order shown; a group of choice buttons gives each button."""
    out: list[QWidget] = []
    for control in form.controls.values():
        if not isValid(control):  # replaced by a rebuild still waiting to be deleted
            continue
        buttons = control.findChildren(QWidget)
        focusable = [b for b in buttons if b.focusPolicy() & Qt.FocusPolicy.TabFocus and _own_field(b, control)]
        out.extend(focusable if focusable and not (control.focusPolicy() & Qt.FocusPolicy.TabFocus) else [control])
    return out


def consultation_fields(form: RiskForm, panel: CapturePanel) -> list[QWidget]:
    """Risk form, leaning or decision, SURE, next step, notes, save: the order Tab takes."""
    sure = [button for answers in panel.sure.buttons.values() for button in answers.values()]
    return [
        *risk_fields(form),
        *panel.option_radios,
        *panel.status_buttons.values(),
        *sure,
        panel.next_step,
        panel.notes,
        panel.copy_choice,
        panel.save_button,
        panel.finish_button,
    ]


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    for before, after in pairwise(widgets):
        QWidget.setTabOrder(before, after)


def panel_first_field(panel: CapturePanel) -> QWidget | None:
    """The Record panel's first field: the patient (clinician's view), else the leaning."""
    return first_usable([panel.patient_id, *panel.option_radios, *panel.status_buttons.values()])


def focus_first(widget: QWidget | None) -> None:
    """Focus as Tab gives it, so a field's text is selected and typing replaces it; the field at the top of its
    scroll area, so it and the fields after it are in view."""
    if widget is not None:
        scroll_to_top(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(widget, (QAbstractSpinBox, QLineEdit)):
            widget.selectAll()


def scroll_to_top(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    inner = parent.widget() if parent is not None else None
    if parent is not None and inner is not None:
        row = widget.parentWidget() or widget  # the field's row, label and all
        top = row.mapTo(inner, row.rect().topLeft()).y()
        parent.verticalScrollBar().setValue(top - parent.fontMetrics().height())


def bring_dock_forward(dock: QDockWidget, action: QAction, first: QWidget | None) -> None:
    """Show ``dock`` (ticking its menu entry ``action``), in front of the docks tabbed with it, focus in ``first``."""
    dock.show()
    dock.raise_()
    set_checked_quietly(action, True)
    focus_first(first)


def open_menu_bar(window: QMainWindow) -> None:
    """F10: the first menu opens, and arrow keys move along the menu bar."""
    bar = window.menuBar()
    menus = [a for a in bar.actions() if a.isVisible() and a.isEnabled()]
    if bar.isVisible() and menus:
        bar.setFocus(Qt.FocusReason.ShortcutFocusReason)
        bar.setActiveAction(menus[0])


class ConsultationTabOrder:
    """Keeps Tab in the consultation's order as the aid, its risk form and the measures are rebuilt."""

    def __init__(self, form: RiskForm, panel: CapturePanel) -> None:
        self.form = form
        self.panel = panel
        # The leaning marked, SURE is next: scroll the panel so it shows, without moving the focus.
        for group in (panel.option_group, panel.status_group):
            group.idClicked.connect(lambda _i: QTimer.singleShot(0, self.panel, self.show_sure))

    def _scroll(self) -> QScrollArea | None:
        parent = self.panel.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent

    def show_leaning(self) -> None:
        """An aid opened: its options in view in the Record panel."""
        scroll = self._scroll()
        radios = [r for r in self.panel.option_radios if isValid(r)]
        if scroll is not None and radios:
            scroll.ensureWidgetVisible(radios[-1], 0, 0)
            scroll.ensureWidgetVisible(radios[0], 0, 0)

    def show_sure(self) -> None:
        """SURE in view, its answers too where the panel scrolls sideways."""
        scroll = self._scroll()
        if scroll is None:
            return
        scroll.ensureWidgetVisible(self.panel.sure, 0, 0)
        rows = list(self.panel.sure.buttons.values())
        last = list(rows[0].values())[-1] if rows and rows[0] else None
        if last is not None and isValid(last):
            scroll.ensureWidgetVisible(last, 0, 0)

    def follow(self, grid_changed: SignalInstance, *changes: SignalInstance) -> None:
        """Put the order back after each change (once the widgets it rebuilds are in place); a new aid's options in view."""
        # Deferred with the panel as context: nothing runs once the window's widgets are gone.
        grid_changed.connect(lambda *_: QTimer.singleShot(0, self.panel, self.show_leaning))
        for changed in (grid_changed, *changes):
            changed.connect(lambda *_: QTimer.singleShot(0, self.panel, self.apply))

    def apply(self) -> None:
        if isValid(self.form) and isValid(self.panel):
            set_tab_order([w for w in consultation_fields(self.form, self.panel) if isValid(w)])

    def first_risk_field(self) -> QWidget | None:
        return next(iter(risk_fields(self.form)), None)
