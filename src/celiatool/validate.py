"""Checks for values people type: email addresses, header-safe text, identity codes."""

from __future__ import annotations

import re

from celiatool.errors import InvalidInput
from celiatool.i18n import _

# A Finnish personal identity code: DDMMYY, a century sign, three digits, a
# checksum character. Recognised whether or not the checksum is valid, and
# wherever it stands in a longer text, but not inside a longer run of digits or
# letters (so library card numbers and dates do not match).
_HETU_RE = re.compile(
    r"(?<![0-9A-Za-z])"
    r"(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])([0-9]{2})"
    r"([-+A-FU-Ya-fu-y])"
    r"([0-9]{3})"
    r"([0-9A-FHJ-NPR-Ya-fhj-npr-y])"
    r"(?![0-9A-Za-z])"
)
HETU_CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_SIGNS = "+-ABCDEFUVWXY"

_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


def hetu_checksum(digits9: str) -> str:
    """The checksum character for the nine digits DDMMYYZZZ."""
    return HETU_CHECK_CHARS[int(digits9) % 31]


def contains_identity_code(text: str) -> bool:
    """True when the text holds something shaped like a Finnish personal identity code."""
    return _HETU_RE.search(text) is not None


def refuse_identity_code(text: str, field: str) -> None:
    if contains_identity_code(text):
        raise InvalidInput(
            _(
                "{field} looks like it contains a personal identity code (henkilötunnus). "
                "celiatool must not store or send identity codes: use the library card "
                "number or the Celia customer number instead."
            ).format(field=field)
        )


def is_email(value: str) -> bool:
    return len(value) <= 254 and _EMAIL_RE.match(value) is not None


def check_email(value: str, field: str) -> str:
    value = value.strip()
    if not is_email(value):
        raise InvalidInput(
            _("{field}: {value!r} is not a valid email address.").format(field=field, value=value)
        )
    return value


def check_single_line(value: str, field: str) -> str:
    """Refuse carriage returns and line feeds (header injection, config corruption)."""
    if "\r" in value or "\n" in value:
        raise InvalidInput(_("{field} must be on one line.").format(field=field))
    return value
