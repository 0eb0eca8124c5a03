"""Two parts of the Record panel: who, when and which aid; and the leaning or decision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...consult.vocabulary import STATUS_LABELS
from ...records.model import PatientIdKind
from .capture_widgets import InlineError, line_edit

ID_KINDS: tuple[tuple[PatientIdKind, str], ...] = (
    ("nhs_number", "NHS number"),
    ("local_reference", "Local reference"),
)


class ConsultationBox(QGroupBox):
    """Clinician, how the patient is identified and who, when, the aid, and what the screen has recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Consultation", parent)
        self.setObjectName("consultationBox")
        form = QFormLayout(self)
        self.clinician = QLabel()
        self.clinician.setObjectName("clinicianLabel")
        self.clinician.setWordWrap(True)
        form.addRow("Clinician:", self.clinician)
        kinds = QHBoxLayout()
        self.id_kind = QButtonGroup(self)
        self.id_kind_buttons: dict[str, QRadioButton] = {}
        for i, (kind, label) in enumerate(ID_KINDS):
            button = QRadioButton(label)
            button.setObjectName(f"idKind_{kind}")
            button.setAccessibleName(f"Patient identified by {label.lower()}")
            self.id_kind.addButton(button, i)
            self.id_kind_buttons[kind] = button
            kinds.addWidget(button)
        kinds.addStretch(1)
        form.addRow("Identify by:", kinds)
        self.patient_id = line_edit("patientId", "Patient identifier", "10 digits, e.g. 943 476 5919")
        self.patient_error = InlineError("patientIdError")
        id_label = QLabel("&Patient:")
        id_label.setBuddy(self.patient_id)
        form.addRow(id_label, self.patient_id)
        form.addRow("", self.patient_error)
        self.when = line_edit("consultedAt", "Date and time of the consultation", "24/11/2026 10:30")
        self.when_error = InlineError("consultedAtError")
        when_label = QLabel("&When:")
        when_label.setBuddy(self.when)
        form.addRow(when_label, self.when)
        form.addRow("", self.when_error)
        self.aid = QLabel()
        self.aid.setObjectName("aidLabel")
        self.aid.setWordWrap(True)
        form.addRow("Aid:", self.aid)
        self.from_screen = QLabel()
        self.from_screen.setObjectName("fromScreen")
        self.from_screen.setWordWrap(True)
        self.questions_button = QPushButton("Questions…")
        self.questions_button.setAccessibleName("Show the patient's questions")
        form.addRow("Recorded:", self.from_screen)
        form.addRow("", self.questions_button)


class DecisionBox(QGroupBox):
    """The aid's options, the status (leaning, chosen, undecided, more time), follow-up and next step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Leaning or decision", parent)
        self.setObjectName("decisionBox")
        self.decision_layout = QVBoxLayout(self)
        self.options_box = QWidget()
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.option_group = QButtonGroup(self)
        self.option_group.setExclusive(False)
        self.no_options = QLabel("Open a decision aid to choose one of its options.")
        self.no_options.setWordWrap(True)
        statuses = QGridLayout()
        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(False)
        self.status_buttons: dict[str, QRadioButton] = {}
        for i, (status, label) in enumerate(STATUS_LABELS.items()):
            button = QRadioButton(label)
            button.setObjectName(f"status_{status}")
            button.setAccessibleName(label)
            self.status_group.addButton(button, i)
            self.status_buttons[status] = button
            statuses.addWidget(button, i // 2, i % 2, Qt.AlignmentFlag.AlignLeft)
        self.follow_up = line_edit("followUp", "Follow-up date", "day/month/year")
        self.follow_up_error = InlineError("followUpError")
        self.next_step = line_edit("nextStep", "Next step", "What happens next")
        fields = QFormLayout()
        follow_label = QLabel("F&ollow-up:")
        follow_label.setBuddy(self.follow_up)
        next_label = QLabel("Ne&xt step:")
        next_label.setBuddy(self.next_step)
        fields.addRow(follow_label, self.follow_up)
        fields.addRow("", self.follow_up_error)
        fields.addRow(next_label, self.next_step)
        self.decision_layout.addWidget(self.no_options)
        self.decision_layout.addWidget(self.options_box)
        self.decision_layout.addLayout(statuses)
        self.decision_layout.addLayout(fields)
