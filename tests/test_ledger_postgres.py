"""The shared ledger on PostgreSQL: connection problems, copying between homes, no password kept."""

from __future__ import annotations

import json
import socket
import sys

import pytest

pytestmark = pytest.mark.postgres


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_schema_created_on_first_use_with_migrations(cli, pg_database):
    import psycopg

    from celiatool.ledger import migrations

    assert cli("fixed-term", "list", "--database", pg_database).exit_code == 0
    import os

    with psycopg.connect(pg_database, password=os.environ["PGPASSWORD"]) as conn:
        versions = [
            r[0] for r in conn.execute("SELECT version FROM celiatool_migrations ORDER BY 1")
        ]
        assert versions == list(range(1, migrations.LATEST + 1))
        indexes = [
            r[0]
            for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'fixed_term'")
        ]
        assert "fixed_term_active_by_end" in indexes


def test_wrong_port(cli, pg_server, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", pg_server.password)
    url = f"postgresql://{pg_server.user}@127.0.0.1:{free_port()}/postgres"
    run = cli("fixed-term", "list", "--database", url)
    assert run.exit_code == 4 and "cannot be reached" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_wrong_password(cli, pg_database, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "not-the-password")
    run = cli("remind", "--database", pg_database)
    assert run.exit_code == 4 and "refused the login" in run.stderr
    assert "not-the-password" not in run.stderr


def test_missing_database(cli, pg_server, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", pg_server.password)
    run = cli("fixed-term", "add", "k", "--ends", "+1m", "--database", pg_server.url("no_such_db"))
    assert run.exit_code == 4 and "no such database" in run.stderr


def test_password_in_url_is_hidden_in_messages(cli, pg_server):
    url = f"postgresql://{pg_server.user}:secret-pw@127.0.0.1:{free_port()}/postgres"
    run = cli("fixed-term", "list", "--database", url)
    assert run.exit_code == 4 and "secret-pw" not in run.stderr and "***" in run.stderr


def test_config_never_stores_a_password(cli, pg_server):
    run = cli("config", "set", "database", f"postgresql://{pg_server.user}:pw@127.0.0.1:5432/celia")
    assert run.exit_code == 2 and "PGPASSWORD" in run.stderr
    assert cli("config", "set", "database", pg_server.url("celia")).exit_code == 0
    assert "pw@" not in cli("config", "show").stdout


def test_without_psycopg_is_exit_2(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    run = cli("fixed-term", "list", "--database", "postgresql://celia@127.0.0.1:5432/celia")
    assert run.exit_code == 2 and "pip install 'celiatool[postgres]'" in run.stderr


def test_copy_sqlite_to_postgres_and_back(cli, pg_database, tmp_path, monkeypatch):
    local = str(tmp_path / "local.sqlite3")
    monkeypatch.setenv("CELIATOOL_DATABASE", local)
    cli("config", "set", "name", "Maija")
    cli("fixed-term", "add", "kortti 1", "--ends", "2026-12-31", "--note", "a")
    cli("fixed-term", "add", "kortti 2", "--ends", "2027-01-31")
    cli("fixed-term", "done", "2", "--on", "2026-11-01")
    run = cli("fixed-term", "copy", "--to", pg_database)
    assert run.exit_code == 0 and "Copied 2" in run.stderr
    shared = json.loads(
        cli("fixed-term", "list", "--all", "--json", "--database", pg_database).stdout
    )
    assert [(e["customer"], e["ends_on"], e["ended_on"], e["created_by"]) for e in shared] == [
        ("kortti 1", "2026-12-31", None, "Maija"),
        ("kortti 2", "2027-01-31", "2026-11-01", "Maija"),
    ]
    again = cli("fixed-term", "copy", "--to", pg_database)
    assert again.exit_code == 0 and "Copied 0" in again.stderr and "already in" in again.stderr
    back = str(tmp_path / "back.sqlite3")
    cli("fixed-term", "add", "kortti 3", "--ends", "2027-02-01", "--database", pg_database)
    assert cli("fixed-term", "copy", "--database", pg_database, "--to", back).exit_code == 0
    assert (
        len(json.loads(cli("fixed-term", "list", "--all", "--json", "--database", back).stdout))
        == 3
    )


def test_same_output_on_both_backends(cli, pg_database, tmp_path, monkeypatch):
    monkeypatch.setenv("CELIATOOL_NOW", "2026-11-28T09:00")
    local = str(tmp_path / "same.sqlite3")
    outputs = []
    for where in (local, pg_database):
        cli("fixed-term", "add", "kortti 1", "--ends", "2026-11-20", "--database", where)
        cli(
            "fixed-term",
            "add",
            "kortti 2",
            "--ends",
            "2026-12-01",
            "--note",
            "huom",
            "--database",
            where,
        )
        runs = [
            cli("remind", "--json", "--database", where),
            cli("remind", "--database", where),
            cli("fixed-term", "list", "--database", where),
            cli("fixed-term", "list", "--csv", "--database", where),
        ]
        outputs.append(
            [
                (r.exit_code, r.stdout if i < 3 else r.stdout.split("\n")[0])
                for i, r in enumerate(runs)
            ]
        )
    assert outputs[0] == outputs[1]


def test_connect_timeout_from_url(cli, monkeypatch):
    """A server that accepts the connection but never answers: exit 4 after the timeout."""
    import time

    monkeypatch.setenv("PGPASSWORD", "x")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        port = silent.getsockname()[1]
        started = time.monotonic()
        run = cli(
            "fixed-term",
            "list",
            "--database",
            f"postgresql://celia@127.0.0.1:{port}/celia?connect_timeout=2",
        )
        took = time.monotonic() - started
    assert run.exit_code == 4 and "did not answer within 2 s" in run.stderr
    assert took < 2 + 3
