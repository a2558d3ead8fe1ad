"""`celiatool fixed-term …` through the CLI, on every backend."""

from __future__ import annotations

import csv
import io
import json

import pytest

TODAY = "2026-11-28T10:00"


@pytest.fixture
def ft(cli, location, monkeypatch):
    """Run `fixed-term` commands against the backend under test, on a pinned day."""
    monkeypatch.setenv("CELIATOOL_DATABASE", location)
    monkeypatch.setenv("CELIATOOL_NOW", TODAY)

    def run(*args, **kwargs):
        return cli("fixed-term", *args, **kwargs)

    run.cli = cli
    return run


def test_add_prints_id_alone(ft):
    run = ft("add", "kortti 123", "--ends", "31.12.2026", "--note", "muuttaa")
    assert run.exit_code == 0 and run.stdout == "1\n"
    assert "kortti 123" in run.stderr and "31 Dec 2026" in run.stderr
    assert ft("add", "kortti 456", "--ends", "+3m").stdout == "2\n"
    data = json.loads(ft("show", "2", "--json").stdout)
    assert data["ends_on"] == "2027-02-28"


def test_add_past_date_warns(ft):
    run = ft("add", "kortti 1", "--ends", "2026-11-01")
    assert run.exit_code == 0 and "passed" in run.stderr


@pytest.mark.parametrize("value", ["31.2.2026", "2026-13-01", "someday"])
def test_add_impossible_date(ft, value):
    run = ft("add", "kortti 1", "--ends", value)
    assert run.exit_code == 2 and value in run.stderr and "31.12.2026" in run.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("131052-308T", "--ends", "+1m"), "identity code"),
        (("kortti 1", "--ends", "+1m", "--note", "hetu 010594Y9032"), "identity code"),
        (("", "--ends", "+1m"), "empty"),
        (("x" * 201, "--ends", "+1m"), "too long"),
    ],
)
def test_add_refuses_bad_customer(ft, args, words):
    run = ft("add", *args)
    assert run.exit_code == 2 and words in run.stderr
    assert json.loads(ft("list", "--json").stdout) == []


def test_card_numbers_are_fine(ft):
    assert ft("add", "12345678901234", "--ends", "+1m").exit_code == 0


def test_list_formats(ft):
    ft("add", "kortti 2", "--ends", "2027-01-02")
    ft("add", "kortti 1", "--ends", "2026-12-31", "--note", "huom")
    ft("done", "1")
    text = ft("list").stdout
    assert "kortti 1" in text and "kortti 2" not in text and "in 33 days" in text
    everything = ft("list", "--all").stdout
    assert "kortti 2" in everything and "ended" in everything
    data = json.loads(ft("list", "--all", "--json").stdout)
    assert isinstance(data, list) and [d["customer"] for d in data] == ["kortti 1", "kortti 2"]
    assert set(data[0]) >= {
        "id",
        "customer",
        "ends_on",
        "note",
        "ended_on",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "ended_by",
        "version",
    }
    rows = list(csv.DictReader(io.StringIO(ft("list", "--csv").stdout)))
    assert [r["customer"] for r in rows] == ["kortti 1"] and rows[0]["ends_on"] == "2026-12-31"
    assert ft("list", "--json", "--csv").exit_code == 2


def test_dates_for_people_in_each_language(ft):
    ft("add", "kortti 1", "--ends", "2026-12-31")
    assert "31.12.2026" in ft.cli("--lang", "fi", "fixed-term", "list").stdout
    assert "2026-12-31" in ft.cli("--lang", "sv", "fixed-term", "list").stdout
    assert "31 Dec 2026" in ft.cli("--lang", "en", "fixed-term", "list").stdout


def test_show_edit_done_undo(ft):
    ft.cli("config", "set", "name", "Maija Meikäläinen")
    ft("add", "kortti 1", "--ends", "2026-12-31")
    run = ft("edit", "1", "--note", "soitti", "--ends", "+1m")
    assert run.exit_code == 0
    data = json.loads(ft("show", "1", "--json").stdout)
    assert data["note"] == "soitti" and data["ends_on"] == "2026-12-28" and data["version"] == 2
    assert data["created_by"] == data["updated_by"] == "Maija Meikäläinen"
    assert ft("edit", "1").exit_code == 2
    assert ft("done", "1", "--on", "1.12.2026").exit_code == 0
    data = json.loads(ft("show", "1", "--json").stdout)
    assert data["ended_on"] == "2026-12-01" and data["ended_by"] == "Maija Meikäläinen"
    assert ft("done", "1", "--undo").exit_code == 0
    assert json.loads(ft("show", "1", "--json").stdout)["ended_on"] is None
    text = ft("show", "1").stdout
    assert "Maija Meikäläinen" in text and "version" in text
    assert ft("done", "1").exit_code == 0
    assert json.loads(ft("show", "1", "--json").stdout)["ended_on"] == "2026-11-28"


def test_expect_version(ft):
    ft("add", "kortti 1", "--ends", "2026-12-31")
    ft("edit", "1", "--note", "a")
    run = ft("edit", "1", "--note", "b", "--expect-version", "1")
    assert run.exit_code == 4 and "show it" in run.stderr
    assert ft("edit", "1", "--note", "b", "--expect-version", "2").exit_code == 0


@pytest.mark.parametrize(
    "command",
    [("show", "99"), ("edit", "99", "--note", "x"), ("done", "99"), ("remove", "99", "--yes")],
)
def test_unknown_id_is_exit_2(ft, command):
    run = ft(*command)
    assert run.exit_code == 2 and "99" in run.stderr


def test_remove_needs_yes_off_terminal(ft):
    ft("add", "kortti 1", "--ends", "2026-12-31")
    run = ft("remove", "1")
    assert run.exit_code == 2 and "--yes" in run.stderr
    assert ft("show", "1").exit_code == 0
    assert ft("remove", "1", "--yes").exit_code == 0
    assert ft("show", "1").exit_code == 2


def test_remove_asks_on_a_terminal(ft, monkeypatch):
    from celiatool.cli import ledger_common

    monkeypatch.setattr(ledger_common, "is_terminal", lambda stream=None: True)
    ft("add", "kortti 1", "--ends", "2026-12-31")
    run = ft("remove", "1", input="n\n")
    assert run.exit_code == 0 and "Nothing was deleted" in run.stderr
    assert ft("show", "1").exit_code == 0
    assert ft("remove", "1", input="y\n").exit_code == 0
    assert ft("show", "1").exit_code == 2


def test_purge_by_ended_day(ft):
    for n in range(3):
        ft("add", f"kortti {n}", "--ends", "2026-10-01")
    ft("done", "1", "--on", "2026-10-01")
    ft("done", "2", "--on", "2026-11-01")
    assert ft("purge", "--ended-before", "2026-11-01").exit_code == 2  # needs --yes
    run = ft("purge", "--ended-before", "2026-11-01", "--yes")
    assert run.exit_code == 0 and "1" in run.stderr
    assert [e["id"] for e in json.loads(ft("list", "--all", "--json").stdout)] == [2, 3]
    none = ft("purge", "--ended-before", "2026-01-01", "--yes")
    assert none.exit_code == 0 and "nothing" in none.stderr.lower()


def test_export_import_round_trip(ft, tmp_path, location):
    ft("add", "kortti 1", "--ends", "2026-12-31", "--note", "rivi, jossa pilkku")
    ft("add", "Liisa Lainaaja", "--ends", "2027-03-01")
    for fmt in ("csv", "json"):
        out = tmp_path / f"all.{fmt}"
        assert ft("export", "--format", fmt, "--output", str(out)).exit_code == 0
        assert ft("export", "--format", fmt, "--output", str(out)).exit_code == 2  # no overwrite
        again = ft("import", str(out))
        assert again.exit_code == 0 and "2 duplicates" in again.stderr
    data = json.loads(ft("export", "--format", "json").stdout)
    assert [d["customer"] for d in data] == ["kortti 1", "Liisa Lainaaja"]
    assert data[0]["note"] == "rivi, jossa pilkku"


def test_import_csv_by_header_names_and_semicolons(ft, tmp_path):
    f = tmp_path / "in.csv"
    f.write_text(
        "note;ends_on;customer\nmuuttaa;31.12.2026;kortti 9\n;2027-01-15;kortti 10\n", "utf-8"
    )
    run = ft("import", str(f))
    assert run.exit_code == 0 and "2" in run.stderr
    data = json.loads(ft("list", "--json").stdout)
    assert [(d["customer"], d["ends_on"], d["note"]) for d in data] == [
        ("kortti 9", "2026-12-31", "muuttaa"),
        ("kortti 10", "2027-01-15", ""),
    ]


def test_import_with_bad_line_writes_nothing(ft, tmp_path):
    f = tmp_path / "in.csv"
    f.write_text(
        "customer,ends_on\nkortti 1,2026-12-31\nkortti 2,31.2.2026\n131052-308T,2027-01-01\nkortti 4,2027-01-01\n"
    )
    run = ft("import", str(f))
    assert run.exit_code == 2
    assert "line 3" in run.stderr and "31.2.2026" in run.stderr and "line 4" in run.stderr
    assert json.loads(ft("list", "--json").stdout) == []


def test_import_missing_column(ft, tmp_path):
    f = tmp_path / "in.csv"
    f.write_text("customer,date\nkortti 1,2026-12-31\n")
    run = ft("import", str(f))
    assert run.exit_code == 2 and "ends_on" in run.stderr


def test_import_dry_run_and_duplicates_within_file(ft, tmp_path):
    ft("add", "kortti 1", "--ends", "2026-12-31")
    f = tmp_path / "in.json"
    f.write_text(
        json.dumps(
            [
                {"customer": "kortti 1", "ends_on": "2026-12-31"},
                {"customer": "kortti 2", "ends_on": "2027-01-01", "note": "uusi"},
                {"customer": "kortti 2", "ends_on": "2027-01-01"},
            ]
        )
    )
    run = ft("import", str(f), "--dry-run")
    assert (
        run.exit_code == 0
        and "1 entries would be added" in run.stderr
        and "2 duplicates" in run.stderr
    )
    assert len(json.loads(ft("list", "--json").stdout)) == 1
    run = ft("import", str(f))
    assert run.exit_code == 0 and len(json.loads(ft("list", "--json").stdout)) == 2


def test_import_bad_json(ft, tmp_path):
    f = tmp_path / "in.json"
    f.write_text("{not json")
    assert ft("import", str(f)).exit_code == 2
    f.write_text(json.dumps([{"customer": "kortti"}]))
    run = ft("import", str(f))
    assert run.exit_code == 2 and "entry 1" in run.stderr


def test_import_from_stdin(ft):
    run = ft("import", "-", input="customer,ends_on\nkortti 5,+2w\n")
    assert run.exit_code == 0
    assert json.loads(ft("list", "--json").stdout)[0]["ends_on"] == "2026-12-12"


def test_export_into_missing_folder_is_exit_2(ft, tmp_path):
    ft("add", "kortti 1", "--ends", "2026-12-31")
    run = ft("export", "--output", str(tmp_path / "no" / "such" / "dir" / "x.csv"))
    assert run.exit_code == 2 and "Cannot write" in run.stderr


def test_long_import_on_a_terminal_shows_progress_on_stderr_only(ft, tmp_path, monkeypatch):
    from celiatool.cli import ledger_cmd

    monkeypatch.setattr(ledger_cmd, "is_terminal", lambda stream=None: True)
    f = tmp_path / "many.csv"
    f.write_text("customer,ends_on\n" + "".join(f"kortti {i},2027-01-01\n" for i in range(2500)))
    run = ft("import", str(f))
    assert run.exit_code == 0 and run.stdout == "" and "2500" in run.stderr
    assert len(json.loads(ft("list", "--json").stdout)) == 2500
