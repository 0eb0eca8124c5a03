"""From the consultation on screen to a draft record, and back; the rules of the draft (Qt-free).

The capture panel edits the parts of a :class:`Record` that only a person can
give (who the patient is, what matters, the leaning, SURE...). Everything the
window already knows — the aid open, the rows ticked as discussed, the risk
inputs, the figures shown and the patient's questions — is taken from the
:class:`~.session.Session` here, so there is one source of truth for each.
The rules for what the panel says while a field is being typed live here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..config import Config
from ..grids.library import Library
from ..grids.model import OptionGrid, PromptSet, RiskScore
from ..grids.personal import assess
from ..grids.risk import Value
from ..records.model import AidRef, Decision, DecisionStatus, FigureShown, PatientIdKind, Record
from ..records.validate import validate_patient_id
from .session import Session, row_results
from .vocabulary import WITH_OPTION


def aid_ref(grid: OptionGrid) -> AidRef:
    """The aid as shown: its id, version and the SHA-256 the library computed when it loaded the file."""
    return AidRef(grid.id, grid.version, grid.content_hash, str(grid.title))


def new_record(config: Config) -> Record:
    """A fresh draft for a consultation now, with the clinician from Preferences."""
    kind: PatientIdKind = "local_reference" if config.patient_id_mode == "local_reference" else "nhs_number"
    return Record(clinician_name=config.clinician_name, clinician_role=config.clinician_role, patient_id_kind=kind)


def _plain(values: Mapping[str, Value]) -> dict[str, bool | int | float | str]:
    return {k: v for k, v in values.items() if v is not None}


def figures_shown(
    grid: OptionGrid, scores: Mapping[str, RiskScore], values: Mapping[str, Value]
) -> tuple[FigureShown, ...]:
    """Every figure on the personal risk page, as 'about N out of D over T'."""
    out: list[FigureShown] = []
    for result in row_results(grid, scores, values):
        for option_id, figure in result.figures.items():
            out.append(
                FigureShown(
                    result.row.id, option_id, figure.events, figure.denominator, str(figure.time_frame), figure.exact
                )
            )
    return tuple(out)


def scores_shown(grid: OptionGrid, scores: Mapping[str, RiskScore], values: Mapping[str, Value]) -> dict[str, int]:
    """The total of each of the grid's risk scores whose every input has a known answer."""
    out: dict[str, int] = {}
    for score_id in grid.score_ids:
        score = scores.get(score_id)
        if score is None or score.table is None:
            continue
        try:
            found = assess(score, values)
        except ValueError:
            continue
        if found.status == "complete" and len(found.results) == 1:
            out[score_id] = found.results[0].total
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
    return SessionState(
        frozenset(r for r in record.rows_discussed if r in rows), dict(record.risk_inputs), list(record.questions)
    )


def has_content(record: Record) -> bool:
    """Whether anything about this patient has been recorded yet (an empty draft is not kept)."""
    return bool(
        record.patient_id.strip()
        or record.rows_discussed
        or record.risk_inputs
        or record.importance
        or any(w.strip() for w in record.importance_words.values())
        or record.what_matters.strip()
        or record.questions
        or record.decision != Decision()
        or record.sure
        or record.collaborate
        or record.notes.strip()
        or record.amends
    )


# -- the leaning or decision ---------------------------------------------------


def choose_option(decision: Decision, option_id: str) -> Decision:
    """Choosing an option means 'leaning towards it' unless the patient has already chosen."""
    status = decision.status if decision.status in WITH_OPTION else "leaning"
    return replace(decision, status=status, option_id=option_id)


def choose_status(decision: Decision, status: DecisionStatus) -> Decision:
    """A leaning or a choice keeps its option; 'undecided' and 'more time' have none."""
    option = decision.option_id if status in WITH_OPTION else None
    return replace(decision, status=status, option_id=option)


def toggle_status(decision: Decision, status: DecisionStatus) -> Decision:
    """Clicking the status already chosen clears it; any other is chosen."""
    return choose_status(decision, status if decision.status != status else "none")


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


# -- what the panel says while a field is typed ------------------------------------


def still_typing_nhs_number(kind: PatientIdKind, text: str) -> bool:
    """An NHS number being typed: only digits and spaces so far, fewer than ten digits."""
    digits = sum(ch.isdigit() for ch in text)
    return kind == "nhs_number" and digits < 10 and text.strip().replace(" ", "").isdigit()


def patient_id_message(kind: PatientIdKind, text: str, *, final: bool, allow_test_numbers: bool = False) -> str | None:
    """What to say under the patient identifier, or None.

    Nothing while the field is empty. While an NHS number is still being
    typed (fewer than ten digits, nothing else) its message waits until the
    field is left (``final``), so the clinician is not told off mid-number.
    """
    if not text.strip():
        return None
    _value, message = validate_patient_id(kind, text, allow_test_numbers=allow_test_numbers)
    if message and (final or not still_typing_nhs_number(kind, text)):
        return message
    return None


def with_unparsed(unparsed: Mapping[str, str], name: str, text: str | None) -> dict[str, str]:
    """``unparsed`` with field ``name`` kept as typed (``text``), or removed when None."""
    out = {k: v for k, v in unparsed.items() if k != name}
    if text is not None:
        out[name] = text
    return out


def aid_grid(record: Record, open_grid: OptionGrid | None, library: Library | None) -> OptionGrid | None:
    """The aid ``record`` used: the grid open on screen if it is that aid, else the library's, else None."""
    if record.aid is None:
        return None
    if open_grid is not None and open_grid.id == record.aid.id:
        return open_grid
    if library is None:
        return None
    return next(iter(library.grids_with_id(record.aid.id)), None)
