"""The command-line layer: parse options, call one core function, render, map errors.

`main()` answers `--version` without importing Typer (start-up speed, see
docs/performance.md) and otherwise hands over to the Typer app in `app.py`.
"""

from __future__ import annotations

import sys

GLOBAL_FLAGS = ("--debug", "--no-color")


def _wants_version(argv: list[str]) -> bool:
    """True when `--version` stands among the global options, before any command."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--version":
            return True
        if arg in GLOBAL_FLAGS or arg.startswith("--lang="):
            i += 1
        elif arg == "--lang":
            i += 2
        else:
            return False
    return False


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if _wants_version(args):
        from celiatool import __version__

        sys.stdout.write(f"celiatool {__version__}\n")
        sys.exit(0)
    from celiatool.cli.app import run

    _exit_now(run(args))


def _exit_now(code: int) -> None:
    """Flush the streams and end the process without the interpreter's teardown.

    Tearing down the ~200 modules that Typer and httpx load takes about 18 ms, a
    sixth of a whole `status` check (docs/performance.md). Nothing celiatool holds
    needs it: files are written atomically and closed, database transactions are
    committed and connections closed before a command returns.
    """
    import contextlib
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (celiatool … | head)
            stream.flush()
    os._exit(code)
