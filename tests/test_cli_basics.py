"""Global behaviour: help, version, languages of help, exit codes of every kind."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tests.conftest import celiatool_exe

from celiatool import __version__, config
from celiatool.errors import ExitCode


def test_no_arguments_prints_help_and_exits_0(cli):
    run = cli()
    assert run.exit_code == 0
    assert "Usage: celiatool" in run.stdout
    assert "status" in run.stdout and "config" in run.stdout


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_flags(cli, flag):
    run = cli(flag)
    assert run.exit_code == 0
    assert "--lang" in run.stdout and "--no-color" in run.stdout and "--debug" in run.stdout


def test_version_through_typer(cli):
    run = cli("--debug", "--version")
    assert run.exit_code == 0
    assert run.stdout.strip() == f"celiatool {__version__}"


def test_version_fast_path_does_not_import_typer():
    code = (
        "import sys\n"
        "from celiatool.cli import main\n"
        "try:\n    main(['--lang', 'sv', '--version'])\n"
        "except SystemExit as e:\n    assert e.code == 0\n"
        "print('typer' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [f"celiatool {__version__}", "False"]


def test_unknown_option_is_usage_error(cli):
    run = cli("--frobnicate")
    assert run.exit_code == ExitCode.USAGE
    assert "--frobnicate" in run.stderr
    assert run.stdout == ""


def test_unknown_language_is_usage_error(cli):
    run = cli("--lang", "de", "config", "path")
    assert run.exit_code == ExitCode.USAGE
    assert "de" in run.stderr


def test_subgroup_without_command_shows_help(cli):
    run = cli("config")
    assert run.exit_code == 0
    assert "show" in run.stdout and "unset" in run.stdout


def test_internal_error_is_one_line_and_exit_70(cli, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(config.Config, "flat", boom)
    run = cli("config", "show")
    assert run.exit_code == ExitCode.INTERNAL == 70
    assert "--debug" in run.stderr
    assert "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_internal_error_with_debug_shows_traceback(cli, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("bug in here")

    monkeypatch.setattr(config.Config, "flat", boom)
    run = cli("--debug", "config", "show")
    assert run.exit_code == 70
    assert "Traceback" in run.stderr and "bug in here" in run.stderr


def test_interrupt_exits_130(cli, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(config.Config, "flat", interrupted)
    run = cli("config", "show")
    assert run.exit_code == ExitCode.INTERRUPTED == 130
    assert "Traceback" not in run.stderr


def test_help_in_swedish_and_finnish(cli):
    sv = cli("--lang", "sv", "--help")
    fi = cli("--lang", "fi", "--help")
    en = cli("--lang", "en", "--help")
    assert sv.exit_code == fi.exit_code == en.exit_code == 0
    assert "Användning:" in sv.stdout and "Käyttö:" in fi.stdout and "Usage:" in en.stdout
    assert sv.stdout != fi.stdout != en.stdout


def test_installed_command_and_python_m_agree(tmp_path):
    exe = celiatool_exe()
    a = subprocess.run([exe, "--version"], capture_output=True, text=True)
    b = subprocess.run(
        [sys.executable, "-m", "celiatool", "--version"], capture_output=True, text=True
    )
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout == f"celiatool {__version__}\n"


def test_end_to_end_config_round_trip(tmp_path):
    exe = celiatool_exe()
    env = {"CELIATOOL_HOME": str(tmp_path / "h"), "CELIATOOL_LANG": "en", "PATH": "/usr/bin:/bin"}
    set_ = subprocess.run(
        [exe, "config", "set", "library", "Kallion kirjasto"],
        capture_output=True,
        text=True,
        env=env,
    )
    get = subprocess.run([exe, "config", "get", "library"], capture_output=True, text=True, env=env)
    assert set_.returncode == 0 and set_.stdout == ""
    assert get.stdout == "Kallion kirjasto\n"


def test_installed_command_flushes_output_before_exit(tmp_path):
    """main() ends with os._exit after flushing: piped output must be complete."""
    exe = celiatool_exe()
    env = {"CELIATOOL_HOME": str(tmp_path / "h"), "CELIATOOL_LANG": "en", "PATH": "/usr/bin:/bin"}
    run = subprocess.run([exe, "config", "keys"], capture_output=True, text=True, env=env)
    assert run.returncode == 0
    assert run.stdout.count("\n") == len(config.KEYS) + 1
    bad = subprocess.run([exe, "config", "get", "nope"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "nope" in bad.stderr


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", "Virhe: Valitsin --ends puuttuu."),
        ("sv", "Fel: Alternativet --ends saknas."),
        ("en", "Error: Missing option --ends."),
    ],
)
def test_usage_errors_in_three_languages(cli, lang, words):
    run = cli("--lang", lang, "fixed-term", "add", "kortti 1")
    assert run.exit_code == 2 and words in run.stderr and run.stdout == ""


def test_unknown_command_names_it(cli):
    run = cli("--lang", "fi", "statuz")
    assert run.exit_code == 2 and "Tuntematon komento: statuz" in run.stderr
