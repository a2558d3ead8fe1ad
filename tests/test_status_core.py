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


def test_one_retry_after_a_connection_error(monkeypatch):
    import httpx

    from celiatool import fetch

    calls = []

    def flaky(url, clients, headers, remaining, max_bytes):
        calls.append(url)
        if len(calls) == 1:
            raise httpx.ConnectError("Connection refused")
        return fetch.Page(url=url, status=200, body=b"<body></body>", content_type="text/html")

    monkeypatch.setattr(fetch, "_get", flaky)
    assert fetch.fetch("http://127.0.0.1:9/", timeout=5).status == 200
    assert len(calls) == 2


def test_no_retry_after_an_http_error_and_at_most_one_after_connection_errors(monkeypatch):
    import httpx
    import pytest as _pytest

    from celiatool import fetch
    from celiatool.errors import CheckFailed

    calls = []

    def down(url, clients, headers, remaining, max_bytes):
        calls.append(url)
        raise httpx.ConnectError("Connection refused")

    monkeypatch.setattr(fetch, "_get", down)
    with _pytest.raises(CheckFailed, match="refused"):
        fetch.fetch("http://127.0.0.1:9/", timeout=5)
    assert len(calls) == 2


def test_colour_only_on_a_terminal(monkeypatch):
    import io

    from celiatool.cli import output

    class Tty(io.StringIO):
        def isatty(self):
            return True

    output.STATE.no_color = False
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert output.color_enabled(Tty()) and not output.color_enabled(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not output.color_enabled(Tty())
    monkeypatch.delenv("NO_COLOR")
    output.STATE.no_color = True
    assert not output.color_enabled(Tty())
    output.STATE.no_color = False
    monkeypatch.setenv("TERM", "xterm-256color")
    stream = Tty()
    output.highlight("Häiriö", "bold magenta", stream)
    assert "\x1b[" in stream.getvalue() and "Häiriö" in stream.getvalue()
    plain = io.StringIO()
    output.highlight("Häiriö", "bold magenta", plain)
    assert plain.getvalue() == "Häiriö\n"
