"""`celiatool status` against a real HTTP server on 127.0.0.1 (pytest-httpserver)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from tests.conftest import FIXTURES, celiatool_exe
from werkzeug import Request, Response

from celiatool import __version__

PAGES = FIXTURES / "pages"
CLEAR = (PAGES / "clear_news_post.html").read_bytes()
NOTICE = (PAGES / "notice_site_notice_class.html").read_bytes()
NOTICE_TEXT = "Häiriö: Kirjahaku ei toimi tällä hetkellä. Korjaamme vikaa."
HTML = "text/html; charset=utf-8"


def status(cli, url, *extra):
    run = cli("status", "--url", url, "--json", *extra)
    data = json.loads(run.stdout)
    return run, data


def test_200_clear(cli, httpserver):
    httpserver.expect_request("/").respond_with_data(CLEAR, content_type=HTML)
    run, data = status(cli, httpserver.url_for("/"))
    assert run.exit_code == 0
    assert data["state"] == "clear" and data["notices"] == [] and data["http_status"] == 200
    assert data["error"] is None and isinstance(data["elapsed_ms"], int)
    assert data["url"] == httpserver.url_for("/")
    assert "T" in data["checked_at"] and (
        "+" in data["checked_at"] or data["checked_at"].endswith("Z")
    )


def test_200_notice_for_people(cli, httpserver):
    httpserver.expect_request("/").respond_with_data(NOTICE, content_type=HTML)
    run = cli("status", "--url", httpserver.url_for("/"))
    assert run.exit_code == 1
    assert NOTICE_TEXT in run.stdout
    assert "127.0.0.1" in run.stdout


def test_clear_for_people_gives_advice(cli, httpserver):
    httpserver.expect_request("/").respond_with_data(CLEAR, content_type=HTML)
    run = cli("status", "--url", httpserver.url_for("/"))
    assert run.exit_code == 0
    assert "No notice" in run.stdout
    assert "celiatool chat" in run.stderr


def test_user_agent_names_celiatool(cli, httpserver):
    httpserver.expect_request(
        "/", headers={"User-Agent": f"celiatool/{__version__}"}
    ).respond_with_data(CLEAR, content_type=HTML)
    seen = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("User-Agent", ""))
        return Response(CLEAR, content_type=HTML)

    httpserver.clear()
    httpserver.expect_request("/").respond_with_handler(handler)
    status(cli, httpserver.url_for("/"))
    assert seen and seen[0].startswith(f"celiatool/{__version__}")


def test_redirect_followed(cli, httpserver):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/new")}
    )
    httpserver.expect_request("/new").respond_with_data(NOTICE, content_type=HTML)
    run, data = status(cli, httpserver.url_for("/old"))
    assert run.exit_code == 1 and data["notices"] == [NOTICE_TEXT] and data["http_status"] == 200


def test_redirect_loop(cli, httpserver):
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    run, data = status(cli, httpserver.url_for("/a"))
    assert run.exit_code == 3 and data["state"] == "unknown"
    assert "redirected too many times" in data["error"]


@pytest.mark.parametrize(
    ("code", "words"),
    [(404, "not found"), (500, "server error"), (503, "maintenance"), (403, "HTTP 403")],
)
def test_http_errors(cli, httpserver, code, words):
    body = "<html><body><h1>Huoltokatko</h1></body></html>" if code == 503 else "error"
    httpserver.expect_request("/").respond_with_data(body, status=code, content_type=HTML)
    run, data = status(cli, httpserver.url_for("/"))
    assert run.exit_code == 3
    assert data["state"] == "unknown" and data["http_status"] == code
    assert f"HTTP {code}" in data["error"] and words in data["error"]


def test_http_error_for_people(cli, httpserver):
    httpserver.expect_request("/").respond_with_data("x", status=503)
    run = cli("status", "--url", httpserver.url_for("/"))
    assert run.exit_code == 3 and run.stdout == ""
    assert "HTTP 503" in run.stderr and "Traceback" not in run.stderr


def test_slower_than_timeout(cli, httpserver):
    def slow(request: Request) -> Response:
        time.sleep(2.5)
        return Response(CLEAR, content_type=HTML)

    httpserver.expect_request("/").respond_with_handler(slow)
    started = time.monotonic()
    run, data = status(cli, httpserver.url_for("/"), "--timeout", "1")
    took = time.monotonic() - started
    assert run.exit_code == 3 and "timed out after 1 s" in data["error"]
    assert took < 1 + 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused(cli):
    run, data = status(cli, f"http://127.0.0.1:{free_port()}/")
    assert run.exit_code == 3 and "refused" in data["error"] and data["http_status"] is None


def test_body_over_cap_with_length(cli, httpserver):
    big = b"<html><body>" + b"x" * (5 * 1024 * 1024 + 10) + b"</body></html>"
    httpserver.expect_request("/").respond_with_data(big, content_type=HTML)
    run, data = status(cli, httpserver.url_for("/"))
    assert run.exit_code == 3 and "too large" in data["error"]


def test_body_over_cap_streamed(cli, httpserver):
    sent = []

    def stream(request: Request) -> Response:
        def chunks():
            yield b"<html><body>"
            for _ in range(200):  # 200 x 64 KiB = 12.5 MiB, no Content-Length
                sent.append(1)
                yield b"y" * 65536

        return Response(chunks(), content_type=HTML)

    httpserver.expect_request("/").respond_with_handler(stream)
    run, data = status(cli, httpserver.url_for("/"))
    assert run.exit_code == 3 and "too large" in data["error"]


@pytest.mark.parametrize(
    ("body", "ctype", "words"),
    [
        (b'{"status": "ok"}', "application/json", "application/json"),
        (b"%PDF-1.4\n...", "application/pdf", "application/pdf"),
    ],
)
def test_non_html(cli, httpserver, body, ctype, words):
    httpserver.expect_request("/").respond_with_data(body, content_type=ctype)
    run, data = status(cli, httpserver.url_for("/"))
    assert run.exit_code == 3 and "not HTML" in data["error"] and words in data["error"]


def test_latin1_page(cli, httpserver):
    page = '<html><body><div class="tiedote">Häiriö äänikirjoissa</div></body></html>'.encode(
        "latin-1"
    )
    httpserver.expect_request("/").respond_with_data(
        page, content_type="text/html; charset=iso-8859-1"
    )
    run, data = status(cli, httpserver.url_for("/"))
    assert run.exit_code == 1 and data["notices"] == ["Häiriö äänikirjoissa"]


def test_invalid_utf8_page(cli, httpserver):
    page = b'<html><body><div class="notice">Vika \xc3\x28 haussa</div></body></html>'
    httpserver.expect_request("/").respond_with_data(page, content_type=HTML)
    run, data = status(cli, httpserver.url_for("/"))
    assert run.exit_code == 1 and data["notices"][0].startswith("Vika")


def test_empty_200(cli, httpserver):
    httpserver.expect_request("/").respond_with_data(b"", content_type=HTML)
    run, data = status(cli, httpserver.url_for("/"))
    assert run.exit_code == 3 and "empty" in data["error"]


def test_304_reuses_cached_verdict(cli, httpserver, isolated):
    calls = []

    def handler(request: Request) -> Response:
        calls.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(
            NOTICE,
            content_type=HTML,
            headers={"ETag": '"v1"', "Last-Modified": "Wed, 21 Oct 2026 07:28:00 GMT"},
        )

    httpserver.expect_request("/").respond_with_handler(handler)
    first, data1 = status(cli, httpserver.url_for("/"))
    second, data2 = status(cli, httpserver.url_for("/"))
    assert first.exit_code == second.exit_code == 1
    assert data2["http_status"] == 304 and data2["notices"] == data1["notices"] == [NOTICE_TEXT]
    assert "If-None-Match" not in calls[0] and calls[1]["If-None-Match"] == '"v1"'
    assert calls[1]["If-Modified-Since"] == "Wed, 21 Oct 2026 07:28:00 GMT"
    # a different selector re-judges the cached body instead of reusing the verdict
    _, data3 = status(cli, httpserver.url_for("/"), "--selector", "article .entry-title")
    assert data3["http_status"] == 304 and data3["notices"] == [
        "Käyttökatko Celian palveluissa 20.8.2019"
    ]


def test_304_path_does_not_import_the_parser(httpserver, isolated):
    exe = celiatool_exe()

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v2"':
            return Response(status=304)
        return Response(CLEAR, content_type=HTML, headers={"ETag": '"v2"'})

    httpserver.expect_request("/").respond_with_handler(handler)
    env = dict(os.environ, CELIATOOL_HOME=str(isolated))
    probe = (
        "import sys\n"
        "from celiatool.cli.app import run\n"
        "code = run(['status', '--json', '--url', sys.argv[1]])\n"
        "sys.stderr.write('BS4=%s CODE=%s' % ('bs4' in sys.modules, code))\n"
    )
    url = httpserver.url_for("/")
    first = subprocess.run(
        [sys.executable, "-c", probe, url], capture_output=True, text=True, env=env
    )
    second = subprocess.run(
        [sys.executable, "-c", probe, url], capture_output=True, text=True, env=env
    )
    assert "BS4=True CODE=0" in first.stderr
    assert "BS4=False CODE=0" in second.stderr
    assert json.loads(second.stdout)["http_status"] == 304
    assert exe


def test_validators_of_unparsable_page_are_not_stored(cli, httpserver, isolated):
    httpserver.expect_request("/").respond_with_data(
        b'{"a":1}', content_type="application/json", headers={"ETag": '"x"'}
    )
    status(cli, httpserver.url_for("/"))
    cache = isolated / "cache" / "status"
    assert not cache.exists() or not list(cache.iterdir())


def test_url_from_env_and_config(cli, httpserver, monkeypatch):
    httpserver.expect_request("/env").respond_with_data(NOTICE, content_type=HTML)
    httpserver.expect_request("/cfg").respond_with_data(CLEAR, content_type=HTML)
    assert cli("config", "set", "celianet_url", httpserver.url_for("/cfg")).exit_code == 0
    assert cli("status").exit_code == 0
    monkeypatch.setenv("CELIATOOL_CELIANET_URL", httpserver.url_for("/env"))
    assert cli("status").exit_code == 1


def test_selector_from_config(cli, httpserver):
    httpserver.expect_request("/").respond_with_data(CLEAR, content_type=HTML)
    cli("config", "set", "banner_selector", "article h2")
    run, data = status(cli, httpserver.url_for("/"))
    assert run.exit_code == 1 and data["notices"] == ["Käyttökatko Celian palveluissa 20.8.2019"]


def test_usage_errors(cli):
    assert cli("status", "--timeout", "0").exit_code == 2
    assert cli("status", "--interval", "0.5", "--watch").exit_code == 2
    assert cli("status", "--selector", "div[").exit_code == 2
    run = cli("status", "--url", "ftp://example.org/")
    assert run.exit_code == 2 and "ftp://example.org/" in run.stderr


def test_file_and_stdin(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(NOTICE)
    run = cli("status", "--file", str(page), "--json")
    data = json.loads(run.stdout)
    assert run.exit_code == 1 and data["url"] == str(page) and data["http_status"] is None
    run = cli("status", "--file", "-", input=CLEAR.decode())
    assert run.exit_code == 0
    missing = cli("status", "--file", str(tmp_path / "nope.html"))
    assert missing.exit_code == 2 and "nope.html" in missing.stderr
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert cli("status", "--file", str(empty)).exit_code == 3


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process is POSIX")
def test_watch_prints_changes_and_ctrl_c_exits_130(httpserver, isolated):
    exe = celiatool_exe()
    httpserver.expect_request("/").respond_with_data(NOTICE, content_type=HTML)
    env = dict(os.environ, CELIATOOL_HOME=str(isolated), CELIATOOL_LANG="en")
    proc = subprocess.Popen(
        [exe, "status", "--watch", "--json", "--url", httpserver.url_for("/")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert json.loads(line)["state"] == "notice"
    assert proc.returncode == 130
    assert "Traceback" not in err


def test_end_to_end_offline_is_exit_3_and_one_line(tmp_path):
    """What the README's first command ends with on a machine without a connection."""
    exe = celiatool_exe()
    env = {"PATH": "/usr/bin:/bin", "CELIATOOL_HOME": str(tmp_path / "h"), "CELIATOOL_LANG": "fi",
           "CELIATOOL_CELIANET_URL": f"http://127.0.0.1:{free_port()}/"}  # fmt: skip
    run = subprocess.run([exe, "status"], capture_output=True, text=True, env=env, timeout=30)
    assert run.returncode == 3 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
