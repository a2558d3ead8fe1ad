"""The storage interface, on every backend (see the `location` fixture in conftest)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta

import pytest

from celiatool.errors import InvalidInput, LocalDataError
from celiatool.ledger.open import open_ledger
from celiatool.ledger.store import ConcurrentChange, NewEntry

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def test_empty_ledger_reads_without_creating(location, backend):
    with open_ledger(location) as ledger:
        assert ledger.entries() == [] and ledger.due(date(2030, 1, 1)) == [] and ledger.count() == 0
        with pytest.raises(InvalidInput):
            ledger.get(1)


def test_add_get_list_order(location):
    with open_ledger(location) as ledger:
        b = ledger.add(NewEntry("kortti 2", date(2027, 1, 2), "b"), "Maija", NOW)
        a = ledger.add(NewEntry("kortti 1", date(2026, 12, 31)), "Maija", NOW)
        assert [e.id for e in ledger.entries()] == [a.id, b.id]
        got = ledger.get(b.id)
        assert got.customer == "kortti 2" and got.note == "b" and got.ends_on == date(2027, 1, 2)
        assert got.created_by == got.updated_by == "Maija" and got.version == 1 and got.active
        assert got.created_at == NOW


def test_update_records_who_and_bumps_version(location):
    with open_ledger(location) as ledger:
        e = ledger.add(NewEntry("kortti 1", date(2026, 12, 31)), "Maija", NOW)
        later = NOW + timedelta(hours=1)
        changed = ledger.update(e.id, "Liisa", later, note="soitti", ends_on=date(2027, 1, 31))
        assert changed.note == "soitti" and changed.ends_on == date(2027, 1, 31)
        assert (
            changed.updated_by == "Liisa" and changed.updated_at == later and changed.version == 2
        )
        assert changed.created_by == "Maija"


def test_done_and_undo(location):
    with open_ledger(location) as ledger:
        e = ledger.add(NewEntry("kortti 1", date(2026, 12, 31)), "Maija", NOW)
        ended = ledger.set_ended(e.id, date(2026, 12, 30), "Liisa", NOW)
        assert (
            ended.ended_on == date(2026, 12, 30) and ended.ended_by == "Liisa" and not ended.active
        )
        assert ledger.entries() == [] and len(ledger.entries(include_ended=True)) == 1
        again = ledger.set_ended(e.id, None, "Maija", NOW)
        assert again.active and again.ended_by is None


def test_lost_update_is_refused(location):
    with open_ledger(location) as first, open_ledger(location) as second:
        e = first.add(NewEntry("kortti 1", date(2026, 12, 31)), "Maija", NOW)
        seen = second.get(e.id)
        first.update(e.id, "Liisa", NOW + timedelta(minutes=5), note="Liisan muutos")
        with pytest.raises(ConcurrentChange) as info:
            second.update(e.id, "Maija", NOW, note="vanha näkymä", expect_version=seen.version)
        assert isinstance(info.value, LocalDataError) and info.value.exit_code == 4
        assert "Liisa" in info.value.message
        with pytest.raises(ConcurrentChange):
            second.set_ended(e.id, date(2026, 12, 1), "Maija", NOW, expect_version=seen.version)
        assert first.get(e.id).note == "Liisan muutos"


def test_due_uses_end_date_and_skips_ended(location):
    with open_ledger(location) as ledger:
        ids = {}
        for n, day in enumerate(
            [date(2026, 11, 1), date(2026, 11, 28), date(2026, 12, 12), date(2026, 12, 13)]
        ):
            ids[day] = ledger.add(NewEntry(f"kortti {n}", day), "M", NOW).id
        ledger.set_ended(ids[date(2026, 11, 1)], date(2026, 11, 2), "M", NOW)
        due = ledger.due(date(2026, 12, 12))
        assert [e.ends_on for e in due] == [date(2026, 11, 28), date(2026, 12, 12)]


def test_remove_and_purge(location):
    with open_ledger(location) as ledger:
        a = ledger.add(NewEntry("a", date(2026, 1, 1)), "M", NOW)
        b = ledger.add(NewEntry("b", date(2026, 1, 1)), "M", NOW)
        c = ledger.add(NewEntry("c", date(2026, 1, 1)), "M", NOW)
        ledger.set_ended(a.id, date(2026, 1, 10), "M", NOW)
        ledger.set_ended(b.id, date(2026, 2, 10), "M", NOW)
        assert ledger.purge(date(2026, 2, 10)) == 1  # b ended on the day: kept
        assert {e.id for e in ledger.entries(include_ended=True)} == {b.id, c.id}
        assert ledger.remove(c.id).customer == "c"
        with pytest.raises(InvalidInput):
            ledger.remove(c.id)


def test_add_many_is_all_or_nothing(location):
    with open_ledger(location) as ledger:
        entries = [NewEntry(f"kortti {i}", date(2027, 1, 1)) for i in range(2500)]
        assert ledger.add_many(entries, "M", NOW) == 2500
        bad = [NewEntry("ok", date(2027, 1, 1)), NewEntry("x" * 300, date(2027, 1, 1))]
        with pytest.raises(LocalDataError):
            ledger.add_many(bad, "M", NOW)
        assert ledger.count() == 2500


def test_existing_pairs(location):
    with open_ledger(location) as ledger:
        ledger.add(NewEntry("kortti 1", date(2027, 1, 1)), "M", NOW)
        pairs = {("kortti 1", date(2027, 1, 1)), ("kortti 1", date(2027, 1, 2))}
        assert ledger.existing_pairs(pairs) == {("kortti 1", date(2027, 1, 1))}


def test_ledger_id_is_stable(location):
    with open_ledger(location) as ledger:
        ledger.add(NewEntry("a", date(2027, 1, 1)), "M", NOW)
        first = ledger.ledger_id()
    with open_ledger(location) as ledger:
        assert ledger.ledger_id() == first and len(first) >= 32


ADDER = textwrap.dedent(
    """
    import sys
    from datetime import date, datetime, timezone
    from celiatool.ledger.open import open_ledger
    from celiatool.ledger.store import NewEntry
    location, name = sys.argv[1], sys.argv[2]
    with open_ledger(location) as ledger:
        for i in range(500):  # 500 separate transactions
            ledger.add(NewEntry(f"{name} {i}", date(2027, 1, 1)), name, datetime.now(timezone.utc))
    """
)


def test_two_processes_adding_at_once_lose_nothing(location):
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ADDER, location, name], stderr=subprocess.PIPE, text=True
        )
        for name in ("Maija", "Liisa")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    from celiatool.ledger.open import open_ledger

    with open_ledger(location) as ledger:
        entries = ledger.entries()
    assert len(entries) == 1000
    assert len({e.id for e in entries}) == 1000
    assert {e.created_by for e in entries} == {"Maija", "Liisa"}
