"""Which view each unfinished record was in, so Resume goes back to it.

Kept in the window's settings, one key per draft: ``patient`` (patient view),
``risk`` (the personal risk page) or ``grid``. Only the view is kept here, never
anything about the patient.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabWidget

from ..grid.grid_view import TAB_GRID, TAB_RISK
from ..record.record_controller import RecordController
from .patient_mode import PatientMode
from .record_actions import RecordActions

GROUP = "draftView"
VIEWS = ("grid", "risk", "patient")


def remember_view(settings: QSettings, record_id: str, view: str) -> None:
    if view in VIEWS and record_id:
        settings.setValue(f"{GROUP}/{record_id}", view)


def remembered_view(settings: QSettings, record_id: str) -> str:
    """The view ``record_id`` was last in; ``grid`` when not known."""
    value = settings.value(f"{GROUP}/{record_id}")
    return str(value) if value in VIEWS else "grid"


def forget_view(settings: QSettings, record_id: str) -> None:
    settings.remove(f"{GROUP}/{record_id}")


class DraftViews:
    """Keeps the view of the record on screen as it changes, and goes back to it on Resume."""

    def __init__(
        self,
        settings: QSettings,
        records: RecordController,
        tabs: QTabWidget,
        patient_mode: PatientMode,
        recording: RecordActions,
    ) -> None:
        self.settings = settings
        self.records = records
        self.tabs = tabs
        self.patient_mode = patient_mode
        self.enter_patient_view: Callable[[], None] = patient_mode.enter
        self.patient = False
        tabs.currentChanged.connect(lambda _index: self.remember())
        patient_mode.changed.connect(self.set_patient)
        recording.after_resume = self.restore

    def set_patient(self, active: bool) -> None:
        self.patient = active
        if not self.patient_mode.quitting:
            self.remember()

    def remember(self) -> None:
        view = "patient" if self.patient else "risk" if self.tabs.currentIndex() == TAB_RISK else "grid"
        remember_view(self.settings, self.records.record.record_id, view)

    def restore(self, record_id: str) -> None:
        view = remembered_view(self.settings, record_id)
        self.tabs.setCurrentIndex(TAB_RISK if view == "risk" and self.tabs.isTabEnabled(TAB_RISK) else TAB_GRID)
        if view == "patient":
            self.enter_patient_view()
