"""Shared fixtures: an isolated CELIATOOL_HOME, a pinned language and a CLI runner."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from celiatool import i18n

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from pgtemp import NoServer, PgServer, temporary_server

FIXTURES = Path(__file__).parent / "fixtures"
CLEARED_ENV = (
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "LANGUAGE",
    "NO_COLOR",
    "CELIATOOL_LANG",
    "CELIATOOL_CELIANET_URL",
    "CELIATOOL_DATABASE",
    "BROWSER",
    "PGPASSWORD",
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own home folder, English messages and no colour."""
    home = tmp_path / "home"
    monkeypatch.setenv("CELIATOOL_HOME", str(home))
    for var in CLEARED_ENV:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CELIATOOL_LANG", "en")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    i18n.set_language("en")
    yield home


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


@pytest.fixture
def cli() -> CliCaller:
    return CliCaller()


class CliCaller:
    """`cli("status", "--json")` runs the CLI in-process and separates the streams."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> Run:
        from celiatool.cli.app import app

        result = self.runner.invoke(app, list(args), input=input, env=env)
        return Run(result.exit_code, result.stdout, result.stderr, result.exception)


def celiatool_exe() -> str:
    """The installed `celiatool` script next to the interpreter running the tests."""
    import shutil
    import sys

    candidate = Path(sys.executable).parent / ("celiatool.exe" if os.name == "nt" else "celiatool")
    found = str(candidate) if candidate.exists() else shutil.which("celiatool")
    if not found:
        pytest.skip("the celiatool command is not installed in this environment")
    return found


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """pytest-httpserver listens on the loopback address only, on a free port."""
    return ("127.0.0.1", 0)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A private PostgreSQL server for the test session (or CELIATOOL_TEST_PG_URL's).

    See tools/pgtemp.py: initdb into a temporary folder, a free loopback port,
    password (SCRAM) authentication, stopped and removed at the end.
    """
    from urllib.parse import urlsplit

    external = os.environ.get("CELIATOOL_TEST_PG_URL")
    if external:
        parts = urlsplit(external)
        yield PgServer(parts.hostname or "127.0.0.1", parts.port or 5432, parts.username or "postgres",
                       parts.password or os.environ.get("PGPASSWORD", ""))  # fmt: skip
        return
    try:
        with temporary_server() as server:
            yield server
    except NoServer as exc:
        pytest.skip(str(exc))


@pytest.fixture
def pg_database(pg_server: PgServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new, empty database; its URL names no password (PGPASSWORD holds it)."""
    import uuid

    import psycopg

    name = f"celiatool_test_{uuid.uuid4().hex[:12]}"
    admin = pg_server.url("postgres", password=True)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    monkeypatch.setenv("PGPASSWORD", pg_server.password)
    try:
        yield pg_server.url(name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh, empty ledger location on the backend under test."""
    if backend == "sqlite":
        return str(tmp_path / "ledger.sqlite3")
    return str(request.getfixturevalue("pg_database"))
