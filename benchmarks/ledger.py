"""The fixed-term ledger with 100,000 entries: remind time and memory, import time.

    python benchmarks/ledger.py [--runs N] [--entries N] [--postgres URL | --start-postgres]

Targets (issues 6 and 7), measured in one run:
- `celiatool remind` <= 8x `python -c pass` (wall time, medians);
- its peak memory < 80 MB;
- `celiatool fixed-term import` of 100,000 CSV rows < 5 s;
- with --postgres: `remind` against PostgreSQL over loopback <= 2x the SQLite time.

The data: end dates spread over three years back and two ahead; 99 % of the past
ones marked ended (as a library that uses `done` would have), so `remind` shows a
few hundred overdue entries and the next two weeks.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _timing import PYTHON, exe, median_seconds, report

# The benchmark runs as a Finnish library computer would: in Finnish time, today.
os.environ["TZ"] = "Europe/Helsinki"
time.tzset()
TODAY = date.today()


def make_csv(path: Path, n: int) -> None:
    rng = random.Random(42)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("customer,ends_on,note,ended_on\n")
        for i in range(n):
            ends = TODAY + timedelta(days=rng.randint(-3 * 365, 2 * 365))
            ended = ""
            if ends < TODAY - timedelta(days=7) and rng.random() < 0.99:
                ended = (ends + timedelta(days=rng.randint(0, 7))).isoformat()
            note = "muuttaa paikkakunnalta" if i % 7 == 0 else ""
            fh.write(f"kortti {1000000 + i},{ends.isoformat()},{note},{ended}\n")


def peak_rss_mb(cmd: list[str], env: dict[str, str]) -> float:
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([PYTHON, "-c", probe, *cmd], capture_output=True, text=True,
                         env=dict(os.environ, **env), check=True)  # fmt: skip
    return int(out.stdout.strip()) / 1024


def timed_once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, **env))
    took = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{run.stderr}")
    return took


def core_times(sqlite_path: str, pg_url: str, runs: int) -> tuple[float, float]:
    """The ledger work of `remind` alone (connect, query, group), in this process."""
    import statistics

    from celiatool.ledger.open import open_ledger
    from celiatool.remind import reminders

    open_ledger(pg_url).close()  # import psycopg outside the timing
    result = []
    for location in (sqlite_path, pg_url):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            with open_ledger(location) as ledger:
                reminders(ledger, TODAY, 14)
            times.append(time.perf_counter() - start)
        result.append(statistics.median(times))
    return result[0], result[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument(
        "--postgres", metavar="URL", help="also measure this (empty) PostgreSQL database"
    )
    parser.add_argument(
        "--start-postgres", action="store_true", help="start a throwaway PostgreSQL server for that"
    )
    args = parser.parse_args()
    if args.start_postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
        from pgtemp import temporary_server

        with temporary_server() as server:
            os.environ["PGPASSWORD"] = server.password
            args.postgres = server.url("postgres")
            return run(args)
    return run(args)


def run(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="celiatool-bench-"))
    csv_path = work / "entries.csv"
    make_csv(csv_path, args.entries)
    cli = exe()
    sqlite_path = str(work / "ledger.sqlite3")
    env = {"CELIATOOL_HOME": str(work / "home"), "CELIATOOL_LANG": "en", "TZ": "Europe/Helsinki",
           "CELIATOOL_DATABASE": sqlite_path}  # fmt: skip
    import_s = timed_once([cli, "fixed-term", "import", str(csv_path)], env)
    bare = median_seconds([PYTHON, "-c", "pass"], args.runs, env)
    remind = median_seconds([cli, "remind"], args.runs, env)
    remind_json = median_seconds([cli, "remind", "--json"], args.runs, env)
    rss = peak_rss_mb([cli, "remind"], env)
    ok = report(
        [
            ("python -c pass", bare, 1.0, None),
            (f"celiatool remind ({args.entries:,} entries, SQLite)", remind, remind / bare, 8.0),
            ("celiatool remind --json (SQLite)", remind_json, remind_json / bare, 8.0),
        ]
    )
    print(f"peak memory of remind: {rss:.1f} MB (target < 80 MB) {'ok' if rss < 80 else 'MISSED'}")
    verdict = "ok" if import_s < 5 else "MISSED"
    print(f"import of {args.entries:,} CSV rows: {import_s:.2f} s (target < 5 s) {verdict}")
    ok = ok and rss < 80 and import_s < 5
    if args.postgres:
        pg_env = dict(env, CELIATOOL_DATABASE=args.postgres)
        pg_import = timed_once([cli, "fixed-term", "import", str(csv_path)], pg_env)
        pg_remind = median_seconds([cli, "remind"], args.runs, pg_env)
        sqlite_again = median_seconds([cli, "remind"], args.runs, env)
        psycopg_import = median_seconds([PYTHON, "-c", "import psycopg"], args.runs, env)
        core_sqlite, core_pg = core_times(sqlite_path, args.postgres, args.runs)
        print(f"import of {args.entries:,} CSV rows into PostgreSQL: {pg_import:.2f} s")
        ok = (
            report(
                [
                    ("celiatool remind (SQLite)", sqlite_again, 1.0, None),
                    (
                        "celiatool remind (PostgreSQL, loopback)",
                        pg_remind,
                        pg_remind / sqlite_again,
                        2.0,
                    ),
                    (
                        "python -c 'import psycopg' (for reference)",
                        psycopg_import,
                        psycopg_import / sqlite_again,
                        None,
                    ),
                    ("remind's ledger work in-process (SQLite)", core_sqlite, 1.0, None),
                    (
                        "remind's ledger work in-process (PostgreSQL)",
                        core_pg,
                        core_pg / core_sqlite,
                        2.0,
                    ),
                ]
            )
            and ok
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
