"""Open the ledger at a location: a file path or a postgresql:// URL."""

from __future__ import annotations

from celiatool.errors import InvalidInput
from celiatool.i18n import _
from celiatool.ledger.location import is_postgres_url
from celiatool.ledger.store import Ledger


def open_ledger(location: str, connect_timeout: float = 5.0) -> Ledger:
    if is_postgres_url(location):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise InvalidInput(
                _(
                    "A PostgreSQL ledger needs the psycopg package. Install it with: "
                    "pip install 'celiatool[postgres]'"
                )
            ) from None
        from celiatool.ledger.postgres import PostgresLedger

        return PostgresLedger(location, connect_timeout=connect_timeout)
    from celiatool.ledger.sqlite import SQLiteLedger

    return SQLiteLedger(location)
