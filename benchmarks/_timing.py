"""Shared helpers: time whole commands in one run, print medians and ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

PYTHON = sys.executable
BIN = Path(PYTHON).parent


def exe(name: str = "celiatool") -> str:
    """The installed command, with the package byte-compiled as `pip install .` leaves it.

    An editable install under PYTHONDONTWRITEBYTECODE=1 (set on some machines) would
    otherwise compile every module from source on every run and measure that instead.
    """
    path = BIN / name
    if not path.exists():
        sys.exit(f"{path} not found: install the project first (see README)")
    subprocess.run(
        [PYTHON, "-c", "import compileall, celiatool, os; "
         "compileall.compile_dir(os.path.dirname(celiatool.__file__), quiet=1)"],
        check=True,
    )  # fmt: skip
    return str(path)


def median_seconds(cmd: Sequence[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of a command; one warm-up run is not counted."""
    full_env = dict(os.environ, **(env or {}))
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=full_env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=full_env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(rows: list[tuple[str, float, float, float | None]]) -> bool:
    """rows: (label, seconds, ratio, target ratio or None). Returns True when all targets hold."""
    ok = True
    print(f"{'measure':<52} {'median':>9} {'ratio':>7} {'target':>8}")
    for label, seconds, ratio, target in rows:
        flag = ""
        if target is not None:
            flag = "ok" if ratio <= target else "MISSED"
            ok = ok and ratio <= target
        goal = f"<= {target:.1f}x" if target else ""
        print(f"{label:<52} {seconds * 1000:8.1f}ms {ratio:6.2f}x {goal:>8} {flag}")
    return ok
