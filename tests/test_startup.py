"""Start-up stays light: importing the CLI loads no heavy library (STYLE.md, Start-up)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("httpx", "bs4", "icalendar", "holidays", "rich", "psycopg", "soupsieve")


def _loaded_after(code: str) -> set[str]:
    probe = code + f"\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_cli_loads_no_heavy_library():
    assert _loaded_after("import celiatool.cli.app") == set()


def test_help_loads_no_heavy_library():
    code = (
        "from celiatool.cli.app import run\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert run(['--help']) == 0\n"
    )
    assert _loaded_after(code) == set()
