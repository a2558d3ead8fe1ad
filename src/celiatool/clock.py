"""The clock, at the edge. `CELIATOOL_NOW` (ISO 8601) pins it for tests and what-ifs.

    CELIATOOL_NOW=2026-12-24T10:00 celiatool chat --json

A pinned time without an offset is Finnish time.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime

NOW_ENV = "CELIATOOL_NOW"
FINNISH_ZONE_NAMES = ("EET", "EEST")


def _pinned() -> datetime | None:
    pinned = os.environ.get(NOW_ENV)
    if not pinned:
        return None
    try:
        return datetime.fromisoformat(pinned)
    except ValueError:
        from celiatool.errors import InvalidInput
        from celiatool.i18n import _

        raise InvalidInput(
            _("{name} must be a date and time like 2026-12-24T10:00, not {value!r}.").format(
                name=NOW_ENV, value=pinned
            )
        ) from None


def now() -> datetime:
    """The current time, aware, in the local zone (or CELIATOOL_NOW)."""
    value = _pinned()
    if value is None:
        return datetime.now().astimezone()
    if value.tzinfo is None:
        from zoneinfo import ZoneInfo

        value = value.replace(tzinfo=ZoneInfo("Europe/Helsinki"))
    return value


def today() -> date:
    """Today's date in Finland (where the customerships end)."""
    value = _pinned()
    if value is not None and value.tzinfo is None:
        return value.date()  # already Finnish wall-clock time
    if value is None and time.localtime().tm_zone in FINNISH_ZONE_NAMES:
        return date.today()  # this computer keeps Finnish time: no zone data needed
    from zoneinfo import ZoneInfo

    return now().astimezone(ZoneInfo("Europe/Helsinki")).date()
