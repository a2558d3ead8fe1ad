"""A fixed-term customership entry, and the checks every write makes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from celiatool.errors import InvalidInput
from celiatool.i18n import _
from celiatool.validate import refuse_identity_code

CUSTOMER_MAX = 200
NOTE_MAX = 1000


@dataclass(frozen=True)
class FixedTermEntry:
    id: int
    customer: str
    ends_on: date
    note: str
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    ended_on: date | None = None
    ended_by: str | None = None
    version: int = 1

    @property
    def active(self) -> bool:
        return self.ended_on is None

    def days_left(self, today: date) -> int:
        return (self.ends_on - today).days

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "customer": self.customer,
            "ends_on": self.ends_on.isoformat(),
            "note": self.note,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "created_by": self.created_by,
            "updated_at": self.updated_at.isoformat(timespec="seconds"),
            "updated_by": self.updated_by,
            "ended_by": self.ended_by,
            "version": self.version,
        }


def check_customer(value: str, field: str = "CUSTOMER") -> str:
    """1–200 characters of free text on one line, and no identity code."""
    text = " ".join(value.split())
    if not text:
        raise InvalidInput(_("{field} must not be empty.").format(field=field))
    if len(text) > CUSTOMER_MAX:
        raise InvalidInput(
            _("{field} is too long ({n} characters; at most {max}).").format(
                field=field, n=len(text), max=CUSTOMER_MAX
            )
        )
    refuse_identity_code(text, field)
    return text


def check_note(value: str | None, field: str = "--note") -> str:
    text = (value or "").strip()
    if len(text) > NOTE_MAX:
        raise InvalidInput(
            _("{field} is too long ({n} characters; at most {max}).").format(
                field=field, n=len(text), max=NOTE_MAX
            )
        )
    refuse_identity_code(text, field)
    return text
