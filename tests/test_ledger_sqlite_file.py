"""The SQLite file: created on first write (0600), WAL, migrations, refusal of bad files."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, date, datetime

import pytest

from celiatool.errors import LocalDataError
from celiatool.ledger import migrations
from celiatool.ledger.sqlite import APPLICATION_ID, SQLiteLedger
from celiatool.ledger.store import NewEntry

NOW = datetime(2026, 11, 28, tzinfo=UTC)


def test_created_on_first_write_private_and_wal(tmp_path, cli, isolated):
    path = isolated / "data" / "ledger.sqlite3"
    assert cli("fixed-term", "list").exit_code == 0
    assert cli("remind").exit_code == 0
    assert not path.exists()
    assert cli("fixed-term", "add", "kortti 1", "--ends", "+1m").exit_code == 0
    assert path.exists()
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert [r[0] for r in conn.execute("SELECT version FROM celiatool_migrations")] == list(
        range(1, migrations.LATEST + 1)
    )
    indexes = {r[1] for r in conn.execute("PRAGMA index_list(fixed_term)")}
    assert "fixed_term_active_by_end" in indexes


def test_database_location_flag_env_config(tmp_path, cli, monkeypatch):
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    cli("config", "set", "database", str(c))
    cli("fixed-term", "add", "in c", "--ends", "+1m")
    monkeypatch.setenv("CELIATOOL_DATABASE", str(b))
    cli("fixed-term", "add", "in b", "--ends", "+1m")
    cli("fixed-term", "add", "in a", "--ends", "+1m", "--database", str(a))
    for path, name in ((a, "in a"), (b, "in b"), (c, "in c")):
        rows = json.loads(cli("fixed-term", "list", "--json", "--database", str(path)).stdout)
        assert [r["customer"] for r in rows] == [name]


def _bad_files(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_bytes(b"This is not a database at all.\n" * 100)
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE books (title TEXT)")
    conn.execute("INSERT INTO books VALUES ('Seitsemän veljestä')")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.sqlite3"
    with SQLiteLedger(newer) as ledger:
        ledger.add(NewEntry("x", date(2027, 1, 1)), "M", NOW)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.commit()
    conn.close()
    corrupt = tmp_path / "corrupt.sqlite3"
    with SQLiteLedger(corrupt) as ledger:
        ledger.add_many([NewEntry(f"kortti {i}", date(2027, 1, 1)) for i in range(3000)], "M", NOW)
    conn = sqlite3.connect(corrupt)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(corrupt.read_bytes())
    for offset in range(4096 * 3, len(data), 4096 * 2):  # scribble over pages after the first
        data[offset : offset + 200] = b"\xde\xad\xbe\xef" * 50
    corrupt.write_bytes(bytes(data))
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(bytes(data[: len(data) // 3]))
    return {
        "text": text,
        "foreign": foreign,
        "newer": newer,
        "corrupt": corrupt,
        "truncated": truncated,
    }


@pytest.mark.parametrize("kind", ["text", "foreign", "newer", "corrupt", "truncated"])
@pytest.mark.parametrize(
    "command",
    [
        ("fixed-term", "list"),
        ("fixed-term", "add", "kortti", "--ends", "+1m"),
        ("remind", "--within", "400"),
        ("fixed-term", "import", "-"),
    ],
)
def test_bad_files_are_exit_4_and_untouched(tmp_path, cli, kind, command):
    path = _bad_files(tmp_path)[kind]
    before = path.read_bytes()
    siblings = sorted(p.name for p in tmp_path.iterdir())
    run = cli(*command, "--database", str(path), input="customer,ends_on\nk,2027-01-01\n")
    assert run.exit_code == 4, run.stderr
    assert str(path) in run.stderr and "has not changed it" in run.stderr
    assert "Traceback" not in run.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings


def test_newer_file_says_update(tmp_path, cli):
    path = _bad_files(tmp_path)["newer"]
    run = cli("fixed-term", "list", "--database", str(path))
    assert "newer celiatool" in run.stderr


def test_newer_migration_recorded_in_the_table_is_refused(tmp_path, cli):
    path = tmp_path / "ledger.sqlite3"
    assert cli("fixed-term", "add", "k", "--ends", "+1m", "--database", str(path)).exit_code == 0
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO celiatool_migrations VALUES (?, '2030-01-01')", (migrations.LATEST + 1,)
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    run = cli("fixed-term", "add", "k2", "--ends", "+1m", "--database", str(path))
    assert run.exit_code == 4 and "newer celiatool" in run.stderr
    assert path.read_bytes() == before


def test_empty_file_is_initialised(tmp_path, cli):
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    assert cli("fixed-term", "add", "k", "--ends", "+1m", "--database", str(path)).exit_code == 0


def test_locked_database_is_exit_4(tmp_path, monkeypatch):
    path = tmp_path / "ledger.sqlite3"
    with SQLiteLedger(path) as ledger:
        ledger.add(NewEntry("x", date(2027, 1, 1)), "M", NOW)
    monkeypatch.setattr("celiatool.ledger.sqlite.BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with SQLiteLedger(path) as ledger, pytest.raises(LocalDataError, match="locked"):
            ledger.add(NewEntry("y", date(2027, 1, 1)), "M", NOW)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_truncated_file_is_caught_even_by_a_narrow_read(tmp_path, cli):
    path = _bad_files(tmp_path)["truncated"]
    before = path.read_bytes()
    run = cli("remind", "--database", str(path))
    assert run.exit_code == 4 and path.read_bytes() == before
