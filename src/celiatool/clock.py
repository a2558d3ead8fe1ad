"""The clock, at the edge. `CELIATOOL_NOW` (ISO 8601) pins it for tests and what-ifs.

CELIATOOL_NOW=2026-12-24T10:00 celiatool chat --json
"""

from __future__ import annotations

import os
from datetime import date, datetime

NOW_ENV = "CELIATOOL_NOW"


def now() -> datetime:
    """The current time, aware, in the local zone (or CELIATOOL_NOW)."""
    pinned = os.environ.get(NOW_ENV)
    if pinned:
        try:
            value = datetime.fromisoformat(pinned)
        except ValueError:
            from celiatool.errors import InvalidInput
            from celiatool.i18n import _

            raise InvalidInput(
                _("{name} must be a date and time like 2026-12-24T10:00, not {value!r}.").format(
                    name=NOW_ENV, value=pinned
                )
            ) from None
        if value.tzinfo is None:
            from zoneinfo import ZoneInfo

            value = value.replace(tzinfo=ZoneInfo("Europe/Helsinki"))
        return value
    return datetime.now().astimezone()


def today() -> date:
    """Today's date in Finland (where the customerships end)."""
    from zoneinfo import ZoneInfo

    return now().astimezone(ZoneInfo("Europe/Helsinki")).date()
