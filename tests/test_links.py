"""`reset-password`, `chat`, `links`, `open`: opening, printing, languages."""

from __future__ import annotations

import json
import os
import stat
import subprocess

import pytest
from tests.conftest import celiatool_exe

from celiatool.cli import opening
from celiatool.links import DEFAULTS
from celiatool.opener import has_display

OPEN_WED = "2026-11-25T10:00"  # a Wednesday, chat staffed
CLOSED_XMAS = "2026-12-24T10:00"  # Christmas Eve: closed until Monday 28 December


@pytest.fixture
def opened(monkeypatch):
    """A fake opener that records what would have been opened."""
    calls: list[str] = []

    def fake(url: str) -> bool:
        calls.append(url)
        return True

    monkeypatch.setattr(opening, "OPENER", fake)
    return calls


@pytest.fixture
def no_browser(monkeypatch):
    calls: list[str] = []

    def fail(url: str) -> bool:
        calls.append(url)
        return False

    monkeypatch.setattr(opening, "OPENER", fail)
    return calls


def test_links_json_shape(cli):
    run = cli("links", "--json")
    assert run.exit_code == 0
    data = json.loads(run.stdout)
    assert [set(item) for item in data] == [{"name", "url", "purpose"}] * len(data)
    by_name = {item["name"]: item["url"] for item in data}
    assert by_name["reset-password"] == "https://www.celianet.fi/palauta-salasanana"
    assert by_name["email"] == "mailto:palvelut@celia.fi"
    assert by_name["newsletter"] == "https://www.celia.fi/tilaa-uutiskirjeita"
    assert {"celianet", "chat", "instructions"} <= set(by_name)
    assert by_name["reset-password-sv"] == "https://www.celianet.fi/sv/be-losenordet-pa-nytt/"
    assert by_name["email-sv"] == "mailto:tjanster@celia.fi"
    assert by_name["email-fi"] == "mailto:palvelut@celia.fi"


def test_links_swedish(cli):
    data = json.loads(cli("--lang", "sv", "links", "--json").stdout)
    by_name = {item["name"]: item for item in data}
    assert by_name["reset-password"]["url"] == "https://www.celianet.fi/sv/be-losenordet-pa-nytt/"
    assert by_name["email"]["url"] == "mailto:tjanster@celia.fi"
    assert by_name["reset-password"]["purpose"].startswith("Beställ glömda")


def test_links_text_lists_every_link(cli):
    run = cli("links")
    for name in DEFAULTS:
        assert name in run.stdout


def test_config_overrides_and_adds_links(cli, opened):
    cli("config", "set", "links.chat", "https://chat.example.org/")
    cli("config", "set", "links.kirjasto", "https://kirjasto.example.org/")
    data = {i["name"]: i["url"] for i in json.loads(cli("links", "--json").stdout)}
    assert data["chat"] == "https://chat.example.org/"
    assert data["kirjasto"] == "https://kirjasto.example.org/"
    assert cli("open", "kirjasto").exit_code == 0
    assert opened == ["https://kirjasto.example.org/"]


def test_open_by_name(cli, opened):
    run = cli("open", "newsletter")
    assert run.exit_code == 0 and opened == ["https://www.celia.fi/tilaa-uutiskirjeita"]
    assert run.stdout == ""


def test_open_unknown_name(cli, opened):
    run = cli("open", "nosuchlink")
    assert run.exit_code == 2 and "nosuchlink" in run.stderr and "newsletter" in run.stderr
    assert opened == []


@pytest.mark.parametrize(
    ("args", "url"),
    [
        (("reset-password", "--print"), "https://www.celianet.fi/palauta-salasanana"),
        (
            ("--lang", "sv", "reset-password", "--print"),
            "https://www.celianet.fi/sv/be-losenordet-pa-nytt/",
        ),
        (("open", "email", "--print"), "mailto:palvelut@celia.fi"),
        (("chat", "--print"), "https://www.celianet.fi/"),
    ],
)
def test_print_prints_only_the_url(cli, opened, args, url):
    run = cli(*args)
    assert run.exit_code == 0
    assert run.stdout == url + "\n"
    assert opened == []


def test_reset_password_opens_and_explains(cli, opened):
    run = cli("reset-password")
    assert run.exit_code == 0
    assert opened == ["https://www.celianet.fi/palauta-salasanana"]
    assert "user name" in run.stderr and "email" in run.stderr and "Pratsam Reader" in run.stderr


def test_no_browser_prints_url_and_exits_0(cli, no_browser):
    run = cli("reset-password")
    assert run.exit_code == 0
    assert run.stdout == "https://www.celianet.fi/palauta-salasanana\n"
    assert "open the address above yourself" in run.stderr


def test_locked_when_chat_staffed_opens_chat(cli, opened, monkeypatch):
    monkeypatch.setenv("CELIATOOL_NOW", OPEN_WED)
    run = cli("reset-password", "--locked")
    assert run.exit_code == 0
    assert "only be released by Celia" in run.stderr and "staffed now" in run.stderr
    assert opened == ["https://www.celianet.fi/"]


def test_locked_when_chat_closed_prints_email_command(cli, opened, monkeypatch):
    monkeypatch.setenv("CELIATOOL_NOW", CLOSED_XMAS)
    run = cli("reset-password", "--locked")
    assert run.exit_code == 0
    assert opened == []
    assert run.stdout.strip() == "celiatool email unlock"
    assert "on Monday 28.12.2026 at 9.00" in run.stderr or "28 Dec 2026" in run.stderr


def test_chat_says_staffed_or_not(cli, opened, monkeypatch):
    monkeypatch.setenv("CELIATOOL_NOW", OPEN_WED)
    run = cli("chat")
    assert run.exit_code == 0 and "staffed now, until 14:00" in run.stderr
    assert opened == ["https://www.celianet.fi/"]
    monkeypatch.setenv("CELIATOOL_NOW", CLOSED_XMAS)
    run = cli("chat")
    assert "closed now" in run.stderr and "on Monday 28 Dec 2026 at 9:00" in run.stderr
    assert "palvelut@celia.fi" in run.stderr


def test_chat_json(cli, monkeypatch):
    monkeypatch.setenv("CELIATOOL_NOW", CLOSED_XMAS)
    data = json.loads(cli("chat", "--json").stdout)
    assert data["open"] is False and data["closes_at"] is None
    assert data["next_opening"] == "2026-12-28T09:00:00+02:00"
    assert data["hours"] == "mon-fri 09:00-14:00" and data["email"] == "palvelut@celia.fi"


def test_chat_hours_from_config(cli, monkeypatch):
    cli("config", "set", "chat_hours", "mon-fri 08:00-16:00")
    monkeypatch.setenv("CELIATOOL_NOW", "2026-11-25T15:00")
    assert json.loads(cli("chat", "--json").stdout)["open"] is True
    bad = cli("config", "set", "chat_hours", "weekdays")
    assert bad.exit_code == 2


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", "Chat on päivystetty nyt klo 14.00 asti."),
        ("sv", "Chatten är bemannad nu, till kl. 14.00."),
        ("en", "The chat is staffed now, until 14:00."),
    ],
)
def test_chat_in_three_languages(cli, opened, monkeypatch, lang, words):
    monkeypatch.setenv("CELIATOOL_NOW", OPEN_WED)
    assert words in cli("--lang", lang, "chat").stderr


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", "maanantaina 28.12.2026 klo 9.00"),
        ("sv", "på måndag 2026-12-28 kl. 9.00"),
        ("en", "on Monday 28 Dec 2026 at 9:00"),
    ],
)
def test_next_opening_in_three_languages(cli, opened, monkeypatch, lang, words):
    monkeypatch.setenv("CELIATOOL_NOW", CLOSED_XMAS)
    assert words in cli("--lang", lang, "chat").stderr


def test_has_display():
    assert has_display({}, "win32") and has_display({}, "darwin")
    assert not has_display({}, "linux")
    assert not has_display({"SSH_CONNECTION": "1 2 3 4"}, "linux")
    assert has_display({"DISPLAY": ":0"}, "linux")
    assert has_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert has_display({"BROWSER": "firefox"}, "linux")


def _recording_browser(tmp_path, exit_code=0):
    log = tmp_path / "opened.txt"
    script = tmp_path / "fake-browser"
    script.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexit {exit_code}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, log


@pytest.mark.skipif(os.name != "posix", reason="the stand-in browser is a shell script")
def test_end_to_end_browser_variable(tmp_path):
    exe = celiatool_exe()
    script, log = _recording_browser(tmp_path)
    env = {
        "PATH": "/usr/bin:/bin",
        "CELIATOOL_HOME": str(tmp_path / "h"),
        "CELIATOOL_LANG": "sv",
        "BROWSER": str(script),
    }
    run = subprocess.run([exe, "reset-password"], capture_output=True, text=True, env=env)
    assert run.returncode == 0 and run.stdout == ""
    assert log.read_text().split() == ["https://www.celianet.fi/sv/be-losenordet-pa-nytt/"]
    run = subprocess.run([exe, "open", "email"], capture_output=True, text=True, env=env)
    assert log.read_text().split()[-1] == "mailto:tjanster@celia.fi"


@pytest.mark.skipif(os.name != "posix", reason="the stand-in browser is a shell script")
def test_end_to_end_failing_browser_prints_url(tmp_path):
    exe = celiatool_exe()
    script, _log = _recording_browser(tmp_path, exit_code=1)
    env = {
        "PATH": "/usr/bin:/bin",
        "CELIATOOL_HOME": str(tmp_path / "h"),
        "CELIATOOL_LANG": "en",
        "BROWSER": str(script),
    }
    run = subprocess.run([exe, "open", "newsletter"], capture_output=True, text=True, env=env)
    assert run.returncode == 0
    assert run.stdout == "https://www.celia.fi/tilaa-uutiskirjeita\n"
    assert "open the address above yourself" in run.stderr


def test_end_to_end_no_display_prints_url(tmp_path):
    exe = celiatool_exe()
    env = {"PATH": "/usr/bin:/bin", "CELIATOOL_HOME": str(tmp_path / "h"), "CELIATOOL_LANG": "en"}
    run = subprocess.run([exe, "open", "chat"], capture_output=True, text=True, env=env)
    assert run.returncode == 0 and run.stdout == "https://www.celianet.fi/\n"
    assert "Opening" not in run.stderr  # stderr is not a terminal
