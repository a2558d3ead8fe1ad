"""`celiatool status` against a local server serving a 300 KB page.

    python benchmarks/status.py [--runs N]

Ratios are to `python -c "import typer, httpx, bs4"` measured in the same run
(see ../shared/clarifications.md): a first check <= 1.3x, a check of an
unchanged page answered 304 <= 0.8x. `python -c pass` is shown for reference.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _timing import PYTHON, exe, median_seconds, report

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"


def big_page(size: int = 300_000) -> bytes:
    """A Celianet-like page: the notice in the header, a long main content."""
    top = (FIXTURE / "notice_site_notice_class.html").read_text("utf-8")
    head, _, tail = top.partition('<main id="main" class="site-main" role="main">')
    article = (
        '<article class="post hentry"><h2 class="entry-title">Uutinen {n}</h2>'
        '<div class="entry-content"><p>Celian uutinen numero {n}: '
        + "äänikirjoja ja pistekirjoja kaikille, jotka eivät voi lukea painettua tekstiä. " * 8
        + '</p><div class="notice">Lue lisää</div></div></article>\n'
    )
    body = []
    n = 0
    while sum(map(len, body)) < size:
        body.append(article.format(n=n))
        n += 1
    return (head + '<main id="main" class="site-main" role="main">' + "".join(body) + tail).encode()


def serve(page: bytes) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/etag" and self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            if self.path == "/etag":
                self.send_header("ETag", '"v1"')
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    page = big_page()
    server = serve(page)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    env = {"CELIATOOL_HOME": tempfile.mkdtemp(prefix="celiatool-bench-"), "CELIATOOL_LANG": "en"}
    cli = exe()
    bare = median_seconds([PYTHON, "-c", "pass"], runs, env)
    libs = median_seconds([PYTHON, "-c", "import typer, httpx, bs4"], runs, env)
    # no ETag on /page: every run is a first check that fetches and parses
    first = median_seconds([cli, "status", "--url", f"{base_url}/page"], runs, env)
    # /etag: the warm-up run stores the validators, the timed runs get 304
    cached = median_seconds([cli, "status", "--url", f"{base_url}/etag"], runs, env)
    server.shutdown()
    print(f"page size: {len(page) // 1000} KB, runs: {runs}")
    ok = report(
        [
            ("python -c pass", bare, bare / libs, None),
            ("python -c 'import typer, httpx, bs4' (the unit)", libs, 1.0, None),
            ("celiatool status, first check (fetch + parse)", first, first / libs, 1.3),
            ("celiatool status, unchanged page (304)", cached, cached / libs, 0.8),
        ]
    )
    print(f"first check = {first / bare:.1f}x python -c pass")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
