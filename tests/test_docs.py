"""The documentation keeps up with the code."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _tool():
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", ROOT / "tools" / "gen_cli_docs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_matches_help():
    tool = _tool()
    assert (DOCS / "cli.md").read_text("utf-8") == tool.render(), (
        "docs/cli.md is stale: run python tools/gen_cli_docs.py"
    )


@pytest.mark.parametrize(
    "name",
    [
        "index.md",
        "fi/index.md",
        "exit-codes.md",
        "json.md",
        "privacy.md",
        "automation.md",
        "cli.md",
        "performance.md",
        "status.md",
    ],
)
def test_doc_pages_exist(name):
    assert (DOCS / name).stat().st_size > 200


def test_exit_code_table_matches_code():
    from celiatool.errors import ExitCode

    text = (DOCS / "exit-codes.md").read_text("utf-8")
    for code in ExitCode:
        assert re.search(rf"^\|\s*{int(code)}\s*\|", text, re.MULTILINE), (
            f"exit code {int(code)} undocumented"
        )


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command.strip() in ci
