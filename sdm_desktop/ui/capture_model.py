"""From the consultation on screen to a draft record, and back (Qt-free).

The capture panel edits the parts of a :class:`Record` that only a person can
give (who the patient is, what matters, the leaning, SURE...). Everything the
window already knows — the aid open, the rows ticked as discussed, the risk
inputs, the figures shown and the patient's questions — is taken from the
:class:`~.session.Session` here, so there is one source of truth for each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..config import Config
from ..grids.model import OptionGrid, PromptSet, RiskScore
from ..grids.risk import MissingInput, Value, compute
from ..records.model import AidRef, Decision, FigureShown, PatientIdKind, Record
from .session import Session, row_results

SURE_SET_ID = "sure-test"
COLLABORATE_SET_ID = "collaborate"

# The leaning or decision, in the words the panel shows.
STATUS_LABELS: dict[str, str] = {
    "leaning": "Leaning towards",
    "decided": "Has chosen",
    "undecided": "Undecided",
    "more_time": "Wants more time",
}
WITH_OPTION = ("leaning", "decided")
# The two summaries that can be printed or saved.
COPIES: dict[str, str] = {"record": "Record copy (for the notes)", "patient": "Patient copy (to take home)"}


def aid_ref(grid: OptionGrid) -> AidRef:
    """The aid as shown: its id, version and the SHA-256 the library computed when it loaded the file."""
    return AidRef(grid.id, grid.version, grid.content_hash, str(grid.title))


def new_record(config: Config) -> Record:
    """A fresh draft for a consultation now, with the clinician from Preferences."""
    kind: PatientIdKind = "local_reference" if config.patient_id_mode == "local_reference" else "nhs_number"
    return Record(clinician_name=config.clinician_name, clinician_role=config.clinician_role, patient_id_kind=kind)


def _plain(values: Mapping[str, Value]) -> dict[str, bool | int | float | str]:
    return {k: v for k, v in values.items() if v is not None}


def figures_shown(grid: OptionGrid, scores: Mapping[str, RiskScore], values: Mapping[str, Value]) -> tuple[FigureShown, ...]:
    """Every figure on the personal risk page, as 'about N out of D over T'."""
    out: list[FigureShown] = []
    for result in row_results(grid, scores, values):
        for option_id, figure in result.figures.items():
            out.append(FigureShown(result.row.id, option_id, figure.events, figure.denominator,
                                   str(figure.time_frame), figure.exact))
    return tuple(out)


def scores_shown(grid: OptionGrid, scores: Mapping[str, RiskScore], values: Mapping[str, Value]) -> dict[str, int]:
    """The total of each of the grid's risk scores that the inputs given are enough for."""
    out: dict[str, int] = {}
    for score_id in grid.score_ids:
        score = scores.get(score_id)
        if score is None or score.table is None:
            continue
        try:
            out[score_id] = compute(score, values).total
        except (MissingInput, ValueError):
            continue
    return out


def with_session(record: Record, session: Session, scores: Mapping[str, RiskScore]) -> Record:
    """``record`` with what the window knows filled in from ``session``.

    With no aid open only the questions are taken, so a draft whose aid is
    not in the library keeps what it had.
    """
    grid = session.grid
    if grid is None:
        return record.updated(questions=tuple(session.questions))
    values = session.risk_values
    return record.updated(
        aid=aid_ref(grid),
        rows_discussed=tuple(row.id for row in grid.rows if row.id in session.discussed),
        risk_inputs=_plain(values),
        figures_shown=figures_shown(grid, scores, values),
        scores_shown=scores_shown(grid, scores, values),
        questions=tuple(session.questions),
    )


@dataclass(frozen=True)
class SessionState:
    """What a resumed draft puts back on screen."""

    discussed: frozenset[str]
    risk_values: dict[str, Value]
    questions: list[str]


def session_state(record: Record, grid: OptionGrid | None) -> SessionState:
    """The ticks, risk inputs and questions of ``record``, for rows and inputs ``grid`` still has."""
    rows = {row.id for row in grid.rows} if grid is not None else set()
    return SessionState(frozenset(r for r in record.rows_discussed if r in rows), dict(record.risk_inputs),
                        list(record.questions))


def has_content(record: Record) -> bool:
    """Whether anything about this patient has been recorded yet (an empty draft is not kept)."""
    return bool(record.patient_id.strip() or record.rows_discussed or record.risk_inputs or record.importance
                or any(w.strip() for w in record.importance_words.values()) or record.what_matters.strip()
                or record.questions or record.decision != Decision() or record.sure or record.collaborate
                or record.notes.strip() or record.amends)


# -- the leaning or decision ---------------------------------------------------

def choose_option(decision: Decision, option_id: str) -> Decision:
    """Choosing an option means 'leaning towards it' unless the patient has already chosen."""
    status = decision.status if decision.status in WITH_OPTION else "leaning"
    return replace(decision, status=status, option_id=option_id)


def choose_status(decision: Decision, status: str) -> Decision:
    """A leaning or a choice keeps its option; 'undecided' and 'more time' have none."""
    option = decision.option_id if status in WITH_OPTION else None
    return replace(decision, status=status, option_id=option)  # type: ignore[arg-type]


# -- the measures from the library -----------------------------------------------

def measure(prompt_sets: Iterable[PromptSet], set_id: str) -> PromptSet | None:
    """The locked measure ``set_id`` (SURE, CollaboRATE) as loaded from the library, if it is there."""
    return next((p for p in prompt_sets if p.id == set_id and p.is_measure), None)


def sure_summary(sure: PromptSet, answers: Mapping[str, int]) -> tuple[str, bool]:
    """The line under the SURE answers, and whether it flags possible decisional conflict."""
    total = sure.total(answers)
    if total is None:
        left = sum(1 for p in sure.prompts if p.id not in answers)
        return f"{left} of {len(sure.prompts)} still to answer.", False
    flagged = sure.flagged(total)
    words = f"Total {total} out of {len(sure.prompts)}"
    if flagged and sure.flag is not None:
        return f"{words}: {sure.flag}. Talk it through before deciding.", True
    return f"{words}.", False


def option_names(grid: OptionGrid | None) -> Sequence[tuple[str, str]]:
    return [(o.id, str(o.name)) for o in grid.options] if grid is not None else []
