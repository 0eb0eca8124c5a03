"""The page says who the aid is not for, prints honest personal figures, and labels training mode."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from sdm_desktop.grids.library import load_library
from sdm_desktop.grids.model import NotFor, OptionGrid, Text
from sdm_desktop.grids.personal import NOT_KNOWN
from sdm_desktop.grids.signoff import TRAINING_LABEL, Review, SignOff
from sdm_desktop.summary import build_summary_pdf
from sdm_desktop.summary.example import example_record

DATA = Path(__file__).resolve().parent / "data"
TODAY = dt.date(2026, 11, 24)
LIBRARY = load_library([DATA / "good"], TODAY)
GRID = next(g for g in LIBRARY.grids if g.id == "example-personal")
SCORES = LIBRARY.scores
NOT_FOR = "People who have had the made-up condition before"


def flat(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def pdf(grid: OptionGrid = GRID, record: object = "example", **kw: object) -> str:
    rec = example_record(grid, SCORES) if record == "example" else record
    return flat(build_summary_pdf(grid, rec, scores=SCORES, today=TODAY, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["record", "patient", "handout"])
def test_not_for_is_on_every_print(kind: str) -> None:
    text = pdf(record=None) if kind == "handout" else pdf(copy=kind)
    assert NOT_FOR in text
    assert ("This aid is not for you if:" if kind == "patient" else "Not for:") in text


@pytest.mark.parametrize("copy", ["record", "patient"])
def test_not_for_survives_the_tightest_layout(copy: str) -> None:
    many = tuple(
        NotFor(Text.of(f"People in made-up group {i} with a long description"), Text.of("Reason " * 30), ("made-up",))
        for i in range(3)
    )
    grid = dataclasses.replace(GRID, not_for=many)
    record = example_record(grid, SCORES).updated(
        notes="N" * 5000,
        what_matters=("important " * 600).strip(),
        questions=tuple(f"Question {i} about something that worries me?" for i in range(200)),
    )
    text = pdf(grid, record, copy=copy)
    for i in range(3):
        assert f"People in made-up group {i}" in text
    assert "Leaning towards" in text or "leaning towards" in text  # the decision is never dropped


def test_not_known_prints_a_range_and_what_was_assumed() -> None:
    record = example_record(GRID, SCORES).updated(
        risk_inputs={"age": 60, "sex": "male", "smoker": NOT_KNOWN}, figures_shown=()
    )
    text = pdf(record=record)
    assert "people like you" in text
    assert "between about 2 and 6 out of 100 will get worse" in text.lower()
    assert "Smokes: not known, so the figures cover both Yes and No." in text


def test_no_personal_figures_until_every_input_is_answered() -> None:
    record = example_record(GRID, SCORES).updated(risk_inputs={"age": 60, "sex": "male"}, figures_shown=())
    text = pdf(record=record)
    assert "people like you" not in text
    assert "will get worse" not in text  # this row has no typical figures to fall back on


def test_training_mode_is_labelled_on_paper_while_not_reviewed() -> None:
    label = " ".join(TRAINING_LABEL.split())
    assert label in pdf(training=True)
    assert label not in pdf(training=False)
    signed = Review(current=SignOff("Dr Ada Jones", "GP", dt.date(2026, 11, 30), GRID.content_hash))
    text = pdf(training=True, review=signed)
    assert label not in text
    assert "Reviewed by Dr Ada Jones, GP, on 30 November 2026" in text
    assert "has not been signed off" not in text


def test_a_stale_sign_off_prints_as_not_reviewed() -> None:
    stale = Review(stale=SignOff("Dr Ada Jones", "GP", dt.date(2026, 11, 30), "0" * 64))
    text = pdf(review=stale)
    assert "Not clinically reviewed: changed since Dr Ada Jones reviewed it on 30 November 2026" in text
    assert "has not been signed off" in text
