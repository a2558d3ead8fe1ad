"""The fixed-term ledger: end dates of fixed-term customerships.

One small storage interface (`store.Ledger`) with two homes: a local SQLite file
(the default, `sqlite.py`) and a shared PostgreSQL server (`postgres.py`);
`open.open_ledger(location)` picks one. Nothing is imported here eagerly, so
`remind` loads only what it uses.
"""
