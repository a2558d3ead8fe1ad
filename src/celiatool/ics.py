"""The fixed-term end dates as an iCalendar file (RFC 5545), through `icalendar`.

One all-day event per active entry (overdue ones too) with an alarm at 9:00 on
the day before; UIDs are stable (the ledger's id and the entry's id), so
importing the file again updates the events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from celiatool import __version__
from celiatool.i18n import _
from celiatool.ledger.model import FixedTermEntry

# An all-day event starts at 00:00 on its day: 15 hours before is 9:00 the day before.
ALARM_BEFORE = timedelta(hours=15)


def uid(ledger_id: str, entry_id: int) -> str:
    return f"fixed-term-{entry_id}-{ledger_id}@celiatool"


def calendar_bytes(entries: Iterable[FixedTermEntry], ledger_id: str, now: datetime) -> bytes:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//celiatool//celiatool {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("Fixed-term customerships (celiatool)"))
    stamp = now.astimezone(UTC)
    for entry in entries:
        if not entry.active:
            continue
        event = Event()
        event.add("uid", uid(ledger_id, entry.id))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.ends_on)
        event.add("dtend", entry.ends_on + timedelta(days=1))
        event.add(
            "summary", _("Fixed-term customership ends: {customer}").format(customer=entry.customer)
        )
        description = _(
            "End the customership in Celianet, then run: celiatool fixed-term done {id}"
        ).format(id=entry.id)
        if entry.note:
            description = f"{entry.note}\n\n{description}"
        event.add("description", description)
        event.add("sequence", entry.version)
        event.add("last-modified", entry.updated_at.astimezone(UTC))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add(
            "description",
            _("Tomorrow a fixed-term customership ends: {customer}").format(
                customer=entry.customer
            ),
        )
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
