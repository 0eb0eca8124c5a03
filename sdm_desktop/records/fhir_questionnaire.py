"""A FHIR R4 Questionnaire for each aid and version, generated from the aid's YAML.

Every QuestionnaireResponse of a record made with the aid points at it by its
canonical URL and version (``{base}/Questionnaire/sdm-{aid id}|{aid version}``);
each transaction Bundle carries the Questionnaire with a conditional create on
that URL and version, so the receiving server holds it once and the reference
resolves there. The items and their link ids are those of
:func:`sdm_desktop.records.fhir_bundle.questionnaire_items`: the grid's rows
and options, its considerations, its risk scores' inputs and the rows'
personal figures, and the SURE and CollaboRATE items of the library's prompt sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..grids.model import OptionGrid, PromptSet, RiskScore
from .fhir_bundle import DECISION_STATUS_SYSTEM
from .model import DECISION_STATUSES

SURE_SET = "sure-test"
COLLABORATE_SET = "collaborate"
_INPUT_TYPES = {"boolean": "boolean", "number": "decimal", "choice": "string"}


def questionnaire_url(base: str, aid_id: str) -> str:
    return f"{base.rstrip('/')}/Questionnaire/sdm-{aid_id}"


def questionnaire_canonical(base: str, aid_id: str, version: str) -> str:
    """The canonical reference, with the version: ``url|version``."""
    return f"{questionnaire_url(base, aid_id)}|{version}"


def _item(link_id: str, text: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"linkId": link_id, "text": text, "type": kind, **more}


def _group(link_id: str, text: str, items: list[dict[str, Any]], **more: Any) -> list[dict[str, Any]]:
    return [_item(link_id, text, "group", item=items, **more)] if items else []


def _measure(link_id: str, text: str, prompt_set: PromptSet | None) -> list[dict[str, Any]]:
    if prompt_set is None:
        return []
    items = [_item(f"{link_id}.{p.id}", str(p.text), "integer") for p in prompt_set.prompts]
    return _group(link_id, text, items)


def build_questionnaire(
    grid: OptionGrid,
    *,
    base: str,
    resource_id: str,
    scores: Mapping[str, RiskScore] | None = None,
    prompt_sets: Iterable[PromptSet] = (),
) -> dict[str, Any]:
    """The Questionnaire for records made with ``grid`` (this id and version)."""
    sets = {p.id: p for p in prompt_sets}
    inputs = list(
        {i.id: i for sid in reversed(grid.score_ids) if scores and sid in scores for i in scores[sid].inputs}.values()
    )  # an input two scores share (age) is asked once
    figures = [(row, option) for row in grid.rows if row.risk is not None for option in grid.options]
    items: list[dict[str, Any]] = [
        *_group(
            "aid",
            "Decision aid used",
            [
                _item("aid.id", "Aid id", "string", readOnly=True),
                _item("aid.version", "Aid version", "string", readOnly=True),
                _item("aid.content-hash", "SHA-256 of the aid as shown", "string", readOnly=True),
                _item("aid.title", "Aid title", "string", readOnly=True),
            ],
        ),
        _item("consulted-at", "When the consultation took place", "dateTime", required=True),
        _item(
            "rows-discussed",
            "Questions of the aid discussed",
            "open-choice",
            repeats=True,
            answerOption=[{"valueString": row.id} for row in grid.rows],
        ),
        *_group(
            "risk-inputs",
            "Risk score inputs",
            [_item(f"risk-input.{i.id}", str(i.label), _INPUT_TYPES[i.type]) for i in inputs],
        ),
        *_group(
            "scores-shown",
            "Risk score totals shown",
            [
                _item(f"score.{sid}", str(scores[sid].title), "integer")
                for sid in grid.score_ids
                if scores and sid in scores
            ],
        ),
        *_group(
            "figures-shown",
            "Personal figures shown",
            [
                _item(f"figure.{row.id}.{option.id}", f"{row.question}: {option.name}", "string")
                for row, option in figures
            ],
        ),
        *_group(
            "importance",
            "How much each consideration matters (0 to 5)",
            [_item(f"importance.{c.id}", str(c.text), "integer") for c in grid.considerations],
        ),
        *_group(
            "importance-words",
            "The patient's own words about each consideration",
            [_item(f"importance-words.{c.id}", str(c.text), "string") for c in grid.considerations],
        ),
        _item("what-matters", "What matters most to the patient", "text"),
        _item("questions", "The patient's questions", "string", repeats=True),
        *_group(
            "decision",
            "Leaning or decision",
            [
                _item(
                    "decision.status",
                    "Status",
                    "choice",
                    required=True,
                    answerOption=[
                        {"valueCoding": {"system": DECISION_STATUS_SYSTEM, "code": code}} for code in DECISION_STATUSES
                    ],
                ),
                _item(
                    "decision.option",
                    "Option",
                    "open-choice",
                    answerOption=[{"valueString": option.id} for option in grid.options],
                ),
                _item("decision.follow-up", "Follow-up date", "date"),
                _item("decision.next-step", "Next step", "string"),
            ],
        ),
        *_measure("sure", "SURE test", sets.get(SURE_SET)),
        *_measure("collaborate", "CollaboRATE", sets.get(COLLABORATE_SET)),
        _item("notes", "Notes", "text"),
        *_group(
            "amendment",
            "Amendment",
            [
                _item("amendment.amends", "Replaces record", "string"),
                _item("amendment.by", "Amended by", "string"),
                _item("amendment.reason", "Reason", "string"),
            ],
        ),
    ]
    # The SURE and CollaboRATE groups also carry their totals, as the records do.
    for group in items:
        if group["linkId"] == "sure":
            group["item"] += [
                _item("sure.total", "SURE total (0 to 4)", "integer", readOnly=True),
                _item("sure.flagged", "Total of 3 or less (possible decisional conflict)", "boolean", readOnly=True),
            ]
        elif group["linkId"] == "collaborate":
            group["item"] += [
                _item("collaborate.top-box", "Every item scored 4", "boolean", readOnly=True),
                _item("collaborate.answered-by", "Answered by", "string"),
                _item("collaborate.answered-at", "Answered at", "dateTime"),
            ]
    return {
        "resourceType": "Questionnaire",
        "id": resource_id,
        "url": questionnaire_url(base, grid.id),
        "version": grid.version,
        "name": "SdmConsultation" + "".join(part.capitalize() for part in grid.id.replace("_", "-").split("-")),
        "title": f"Shared decision-making record: {grid.title}",
        "status": "active",
        "subjectType": ["Patient"],
        "description": f"What SDM Desktop records in a consultation using the decision aid '{grid.id}' version "
        f"{grid.version} (content SHA-256 {grid.content_hash}).",
        "item": items,
    }
