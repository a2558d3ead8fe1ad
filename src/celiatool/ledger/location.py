"""Where the ledger lives: a file path (SQLite, the default) or a postgresql:// URL."""

from __future__ import annotations

import os
from pathlib import Path

from celiatool.errors import InvalidInput
from celiatool.i18n import _

DEFAULT_FILE_NAME = "ledger.sqlite3"
DATABASE_ENV = "CELIATOOL_DATABASE"


def is_postgres_url(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def check_location(location: str) -> str:
    """For config: a path or a URL without a password (celiatool never stores one)."""
    if is_postgres_url(location):
        from urllib.parse import urlsplit

        parts = urlsplit(location)
        if parts.password:
            raise InvalidInput(
                _(
                    "celiatool does not store database passwords. Leave the password out "
                    "of the URL and put it in PGPASSWORD or your pgpass file."
                )
            )
        if not parts.hostname and "host=" not in parts.query:
            raise InvalidInput(
                _("{url!r} names no server. Use postgresql://user@host:port/dbname.").format(
                    url=location
                )
            )
    return location


def describe(location: str) -> str:
    """The location for messages: a URL without its password."""
    if not is_postgres_url(location):
        return location
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(location)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return location


def resolve(flag: str | None, configured: str | None) -> str:
    """--database > CELIATOOL_DATABASE > config `database` > the data folder."""
    if flag:
        return flag
    if os.environ.get(DATABASE_ENV):
        return os.environ[DATABASE_ENV]
    if configured:
        return str(Path(configured).expanduser()) if not is_postgres_url(configured) else configured
    from celiatool import paths

    return str(paths.data_dir() / DEFAULT_FILE_NAME)
