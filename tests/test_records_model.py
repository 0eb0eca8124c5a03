"""The record, its JSON form, and the per-field checks the capture panel uses."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_records_factory import draft_record, final_record, valid_nhs, wrong_check_digit

from sdm_desktop.records.model import Decision, Record, RecordError
from sdm_desktop.records.nhs import MSG_CHECK_DIGIT, MSG_RANGE, MSG_TEST_NUMBER, format_nhs_number
from sdm_desktop.records.validate import (
    parse_date,
    problems_before_finalising,
    validate_consultation_time,
    validate_follow_up,
    validate_importance,
    validate_local_reference,
    validate_nhs_number,
    validate_patient_id,
)

# -- NHS number ---------------------------------------------------------------


@pytest.mark.parametrize("typed", ["{n}", "{a} {b} {c}", "{a}-{b}-{c}", " {a}  {b}{c} ", "{a}{b}-{c}"])
def test_nhs_number_accepts_spaces_and_dashes_and_stores_ten_digits(typed: str) -> None:
    number = valid_nhs(7)
    text = typed.format(n=number, a=number[:3], b=number[3:6], c=number[6:])
    assert validate_nhs_number(text) == (number, None)


def test_nhs_number_wrong_check_digit_has_the_inline_message() -> None:
    value, message = validate_nhs_number(wrong_check_digit(valid_nhs(3)))
    assert value is None
    assert message == "That NHS number's check digit is wrong — please check it"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "Please type"),
        ("12345", "this has 5"),
        ("12345678901", "this has 11"),
        ("94347A5919", "only digits"),
        ("٤٣٤٧٦٥٩١٩٥", "only digits"),  # Arabic-Indic digits are not accepted as an NHS number
    ],
)
def test_nhs_number_shape_errors_say_what_is_wrong(text: str, needle: str) -> None:
    value, message = validate_nhs_number(text)
    assert value is None and message is not None and needle in message


def test_nhs_number_range_rules() -> None:
    # 5xx numbers are reserved and never issued: a correct check digit is not enough.
    reserved = _complete("5")
    assert validate_nhs_number(reserved) == (None, MSG_RANGE)
    test_number = _complete("999")
    assert validate_nhs_number(test_number) == (None, MSG_TEST_NUMBER)
    assert validate_nhs_number(test_number, allow_test_numbers=True) == (test_number, None)


def _complete(prefix: str) -> str:
    """The first number starting with ``prefix`` that has a possible check digit."""
    first9 = next(
        f"{prefix}{n:0{9 - len(prefix)}d}" for n in range(1000) if _check(f"{prefix}{n:0{9 - len(prefix)}d}") < 10
    )
    return first9 + str(_check(first9))


def _check(first9: str) -> int:
    total = sum(int(d) * (10 - i) for i, d in enumerate(first9))
    check = 11 - total % 11
    return 0 if check == 11 else check


def test_nhs_number_whose_check_digit_would_be_ten_is_never_valid() -> None:
    first9 = next(f"4{n:08d}" for n in range(10_000) if _check(f"4{n:08d}") == 10)
    for last in "0123456789":
        assert validate_nhs_number(first9 + last)[1] == MSG_CHECK_DIGIT


@given(st.integers(min_value=4_000_000_00, max_value=4_999_999_99))
def test_nhs_number_agrees_with_the_modulus_11_rule(first9: int) -> None:
    digits = f"{first9:09d}"
    check = _check(digits)
    for last in range(10):
        ok = validate_nhs_number(digits + str(last))[0] is not None
        assert ok == (check == last)


def test_format_nhs_number() -> None:
    assert format_nhs_number("4010232137") == "401 023 2137"


# -- other fields ---------------------------------------------------------------


def test_local_reference() -> None:
    assert validate_local_reference("  RX1  12345 ") == ("RX1 12345", None)
    assert validate_local_reference("")[1] is not None
    assert "at most 40" in (validate_local_reference("A" * 41)[1] or "")
    assert "letters, digits" in (validate_local_reference("ab<script>")[1] or "")
    assert "looks like an NHS number" in (validate_local_reference(valid_nhs(2))[1] or "")
    assert validate_patient_id("local_reference", "H-1") == ("H-1", None)
    assert validate_patient_id("something", "x")[0] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24/11/2026", dt.date(2026, 11, 24)),
        ("1/2/2027", dt.date(2027, 2, 1)),
        ("2026-11-24", dt.date(2026, 11, 24)),
        ("29/02/2028", dt.date(2028, 2, 29)),
    ],
)
def test_parse_date_accepts_uk_and_iso(text: str, expected: dt.date) -> None:
    assert parse_date(text) == (expected, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("30/02/2026", "There is no 30 February 2026 — please check the date"),
        ("2026-02-29", "There is no 29 February 2026 — please check the date"),
        ("31/04/2027", "There is no 31 April 2027 — please check the date"),
        ("12/13/2026", "There is no month 13 — please check the date"),
        ("next tuesday", "Please type the date as day/month/year, for example 24/11/2026"),
    ],
)
def test_parse_date_explains_impossible_dates(text: str, message: str) -> None:
    assert parse_date(text) == (None, message)


def test_follow_up() -> None:
    today = dt.date(2026, 11, 24)
    assert validate_follow_up("1/12/2026", today) == (dt.date(2026, 12, 1), None)
    assert validate_follow_up(today, today) == (today, None)
    assert validate_follow_up(dt.date(2026, 11, 23), today) == (
        None,
        "The follow-up date is in the past — please check it",
    )
    assert "two years" in (validate_follow_up(dt.date(2029, 1, 1), today)[1] or "")
    assert validate_follow_up("31/11/2026", today)[1] == "There is no 31 November 2026 — please check the date"


def test_consultation_time() -> None:
    now = dt.datetime(2026, 11, 24, 12, 0).astimezone()
    value, message = validate_consultation_time("24/11/2026 10:30", now)
    assert message is None and value is not None
    assert (value.hour, value.minute, value.tzinfo is not None) == (10, 30, True)
    assert validate_consultation_time("2026-11-24T09:00:00+00:00", now)[0] == dt.datetime(
        2026, 11, 24, 9, tzinfo=dt.UTC
    )
    assert validate_consultation_time("24/11/2026 25:10", now)[1] == "There is no time 25:10 — please check it"
    assert validate_consultation_time("24/11/2026", now)[1] is not None
    assert (
        validate_consultation_time("25/12/2026 10:00", now)[1]
        == "The consultation time is in the future — please check it"
    )
    assert (
        validate_consultation_time("30/02/2026 10:00", now)[1] == "There is no 30 February 2026 — please check the date"
    )


def test_importance() -> None:
    assert validate_importance("4") == (4, None)
    assert validate_importance(0) == (0, None)
    for bad in (6, -1, "x", True, "3.5"):
        assert validate_importance(bad)[0] is None  # type: ignore[arg-type]


# -- finalising -------------------------------------------------------------------


def test_a_complete_draft_has_no_problems() -> None:
    assert problems_before_finalising(draft_record()) == []


def test_problems_before_finalising_names_each_field() -> None:
    record = draft_record(
        clinician_name="",
        patient_id=wrong_check_digit(valid_nhs(1)),
        decision=Decision("more_time", None, None, ""),
        sure={"a": 1},
        collaborate={"a": 4, "b": 4},
        amends="x",
        amended_reason="",
    )
    fields = [p.field for p in problems_before_finalising(record)]
    assert fields == ["clinician_name", "patient_id", "decision.follow_up", "sure", "collaborate", "amended_reason"]
    leaning = draft_record(decision=Decision("leaning", None))
    assert [p.field for p in problems_before_finalising(leaning)] == ["decision.option_id"]
    unknown = draft_record(decision=Decision("decided", "surgery"))
    assert [p.field for p in problems_before_finalising(unknown, option_ids=frozenset({"pill", "wait"}))] == [
        "decision.option_id"
    ]
    past = draft_record(decision=Decision("more_time", None, dt.date(2020, 1, 1)))
    assert problems_before_finalising(past)[0].message == "The follow-up date is in the past — please check it"


# -- JSON form ---------------------------------------------------------------------


def test_json_round_trip_keeps_every_field() -> None:
    record = final_record(5, notes="Prefers tablets").updated(
        scores_shown={"cha2ds2-vasc": 3},
        importance_words={"avoid-pills": "I hate pills"},
        risk_inputs={"age": 76, "female": True, "weight": 71.5, "band": "high"},
        what_matters="Staying well",
        amended_by="Dr B (GP)",
        amended_at=dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC),
        amends="abc",
        amended_reason="typo",
        version=2,
    )
    text = json.dumps(record.to_dict())
    assert Record.from_dict(json.loads(text)) == record


def test_sure_and_collaborate_figures() -> None:
    assert final_record(1, sure={"a": 1, "b": 1, "c": 1, "d": 0}).sure_flagged is True
    assert final_record(1, sure={"a": 1, "b": 1, "c": 1, "d": 1}).sure_flagged is False
    assert final_record(1, sure={"a": 0, "b": 0, "c": 0}).sure_total is None
    assert final_record(1, collaborate={"a": 4, "b": 4, "c": 4}).collaborate_top_box is True
    assert final_record(1, collaborate={"a": 4, "b": 3, "c": 4}).collaborate_top_box is False
    assert final_record(1, collaborate={"a": 4, "b": 4}).collaborate_top_box is None


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"importance": {"x": 6}}, "importance.x"),
        ({"importance_words": {"x": 3}}, "importance_words"),
        ({"scores_shown": {"x": "3"}}, "scores_shown.x"),
        ({"amended_at": "2026-02-30T10:00:00"}, "amended_at"),
        ({"decision": {"status": "more_time", "follow_up": "2026-02-30"}}, "decision.follow_up"),
        ({"created": "yesterday"}, "created"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_from_dict_names_the_bad_field(change: dict[str, object], needle: str) -> None:
    data = final_record(1).to_dict() | change
    with pytest.raises(RecordError, match=needle):
        Record.from_dict(data)


def test_a_final_record_needs_a_valid_nhs_number_but_a_draft_keeps_what_was_typed() -> None:
    typed = wrong_check_digit(valid_nhs(4))
    with pytest.raises(RecordError, match="NHS number"):
        Record.from_dict(final_record(1).to_dict() | {"patient_id": typed})
    draft = Record.from_dict(draft_record(patient_id=typed).to_dict())
    assert draft.patient_id == typed


def test_a_draft_may_lean_before_the_option_is_chosen() -> None:
    draft = draft_record(decision=Decision("leaning", None))
    assert Record.from_dict(draft.to_dict()) == draft
    with pytest.raises(RecordError, match="option_id"):
        Record.from_dict(draft.to_dict() | {"status": "final", "finalised": "2026-11-24T10:00:00+00:00"})


def test_the_documented_example_is_a_valid_final_record() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "record-format.md").read_text(encoding="utf-8")
    example = json.loads(doc.split("```json", 1)[1].split("```", 1)[0])
    record = Record.from_dict(example)
    assert record.status == "final" and record.sure_flagged and record.collaborate_top_box is False
    assert record.to_dict() == example  # the example lists every field, in the form written
    documented = {line.split("`")[1].split(".")[0].split("[")[0] for line in doc.splitlines() if line.startswith("| `")}
    assert set(record.to_dict()) <= documented


def test_a_draft_keeps_dates_typed_but_not_readable_and_cannot_be_finalised_with_them() -> None:
    draft = draft_record().updated(unparsed={"decision.follow_up": "31/02/2027", "created": "teatime"})
    again = Record.from_dict(json.loads(json.dumps(draft.to_dict())))
    assert again.unparsed == {"decision.follow_up": "31/02/2027", "created": "teatime"}
    fields = {p.field: p.message for p in problems_before_finalising(again)}
    assert "31 February 2027" in fields["decision.follow_up"] and "created" in fields
    final = final_record(1).to_dict()
    with pytest.raises(RecordError, match="unparsed"):
        Record.from_dict({**final, "unparsed": {"created": "teatime"}})
    with pytest.raises(RecordError, match="unparsed"):
        Record.from_dict({**draft.to_dict(), "unparsed": {"notes": "x"}})
