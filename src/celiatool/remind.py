"""What needs doing: overdue, due today, coming soon; and the password rotation.

`group(entries, today, within)` is the pure core; `reminders(ledger, …)` asks the
ledger only for the active entries that end by today + within (an index lookup).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Protocol


class Due(Protocol):
    """An entry as `remind` sees it (a FixedTermEntry or the ledger's lighter DueItem)."""

    id: int
    customer: str
    ends_on: date
    note: str

    @property
    def active(self) -> bool: ...

    def days_left(self, today: date) -> int: ...


DEFAULT_WITHIN = 14
DEFAULT_ROTATION_MONTHS = 12


class Reminders:
    def __init__(self, today: date, within_days: int) -> None:
        self.today = today
        self.within_days = within_days
        self.overdue: list[Due] = []
        self.due_today: list[Due] = []
        self.upcoming: list[Due] = []
        self.password_change_due = False
        self.password_due_on: date | None = None

    @property
    def urgent(self) -> bool:
        """Overdue, due today, or the password change is due: `--exit-code` gives 1."""
        return bool(self.overdue or self.due_today or self.password_change_due)

    @property
    def nothing(self) -> bool:
        return not (self.overdue or self.due_today or self.upcoming or self.password_change_due)

    def entry_json(self, entry: Due) -> dict[str, Any]:
        return {
            "id": entry.id,
            "customer": entry.customer,
            "ends_on": entry.ends_on.isoformat(),
            "days_left": entry.days_left(self.today),
            "note": entry.note,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "within_days": self.within_days,
            "overdue": [self.entry_json(e) for e in self.overdue],
            "due_today": [self.entry_json(e) for e in self.due_today],
            "upcoming": [self.entry_json(e) for e in self.upcoming],
            "password_change_due": self.password_change_due,
            "password_change_due_on": self.password_due_on.isoformat()
            if self.password_due_on
            else None,
        }


def group(entries: Iterable[Due], today: date, within: int) -> Reminders:
    """Sort active entries into overdue / due today / upcoming (today+1 … today+within)."""
    result = Reminders(today=today, within_days=within)
    last = today + timedelta(days=within)
    for entry in sorted(entries, key=lambda e: (e.ends_on, e.id)):
        if not entry.active or entry.ends_on > last:
            continue
        if entry.ends_on < today:
            result.overdue.append(entry)
        elif entry.ends_on == today:
            result.due_today.append(entry)
        else:
            result.upcoming.append(entry)
    return result


def password_due(changed: date | None, months: int, today: date) -> tuple[bool, date | None]:
    """Due when `months` have passed since the last change (unknown: not due)."""
    if changed is None:
        return False, None
    from celiatool.dates import add_months

    due_on = add_months(changed, months)
    return today >= due_on, due_on


def reminders(ledger: Any, today: date, within: int, password_changed: date | None = None,
              rotation_months: int = DEFAULT_ROTATION_MONTHS) -> Reminders:  # fmt: skip
    result = group(ledger.due(today + timedelta(days=within)), today, within)
    result.password_change_due, result.password_due_on = password_due(
        password_changed, rotation_months, today
    )
    return result
