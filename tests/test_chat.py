"""Chat hours with a fixed clock: the core takes `now`; no test reads the real clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from celiatool.chat import HELSINKI, chat_status, clock, is_finnish_holiday, parse_hours
from celiatool.errors import InvalidInput


def hki(*args: int) -> datetime:
    return datetime(*args, tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        (hki(2026, 11, 25, 10, 30), True),  # a Wednesday inside the hours
        (hki(2026, 11, 25, 8, 59, 59), False),  # before 9
        (hki(2026, 11, 25, 9, 0), True),  # 9:00 opens
        (hki(2026, 11, 25, 13, 59, 59), True),
        (hki(2026, 11, 25, 14, 0), False),  # 14:00 closes
        (hki(2026, 11, 25, 18, 0), False),  # evening
        (hki(2026, 11, 28, 10, 0), False),  # Saturday
        (hki(2026, 11, 29, 10, 0), False),  # Sunday
        (hki(2026, 12, 7, 10, 0), True),  # Monday after Independence Day weekend
    ],
)
def test_open_or_closed(now, is_open):
    assert chat_status(now).open is is_open


@pytest.mark.parametrize(
    "day",
    [
        date(2027, 12, 6),  # Independence Day (a Monday)
        date(2026, 6, 19),  # Midsummer Eve (Friday)
        date(2025, 12, 24),  # Christmas Eve (Wednesday)
        date(2026, 4, 6),  # Easter Monday
        date(2026, 4, 3),  # Good Friday
        date(2026, 5, 14),  # Ascension Day (Thursday)
        date(2027, 1, 6),  # Epiphany (Wednesday)
    ],
)
def test_holidays_have_no_chat(day):
    assert day.weekday() < 5
    assert is_finnish_holiday(day)
    assert (
        chat_status(datetime.combine(day, datetime.min.time(), HELSINKI).replace(hour=10)).open
        is False
    )


def test_ordinary_weekday_is_not_a_holiday():
    assert not is_finnish_holiday(date(2026, 11, 25))


def test_next_opening_same_day_and_next_day():
    morning = chat_status(hki(2026, 11, 25, 7, 0))
    assert morning.next_opening == hki(2026, 11, 25, 9, 0)
    evening = chat_status(hki(2026, 11, 25, 14, 0))
    assert evening.next_opening == hki(2026, 11, 26, 9, 0)


def test_closes_at_when_open():
    assert chat_status(hki(2026, 11, 25, 10, 0)).closes_at == hki(2026, 11, 25, 14, 0)


def test_next_opening_across_a_long_weekend():
    # Christmas 2026: Thu 24 (Eve), Fri 25, Sat 26, Sun 27 -> Monday 28 December
    status = chat_status(hki(2026, 12, 23, 15, 0))
    assert status.next_opening == hki(2026, 12, 28, 9, 0)
    # Easter 2026: Good Friday 3 April ... Easter Monday 6 April -> Tuesday 7 April
    assert chat_status(hki(2026, 4, 2, 14, 30)).next_opening == hki(2026, 4, 7, 9, 0)
    # Midsummer 2026: Eve Friday 19 June -> Monday 22 June
    assert chat_status(hki(2026, 6, 18, 16, 0)).next_opening == hki(2026, 6, 22, 9, 0)


def test_summer_time_starts_and_ends():
    # 29 March 2026 02:00 EET -> 03:00 EEST (a Sunday); Monday 9:00 is EEST (+3)
    monday = chat_status(hki(2026, 3, 28, 12, 0)).next_opening
    assert monday == hki(2026, 3, 30, 9, 0)
    assert monday.utcoffset() == timedelta(hours=3)
    # 25 October 2026 04:00 EEST -> 03:00 EET (a Sunday); Monday 9:00 is EET (+2)
    after = chat_status(hki(2026, 10, 24, 12, 0)).next_opening
    assert after == hki(2026, 10, 26, 9, 0) and after.utcoffset() == timedelta(hours=2)
    # the opening is 9:00 Finnish time whatever zone `now` is given in
    utc_now = datetime(2026, 3, 30, 6, 30, tzinfo=UTC)  # 9:30 EEST
    assert chat_status(utc_now).open
    assert not chat_status(datetime(2026, 3, 30, 5, 30, tzinfo=UTC)).open  # 8:30 EEST


def test_hours_from_config():
    hours = parse_hours("mon-thu 09:00-14:00; fri 9-12")
    assert chat_status(hki(2026, 11, 27, 12, 30), hours).open is False  # Friday afternoon
    assert chat_status(hki(2026, 11, 26, 12, 30), hours).open is True
    assert chat_status(hki(2026, 11, 27, 12, 30), hours).next_opening == hki(2026, 11, 30, 9, 0)
    weekend = parse_hours("sat,sun 10:00-12:00")
    assert chat_status(hki(2026, 11, 28, 11, 0), weekend).open


@pytest.mark.parametrize(
    "text",
    ["", "weekdays 9-14", "mon-fri 14:00-09:00", "fri-mon 9-14", "mon-fri 25:00-26:00", "mon-fri"],
)
def test_bad_hours(text):
    with pytest.raises(InvalidInput):
        parse_hours(text)


def test_clock_format():
    assert clock(hki(2026, 1, 1, 9, 0), "fi") == "9.00"
    assert clock(hki(2026, 1, 1, 14, 5), "en") == "14:05"


def test_clock_today_in_finnish_time(monkeypatch):
    from celiatool import clock

    monkeypatch.setenv("CELIATOOL_NOW", "2026-12-31T23:30")
    assert clock.today() == date(2026, 12, 31)
    # 23:30 UTC on New Year's Eve is already 1 January in Finland
    monkeypatch.setenv("CELIATOOL_NOW", "2026-12-31T23:30+00:00")
    assert clock.today() == date(2027, 1, 1)
    assert clock.now().utcoffset() == timedelta(0)
