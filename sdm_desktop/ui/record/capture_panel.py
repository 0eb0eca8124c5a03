"""The Record panel: what the consultation decided, captured as it goes.

Bound to the draft in :class:`~.record_controller.RecordController`: each
edit calls its setter (and so autosaves); a record loaded or finished is shown
again inside signal blockers. Nothing here must be filled in. Checks come from
``records/validate.py`` and are shown inline, under the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...consult import edits
from ...consult.dates import day_text, time_text, validate_consultation_time, validate_follow_up
from ...consult.draft import choose_option, measure, option_names, patient_id_message, toggle_status
from ...consult.vocabulary import COLLABORATE_SET_ID, COPIES, STATUS_LABELS, SURE_SET_ID
from ...grids.model import PromptSet
from ...records.model import PatientIdKind, Record
from ..grid.controller import SessionController
from ..kit.patient_view import clinician_only
from ..kit.widgets import warn_style
from .capture_boxes import ID_KINDS, ConsultationBox, DecisionBox
from .capture_widgets import (
    ImportanceBox,
    InlineError,
    MeasureBox,
    line_edit,
    option_buttons,
    set_text,
)
from .collaborate_entry import CollaborateEntry
from .record_controller import RecordController


class CapturePanel(QWidget):
    questionsRequested = Signal()
    finishRequested = Signal()
    saveRequested = Signal()

    def __init__(self, records: RecordController, session: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capturePanel")
        self.records = records
        self.session = session
        self.today = dt.date.today()

        self.finished_note = QLabel()
        self.finished_note.setObjectName("finishedNote")
        self.finished_note.setWordWrap(True)
        warn_style(self.finished_note)
        self.finished_note.hide()

        # Who, when, which aid (clinician only); the parts the panel reads and fills are kept at hand
        who = clinician_only(ConsultationBox())
        self.clinician, self.id_kind, self.id_kind_buttons = who.clinician, who.id_kind, who.id_kind_buttons
        self.patient_id, self.patient_error = who.patient_id, who.patient_error
        self.when, self.when_error, self.aid, self.from_screen = who.when, who.when_error, who.aid, who.from_screen
        self.questions_button = who.questions_button

        self.importance = ImportanceBox()

        # The leaning or decision
        decision = DecisionBox()
        self.options_box, self.options_layout = decision.options_box, decision.options_layout
        self.option_group, self.no_options = decision.option_group, decision.no_options
        self.option_radios: list[QRadioButton] = []
        self.status_group, self.status_buttons = decision.status_group, decision.status_buttons
        self.follow_up, self.follow_up_error = decision.follow_up, decision.follow_up_error
        self.next_step = decision.next_step

        self.sure = MeasureBox("sure", "How sure the patient feels (SURE)", use_buttons=True)
        self.collaborate_entry = CollaborateEntry()
        self.collaborate = self.collaborate_entry.clinician

        notes_box = clinician_only(QGroupBox("Notes"))
        notes_layout = QVBoxLayout(notes_box)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName("Clinician's notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        notes_layout.addWidget(self.notes)
        self.amend_reason = line_edit("amendReason", "Why the record is being amended", "Why it is being amended")
        self.amend_box = clinician_only(QWidget())
        amend_layout = QFormLayout(self.amend_box)
        amend_label = QLabel("Reason for a&mending:")
        amend_label.setBuddy(self.amend_reason)
        amend_layout.addRow(amend_label, self.amend_reason)

        self.problems = InlineError("finishProblems")
        self.finish_button = QPushButton("Finish record")
        self.finish_button.setObjectName("finishRecord")
        self.finish_button.setAccessibleName("Finish record")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        # "Draft saved at ..." never widens the panel (that would scroll what is in view sideways)
        self.saved_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        finish = clinician_only(QWidget())
        finish_row = QHBoxLayout(finish)
        finish_row.setContentsMargins(0, 0, 0, 0)
        finish_row.addWidget(self.saved_label, 1)
        self.copy_choice = QComboBox()
        self.copy_choice.setObjectName("summaryCopy")
        self.copy_choice.setAccessibleName("Which summary to print or save")
        for copy, label in COPIES.items():
            self.copy_choice.addItem(label, copy)
        finish_row.addWidget(self.copy_choice)
        self.save_button = QPushButton("Save summary…")
        self.save_button.setObjectName("saveSummary")
        self.save_button.setAccessibleName("Save the summary as PDF")
        finish_row.addWidget(self.save_button)
        finish_row.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        for widget in (
            self.finished_note,
            who,
            self.importance,
            decision,
            self.sure,
            self.collaborate_entry,
            notes_box,
            self.amend_box,
            self.problems,
            finish,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.editors: list[QWidget] = [
            who,
            self.importance,
            decision,
            self.sure,
            self.collaborate_entry,
            notes_box,
            self.amend_box,
        ]

        self._connect()
        self.set_measures([])
        self.refresh_grid()

    # -- wiring -----------------------------------------------------------------------
    def _connect(self) -> None:
        r = self.records
        self.id_kind.idClicked.connect(lambda i: self._id_changed(ID_KINDS[i][0]))
        self.patient_id.textChanged.connect(lambda _t: self._id_changed(None))
        self.patient_id.editingFinished.connect(lambda: self._check_patient_id(final=True))
        self.when.textChanged.connect(self._when_changed)
        self.importance.changed.connect(
            lambda: r.edit(
                edits.importance(
                    self.importance.importance(), self.importance.own_words(), self.importance.what_matters.text()
                )
            )
        )
        self.option_group.idClicked.connect(self._option_clicked)
        self.status_group.idClicked.connect(self._status_clicked)
        self.follow_up.textChanged.connect(self._follow_up_changed)
        self.next_step.textChanged.connect(self._next_step_changed)
        self.sure.answered.connect(lambda answers: r.edit(edits.sure(answers)))
        self.collaborate_entry.answered.connect(lambda answers, by: r.edit(edits.collaborate(answers, by)))
        self.notes.textChanged.connect(lambda: r.edit(edits.notes(self.notes.toPlainText())))
        self.amend_reason.textChanged.connect(lambda text: r.edit(edits.amended_reason(text)))
        self.questions_button.clicked.connect(self.questionsRequested)
        self.finish_button.clicked.connect(self.finishRequested)
        self.save_button.clicked.connect(self.saveRequested)
        r.recordChanged.connect(self._record_switched)
        r.finalised.connect(lambda _final: self.show_record())
        r.saved.connect(lambda: self.saved_label.setText(f"Draft saved at {dt.datetime.now():%H:%M:%S}"))
        self.session.gridChanged.connect(self.refresh_grid)
        for signal in (self.session.riskChanged, self.session.questionsChanged):
            signal.connect(self.show_from_screen)
        self.session.discussedChanged.connect(lambda *_: self.show_from_screen())

    def set_measures(self, prompt_sets: Sequence[PromptSet]) -> None:
        """SURE and CollaboRATE as the library has them (locked wording)."""
        self.sure.set_measure(
            measure(prompt_sets, SURE_SET_ID), "The SURE test is not in the library, so it cannot be asked here."
        )
        self.collaborate_entry.set_measure(
            measure(prompt_sets, COLLABORATE_SET_ID), "CollaboRATE is not in the library, so it cannot be asked here."
        )
        self.show_record()
        self._lay_out()

    def refresh_grid(self) -> None:
        grid = self.session.grid
        self.importance.set_considerations(grid.considerations if grid is not None else ())
        for button in self.option_radios:
            self.option_group.removeButton(button)
            button.hide()
            button.deleteLater()
        self.option_radios = option_buttons(self.options_box, option_names(grid), self.option_group)
        for button in self.option_radios:
            self.options_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)  # as wide as its words
            button.show()
        self.no_options.setVisible(not self.option_radios)
        self.show_record()
        self._lay_out()

    def _lay_out(self) -> None:
        """Place new rows now, so they can be clicked at once (not after the next turn of the event loop)."""
        parent = self.parentWidget()
        scroll = parent.parentWidget() if parent is not None else None
        if isinstance(scroll, QScrollArea) and scroll.widgetResizable():
            self.resize(
                scroll.viewport().width(), max(self.heightForWidth(scroll.viewport().width()), self.sizeHint().height())
            )
        layout = self.layout()
        if layout is not None:
            layout.activate()

    # -- showing the record ------------------------------------------------------------------
    def show_record(self) -> None:
        record = self.records.current()
        final = self.records.final is not None
        for widget in self.editors:
            widget.setEnabled(not final)
        self.finish_button.setEnabled(not final)
        self.finished_note.setVisible(final)
        if final:
            self.finished_note.setText(
                "This record is finished and cannot be changed. Print or save its summary, "
                "or start a new consultation (File ▸ New consultation)."
            )
        name = ", ".join(p for p in (record.clinician_name, record.clinician_role) if p.strip())
        self.clinician.setText(escape(name) if name else "<i>Add your name and role in Preferences</i>")
        for kind, button in self.id_kind_buttons.items():
            with QSignalBlocker(button):
                button.setChecked(record.patient_id_kind == kind)
        set_text(self.patient_id, record.patient_id)
        self._check_patient_id(final=True)
        self._show_parsed(self.when, self.when_error, "created", record, time_text(record.created))
        self.importance.show_values(record.importance, record.importance_words, record.what_matters)
        self._show_decision(record)
        follow = record.decision.follow_up
        if follow is not None or not self.follow_up_error.isVisible() or "decision.follow_up" in record.unparsed:
            self._show_parsed(
                self.follow_up, self.follow_up_error, "decision.follow_up", record, day_text(follow) if follow else ""
            )
        set_text(self.next_step, record.decision.next_step)
        self.sure.show_values(record.sure)
        self.collaborate_entry.show_record(record)
        set_text(self.notes, record.notes)
        self.amend_box.setVisible(record.amends is not None)
        set_text(self.amend_reason, record.amended_reason)
        self.problems.say(None)
        self.show_from_screen()

    def _show_parsed(self, edit: QLineEdit, error: InlineError, name: str, record: Record, text: str) -> None:
        """Show a date field: as typed (with its message) if it could not be read, else its value."""
        typed = record.unparsed.get(name)
        if typed is None:
            set_text(edit, text)
            error.say(None)
            return
        set_text(edit, typed)
        check = validate_consultation_time(typed)[1] if name == "created" else validate_follow_up(typed, self.today)[1]
        error.say(check)

    def _record_switched(self) -> None:
        self.follow_up_error.say(None)
        self.show_record()

    def _show_decision(self, record: Record) -> None:
        decision = record.decision
        for button in self.option_radios:
            with QSignalBlocker(button):
                button.setChecked(button.property("optionId") == decision.option_id)
        for status, button in self.status_buttons.items():
            with QSignalBlocker(button):
                button.setChecked(decision.status == status)

    def show_from_screen(self) -> None:
        record = self.records.current()
        grid = self.session.grid
        if record.aid is None:
            self.aid.setText("<i>None yet: open a decision aid from the library</i>")
        else:
            note = "" if grid is not None and grid.id == record.aid.id else " (not open)"
            self.aid.setText(f"{escape(record.aid.title or record.aid.id)}, version {escape(record.aid.version)}{note}")
        rows = len(grid.rows) if grid is not None else 0
        parts = [
            f"{len(record.rows_discussed)} of {rows} rows discussed" if rows else "no rows discussed",
            f"{len(record.risk_inputs)} risk inputs",
            f"{len(record.figures_shown)} figures shown",
            f"{len(record.questions)} question{'s' if len(record.questions) != 1 else ''}",
        ]
        self.from_screen.setText(", ".join(parts) + ".")

    def show_problems(self, problems: Sequence[tuple[str, str]]) -> None:
        """What stops the record being finished, listed under the form; the first field gets focus."""
        if not problems:
            self.problems.say(None)
            return
        self.problems.say("Before finishing: " + "; ".join(message for _field, message in problems) + ".")
        fields = {
            "patient_id": self.patient_id,
            "created": self.when,
            "decision.follow_up": self.follow_up,
            "amended_reason": self.amend_reason,
        }
        errors = {
            "patient_id": self.patient_error,
            "created": self.when_error,
            "decision.follow_up": self.follow_up_error,
        }
        for field, message in problems:
            if field in errors:
                errors[field].say(message)
        first = next((fields[f] for f, _m in problems if f in fields), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- edits ----------------------------------------------------------------------------
    def _id_changed(self, kind: PatientIdKind | None) -> None:
        self.records.edit(edits.patient(kind or self.records.record.patient_id_kind, self.patient_id.text()))
        self._check_patient_id(final=kind is not None)

    def _check_patient_id(self, final: bool) -> None:
        self.patient_error.say(
            patient_id_message(
                self.records.current().patient_id_kind,
                self.patient_id.text(),
                final=final,
                allow_test_numbers=self.records.allow_test_numbers,
            )
        )

    def _when_changed(self, text: str) -> None:
        value, message = validate_consultation_time(text)
        self.when_error.say(message)
        # kept as typed when it cannot be read, so a crash or a restart loses nothing
        self.records.edit(edits.consulted_at(value) if value is not None else edits.consulted_at_typed(text))

    def _option_clicked(self, index: int) -> None:
        option_id = str(self.option_radios[index].property("optionId"))
        self.records.edit(edits.decision(choose_option(self.records.record.decision, option_id)))
        self._show_decision(self.records.record)

    def _status_clicked(self, index: int) -> None:
        status = list(STATUS_LABELS)[index]
        self.records.edit(edits.decision(toggle_status(self.records.record.decision, status)))
        self._show_decision(self.records.record)

    def _follow_up_changed(self, text: str) -> None:
        if not text.strip():
            self.follow_up_error.say(None)
            self.records.edit(edits.follow_up(None))
            return
        value, message = validate_follow_up(text, self.today)
        self.follow_up_error.say(message)
        # kept as typed when it cannot be read, so a crash or a restart loses nothing
        self.records.edit(edits.follow_up(value, None if value is not None else text))

    def _next_step_changed(self, text: str) -> None:
        self.records.edit(edits.next_step(text))
