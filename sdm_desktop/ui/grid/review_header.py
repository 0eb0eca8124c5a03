"""Near the top of the grid page: training mode, who the aid is not for, and its sign-off.

The sign-off line comes from the sign-off file kept beside the content
(grids/signoff.py): "Reviewed by NAME, ROLE, on DATE" only while the content's
SHA-256 still matches; any edit brings back "Not clinically reviewed". With the
service setting "patients only see signed-off content", an aid whose sign-off
does not hold is shown in a clearly labelled training mode.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ...config import ServiceSettings
from ...consult.not_for import not_for_short, not_for_text
from ...grids.model import DocumentBase
from ...grids.signoff import TRAINING_LABEL, Review, review, use
from ..kit.text import plain_label, plain_tooltip
from ..kit.widgets import warn_style
from ..library.badges import Badge


def review_of(doc: DocumentBase) -> Review:
    """The sign-off of ``doc`` as loaded (its file's hash), never raising."""
    try:
        return review(doc.path, doc.content_hash)
    except (OSError, ValueError) as exc:
        return Review(problem=f"the sign-off could not be read ({exc})")


def review_words(found: Review) -> str:
    """'Reviewed by NAME, ROLE, on DATE', or why not."""
    words = found.words()
    if found.problem and not found.reviewed:
        words += f" ({found.problem})"
    return words


class ReviewHeader(QWidget):
    """The training banner, the not-for statement and the sign-off line, each plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = ServiceSettings.load()[0]  # machine-wide; a file that cannot be used gives the defaults
        self.review: Review | None = None
        self.training = plain_label(TRAINING_LABEL)
        self.training.setObjectName("trainingBanner")
        warn_style(self.training, line_width=3)
        bold = QFont(self.training.font())
        bold.setBold(True)
        self.training.setFont(bold)
        self.training.setAccessibleName(TRAINING_LABEL)
        self.not_for = plain_label()
        self.not_for.setObjectName("gridNotFor")
        warn_style(self.not_for)
        self.sign_off = plain_label()
        self.sign_off.setObjectName("gridSignOff")
        for label in (self.training, self.not_for, self.sign_off):  # never squeezed: the words must all show
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.training)
        layout.addWidget(self.not_for)
        layout.addWidget(self.sign_off)
        self.training.hide()
        self.not_for.hide()

    def set_service(self, service: ServiceSettings) -> None:
        self.service = service

    @property
    def in_training(self) -> bool:
        return self.review is not None and use(self.review, self.service.patients_only_signed_off) == "training"

    def badges(self, found: list[Badge]) -> list[Badge]:
        """The document's badges with "Not clinically reviewed" decided by its sign-off file, not its own claim."""
        kept = [b for b in found if b.id != "not-reviewed"]
        if self.review is not None and not self.review.reviewed:
            kept.append(Badge("not-reviewed", "Not clinically reviewed", review_words(self.review) + "."))
        return kept

    def show_document(self, doc: DocumentBase | None) -> None:
        if doc is None:
            self.review = None
            self.training.hide()
            self.not_for.hide()
            self.sign_off.clear()
            return
        self.review = review_of(doc)
        self.training.setVisible(self.in_training)
        short = not_for_short(doc)
        self.not_for.setText(short)
        plain_tooltip(self.not_for, not_for_text(doc))  # the reasons: also in full in the personal-risk form
        self.not_for.setVisible(bool(short))
        self.sign_off.setText(review_words(self.review) + ".")
        # plain "Not clinically reviewed" is the badge's job; who reviewed it, or what changed, is said here
        found = self.review
        self.sign_off.setVisible(found.reviewed or found.stale is not None or found.problem is not None)
