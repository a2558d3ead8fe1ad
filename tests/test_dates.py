"""Date parsing: ISO, Finnish and relative forms (property tests)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from celiatool.dates import add_months, parse_date
from celiatool.errors import InvalidInput

TODAY = date(2026, 11, 28)
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(DATES)
def test_iso_and_finnish_round_trip(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}.{day.month}.{day.year}") == day
    assert parse_date(f"{day.day:02d}.{day.month:02d}.{day.year}") == day
    assert parse_date(f"{day.day}.{day.month}.{day.year % 100:02d}") == day


@given(DATES, st.integers(0, 2000))
def test_relative_days_and_weeks(day, n):
    assert parse_date(f"+{n}d", day) == day + timedelta(days=n)
    assert parse_date(f"+{n}w", day) == day + timedelta(weeks=n)


@given(DATES, st.integers(0, 600))
def test_relative_months_clamp_to_month_end(day, n):
    got = parse_date(f"+{n}m", day)
    months = day.year * 12 + day.month - 1 + n
    assert got.year * 12 + got.month - 1 == months
    last = calendar.monthrange(got.year, got.month)[1]
    assert got.day == min(day.day, last)


@given(DATES, st.integers(0, 50))
def test_relative_years_are_twelve_months(day, n):
    assert parse_date(f"+{n}y", day) == add_months(day, 12 * n)


@pytest.mark.parametrize(
    ("start", "text", "expected"),
    [
        (date(2026, 1, 31), "+1m", date(2026, 2, 28)),
        (date(2028, 1, 31), "+1m", date(2028, 2, 29)),
        (date(2024, 2, 29), "+1y", date(2025, 2, 28)),
        (date(2024, 2, 29), "+4y", date(2028, 2, 29)),
        (date(2026, 3, 31), "+1m", date(2026, 4, 30)),
        (date(2026, 12, 31), "+2m", date(2027, 2, 28)),
        (date(2026, 11, 28), "+30d", date(2026, 12, 28)),
        (date(2026, 11, 28), "+6w", date(2027, 1, 9)),
        (date(2026, 11, 28), "today", date(2026, 11, 28)),
    ],
)
def test_relative_examples(start, text, expected):
    assert parse_date(text, start) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31.2.2026",
        "2026-13-01",
        "2026-02-30",
        "0.1.2026",
        "32.12.2026",
        "tomorrow",
        "",
        "+3x",
        "12/31/2026",
        "31.12.",
    ],
)
def test_impossible_dates_are_refused(text):
    with pytest.raises(InvalidInput) as info:
        parse_date(text, TODAY)
    assert repr(text) in info.value.message and "31.12.2026" in info.value.message
