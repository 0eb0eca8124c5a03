"""Patient view: full screen, large plain text, clinician-only controls hidden.

The way out is explicit: a labelled button, or Esc, each asking to confirm.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from ..kit.messages import confirm
from ..kit.patient_view import clinician_widgets


class PatientBar(QWidget):
    """The strip across the top of patient view with the way out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientBar")
        self.label = QLabel("<b>Patient view</b>")
        self.prompts_button = QPushButton("Questions to ask")
        self.prompts_button.setObjectName("patientPrompts")
        self.prompts_button.setAccessibleName("Show or hide questions to ask")
        self.prompts_button.setCheckable(True)
        self.record_button = QPushButton("Your choice")
        self.record_button.setObjectName("patientRecord")
        self.record_button.setAccessibleName("Show or hide your choice and answers")
        self.record_button.setCheckable(True)
        self.exit_button = QPushButton("Leave patient view (Esc)")
        self.exit_button.setObjectName("leavePatientView")
        self.exit_button.setAccessibleName("Leave patient view")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label)
        layout.addStretch(1)
        layout.addWidget(self.prompts_button)
        layout.addWidget(self.record_button)
        layout.addWidget(self.exit_button)
        self.hide()


class PatientMode(QObject):
    """Switches ``window`` in and out of patient view; ``changed(bool)`` after each switch."""

    changed = Signal(bool)

    def __init__(
        self, window: QWidget, bar: PatientBar, hideable: Callable[[], list[QWidget]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.bar = bar
        self.hideable = hideable
        self.active = False
        self._hidden: list[QWidget] = []
        self._was_maximized = False
        self.confirm_box: QMessageBox | None = None
        self.quit_box: QMessageBox | None = None
        self.quitting = False
        # The Record panel makes room for the grid in patient view; "Your choice" brings it back.
        self.side_panel: QDockWidget | None = None
        self._side_was_shown = False
        bar.record_button.toggled.connect(self._show_side_panel)
        bar.exit_button.clicked.connect(self.request_exit)
        window.installEventFilter(self)  # closing from patient view asks first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.active:
            event.ignore()  # quitting is for the clinician
            self.request_quit(self.window.close)
            return True
        return False

    def clinician_widgets(self) -> list[QWidget]:
        return clinician_widgets(self.window, self.hideable())

    def enter(self) -> None:
        if self.active:
            return
        self.active = True
        self._was_maximized = self.window.isMaximized()
        self._hidden = [w for w in self.clinician_widgets() if not w.isHidden()]
        for widget in self._hidden:
            widget.hide()
        if self.side_panel is None:  # the Record panel's dock, by its name
            self.side_panel = self.window.findChild(QDockWidget, "recordDock")
        if self.side_panel is not None:
            self._side_was_shown = not self.side_panel.isHidden()
            self.bar.record_button.setChecked(False)
            self.side_panel.hide()
        self.bar.show()
        self.window.showFullScreen()
        self.bar.exit_button.setFocus()
        self.changed.emit(True)

    def _show_side_panel(self, shown: bool) -> None:
        if self.side_panel is None or not self.active:
            return
        self.side_panel.setVisible(shown)
        if shown:
            self.side_panel.raise_()

    def request_exit(self) -> QMessageBox | None:
        """Ask before leaving (non-modal); Yes leaves patient view."""
        if not self.active:
            return None
        if self.confirm_box is not None and self.confirm_box.isVisible():
            return self.confirm_box
        box = confirm(
            self.window,
            "Leave patient view?",
            "Leave patient view and go back to the clinician's screen?",
            yes="Yes, leave",
            no="No, stay",
            on_yes=self.exit,
            name="confirmLeavePatientView",
            default_no=True,
            on_done=lambda: self._answered(box),
        )
        self.confirm_box = box
        return box

    def _answered(self, box: QMessageBox) -> None:
        if self.confirm_box is box:
            self.confirm_box = None

    def request_quit(self, quit_now: Callable[[], object]) -> QMessageBox:
        """Closing the app is for the clinician: ask first (non-modal); Yes leaves patient view and closes."""
        if self.quit_box is not None and self.quit_box.isVisible():
            return self.quit_box

        def leave_and_quit() -> None:
            self.quitting = True  # the draft stays marked as being in patient view, for Resume
            self.exit()
            quit_now()

        box = confirm(
            self.window,
            "Close SDM Desktop?",
            "Close SDM Desktop? This is for the clinician. What has been recorded is kept.",
            yes="Yes, close",
            no="No, stay",
            on_yes=leave_and_quit,
            name="confirmQuitFromPatientView",
            default_no=True,
        )
        self.quit_box = box
        return box

    def exit(self) -> None:
        if not self.active:
            return
        self.active = False
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self.side_panel is not None:
            self.side_panel.setVisible(self._side_was_shown)
            if self._side_was_shown:
                self.side_panel.raise_()
        self.bar.hide()
        if self._was_maximized:
            self.window.showMaximized()
        else:
            self.window.showNormal()
        self.changed.emit(False)
