"""Dates people type: ISO, Finnish and relative forms.

- ISO `2026-12-31`;
- Finnish `31.12.2026` and `31.12.26` (two-digit years are 2000–2099);
- relative `+30d`, `+6w`, `+3m`, `+1y` from today; months and years clamp to
  the last day of the month (31.1. + 1m = 28.2., or 29.2. in a leap year);
- `today` (also `tänään`, `idag`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from celiatool import clock
from celiatool.errors import InvalidInput
from celiatool.i18n import _

_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_FI_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_REL_RE = re.compile(r"\+(\d{1,5})\s*([dwmy])", re.IGNORECASE)


def add_months(start: date, months: int) -> date:
    """`start` plus whole months, clamped to the last day of the target month."""
    import calendar

    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if not 1 <= year <= 9999:
        raise OverflowError
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _invalid(value: str) -> InvalidInput:
    return InvalidInput(
        _(
            "{value!r} is not a valid date. Use 2026-12-31, 31.12.2026, 31.12.26 "
            "or a relative date such as +30d, +6w, +3m or +1y."
        ).format(value=value)
    )


def parse_date(value: str, today: date | None = None) -> date:
    """Parse a date in any accepted form; an impossible date is exit 2."""
    text = value.strip()
    if text.lower() in ("today", "tänään", "idag"):
        return today or clock.today()
    try:
        m = _ISO_RE.fullmatch(text)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _FI_RE.fullmatch(text)
        if m:
            year = int(m.group(3))
            if len(m.group(3)) == 2:
                year += 2000
            return date(year, int(m.group(2)), int(m.group(1)))
        m = _REL_RE.fullmatch(text)
        if m:
            base = today or clock.today()
            amount, unit = int(m.group(1)), m.group(2).lower()
            if unit == "d":
                return base + timedelta(days=amount)
            if unit == "w":
                return base + timedelta(weeks=amount)
            if unit == "m":
                return add_months(base, amount)
            return add_months(base, 12 * amount)
    except (ValueError, OverflowError):
        raise _invalid(value) from None
    raise _invalid(value)
