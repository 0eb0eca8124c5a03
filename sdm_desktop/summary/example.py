"""An example consultation record, for previews, screenshots and benchmarks.

The patient is made up; the NHS number is a well-known test number that passes
the checksum and belongs to nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..grids.model import OptionGrid, RiskScore
from ..grids.risk import row_figures
from ..records.model import AidRef, Decision, FigureShown, Record

EXAMPLE_NHS_NUMBER = "9434765919"
EXAMPLE_INPUTS: dict[str, bool | int | float | str] = {
    "age": 78,
    "sex": "female",
    "heart-failure": False,
    "high-blood-pressure": True,
    "diabetes": False,
    "stroke-or-tia": False,
    "vascular-disease": False,
    "low-blood-count": False,
    "past-bleeding": False,
    "kidney-disease": True,
    "antiplatelet": False,
}


def example_record(grid: OptionGrid, scores: Mapping[str, RiskScore] = {}) -> Record:
    """A filled-in record for ``grid``: risk rows discussed, a leaning, questions, SURE."""
    inputs = {k: v for k, v in EXAMPLE_INPUTS.items() if k in set(grid.personalise_inputs)}
    figures: list[FigureShown] = []
    discussed = [grid.rows[0].id] if grid.rows else []
    for row in grid.rows:
        if row.risk is None:
            continue
        discussed.append(row.id)
        try:
            shown = row_figures(grid, row, scores, inputs if inputs and row.risk.from_score else None)
        except (ValueError, KeyError):
            shown = row_figures(grid, row, scores, None)
        figures += [
            FigureShown(row.id, oid, f.events, f.denominator, str(f.time_frame), f.exact) for oid, f in shown.items()
        ]
    options = [o for o in grid.options if not o.do_nothing] or list(grid.options)
    importance = {c.id: (5, 3, 1, 4, 2, 0)[i % 6] for i, c in enumerate(grid.considerations)}
    return Record(
        record_id="00000000-0000-4000-8000-000000000001",
        status="final",
        created=dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.UTC),
        clinician_name="Dr Sam Patel",
        clinician_role="GP",
        patient_id_kind="nhs_number",
        patient_id=EXAMPLE_NHS_NUMBER,
        aid=AidRef(grid.id, grid.version, grid.content_hash, str(grid.title)),
        rows_discussed=tuple(dict.fromkeys(discussed)),
        risk_inputs=inputs,
        figures_shown=tuple(figures),
        importance=importance,
        what_matters="I look after my grandson twice a week and I don't want to end up in hospital. "
        "I would rather not have lots of blood tests.",
        questions=("Can I still have a glass of wine at the weekend?", "What happens if I forget a tablet?"),
        decision=Decision(
            "leaning", options[-1].id, dt.date(2026, 12, 8), "Talk it over with my daughter, then phone the surgery."
        ),
        sure={"sure": 0, "understand": 1, "risk-benefit": 1, "encouragement": 1},
        notes="Kidney function checked last month (eGFR 55). Leaflet given.",
    )
