"""`celiatool config` and the config file."""

from __future__ import annotations

import json
import os
import tomllib

import pytest

from celiatool import config, paths
from celiatool.errors import ExitCode


def test_path_prints_file_even_if_missing(cli, isolated):
    run = cli("config", "path")
    assert run.exit_code == 0
    assert run.stdout.strip() == str(isolated / "config" / "config.toml")
    assert not (isolated / "config" / "config.toml").exists()


def test_show_empty(cli):
    run = cli("config", "show")
    assert run.exit_code == 0 and run.stdout == ""
    run = cli("config", "show", "--json")
    assert run.exit_code == 0 and json.loads(run.stdout) == {}


def test_set_get_show_unset(cli):
    assert cli("config", "set", "name", "Maija Meikäläinen").exit_code == 0
    assert cli("config", "set", "email", "maija@kirjasto.fi").exit_code == 0
    assert cli("config", "set", "links.chat", "https://example.org/chat").exit_code == 0
    assert cli("config", "set", "remind_within", "30").exit_code == 0
    assert cli("config", "get", "name").stdout == "Maija Meikäläinen\n"
    assert json.loads(cli("config", "get", "remind_within", "--json").stdout) == 30
    shown = cli("config", "show", "--json")
    assert json.loads(shown.stdout) == {
        "name": "Maija Meikäläinen",
        "email": "maija@kirjasto.fi",
        "links.chat": "https://example.org/chat",
        "remind_within": 30,
    }
    text = cli("config", "show").stdout
    assert "name = Maija Meikäläinen" in text and "links.chat = https://example.org/chat" in text
    assert cli("config", "unset", "name").exit_code == 0
    assert cli("config", "get", "name").stdout == ""
    assert cli("config", "unset", "links.chat").exit_code == 0
    assert "links" not in tomllib.loads(paths.config_file().read_text())
    again = cli("config", "unset", "name")
    assert again.exit_code == 0 and "not set" in again.stderr


def test_get_unset_valid_key_prints_nothing(cli):
    run = cli("config", "get", "phone")
    assert run.exit_code == 0 and run.stdout == ""
    assert cli("config", "get", "phone", "--json").stdout.strip() == "null"


def test_unknown_key_lists_valid_keys(cli):
    for args in (("get", "colour"), ("set", "colour", "red"), ("unset", "colour")):
        run = cli("config", *args)
        assert run.exit_code == ExitCode.USAGE
        assert "colour" in run.stderr and "email" in run.stderr and "library" in run.stderr


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("email", "maija.kirjasto.fi", "email"),
        ("language", "de", "language"),
        ("remind_within", "soon", "whole number"),
        ("celianet_url", "celianet.fi", "web address"),
        ("phone", "call me", "phone"),
        ("name", "Maija\nBcc: x@y.z", "one line"),
        ("library", "131052-308T", "identity code"),
        ("password_changed", "31.2.2026", "31.2.2026"),
    ],
)
def test_invalid_values_are_refused(cli, key, value, reason):
    run = cli("config", "set", key, value)
    assert run.exit_code == ExitCode.USAGE
    assert reason in run.stderr
    assert not paths.config_file().exists()


def test_broken_config_is_exit_4_and_untouched(cli, isolated):
    cfg = paths.config_file()
    cfg.parent.mkdir(parents=True)
    broken = b'name = "Maija"\nemail = [unclosed\n'
    cfg.write_bytes(broken)
    for args in (("show",), ("get", "name"), ("set", "name", "Other")):
        run = cli("config", *args)
        assert run.exit_code == ExitCode.LOCAL_DATA
        assert str(cfg) in run.stderr and "line 2" in run.stderr
        assert "Traceback" not in run.stderr
    assert cfg.read_bytes() == broken


def test_write_is_private_and_atomic(isolated):
    config.set_value("name", "Maija")
    cfg = paths.config_file()
    if os.name == "posix":
        assert cfg.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in cfg.parent.iterdir()] == ["config.toml"]
    assert tomllib.loads(cfg.read_text()) == {"name": "Maija"}


def test_unknown_keys_in_file_survive_a_write(isolated):
    cfg = paths.config_file()
    cfg.parent.mkdir(parents=True)
    cfg.write_text('future_key = "keep me"\n')
    config.set_value("library", "Kallio")
    assert tomllib.loads(cfg.read_text()) == {"future_key": "keep me", "library": "Kallio"}


def test_home_isolation(isolated, monkeypatch, tmp_path):
    assert paths.config_dir() == isolated / "config"
    assert paths.data_dir() == isolated / "data"
    assert paths.cache_dir() == isolated / "cache"
    monkeypatch.delenv("CELIATOOL_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "realhome"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert paths.config_dir() == tmp_path / "xdg" / "celiatool"


def test_precedence_flag_env_config_default(monkeypatch):
    config.set_value("celianet_url", "https://config.example/")
    cfg = config.load()
    assert (
        config.setting("celianet_url", "https://flag.example/", "X_URL", cfg, "d")
        == "https://flag.example/"
    )
    monkeypatch.setenv("X_URL", "https://env.example/")
    assert config.setting("celianet_url", None, "X_URL", cfg, "d") == "https://env.example/"
    monkeypatch.delenv("X_URL")
    assert config.setting("celianet_url", None, "X_URL", cfg, "d") == "https://config.example/"
    config.unset_value("celianet_url")
    assert config.setting("celianet_url", None, "X_URL", config.load(), "d") == "d"


def test_keys_lists_every_setting(cli):
    run = cli("config", "keys", "--json")
    assert run.exit_code == 0
    assert set(json.loads(run.stdout)) == set(config.KEYS) | {"links.NAME"}


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ('chat_hours = "whenever"\n', ("chat", "--json")),
        ('remind_within = "soon"\n', ("remind",)),
        ('password_changed = "31.2.2026"\n', ("remind",)),
        ('celianet_url = "not a url"\n', ("status",)),
    ],
)
def test_bad_value_in_config_file_is_exit_4(cli, text, command):
    cfg = paths.config_file()
    cfg.parent.mkdir(parents=True)
    cfg.write_text(text)
    run = cli(*command)
    assert run.exit_code == ExitCode.LOCAL_DATA, run.stderr
    assert str(cfg) in run.stderr and "Traceback" not in run.stderr


def test_dates_written_by_hand_in_the_config_file_work(cli, monkeypatch):
    cfg = paths.config_file()
    cfg.parent.mkdir(parents=True)
    cfg.write_text('password_changed = "1.11.2025"\nremind_within = 3\n')
    monkeypatch.setenv("CELIATOOL_NOW", "2026-11-28T10:00")
    data = json.loads(cli("remind", "--json").stdout)
    assert data["password_change_due"] is True and data["within_days"] == 3


def test_only_global_options_shows_help(cli):
    run = cli("--lang", "sv")
    assert run.exit_code == 0 and "Användning:" in run.stdout


def test_bad_pinned_clock_is_usage_error(cli, monkeypatch):
    monkeypatch.setenv("CELIATOOL_NOW", "yesterday")
    run = cli("chat", "--json")
    assert run.exit_code == 2 and "CELIATOOL_NOW" in run.stderr
