"""The status core on plain values: watch, verdict comparison, JSON shape."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from celiatool.status import StatusResult, watch

T0 = datetime(2026, 11, 28, 10, 0, tzinfo=timezone(timedelta(hours=2)))


def result(state, notices=(), error=None):
    return StatusResult(
        url="https://www.celianet.fi/",
        checked_at=T0,
        state=state,
        notices=list(notices),
        error=error,
    )


def test_watch_emits_only_changes():
    sequence = iter(
        [
            result("clear"),
            result("clear"),
            result("notice", ["A"]),
            result("notice", ["A"]),
            result("notice", ["B"]),
            result("unknown", error="x"),
            result("unknown", error="x"),
            result("clear"),
        ]
    )
    emitted, sleeps = [], []
    watch(
        lambda: next(sequence), interval_s=300, emit=emitted.append, sleep=sleeps.append, rounds=8
    )
    assert [(r.state, r.notices) for r in emitted] == [
        ("clear", []),
        ("notice", ["A"]),
        ("notice", ["B"]),
        ("unknown", []),
        ("clear", []),
    ]
    assert sleeps == [300] * 7


def test_json_shape_is_stable():
    data = result("notice", ["A"]).to_json()
    assert list(data) == [
        "url",
        "checked_at",
        "state",
        "notices",
        "http_status",
        "error",
        "elapsed_ms",
    ]
    assert data["checked_at"] == "2026-11-28T10:00:00+02:00"
