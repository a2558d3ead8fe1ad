"""Start-up time of celiatool, as ratios to bare Python measured in the same run.

    python benchmarks/startup.py [--runs N]

Targets (issue 2): `celiatool --version` <= 5x and `celiatool --help` <= 10x
`python -c pass`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from _timing import PYTHON, exe, median_seconds, report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    home = tempfile.mkdtemp(prefix="celiatool-bench-")
    env = {"CELIATOOL_HOME": home, "CELIATOOL_LANG": "en"}
    cli = exe()
    base = median_seconds([PYTHON, "-c", "pass"], runs, env)
    version = median_seconds([cli, "--version"], runs, env)
    helptext = median_seconds([cli, "--help"], runs, env)
    typer_only = median_seconds([PYTHON, "-c", "import typer"], runs, env)
    ok = report(
        [
            ("python -c pass", base, 1.0, None),
            ("python -c 'import typer' (for reference)", typer_only, typer_only / base, None),
            ("celiatool --version", version, version / base, 5.0),
            ("celiatool --help", helptext, helptext / base, 10.0),
        ]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
