"""Dates as people in the UK write them, and reading them back from a form field.

Every view shows and reads dates through these, so a date typed into one
field is read the same way in every other.
"""

from __future__ import annotations

import datetime as dt

from ..records.validate import parse_date, validate_consultation_time, validate_follow_up

DATE_FORMAT = "%d/%m/%Y"  # 24/11/2026
TIME_FORMAT = "%d/%m/%Y %H:%M"  # 24/11/2026 10:30
CLOCK_FORMAT = "%H:%M:%S"  # 10:30:05

__all__ = [
    "CLOCK_FORMAT",
    "DATE_FORMAT",
    "TIME_FORMAT",
    "clock_text",
    "day_text",
    "long_day_text",
    "parse_date",
    "time_text",
    "validate_consultation_time",
    "validate_follow_up",
]


def day_text(day: dt.date) -> str:
    """24/11/2026."""
    return day.strftime(DATE_FORMAT)


def time_text(moment: dt.datetime) -> str:
    """The local date and time: 24/11/2026 10:30."""
    return moment.astimezone().strftime(TIME_FORMAT)


def clock_text(moment: dt.datetime) -> str:
    """10:30:05, for 'saved at' and 'reloaded at' notes."""
    return moment.strftime(CLOCK_FORMAT)


def long_day_text(day: dt.date | None) -> str:
    """24 November 2026 (content dates: review, expiry, sign-off), or 'not given'."""
    return f"{day.day} {day:%B %Y}" if day else "not given"
