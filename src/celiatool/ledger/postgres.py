"""The shared home of the ledger: a PostgreSQL server run by the library's IT.

psycopg 3 (the optional extra `celiatool[postgres]`) with a 5 s connect
timeout. The password comes from libpq's usual sources (PGPASSWORD, the pgpass
file) or the URL; celiatool never writes it anywhere. The schema is created and
migrated on first use under an advisory lock, with the same numbered migrations
as SQLite. Connection problems become one clear line (exit 4).
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg

from celiatool.errors import LocalDataError
from celiatool.i18n import _
from celiatool.ledger import migrations
from celiatool.ledger.location import describe
from celiatool.ledger.store import NewEntry, SqlLedger

# pg_advisory_xact_lock key: "celiatool" migrations, one at a time per database.
MIGRATION_LOCK = 0x43454C49


class PostgresLedger(SqlLedger):
    placeholder = "%s"

    def __init__(self, url: str, connect_timeout: float = 5.0) -> None:
        self.url = url
        self.location = describe(url)
        self.connect_timeout = connect_timeout
        self._conn: psycopg.Connection[Any] | None = None

    # -- errors --------------------------------------------------------------
    def _problem(self, reason: str) -> LocalDataError:
        return LocalDataError(
            _("Cannot use the shared ledger {url}: {reason}.").format(
                url=self.location, reason=reason
            )
        )

    def _translate(self, exc: psycopg.Error) -> LocalDataError:
        state = getattr(exc, "sqlstate", None) or ""
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        lowered = str(exc).lower()
        if (
            state in ("28P01", "28000")
            or "password authentication failed" in lowered
            or "no password supplied" in lowered
        ):
            return self._problem(
                _(
                    "the server refused the login; check the user name and the password in PGPASSWORD or your pgpass file"
                )
            )
        if state == "3D000" or ("database" in lowered and "does not exist" in lowered):
            return self._problem(_("the server has no such database"))
        if "timeout expired" in lowered:
            return self._problem(
                _("the server did not answer within {seconds} s").format(
                    seconds=f"{self.connect_timeout:g}"
                )
            )
        if (
            "connection refused" in lowered
            or "could not connect" in lowered
            or "could not translate host name" in lowered
            or "no route" in lowered
        ):
            return self._problem(
                _("the server cannot be reached (is it running, and are the host and port right?)")
            )
        if state == "40P01" or state.startswith("40"):
            return self._problem(_("the write collided with another one; try again"))
        return self._problem(text)

    # -- connecting ----------------------------------------------------------
    def _connect(self) -> psycopg.Connection[Any]:
        if self._conn is not None:
            return self._conn
        options: dict[str, Any] = {"autocommit": True, "application_name": "celiatool"}
        # 5 s unless the URL (?connect_timeout=N) or PGCONNECT_TIMEOUT says otherwise
        given = re.search(r"[?&]connect_timeout=(\d+)", self.url) or (
            os.environ.get("PGCONNECT_TIMEOUT", "").isdigit() and os.environ["PGCONNECT_TIMEOUT"]
        )
        if given:
            self.connect_timeout = float(given.group(1) if isinstance(given, re.Match) else given)
        else:
            options["connect_timeout"] = max(1, round(self.connect_timeout))
        try:
            conn = psycopg.connect(self.url, **options)
        except psycopg.Error as exc:
            raise self._translate(exc) from None
        try:
            self._migrate(conn)
        except psycopg.Error as exc:
            conn.close()
            raise self._translate(exc) from None
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return conn

    def _schema_version(self, conn: psycopg.Connection[Any]) -> int:
        row = conn.execute(
            "SELECT to_regclass('celiatool_migrations') IS NOT NULL, "
            "to_regclass('fixed_term') IS NOT NULL"
        ).fetchone()
        assert row is not None
        has_migrations, has_table = row
        if not has_migrations:
            if has_table:
                raise self._problem(_("its fixed_term table was not made by celiatool"))
            return 0
        found = conn.execute(
            "SELECT COALESCE(MAX(version), 0) FROM celiatool_migrations"
        ).fetchone()
        return int(found[0]) if found else 0

    def _migrate(self, conn: psycopg.Connection[Any]) -> None:
        version = self._schema_version(conn)
        if version > migrations.LATEST:
            raise self._problem(
                _(
                    "it was set up by a newer celiatool (schema {found}, this one knows {known}); update celiatool"
                ).format(found=version, known=migrations.LATEST)
            )
        if version == migrations.LATEST:
            return
        # A session lock taken before the transaction: the transaction then starts
        # with fresh catalogs and sees what another celiatool may just have created.
        conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            with conn.transaction():
                self._apply(conn, self._schema_version(conn))
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))

    def _apply(self, conn: psycopg.Connection[Any], version: int) -> None:
        if version == 0:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS celiatool_migrations "
                "(version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
            )
        for number in range(version + 1, migrations.LATEST + 1):
            for statement in migrations.POSTGRES[number - 1]:
                conn.execute(statement)  # type: ignore[arg-type]
            conn.execute(
                "INSERT INTO celiatool_migrations (version, applied_at) VALUES (%s, %s)",
                (number, datetime.now(UTC)),
            )
            if number == 1:
                conn.execute(
                    "INSERT INTO celiatool_meta (key, value) VALUES ('ledger_id', %s)",
                    (str(uuid.uuid4()),),
                )

    # -- hooks -----------------------------------------------------------------
    def _reader(self) -> psycopg.Connection[Any]:
        return self._connect()

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return super()._fetch(sql, params)
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection[Any]]:
        conn = self._connect()
        try:
            with conn.transaction():
                yield conn
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    def _insert_id(self, conn: Any, sql: str, params: Sequence[Any]) -> int:
        row = conn.execute(sql + " RETURNING id", params).fetchone()
        return int(row[0])

    def _executemany(self, conn: Any, sql: str, rows: list[list[Any]]) -> None:
        with conn.cursor() as cur:
            cur.executemany(sql, rows)

    def add_many(self, entries: Sequence[NewEntry], by: str, now: datetime,
                 progress: Any = None) -> int:  # fmt: skip
        """COPY in one transaction: every entry is added, or none."""
        columns = ("customer, ends_on, note, created_at, created_by, updated_at, updated_by, "
                   "ended_on, ended_by, version")  # fmt: skip
        with self._transaction() as conn, conn.cursor() as cur:
            with cur.copy(f"COPY fixed_term ({columns}) FROM STDIN") as copy:
                for done, entry in enumerate(entries, start=1):
                    copy.write_row([*self._insert_params(entry, by, now), 1])
                    if progress and done % 1000 == 0:
                        progress(1000)
            if progress and len(entries) % 1000:
                progress(len(entries) % 1000)
        return len(entries)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close()
        if isinstance(exc, psycopg.Error):
            raise self._translate(exc) from None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
