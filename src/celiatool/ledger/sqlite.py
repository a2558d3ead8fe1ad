"""The local home of the ledger: one SQLite file.

- Created on first write, mode 0600 where the OS has modes; reading a ledger that
  does not exist yet gives an empty one and creates nothing.
- WAL mode and a busy timeout, so two celiatool processes writing at once lose
  nothing; each write is one `BEGIN IMMEDIATE` transaction.
- A file that is not a celiatool ledger, is corrupt or comes from a newer
  celiatool raises `LocalDataError` (exit 4) before anything is written to it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from celiatool.errors import LocalDataError
from celiatool.i18n import _
from celiatool.ledger import migrations
from celiatool.ledger.store import SqlLedger

# "CELT" in the file header: how a celiatool ledger recognises itself.
APPLICATION_ID = 0x43454C54
BUSY_TIMEOUT_MS = 15000


def _now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteLedger(SqlLedger):
    placeholder = "?"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._conn: sqlite3.Connection | None = None
        self._writable = False

    # -- errors --------------------------------------------------------------
    def _problem(self, detail: str) -> LocalDataError:
        return LocalDataError(
            _(
                "The ledger {path} cannot be used: {detail}. celiatool has not changed it. "
                "Move it aside (or point CELIATOOL_DATABASE or --database elsewhere) and try again."
            ).format(path=self.path, detail=detail)
        )

    def _translate(self, exc: sqlite3.Error) -> LocalDataError:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return self._problem(_("another program is holding it locked"))
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return self._problem(_("it is not a database or it is damaged"))
        if "readonly" in text or "read-only" in text:
            return self._problem(_("it is read-only"))
        return self._problem(str(exc))

    # -- connecting ------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _header_looks_wrong(self) -> bool:
        """A cheap look at the raw header: SQLite's magic, and no truncation.

        The file is read without SQLite's locks, so another celiatool may be writing
        it at this moment: a bad look only asks for a proper check (`_verify`).
        """
        try:
            with self.path.open("rb") as fh:
                header = fh.read(100)
                size = fh.seek(0, os.SEEK_END)
        except OSError as exc:
            raise self._problem(exc.strerror or str(exc)) from None
        if not header:
            return False  # an empty file: a new database
        if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
            return True
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        valid = header[24:28] == header[92:96]
        return bool(valid and pages and pages * page_size > size)

    def _verify(self, conn: sqlite3.Connection) -> None:
        """SQLite's own check, under its locks (a writer in progress is waited for)."""
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(1)")]
        if problems != ["ok"]:
            raise self._problem(_("it is not a database or it is damaged"))

    def _inspect(self, conn: sqlite3.Connection) -> int:
        """The schema version of an existing file; refuse foreign or newer files."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id == 0 and not tables and version == 0:
            return 0  # an empty database file: ours to initialise
        if app_id != APPLICATION_ID or "fixed_term" not in tables:
            raise self._problem(_("it is not a celiatool ledger"))
        if "celiatool_migrations" in tables:
            recorded = conn.execute("SELECT MAX(version) FROM celiatool_migrations").fetchone()[0]
            version = max(version, int(recorded or 0))
        if version > migrations.LATEST:
            raise self._problem(
                _("it was written by a newer celiatool (schema {found}, this one knows {known}); "
                  "update celiatool").format(found=version, known=migrations.LATEST)
            )  # fmt: skip
        return int(version)

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """Reads never create or change the file; the first write checks it first."""
        if self._conn is not None and (self._writable or not create):
            return self._conn
        exists = self.path.exists()
        if not exists and not create:
            return None
        if exists and self.path.is_dir():
            raise self._problem(_("it is a folder"))
        try:
            conn = self._conn
            suspicious = False
            if conn is None:
                if exists:
                    suspicious = self._header_looks_wrong()
                else:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with contextlib.suppress(FileExistsError):
                        os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                conn = self._open()
            try:
                if suspicious:
                    self._verify(conn)
                version = self._inspect(conn)
                if create:
                    self._prepare_for_writing(conn, version)
            except BaseException:
                conn.close()
                self._conn = None
                raise
        except sqlite3.Error as exc:
            raise self._translate(exc) from None
        except OSError as exc:
            raise self._problem(exc.strerror or str(exc)) from None
        self._conn = conn
        self._writable = create
        return conn

    def _prepare_for_writing(self, conn: sqlite3.Connection, version: int) -> None:
        """Check an existing ledger before the first write, then migrate and use WAL."""
        if version > 0:
            self._verify(conn)
        if version < migrations.LATEST:
            self._migrate(conn)
        elif conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")

    def _migrate(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = self._inspect(conn)  # again, under the write lock
            if version == 0:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(
                    "CREATE TABLE celiatool_migrations (version INTEGER PRIMARY KEY, "
                    "applied_at TEXT NOT NULL)"
                )
            for number in range(version + 1, migrations.LATEST + 1):
                for statement in migrations.SQLITE[number - 1]:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO celiatool_migrations (version, applied_at) VALUES (?, ?)",
                    (number, _now_utc()),
                )
                if number == 1:
                    import uuid

                    conn.execute(
                        "INSERT INTO celiatool_meta (key, value) VALUES ('ledger_id', ?)",
                        (str(uuid.uuid4()),),
                    )
            conn.execute(f"PRAGMA user_version = {migrations.LATEST}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("PRAGMA journal_mode = WAL")

    # -- hooks -----------------------------------------------------------------
    def _reader(self) -> sqlite3.Connection | None:
        return self._connect(create=False)

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return super()._fetch(sql, params)
        except sqlite3.Error as exc:
            raise self._translate(exc) from None

    def iter_entries(self) -> Iterator[Any]:
        try:
            yield from super().iter_entries()
        except sqlite3.Error as exc:
            raise self._translate(exc) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._connect(create=True)
        assert conn is not None
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._translate(exc) from None
        try:
            yield conn
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise self._translate(exc) from None
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._translate(exc) from None

    def _insert_id(self, conn: Any, sql: str, params: Sequence[Any]) -> int:
        cur = conn.execute(sql, params)
        return int(cur.lastrowid)

    def _param(self, value: Any) -> Any:
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat(timespec="seconds")
        if isinstance(value, date):
            return value.isoformat()
        return value

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):  # a driver error the queries did not translate
            raise self._translate(exc) from None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
