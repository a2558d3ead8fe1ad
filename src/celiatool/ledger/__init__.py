"""The fixed-term ledger: end dates of fixed-term customerships.

One small storage interface (`store.Ledger`) with two homes: a local SQLite file
(the default) and a shared PostgreSQL server. `open_ledger(location)` picks one.
"""

from celiatool.ledger.location import DEFAULT_FILE_NAME, describe, is_postgres_url
from celiatool.ledger.model import FixedTermEntry

__all__ = ["DEFAULT_FILE_NAME", "FixedTermEntry", "describe", "is_postgres_url"]
