"""The language choice order and date formats."""

from __future__ import annotations

from datetime import date

import pytest

from celiatool import config
from celiatool.cli.base import choose_language
from celiatool.i18n import format_date, language_from_locale, resolve_language


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "fi"),
        ({"LANG": "sv_FI.UTF-8"}, "sv"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "fi"),
        ({"LANG": "C"}, "fi"),
        ({"LC_MESSAGES": "sv_SE", "LANG": "en_US"}, "sv"),
        ({"LC_ALL": "en_US", "LC_MESSAGES": "sv_SE", "LANG": "sv_SE"}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "sv_SE"}, "sv"),
    ],
)
def test_language_from_locale(environ, expected):
    assert language_from_locale(environ) == expected


def test_resolve_order():
    env = {"CELIATOOL_LANG": "sv", "LANG": "en_US"}
    assert resolve_language("en", "fi", env) == "en"
    assert resolve_language(None, "fi", env) == "sv"
    assert resolve_language(None, "en", {"LANG": "sv_SE"}) == "en"
    assert resolve_language(None, None, {"LANG": "sv_SE"}) == "sv"
    assert resolve_language(None, None, {}) == "fi"


def test_choose_language_reads_flag_env_config_locale(monkeypatch):
    monkeypatch.delenv("CELIATOOL_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert choose_language(["status"]) == "en"
    config.set_value("language", "sv")
    assert choose_language(["status"]) == "sv"
    monkeypatch.setenv("CELIATOOL_LANG", "fi")
    assert choose_language(["status"]) == "fi"
    assert choose_language(["--lang", "en", "status"]) == "en"
    assert choose_language(["--debug", "--lang=sv", "status"]) == "sv"
    # a --lang after the command name is not the global option
    assert choose_language(["status", "--lang", "en"]) == "fi"


def test_broken_config_does_not_stop_language_choice(monkeypatch, isolated):
    monkeypatch.delenv("CELIATOOL_LANG")
    cfg = config.load().path
    cfg.parent.mkdir(parents=True)
    cfg.write_text("language = [broken\n")
    assert choose_language(["--help"]) == "fi"


def test_messages_follow_language(cli, monkeypatch):
    monkeypatch.delenv("CELIATOOL_LANG")
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    sv = cli("config", "set", "nosuchkey", "1")
    assert sv.exit_code == 2
    assert "Okänd inställning" in sv.stderr
    fi = cli("--lang", "fi", "config", "set", "nosuchkey", "1")
    assert "Tuntematon asetus" in fi.stderr


@pytest.mark.parametrize(
    ("lang", "text"), [("fi", "31.12.2026"), ("sv", "2026-12-31"), ("en", "31 Dec 2026")]
)
def test_format_date(lang, text):
    assert format_date(date(2026, 12, 31), lang) == text


def test_format_date_short_values():
    assert format_date(date(2027, 1, 5), "fi") == "5.1.2027"
    assert format_date(date(2027, 1, 5), "en") == "5 Jan 2027"
