"""The words the views share: decisions, summaries, what patient view hides.

One place for each, so the Record panel, past records, the record view and
the quality figures say the same thing for the same status.
"""

from __future__ import annotations

from ..records.model import DecisionStatus
from ..summary.context import Copy

# The leaning or decision, as the Record panel offers it (the status "none" is no button).
STATUS_LABELS: dict[DecisionStatus, str] = {
    "leaning": "Leaning towards",
    "decided": "Has chosen",
    "undecided": "Undecided",
    "more_time": "Wants more time",
}
# The same statuses in a list of records (short, one column wide).
DECISION_WORDS: dict[DecisionStatus, str] = {
    "none": "Not recorded",
    "leaning": "Leaning",
    "decided": "Decided",
    "undecided": "Undecided",
    "more_time": "Wants more time",
}
# The statuses that name an option.
WITH_OPTION: tuple[DecisionStatus, ...] = ("leaning", "decided")
# The choices of the decision filter in past records, in the order offered.
DECISION_FILTER: tuple[DecisionStatus, ...] = ("decided", "leaning", "undecided", "more_time", "none")

# The two summaries that can be printed or saved (as summary/context.py names them).
COPIES: dict[Copy, str] = {"record": "Record copy (for the notes)", "patient": "Patient copy (to take home)"}
# In patient view the summary is always the patient's copy.
PATIENT_VIEW_COPY: Copy = "patient"

# The locked measures the Record panel asks, by their prompt set id in the library.
SURE_SET_ID = "sure-test"
COLLABORATE_SET_ID = "collaborate"


def decision_text(status: str, option_id: str | None, option_name: str | None = None) -> str:
    """'Leaning: Warfarin', 'Undecided'... (an unknown status is shown as it is)."""
    words = DECISION_WORDS.get(status, status)  # type: ignore[call-overload]
    return f"{words}: {option_name or option_id}" if option_id and status in WITH_OPTION else str(words)
