"""Question prompts (BRAN, Ask 3 Questions...) and the patient's own questions."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...grids.model import PromptSet
from ..kit.text import no_reorder
from ..kit.widgets import clear_layout
from .controller import SessionController


def prompt_set_html(prompt_set: PromptSet) -> str:
    parts = [f"<p><b><big>{escape(str(prompt_set.title))}</big></b></p>"]
    if prompt_set.description:
        parts.append(f"<p>{escape(str(prompt_set.description))}</p>")
    items = []
    for p in prompt_set.prompts:
        label = f"<b>{escape(str(p.label))}:</b> " if p.label else ""
        hint = f"<br><i>{escape(str(p.hint))}</i>" if p.hint else ""
        items.append(f"<li>{label}{escape(str(p.text))}{hint}</li>")
    parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)


class PromptsPanel(QWidget):
    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.sets_box = QWidget()
        self.sets_layout = QVBoxLayout(self.sets_box)
        self.set_labels: dict[str, QLabel] = {}
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.sets_box)

        own = QLabel("<b>Your own questions</b>")
        self.question = QLineEdit()
        self.question.setObjectName("questionEntry")
        self.question.setPlaceholderText("Type a question and press Enter")
        self.question.setAccessibleName("A question of your own")
        own.setBuddy(self.question)
        self.add_button = QPushButton("&Add question")
        self.add_button.setAccessibleName("Add question")
        self.questions = QListWidget()
        self.questions.setObjectName("questionList")
        self.questions.setAccessibleName("Your questions")
        self.questions.setWordWrap(True)
        self.remove_button = QPushButton("Remove &selected")
        self.remove_button.setAccessibleName("Remove selected question")

        entry = QHBoxLayout()
        entry.addWidget(self.question, 1)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 3)
        layout.addWidget(own)
        layout.addLayout(entry)
        layout.addWidget(self.questions, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)

        self.question.returnPressed.connect(self.add_question)
        self.add_button.clicked.connect(self.add_question)
        self.remove_button.clicked.connect(self.remove_selected)
        controller.questionsChanged.connect(self.show_questions)
        self.show_questions()

    def set_prompt_sets(self, prompt_sets: list[PromptSet]) -> None:
        clear_layout(self.sets_layout)
        self.set_labels.clear()
        shown = [p for p in prompt_sets if not p.is_measure]
        for prompt_set in shown:
            label = QLabel(prompt_set_html(prompt_set))
            label.setObjectName(f"prompts_{prompt_set.id}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.sets_layout.addWidget(label)
            self.set_labels[prompt_set.id] = label
        if not shown:
            self.sets_layout.addWidget(QLabel("No question prompts are in the library."))
        self.sets_layout.addStretch(1)

    def add_question(self) -> None:
        if self.controller.add_question(self.question.text()):
            self.question.clear()

    def remove_selected(self) -> None:
        row = self.questions.currentRow()
        if row >= 0:
            self.controller.remove_question(row)

    def show_questions(self) -> None:
        self.questions.clear()
        self.questions.addItems([no_reorder(q) for q in self.controller.session.questions])
        self.remove_button.setEnabled(bool(self.controller.session.questions))
