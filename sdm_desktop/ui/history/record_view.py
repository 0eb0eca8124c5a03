"""A past record, read-only: every field as escaped text, its versions, Amend… and Reprint.

``record_html`` builds the page from the record alone (every value passes
through ``html.escape``, so text typed in a consultation is shown, never
interpreted). ``RecordView`` shows it with the two buttons; ``AmendDialog``
asks why the record is being amended before anything is started.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...consult.dates import day_text
from ...consult.dates import time_text as date_text
from ...consult.vocabulary import decision_text
from ...records.model import Record
from ...records.names import Names
from ...records.nhs import format_nhs_number
from ..kit.text import no_reorder

EMPTY_TEXT = "Choose a record in the list and press Enter to open it."


def _e(value: object) -> str:
    return html.escape(no_reorder(str(value)), quote=True)


NONE = "None recorded"


def _row(title: str, lines: list[str]) -> str:
    """One line of the record's table; ``lines`` are already escaped."""
    body = "<br>".join(lines) if lines else f"<i>{NONE}</i>"
    return f'<tr><th align="left" valign="top" width="24%">{_e(title)}</th><td valign="top">{body}</td></tr>'


def _text_lines(text: str) -> list[str]:
    return [_e(line) for line in text.splitlines()] if text.strip() else []


def patient_line(record: Record) -> str:
    if record.patient_id_kind == "nhs_number":
        return f"NHS number {format_nhs_number(record.patient_id)}"
    return f"Local reference {record.patient_id}"


def version_line(record: Record) -> str:
    """'Version 2, amended by Dr B (GP) on 02/02/2026 10:00: reason' or 'Version 1, finalised on ...'."""
    if record.amends is None:
        when = date_text(record.finalised) if record.finalised else "(not finalised)"
        by = f" by {record.clinician_name}" if record.clinician_name else ""
        return f"Version {record.version}, finalised{by} on {when}"
    moment = record.amended_at or record.finalised
    when = date_text(moment) if moment else "(date unknown)"
    by = record.amended_by or "(not recorded)"
    return f"Version {record.version}, amended by {by} on {when}. Reason: {record.amended_reason or '(none given)'}"


def record_html(record: Record, versions: list[Record] | None = None, names: Names | None = None) -> str:
    """The whole record as a small HTML page (a two-column table), every value escaped.

    Options, questions and considerations are named from the library (``names``) where it has the aid."""
    aid = record.aid
    names = names or Names()
    aid_id = aid.id if aid else None
    who = ", ".join(p for p in (record.clinician_name, record.clinician_role) if p) or "(not recorded)"
    decision = record.decision
    latest = not versions or versions[-1].record_id == record.record_id
    rows = [
        _row("Consultation", [_e(date_text(record.created))]),
        _row("Patient", [_e(patient_line(record))]),
        _row("Clinician", [_e(who)]),
        _row(
            "Aid",
            [_e(f"{aid.title or aid.id} ({aid.id}, version {aid.version}, file fingerprint {aid.content_hash[:12]})")]
            if aid
            else [],
        ),
        _row(
            "Versions",
            [
                _e(version_line(v)) + (" <b>(shown)</b>" if v.record_id == record.record_id else "")
                for v in (versions or [record])
            ]
            + ([] if latest else ["<b>A later version replaces this one.</b>"]),
        ),
        _row(
            "Decision",
            [
                _e(
                    decision_text(
                        decision.status,
                        decision.option_id,
                        names.option(aid_id, decision.option_id) if decision.option_id else None,
                    )
                )
            ],
        ),
        _row("Follow-up", [_e(day_text(decision.follow_up))] if decision.follow_up else []),
        _row("Next step", _text_lines(decision.next_step)),
        _row("What matters most, in their words", _text_lines(record.what_matters)),
        _row(
            "How much things matter (0 to 5)",
            [
                _e(
                    f"{names.consideration(aid_id, k)}: {v}"
                    + (f" ({record.importance_words[k]})" if record.importance_words.get(k) else "")
                )
                for k, v in sorted(record.importance.items())
            ],
        ),
        _row("Their questions", [_e(q) for q in record.questions]),
        _row("Questions discussed", [_e(names.row(aid_id, r)) for r in record.rows_discussed]),
        _row("Entered for the personal risk", [_e(f"{k}: {_plain(v)}") for k, v in sorted(record.risk_inputs.items())]),
        _row("Scores shown", [_e(f"{k}: {v}") for k, v in sorted(record.scores_shown.items())]),
        _row(
            "Figures shown",
            [
                _e(
                    f"{names.option(aid_id, f.option_id)}, {names.row(aid_id, f.row_id)}: "
                    f"about {f.events} out of {f.denominator} "
                    f"over {f.time_frame}"
                )
                for f in record.figures_shown
            ],
        ),
        _row("SURE test", _sure_lines(record)),
        _row(
            "CollaboRATE (0 to 4)",
            [_e("; ".join(f"{k}: {v}" for k, v in sorted(record.collaborate.items())))] if record.collaborate else [],
        ),
        _row("Notes", _text_lines(record.notes)),
    ]
    title = _e(aid.title or aid.id) if aid else "No decision aid recorded"
    return f'<h3>{title}</h3><table cellspacing="0" cellpadding="4" width="100%">{"".join(rows)}</table>'


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _sure_lines(record: Record) -> list[str]:
    answers = "; ".join(f"{k}: {'yes' if v else 'no'}" for k, v in sorted(record.sure.items()))
    lines = [_e(answers)] if answers else []
    total = record.sure_total
    if total is not None:
        flag = " (3 or less: they may still be unsure)" if record.sure_flagged else ""
        lines.append(_e(f"Total: {total} of 4{flag}"))
    return lines


class AmendDialog(QDialog):
    """Asks the reason for an amendment; ``reasonGiven(str)`` when Amend is pressed with one."""

    reasonGiven = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Amend a record")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the amendment")
        self.reason.setPlaceholderText("For example: wrong option recorded")
        label = QLabel(
            "Why does this record need amending? The reason is kept with the new version, "
            "and the old version stays as it was."
        )
        label.setWordWrap(True)
        label.setBuddy(self.reason)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.amend_button = buttons.addButton("&Amend", QDialogButtonBox.ButtonRole.AcceptRole)
        self.amend_button.setAccessibleName("Start the amendment")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel the amendment")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        text = " ".join(self.reason.text().split())
        if not text:
            self.error.setText("Please give a reason for the amendment.")
            self.error.show()
            self.reason.setFocus()
            return
        self.reasonGiven.emit(text)
        self.accept()


class RecordView(QWidget):
    """One past record, read-only. Signals carry the record id shown."""

    amendRequested = Signal(str, str)  # record_id, reason
    reprintRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None, names: Names | None = None) -> None:
        super().__init__(parent)
        self.names = names or Names()
        self.record: Record | None = None
        self.latest = False
        self.text = QTextBrowser()
        self.text.setObjectName("recordText")
        self.text.setAccessibleName("The record")
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.setPlainText(EMPTY_TEXT)
        self.amend_button = QPushButton("&Amend…")
        self.amend_button.setAccessibleName("Amend this record")
        self.reprint_button = QPushButton("Re&print")
        self.reprint_button.setAccessibleName("Print or save the summary of this record again")
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.amend_button)
        buttons.addWidget(self.reprint_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.amend_button.clicked.connect(self.ask_amend)
        self.reprint_button.clicked.connect(self._reprint)
        self.dialog: AmendDialog | None = None
        self._update_buttons()

    def show_record(self, record: Record, versions: list[Record]) -> None:
        self.record = record
        self.latest = not versions or versions[-1].record_id == record.record_id
        self.text.setHtml(record_html(record, versions, self.names))
        self._update_buttons()

    def show_message(self, message: str) -> None:
        self.record = None
        self.text.setPlainText(message)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.record is not None
        self.amend_button.setEnabled(has and self.latest)
        self.reprint_button.setEnabled(has)
        if has and not self.latest:
            self.note.setText("A later version replaces this one; amend the latest version instead.")
        else:
            self.note.clear()

    def ask_amend(self) -> AmendDialog | None:
        if self.record is None or not self.latest:
            return None
        record_id = self.record.record_id
        dialog = AmendDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reasonGiven.connect(lambda reason: self.amendRequested.emit(record_id, reason))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _reprint(self) -> None:
        if self.record is not None:
            self.reprintRequested.emit(self.record.record_id)
