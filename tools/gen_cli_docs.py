"""Write docs/cli.md from the `--help` texts (English, 80 columns).

    python tools/gen_cli_docs.py          # rewrite docs/cli.md
    python tools/gen_cli_docs.py --check  # exit 1 when docs/cli.md is stale

tests/test_docs.py runs the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "cli.md"


def _commands(command, path):
    yield path
    if hasattr(command, "list_commands"):
        for name in command.list_commands(None):
            sub = command.get_command(None, name)
            if sub is not None and not getattr(sub, "hidden", False):
                yield from _commands(sub, [*path, name])


def render() -> str:
    import typer
    from typer.testing import CliRunner

    from celiatool.cli.app import app

    runner = CliRunner()
    env = {"COLUMNS": "80", "CELIATOOL_LANG": "en", "NO_COLOR": "1"}
    root = typer.main.get_command(app)
    parts = [
        "# Command reference\n",
        "Generated from the `--help` texts by `python tools/gen_cli_docs.py`; do not edit by hand.",
        "The help is also available in Finnish and Swedish: `celiatool --lang sv status --help`.\n",
    ]
    for path in _commands(root, []):
        result = runner.invoke(app, ["--lang", "en", *path, "--help"], env=env)
        title = " ".join(["celiatool", *path])
        parts.append(f"## `{title}`\n\n```text\n{result.stdout.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if TARGET.exists() and TARGET.read_text("utf-8") == text else 1)
    TARGET.write_text(text, "utf-8")
