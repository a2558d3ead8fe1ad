"""The storage interface of the ledger, with the SQL both homes share.

`SqlLedger` holds every query; `sqlite.SQLiteLedger` and `postgres.PostgresLedger`
only connect, migrate, start transactions and translate their driver's errors.
Queries are written with `%s` placeholders (SQLite's `?` is substituted).

Every change bumps the entry's `version`. A write names the version it is based
on, and `UPDATE … WHERE id = %s AND version = %s` refuses it when someone else
changed the entry meanwhile (`ConcurrentChange`, exit 4): no lost updates.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from celiatool.errors import InvalidInput, LocalDataError
from celiatool.i18n import _

if TYPE_CHECKING:
    from celiatool.ledger.model import FixedTermEntry

COLUMNS = (
    "id, customer, ends_on, note, created_at, created_by, updated_at, updated_by, "
    "ended_on, ended_by, version"
)


class ConcurrentChange(LocalDataError):
    """Someone else changed the entry since it was read."""


class DueItem:
    """What `remind` shows of an entry: no more is read."""

    __slots__ = ("customer", "ends_on", "id", "note")

    def __init__(self, id: int, customer: str, ends_on: date, note: str) -> None:
        self.id, self.customer, self.ends_on, self.note = id, customer, ends_on, note

    def __repr__(self) -> str:
        return f"DueItem({self.id!r}, {self.customer!r}, {self.ends_on!r}, {self.note!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DueItem) and (self.id, self.customer, self.ends_on, self.note) == (
            other.id,
            other.customer,
            other.ends_on,
            other.note,
        )

    def days_left(self, today: date) -> int:
        return (self.ends_on - today).days

    @property
    def active(self) -> bool:
        return True


class NewEntry:
    """An entry to add. The who-and-when fields are kept when an entry moves between
    homes (`fixed-term copy`); otherwise the writer and the time of writing are used.
    (A plain class: a dataclass would cost `remind` a millisecond at import.)"""

    __slots__ = ("created_at", "created_by", "customer", "ended_by", "ended_on", "ends_on",
                 "note", "updated_at", "updated_by")  # fmt: skip

    def __init__(
        self, customer: str, ends_on: date, note: str = "", ended_on: date | None = None,
        created_at: datetime | None = None, created_by: str | None = None,
        updated_at: datetime | None = None, updated_by: str | None = None,
        ended_by: str | None = None,
    ) -> None:  # fmt: skip
        self.customer, self.ends_on, self.note, self.ended_on = customer, ends_on, note, ended_on
        self.created_at, self.created_by = created_at, created_by
        self.updated_at, self.updated_by, self.ended_by = updated_at, updated_by, ended_by

    def __repr__(self) -> str:
        return f"NewEntry({self.customer!r}, {self.ends_on!r})"

    @classmethod
    def copy_of(cls, entry: FixedTermEntry) -> NewEntry:
        return cls(
            entry.customer, entry.ends_on, entry.note, entry.ended_on, entry.created_at,
            entry.created_by, entry.updated_at, entry.updated_by, entry.ended_by,
        )  # fmt: skip


def _as_date(value: Any) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value))


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def row_to_entry(row: Sequence[Any]) -> FixedTermEntry:
    from celiatool.ledger.model import FixedTermEntry

    ends_on = _as_date(row[2])
    assert ends_on is not None
    return FixedTermEntry(
        id=int(row[0]),
        customer=row[1],
        ends_on=ends_on,
        note=row[3] or "",
        created_at=_as_datetime(row[4]),
        created_by=row[5],
        updated_at=_as_datetime(row[6]),
        updated_by=row[7],
        ended_on=_as_date(row[8]),
        ended_by=row[9],
        version=int(row[10]),
    )


def unknown_id(entry_id: int) -> InvalidInput:
    return InvalidInput(
        _(
            "There is no entry with id {id}. See the ids with: celiatool fixed-term list --all"
        ).format(id=entry_id)
    )


class Ledger(abc.ABC):
    """What the commands need from a ledger, whatever its home."""

    location: str

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close()

    @abc.abstractmethod
    def close(self) -> None: ...

    @abc.abstractmethod
    def get(self, entry_id: int) -> FixedTermEntry: ...

    @abc.abstractmethod
    def entries(self, include_ended: bool = False) -> list[FixedTermEntry]: ...

    @abc.abstractmethod
    def iter_entries(self) -> Iterator[FixedTermEntry]: ...

    @abc.abstractmethod
    def due(self, until: date) -> list[DueItem]: ...

    @abc.abstractmethod
    def active_entries(self) -> list[FixedTermEntry]: ...

    @abc.abstractmethod
    def existing_pairs(self, pairs: Iterable[tuple[str, date]]) -> set[tuple[str, date]]: ...

    @abc.abstractmethod
    def add(self, entry: NewEntry, by: str, now: datetime) -> FixedTermEntry: ...

    @abc.abstractmethod
    def add_many(self, entries: Sequence[NewEntry], by: str, now: datetime,
                 progress: Any = None) -> int: ...  # fmt: skip

    @abc.abstractmethod
    def update(self, entry_id: int, by: str, now: datetime, *, customer: str | None = None,
               ends_on: date | None = None, note: str | None = None,
               expect_version: int | None = None) -> FixedTermEntry: ...  # fmt: skip

    @abc.abstractmethod
    def set_ended(self, entry_id: int, ended_on: date | None, by: str, now: datetime,
                  expect_version: int | None = None) -> FixedTermEntry: ...  # fmt: skip

    @abc.abstractmethod
    def remove(self, entry_id: int) -> FixedTermEntry: ...

    @abc.abstractmethod
    def purge(self, ended_before: date) -> int: ...

    @abc.abstractmethod
    def count(self) -> int: ...

    @abc.abstractmethod
    def count_ended_before(self, day: date) -> int: ...

    @abc.abstractmethod
    def ledger_id(self) -> str: ...


class SqlLedger(Ledger):
    """The shared SQL. Subclasses provide the connection and transactions."""

    placeholder = "%s"

    # -- hooks -------------------------------------------------------------
    @abc.abstractmethod
    def _reader(self) -> Any:
        """A connection for reading, or None when the ledger does not exist yet."""

    @abc.abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """A connection inside one write transaction (created on first write)."""

    @abc.abstractmethod
    def _insert_id(self, conn: Any, sql: str, params: Sequence[Any]) -> int: ...

    def _param(self, value: Any) -> Any:
        return value

    # -- helpers -----------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "%s" else sql.replace("%s", self.placeholder)

    def _params(self, params: Sequence[Any]) -> list[Any]:
        return [self._param(p) for p in params]

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        conn = self._reader()
        if conn is None:
            return []
        cur = conn.execute(self._sql(sql), self._params(params))
        return list(cur.fetchall())

    def _one(self, conn: Any, entry_id: int) -> FixedTermEntry:
        cur = conn.execute(
            self._sql(f"SELECT {COLUMNS} FROM fixed_term WHERE id = %s"), self._params([entry_id])
        )
        row = cur.fetchone()
        if row is None:
            raise unknown_id(entry_id)
        return row_to_entry(row)

    def _check_version(self, current: FixedTermEntry, expect_version: int | None) -> None:
        if expect_version is not None and current.version != expect_version:
            raise self._changed(current)

    @staticmethod
    def _changed(current: FixedTermEntry) -> ConcurrentChange:
        return ConcurrentChange(
            _(
                "Entry {id} was changed by {name} at {time} after you read it; "
                "show it (celiatool fixed-term show {id}) and try again."
            ).format(
                id=current.id,
                name=current.updated_by,
                time=current.updated_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            )
        )

    def _update_row(self, conn: Any, current: FixedTermEntry, sets: dict[str, Any],
                    by: str, now: datetime) -> FixedTermEntry:  # fmt: skip
        assignments = ", ".join(f"{column} = %s" for column in sets)
        sql = (
            f"UPDATE fixed_term SET {assignments}, updated_at = %s, updated_by = %s, "
            "version = version + 1 WHERE id = %s AND version = %s"
        )
        params = [*sets.values(), now, by, current.id, current.version]
        cur = conn.execute(self._sql(sql), self._params(params))
        if cur.rowcount != 1:
            raise self._changed(self._one(conn, current.id))
        return self._one(conn, current.id)

    # -- reads -------------------------------------------------------------
    def get(self, entry_id: int) -> FixedTermEntry:
        rows = self._fetch(f"SELECT {COLUMNS} FROM fixed_term WHERE id = %s", [entry_id])
        if not rows:
            raise unknown_id(entry_id)
        return row_to_entry(rows[0])

    def entries(self, include_ended: bool = False) -> list[FixedTermEntry]:
        where = "" if include_ended else "WHERE ended_on IS NULL "
        sql = f"SELECT {COLUMNS} FROM fixed_term {where}ORDER BY ends_on, id"
        return [row_to_entry(r) for r in self._fetch(sql)]

    def iter_entries(self) -> Iterator[FixedTermEntry]:
        conn = self._reader()
        if conn is None:
            return
        cur = conn.execute(f"SELECT {COLUMNS} FROM fixed_term ORDER BY id")
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                break
            for row in rows:
                yield row_to_entry(row)

    def due(self, until: date) -> list[DueItem]:
        """Active entries ending on or before `until`, from the covering partial index."""
        sql = (
            "SELECT id, customer, ends_on, note FROM fixed_term "
            "WHERE ended_on IS NULL AND ends_on <= %s ORDER BY ends_on, id"
        )
        return [
            DueItem(int(r[0]), r[1], _as_date(r[2]), r[3] or "")  # type: ignore[arg-type]
            for r in self._fetch(sql, [until])
        ]

    def active_entries(self) -> list[FixedTermEntry]:
        return self.entries(include_ended=False)

    def existing_pairs(self, pairs: Iterable[tuple[str, date]]) -> set[tuple[str, date]]:
        wanted = set(pairs)
        if not wanted:
            return set()
        found: set[tuple[str, date]] = set()
        conn = self._reader()
        if conn is None:
            return found
        cur = conn.execute("SELECT customer, ends_on FROM fixed_term")
        while True:
            rows = cur.fetchmany(5000)
            if not rows:
                break
            for customer, ends_on in rows:
                key = (customer, _as_date(ends_on))
                if key in wanted:
                    found.add(key)  # type: ignore[arg-type]
        return found

    def count(self) -> int:
        rows = self._fetch("SELECT COUNT(*) FROM fixed_term")
        return int(rows[0][0]) if rows else 0

    def count_ended_before(self, day: date) -> int:
        rows = self._fetch(
            "SELECT COUNT(*) FROM fixed_term WHERE ended_on IS NOT NULL AND ended_on < %s", [day]
        )
        return int(rows[0][0]) if rows else 0

    # -- writes ------------------------------------------------------------
    _INSERT = (
        "INSERT INTO fixed_term (customer, ends_on, note, created_at, created_by, "
        "updated_at, updated_by, ended_on, ended_by, version) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, 1)"
    )

    def _insert_params(self, entry: NewEntry, by: str, now: datetime) -> list[Any]:
        ended_by = (entry.ended_by or by) if entry.ended_on else None
        return self._params(
            [
                entry.customer, entry.ends_on, entry.note, entry.created_at or now,
                entry.created_by or by, entry.updated_at or now, entry.updated_by or by,
                entry.ended_on, ended_by,
            ]
        )  # fmt: skip

    def add(self, entry: NewEntry, by: str, now: datetime) -> FixedTermEntry:
        with self._transaction() as conn:
            new_id = self._insert_id(
                conn, self._sql(self._INSERT), self._insert_params(entry, by, now)
            )
            return self._one(conn, new_id)

    def add_many(self, entries: Sequence[NewEntry], by: str, now: datetime,
                 progress: Any = None) -> int:  # fmt: skip
        """All in one transaction: every entry is added, or none."""
        sql = self._sql(self._INSERT)
        with self._transaction() as conn:
            for start in range(0, len(entries), 1000):
                chunk = entries[start : start + 1000]
                self._executemany(conn, sql, [self._insert_params(e, by, now) for e in chunk])
                if progress:
                    progress(len(chunk))
        return len(entries)

    def _executemany(self, conn: Any, sql: str, rows: list[list[Any]]) -> None:
        conn.executemany(sql, rows)

    def update(self, entry_id: int, by: str, now: datetime, *, customer: str | None = None,
               ends_on: date | None = None, note: str | None = None,
               expect_version: int | None = None) -> FixedTermEntry:  # fmt: skip
        sets: dict[str, Any] = {}
        if customer is not None:
            sets["customer"] = customer
        if ends_on is not None:
            sets["ends_on"] = ends_on
        if note is not None:
            sets["note"] = note
        with self._transaction() as conn:
            current = self._one(conn, entry_id)
            self._check_version(current, expect_version)
            return self._update_row(conn, current, sets, by, now)

    def set_ended(self, entry_id: int, ended_on: date | None, by: str, now: datetime,
                  expect_version: int | None = None) -> FixedTermEntry:  # fmt: skip
        with self._transaction() as conn:
            current = self._one(conn, entry_id)
            self._check_version(current, expect_version)
            sets = {"ended_on": ended_on, "ended_by": by if ended_on else None}
            return self._update_row(conn, current, sets, by, now)

    def remove(self, entry_id: int) -> FixedTermEntry:
        with self._transaction() as conn:
            current = self._one(conn, entry_id)
            conn.execute(
                self._sql("DELETE FROM fixed_term WHERE id = %s"), self._params([entry_id])
            )
            return current

    def purge(self, ended_before: date) -> int:
        with self._transaction() as conn:
            cur = conn.execute(
                self._sql("DELETE FROM fixed_term WHERE ended_on IS NOT NULL AND ended_on < %s"),
                self._params([ended_before]),
            )
            return int(cur.rowcount)

    def ledger_id(self) -> str:
        rows = self._fetch("SELECT value FROM celiatool_meta WHERE key = 'ledger_id'")
        if rows:
            return str(rows[0][0])
        with self._transaction() as conn:
            cur = conn.execute("SELECT value FROM celiatool_meta WHERE key = 'ledger_id'")
            row = cur.fetchone()
            return str(row[0])
