"""A throwaway PostgreSQL server for the tests and the benchmarks.

    with temporary_server() as server:
        url = server.url("postgres", password=True)

initdb into a temporary folder, start on a free loopback port with password
(SCRAM) authentication, stop and remove it at the end. As root the server runs
as the `postgres` user, since PostgreSQL refuses to run as root. Raises
`NoServer` (with the reason) where PostgreSQL's programs are missing.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class NoServer(RuntimeError):
    """No PostgreSQL server can be started here."""


@dataclass
class PgServer:
    host: str
    port: int
    user: str
    password: str

    def url(self, dbname: str, password: bool = False) -> str:
        auth = f"{self.user}:{self.password}" if password else self.user
        return f"postgresql://{auth}@{self.host}:{self.port}/{dbname}"


def binaries() -> tuple[str, str] | None:
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        initdb, pg_ctl = os.path.join(folder, "initdb"), os.path.join(folder, "pg_ctl")
        if os.path.exists(initdb) and os.path.exists(pg_ctl):
            return initdb, pg_ctl
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    return (initdb, pg_ctl) if initdb and pg_ctl else None


@contextlib.contextmanager
def temporary_server() -> Iterator[PgServer]:
    found = binaries()
    if found is None:
        raise NoServer(
            "no PostgreSQL server: install PostgreSQL (initdb, pg_ctl) or set CELIATOOL_TEST_PG_URL"
        )
    initdb, pg_ctl = found
    prefix: list[str] = []
    owner = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise NoServer(
                "running as root and there is no postgres user to run PostgreSQL as"
            ) from None
        prefix = ["runuser", "-u", "postgres", "--"]
    base = Path(tempfile.mkdtemp(prefix="celiatool-pg-"))
    password = "celia-test-password"
    (base / "pw").write_text(password)
    if owner is not None:
        os.chmod(base, 0o700)
        for path in (base, base / "pw"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data, log = base / "data", base / "server.log"
    try:
        subprocess.run([*prefix, initdb, "-D", str(data), "-U", "celia", "--auth=scram-sha-256",
                        f"--pwfile={base / 'pw'}", "-E", "UTF8", "--no-sync", "--locale=C"],
                       check=True, capture_output=True)  # fmt: skip
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"],
                       check=True, capture_output=True)  # fmt: skip
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] or [""]
        shutil.rmtree(base, ignore_errors=True)
        raise NoServer(f"PostgreSQL did not start: {detail[0]}") from None
    try:
        yield PgServer("127.0.0.1", port, "celia", password)
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)
