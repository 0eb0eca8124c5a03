"""The shared words and dates, Qt-free: one wording per status, UK dates, and reading them back."""

from __future__ import annotations

import datetime as dt
import typing

from sdm_desktop.consult.dates import day_text, long_day_text, parse_date, time_text
from sdm_desktop.consult.vocabulary import (
    COPIES,
    DECISION_FILTER,
    DECISION_WORDS,
    PATIENT_VIEW_COPY,
    STATUS_LABELS,
    WITH_OPTION,
    decision_text,
)
from sdm_desktop.records.model import DECISION_STATUSES, DecisionStatus


def test_every_status_has_words_and_a_filter_choice() -> None:
    assert set(DECISION_WORDS) == set(DECISION_STATUSES) == set(typing.get_args(DecisionStatus))
    assert sorted(DECISION_FILTER) == sorted(DECISION_STATUSES)
    assert set(STATUS_LABELS) == set(DECISION_STATUSES) - {"none"}  # "none" is no button: it is no answer
    assert set(WITH_OPTION) <= set(STATUS_LABELS)
    assert PATIENT_VIEW_COPY in COPIES


def test_decision_text_names_the_option_only_for_a_leaning_or_a_choice() -> None:
    assert decision_text("leaning", "doac", "A DOAC") == "Leaning: A DOAC"
    assert decision_text("decided", "doac") == "Decided: doac"
    assert decision_text("undecided", "doac", "A DOAC") == "Undecided"
    assert decision_text("none", None) == "Not recorded"
    assert decision_text("mystery", None) == "mystery"  # a status from a newer version is shown as it is


def test_dates_are_written_the_uk_way_and_read_back() -> None:
    day = dt.date(2026, 3, 4)
    assert day_text(day) == "04/03/2026"
    assert parse_date(day_text(day)) == (day, None)
    assert long_day_text(day) == "4 March 2026" and long_day_text(None) == "not given"
    moment = dt.datetime(2026, 3, 4, 9, 5, tzinfo=dt.UTC)
    assert time_text(moment) == moment.astimezone().strftime("%d/%m/%Y %H:%M")
    assert time_text(moment).count("/") == 2 and time_text(moment).endswith(moment.astimezone().strftime("%H:%M"))
