"""When is Celia's chat staffed? Working days 9–14, Finnish time.

"Arkisin" means working days: Finnish public holidays, Midsummer Eve and
Christmas Eve included, have no chat. The holiday calendar comes from the
maintained `holidays` package. The core takes `now`; it never reads the clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from celiatool.errors import InvalidInput
from celiatool.i18n import N_, _

HELSINKI = ZoneInfo("Europe/Helsinki")
DEFAULT_HOURS = "mon-fri 09:00-14:00"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAYS_ON = (
    N_("on Monday"), N_("on Tuesday"), N_("on Wednesday"), N_("on Thursday"),
    N_("on Friday"), N_("on Saturday"), N_("on Sunday"),
)  # fmt: skip
_PERIOD_RE = re.compile(
    r"(?P<days>[a-z]{3}(?:\s*-\s*[a-z]{3})?(?:\s*,\s*[a-z]{3}(?:\s*-\s*[a-z]{3})?)*)\s+"
    r"(?P<start>\d{1,2}(?::\d{2})?)\s*-\s*(?P<end>\d{1,2}(?::\d{2})?)"
)


@dataclass(frozen=True)
class Period:
    days: frozenset[int]  # 0 = Monday
    start: time
    end: time


@dataclass(frozen=True)
class ChatHours:
    periods: tuple[Period, ...]
    text: str

    def for_day(self, day: date) -> list[tuple[time, time]]:
        return sorted((p.start, p.end) for p in self.periods if day.weekday() in p.days)


@dataclass(frozen=True)
class ChatStatus:
    open: bool
    now: datetime
    closes_at: datetime | None
    next_opening: datetime | None


def _invalid_hours(text: str) -> InvalidInput:
    return InvalidInput(
        _(
            "{value!r} is not a valid chat_hours value. Write the days and hours like "
            "mon-fri 09:00-14:00, several periods separated by ;"
        ).format(value=text)
    )


def _time(text: str, source: str) -> time:
    hours, _sep, minutes = text.partition(":")
    try:
        return time(int(hours), int(minutes or 0))
    except ValueError:
        if text in ("24", "24:00"):
            return time.max
        raise _invalid_hours(source) from None


def parse_hours(text: str) -> ChatHours:
    """'mon-fri 09:00-14:00' or several periods: 'mon-thu 9-14; fri 9-12'."""
    periods = []
    for part in text.lower().split(";"):
        part = part.strip()
        if not part:
            continue
        m = _PERIOD_RE.fullmatch(part)
        if not m:
            raise _invalid_hours(text)
        days: set[int] = set()
        for chunk in m.group("days").split(","):
            first, _sep, last = (s.strip() for s in chunk.partition("-"))
            if first not in DAY_NAMES or (last and last not in DAY_NAMES):
                raise _invalid_hours(text)
            a, b = DAY_NAMES.index(first), DAY_NAMES.index(last or first)
            if b < a:
                raise _invalid_hours(text)
            days.update(range(a, b + 1))
        start, end = _time(m.group("start"), text), _time(m.group("end"), text)
        if end <= start:
            raise _invalid_hours(text)
        periods.append(Period(frozenset(days), start, end))
    if not periods:
        raise _invalid_hours(text)
    return ChatHours(tuple(periods), text.strip())


@lru_cache(maxsize=8)
def _finnish_holidays(year: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.Finland(years=year))


def is_finnish_holiday(day: date) -> bool:
    """Public holidays of Finland, including Midsummer Eve and Christmas Eve."""
    return day in _finnish_holidays(day.year)


def _at(day: date, moment: time) -> datetime:
    if moment == time.max:
        return datetime.combine(day + timedelta(days=1), time(0), HELSINKI)
    return datetime.combine(day, moment, HELSINKI)


def chat_status(
    now: datetime,
    hours: ChatHours | None = None,
    holiday: Callable[[date], bool] = is_finnish_holiday,
) -> ChatStatus:
    """Is the chat staffed at `now`, until when, and when does it open next?"""
    hours = hours or parse_hours(DEFAULT_HOURS)
    local = now.replace(tzinfo=HELSINKI) if now.tzinfo is None else now.astimezone(HELSINKI)
    today = local.date()
    if not holiday(today):
        for start, end in hours.for_day(today):
            if _at(today, start) <= local < _at(today, end):
                return ChatStatus(True, local, _at(today, end), None)
    for offset in range(0, 60):
        day = today + timedelta(days=offset)
        if holiday(day):
            continue
        for start, _end in hours.for_day(day):
            opening = _at(day, start)
            if opening > local:
                return ChatStatus(False, local, None, opening)
    return ChatStatus(False, local, None, None)


def weekday_on(day: date) -> str:
    """'on Monday' in the current language (fi 'maanantaina', sv 'på måndag')."""
    return _(WEEKDAYS_ON[day.weekday()])


def clock(moment: datetime, lang: str) -> str:
    """9:00 in English, 9.00 in Finnish and Swedish."""
    separator = ":" if lang == "en" else "."
    return f"{moment.hour}{separator}{moment.minute:02d}"
