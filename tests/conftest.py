"""Shared fixtures: an isolated CELIATOOL_HOME, a pinned language and a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from celiatool import i18n

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


@dataclass
class PgServer:
    host: str
    port: int
    user: str
    password: str

    def url(self, dbname: str, password: bool = False) -> str:
        auth = f"{self.user}:{self.password}" if password else self.user
        return f"postgresql://{auth}@{self.host}:{self.port}/{dbname}"


def _pg_binaries() -> tuple[str, str] | None:
    import glob
    import shutil

    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        initdb, pg_ctl = os.path.join(folder, "initdb"), os.path.join(folder, "pg_ctl")
        if os.path.exists(initdb) and os.path.exists(pg_ctl):
            return initdb, pg_ctl
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    return (initdb, pg_ctl) if initdb and pg_ctl else None


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A private PostgreSQL server for the test session (or CELIATOOL_TEST_PG_URL's).

    initdb into a temporary folder, started on a free loopback port with password
    (SCRAM) authentication, stopped and removed at the end. As root the server runs
    as the `postgres` user, since PostgreSQL refuses to run as root.
    """
    import shutil
    import socket
    import subprocess
    import tempfile
    from urllib.parse import urlsplit

    external = os.environ.get("CELIATOOL_TEST_PG_URL")
    if external:
        parts = urlsplit(external)
        yield PgServer(parts.hostname or "127.0.0.1", parts.port or 5432, parts.username or "postgres",
                       parts.password or os.environ.get("PGPASSWORD", ""))  # fmt: skip
        return
    binaries = _pg_binaries()
    if binaries is None:
        pytest.skip(
            "no PostgreSQL server: install PostgreSQL (initdb, pg_ctl) or set CELIATOOL_TEST_PG_URL"
        )
    initdb, pg_ctl = binaries
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run PostgreSQL as")
        prefix = ["runuser", "-u", "postgres", "--"]
    base = Path(tempfile.mkdtemp(prefix="celiatool-pg-"))
    password = "celia-test-password"
    (base / "pw").write_text(password)
    if prefix:
        os.chmod(base, 0o700)
        for path in (base, base / "pw"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data, log = base / "data", base / "server.log"
    subprocess.run([*prefix, initdb, "-D", str(data), "-U", "celia", "--auth=scram-sha-256",
                    f"--pwfile={base / 'pw'}", "-E", "UTF8", "--no-sync", "--locale=C"],
                   check=True, capture_output=True)  # fmt: skip
    options = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    )
    subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"],
                   check=True, capture_output=True)  # fmt: skip
    try:
        yield PgServer("127.0.0.1", port, "celia", password)
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)


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
