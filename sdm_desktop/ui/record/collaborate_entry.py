"""CollaboRATE: answered by the patient themselves in patient view, or entered by the clinician.

CollaboRATE is meant to be answered by the patient, privately. In patient view
the patient gets their own copy of the three questions, blank: anything the
clinician entered is not shown to them. Answers given there are recorded as the
patient's, with the time; the clinician's view then says the patient answered
and keeps their answers out of sight. Answers entered in the clinician's view
are recorded as clinician-entered. The quality view and the exports tell the two
apart (records/quality.py).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...consult.dates import clock_text
from ...grids.model import PromptSet
from ...records.model import CollaborateBy, Record
from ..kit.patient_view import clinician_only
from ..kit.text import plain_label
from .capture_widgets import MeasureBox

PATIENT_INTRO = (
    "Please answer these three questions yourself, about the talk you have just had. "
    "Your answers are kept with the record of this consultation."
)


class CollaborateEntry(QWidget):
    """The clinician's CollaboRATE box (clinician-only) and the patient's own (patient view only)."""

    answered = Signal(dict, str)  # answers so far, and who gave them: "patient" or "clinician"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clinician = clinician_only(MeasureBox("collaborate", "CollaboRATE (optional)", use_buttons=False))
        self.by_patient = clinician_only(plain_label())
        self.by_patient.setObjectName("collaborateByPatient")
        self.by_patient.hide()
        self.patient = MeasureBox("collaboratePatient", "Your view of this consultation", use_buttons=True)
        self.patient_intro = plain_label(PATIENT_INTRO)
        self.patient_intro.setObjectName("collaboratePatientIntro")
        self.patient_box = QWidget()
        patient_layout = QVBoxLayout(self.patient_box)
        patient_layout.setContentsMargins(0, 0, 0, 0)
        patient_layout.addWidget(self.patient_intro)
        patient_layout.addWidget(self.patient)
        self.patient_box.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.clinician)
        layout.addWidget(self.by_patient)
        layout.addWidget(self.patient_box)
        self.clinician.answered.connect(lambda answers: self.answered.emit(answers, "clinician"))
        self.patient.answered.connect(self._patient_answered)
        self.by: CollaborateBy = ""
        self.answered_by_patient = False

    def _patient_answered(self, answers: dict[str, int]) -> None:
        self.answered.emit(answers, "patient")
        self._show_clinician_side(bool(answers), dt.datetime.now().astimezone() if answers else None)

    def _show_clinician_side(self, by_patient: bool, when: dt.datetime | None) -> None:
        self.answered_by_patient = by_patient
        if by_patient:
            with QSignalBlocker(self.clinician):
                self.clinician.show_values({})
        self.clinician.setEnabled(not by_patient)
        at = f" at {clock_text(when)}" if when else ""
        self.by_patient.setText(
            f"The patient answered CollaboRATE themselves in patient view{at}; their answers are kept "
            "with the record and not shown here."
            if by_patient
            else ""
        )
        self.by_patient.setVisible(by_patient and self.patient_box.isHidden())

    def set_measure(self, measure: PromptSet | None, missing_text: str) -> None:
        self.clinician.set_measure(measure, missing_text)
        self.patient.set_measure(measure, missing_text)

    def set_patient_mode(self, active: bool) -> None:
        """The patient's own questions in patient view; hidden otherwise."""
        self.patient_box.setVisible(active)
        self.by_patient.setVisible(not active and self.answered_by_patient)

    def show_record(self, record: Record) -> None:
        """Each side sees only its own answers: the patient never sees the clinician's, and the
        clinician's view says the patient answered without showing how."""
        self.by = record.collaborate_by
        by_patient = record.collaborate_by == "patient" and bool(record.collaborate)
        with QSignalBlocker(self.clinician), QSignalBlocker(self.patient):
            self.clinician.show_values({} if by_patient else record.collaborate)
            self.patient.show_values(record.collaborate if by_patient else {})
        self._show_clinician_side(by_patient, record.collaborate_at)
