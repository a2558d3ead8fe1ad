"""`remind`: groups at their boundaries, --exit-code, --json, password rotation, --ics."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from celiatool.ledger.model import FixedTermEntry
from celiatool.remind import group, password_due

TODAY = date(2026, 11, 28)
T = datetime(2026, 11, 1, tzinfo=UTC)


def entry(n: int, ends_on: date, ended_on: date | None = None) -> FixedTermEntry:
    return FixedTermEntry(n, f"kortti {n}", ends_on, "", T, "M", T, "M", ended_on)


def test_group_boundaries():
    entries = [
        entry(1, TODAY - timedelta(days=1)),  # due yesterday: overdue
        entry(2, TODAY),  # due today
        entry(3, TODAY + timedelta(days=1)),  # tomorrow: upcoming
        entry(4, TODAY + timedelta(days=14)),  # the last day of the window: upcoming
        entry(5, TODAY + timedelta(days=15)),  # within + 1: not shown
        entry(6, TODAY - timedelta(days=30), ended_on=TODAY - timedelta(days=29)),  # done
    ]
    result = group(entries, TODAY, 14)
    assert [e.id for e in result.overdue] == [1]
    assert [e.id for e in result.due_today] == [2]
    assert [e.id for e in result.upcoming] == [3, 4]
    assert result.urgent
    assert not group([entry(3, TODAY + timedelta(days=1))], TODAY, 14).urgent
    assert group([], TODAY, 14).nothing


def test_within_zero_shows_only_today_and_overdue():
    result = group([entry(1, TODAY), entry(2, TODAY + timedelta(days=1))], TODAY, 0)
    assert [e.id for e in result.due_today] == [1] and result.upcoming == []


@pytest.mark.parametrize(
    ("changed", "months", "due", "due_on"),
    [
        (None, 12, False, None),
        (date(2025, 11, 28), 12, True, date(2026, 11, 28)),
        (date(2025, 11, 29), 12, False, date(2026, 11, 29)),
        (date(2026, 5, 28), 6, True, date(2026, 11, 28)),
        (date(2026, 5, 31), 6, False, date(2026, 11, 30)),
    ],
)
def test_password_rotation(changed, months, due, due_on):
    assert password_due(changed, months, TODAY) == (due, due_on)


@pytest.fixture
def filled(cli, location, monkeypatch):
    monkeypatch.setenv("CELIATOOL_DATABASE", location)
    monkeypatch.setenv("CELIATOOL_NOW", "2026-11-28T08:00")
    for customer, ends in [
        ("eilen", "2026-11-27"),
        ("tänään", "2026-11-28"),
        ("huomenna", "2026-11-29"),
        ("rajalla", "2026-12-12"),
        ("yli", "2026-12-13"),
    ]:
        assert cli("fixed-term", "add", customer, "--ends", ends).exit_code == 0
    return cli


def test_remind_json(filled):
    run = filled("remind", "--json")
    assert run.exit_code == 0
    data = json.loads(run.stdout)
    assert data["today"] == "2026-11-28" and data["within_days"] == 14
    assert [e["customer"] for e in data["overdue"]] == ["eilen"]
    assert [e["customer"] for e in data["due_today"]] == ["tänään"]
    assert [e["customer"] for e in data["upcoming"]] == ["huomenna", "rajalla"]
    assert data["overdue"][0] == {
        "id": 1,
        "customer": "eilen",
        "ends_on": "2026-11-27",
        "days_left": -1,
        "note": "",
    }
    assert data["password_change_due"] is False


def test_remind_within_and_config(filled):
    data = json.loads(filled("remind", "--json", "--within", "15").stdout)
    assert [e["customer"] for e in data["upcoming"]] == ["huomenna", "rajalla", "yli"]
    filled("config", "set", "remind_within", "1")
    data = json.loads(filled("remind", "--json").stdout)
    assert data["within_days"] == 1 and [e["customer"] for e in data["upcoming"]] == ["huomenna"]


def test_remind_exit_code(filled):
    assert filled("remind", "--exit-code").exit_code == 1
    assert filled("remind").exit_code == 0
    filled("fixed-term", "done", "1")
    filled("fixed-term", "done", "2")
    assert filled("remind", "--exit-code").exit_code == 0  # only upcoming left


def test_remind_text_and_hint(filled):
    run = filled("--lang", "fi", "remind")
    assert "Myöhässä (1):" in run.stdout and "Tänään (1):" in run.stdout
    assert "27.11.2026" in run.stdout and "fixed-term done" in run.stderr


def test_remind_nothing_due(cli, location, monkeypatch):
    monkeypatch.setenv("CELIATOOL_DATABASE", location)
    run = cli("remind", "--exit-code")
    assert run.exit_code == 0 and "Nothing is due within the next 14 days" in run.stdout


def test_password_line_and_exit_code(cli, location, monkeypatch):
    monkeypatch.setenv("CELIATOOL_DATABASE", location)
    monkeypatch.setenv("CELIATOOL_NOW", "2026-11-28T08:00")
    cli("config", "set", "password_changed", "1.11.2025")
    run = cli("remind", "--exit-code")
    assert run.exit_code == 1 and "password" in run.stdout
    assert json.loads(cli("remind", "--json").stdout)["password_change_due"] is True
    cli("config", "set", "password_rotation_months", "24")
    assert cli("remind", "--exit-code").exit_code == 0


def test_ics_parses_back(filled, tmp_path):
    from icalendar import Calendar

    filled("fixed-term", "done", "5")  # an ended entry is left out
    out = tmp_path / "celia.ics"
    run = filled("remind", "--ics", str(out))
    assert run.exit_code == 0 and str(out) in run.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and b"\r\n" in raw
    cal = Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0" and "PRODID" in cal
    events = list(cal.walk("VEVENT"))
    assert len(events) == 4  # overdue included, the ended one not
    by_summary = {str(e["SUMMARY"]): e for e in events}
    first = next(e for e in events if "eilen" in str(e["SUMMARY"]))
    assert first.decoded("DTSTART") == date(2026, 11, 27)
    assert first.decoded("DTEND") == date(2026, 11, 28)
    alarm = next(iter(first.walk("VALARM")))
    assert alarm.decoded("TRIGGER") == -timedelta(hours=15)  # 9:00 the day before
    assert alarm["ACTION"] == "DISPLAY"
    assert len({str(e["UID"]) for e in events}) == 4 and by_summary
    # importing again must update, not duplicate: UIDs are stable across runs and edits
    filled("fixed-term", "edit", "2", "--note", "soitti")
    filled("remind", "--ics", str(out))
    again = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert {str(e["UID"]) for e in again} == {str(e["UID"]) for e in events}
    edited = next(e for e in again if "tänään" in str(e["SUMMARY"]))
    assert int(edited["SEQUENCE"]) == 2 and "soitti" in str(edited["DESCRIPTION"])
