"""The draft record's rules, Qt-free: choosing, the still-typing rule, typed edits, kept text, the aid's grid."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from library_support import write_library

from sdm_desktop.consult import edits
from sdm_desktop.consult.draft import (
    aid_grid,
    choose_option,
    choose_status,
    has_content,
    patient_id_message,
    still_typing_nhs_number,
    sure_summary,
    toggle_status,
    with_unparsed,
)
from sdm_desktop.grids.library import load_file
from sdm_desktop.grids.store import LibraryStore
from sdm_desktop.paths import SHIPPED_LIBRARY
from sdm_desktop.records.model import AidRef, Decision, Record

VALID_NHS = "943 476 5919"
BAD_CHECK_DIGIT = "943 476 5918"


def test_capture_model_rules() -> None:
    leaning = choose_option(Decision(), "a")
    assert (leaning.status, leaning.option_id) == ("leaning", "a")
    decided = choose_option(choose_status(leaning, "decided"), "b")
    assert (decided.status, decided.option_id) == ("decided", "b")
    assert choose_status(decided, "more_time").option_id is None
    assert not has_content(Record()) and has_content(Record(notes="x")) and has_content(Record(sure={"sure": 1}))
    shipped = load_file(SHIPPED_LIBRARY / "sure-test.yaml").document
    assert sure_summary(shipped, {"sure": 1, "understand": 1, "risk-benefit": 1, "encouragement": 1}) == (
        "Total 4 out of 4.",
        False,
    )
    assert sure_summary(shipped, {"sure": 0, "understand": 1, "risk-benefit": 1, "encouragement": 1})[1] is True


def test_clicking_the_chosen_status_again_clears_it() -> None:
    leaning = choose_option(Decision(), "a")
    assert toggle_status(leaning, "leaning") == Decision(status="none", option_id=None)
    assert toggle_status(leaning, "decided") == Decision(status="decided", option_id="a")
    assert toggle_status(Decision(), "undecided").status == "undecided"


def test_an_nhs_number_being_typed_is_not_told_off_until_the_field_is_left() -> None:
    assert still_typing_nhs_number("nhs_number", "943 476")
    assert not still_typing_nhs_number("nhs_number", "943 47x")  # a letter: not a number being typed
    assert not still_typing_nhs_number("local_reference", "943")
    assert not still_typing_nhs_number("nhs_number", VALID_NHS)
    assert patient_id_message("nhs_number", "943 476", final=False) is None
    assert patient_id_message("nhs_number", "943 476", final=True) is not None
    assert patient_id_message("nhs_number", "", final=True) is None
    assert patient_id_message("nhs_number", VALID_NHS, final=True, allow_test_numbers=True) is None
    assert "test number" in (patient_id_message("nhs_number", VALID_NHS, final=True) or "")
    wrong = patient_id_message("nhs_number", BAD_CHECK_DIGIT, final=False)  # ten digits: said at once
    assert wrong is not None and "check" in wrong.lower()
    assert patient_id_message("nhs_number", "94x", final=False) is not None


def test_kept_text_is_set_replaced_and_removed_by_field() -> None:
    kept = with_unparsed({"created": "yesterday"}, "decision.follow_up", "next tuesday")
    assert kept == {"created": "yesterday", "decision.follow_up": "next tuesday"}
    assert with_unparsed(kept, "created", None) == {"decision.follow_up": "next tuesday"}
    assert with_unparsed(kept, "created", "today")["created"] == "today"


def test_typed_edits_change_only_their_fields() -> None:
    start = Record(patient_id="1", notes="n", decision=Decision(status="leaning", option_id="a"))
    follow = dt.date(2027, 1, 5)
    record = edits.follow_up(follow)(edits.next_step("Phone")(start))
    assert record.decision == Decision(status="leaning", option_id="a", follow_up=follow, next_step="Phone")
    typed = edits.follow_up(None, "5th Jan")(record)
    assert typed.decision.follow_up is None and typed.unparsed == {"decision.follow_up": "5th Jan"}
    assert edits.follow_up(follow)(typed).unparsed == {}
    when = dt.datetime(2026, 11, 24, 10, 30, 15, 999, tzinfo=dt.UTC)
    kept = edits.consulted_at_typed("24/11")(start)
    assert kept.unparsed == {"created": "24/11"} and kept.created == start.created
    read = edits.consulted_at(when)(kept)
    assert read.created == when.replace(microsecond=0) and read.unparsed == {}
    assert edits.patient("local_reference", "H1")(start).patient_id_kind == "local_reference"
    assert edits.clinician("Dr A", "GP")(start).clinician_role == "GP"
    assert edits.notes("m")(start).patient_id == "1"  # nothing else changes
    answers = {"sure": 1}
    sure = edits.sure(answers)(start)
    answers["sure"] = 0
    assert sure.sure == {"sure": 1}  # the record keeps its own copy


def test_an_edit_cannot_name_a_field_that_does_not_exist() -> None:
    with pytest.raises(TypeError):
        dataclasses.replace(Record(), patient_idd="x")  # type: ignore[call-arg]  # what edits.py rules out


def test_the_aid_grid_is_the_open_one_else_the_librarys(tmp_path: Path) -> None:
    library = LibraryStore([write_library(tmp_path / "lib")]).load()
    grid = next(g for g in library.grids if g.id == "test-thinning")
    record = Record(aid=AidRef(grid.id, grid.version, grid.content_hash, "x"))
    assert aid_grid(Record(), grid, library) is None
    assert aid_grid(record, grid, None) is grid
    assert aid_grid(record, None, library) is grid
    assert aid_grid(record, None, None) is None
    other = Record(aid=AidRef("no-such-aid", "1", "0" * 64, ""))
    assert aid_grid(other, grid, library) is None
