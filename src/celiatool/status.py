"""`status`: is Celia announcing a problem on celianet.fi?

`check_page` turns a fetched (or saved) page into a verdict; `check_url`
fetches with conditional requests and reuses the cached verdict on 304, so an
unchanged page costs neither parsing nor the import of the HTML parser.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from celiatool.errors import CheckFailed
from celiatool.i18n import _

DEFAULT_URL = "https://www.celianet.fi/"
URL_ENV = "CELIATOOL_CELIANET_URL"
CLEAR, NOTICE, UNKNOWN = "clear", "notice", "unknown"
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class StatusResult:
    url: str
    checked_at: datetime
    state: str
    notices: list[str] = field(default_factory=list)
    http_status: int | None = None
    error: str | None = None
    elapsed_ms: int = 0

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["checked_at"] = self.checked_at.isoformat(timespec="seconds")
        return data

    def same_verdict(self, other: StatusResult | None) -> bool:
        return other is not None and (self.state, self.notices, self.error) == (
            other.state,
            other.notices,
            other.error,
        )


def _charset(content_type: str, body: bytes) -> str | None:
    header = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    if header:
        return header.group(1)
    meta = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", body[:4096], re.IGNORECASE)
    return meta.group(1).decode("ascii") if meta else None


def decode_page(body: bytes, content_type: str = "") -> str:
    """Check that the bytes are an HTML page and decode them (exit 3 when not)."""
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        raise CheckFailed(_("the page was not HTML but {type}").format(type=mime))
    if not body.strip():
        raise CheckFailed(_("the page was empty"))
    head = body[:1024].lstrip()
    if head.startswith(b"%PDF") or b"\x00" in body[:4096] or head[:1] in (b"{", b"["):
        raise CheckFailed(_("the page was not HTML"))
    charset = _charset(content_type, body) or "utf-8"
    try:
        text = body.decode(charset, errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    if not re.search(r"<body[\s>/]", text, re.IGNORECASE):
        raise CheckFailed(_("the page has no body: it is not the usual Celianet page"))
    return text


def verdict(notices: list[str]) -> str:
    return NOTICE if notices else CLEAR


# Bump when the built-in rule in notice.py changes, so cached verdicts are re-judged.
# (Kept here so that a 304 answer needs no import of the rule or the HTML parser.)
RULE_VERSION = "1"


def rule_id(selector: str | None) -> str:
    return f"selector:{selector}" if selector else f"builtin:{RULE_VERSION}"


def _write_bytes(data: bytes, fh: BinaryIO) -> None:
    fh.write(data)


class StatusCache:
    """Validators, verdict and body of the last good response, one file pair per URL."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        return self.folder / f"{key}.json", self.folder / f"{key}.html"

    def load(self, url: str) -> dict[str, Any] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        meta["body_path"] = body_path
        return meta

    def store(self, url: str, meta: dict[str, Any], body: bytes) -> None:
        from celiatool.files import atomic_write

        meta_path, body_path = self._paths(url)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for path, data in (
                (body_path, body),
                (meta_path, json.dumps(dict(meta, url=url)).encode()),
            ):
                atomic_write(path, partial(_write_bytes, data), durable=False)
        except OSError:
            pass  # the cache is an optimisation; a read-only cache folder is no error

    def forget(self, url: str) -> None:
        for path in self._paths(url):
            with contextlib.suppress(OSError):
                path.unlink()


def check_html(body: bytes, content_type: str, selector: str | None) -> list[str]:
    from celiatool.notice import find_notices

    return find_notices(decode_page(body, content_type), selector)


def check_file(
    path: str, *, selector: str | None, read: Callable[[str], bytes], now: Callable[[], datetime]
) -> StatusResult:
    """A saved page (`-` is stdin, read by the caller's `read`)."""
    started = time.monotonic()
    body = read(path)
    result = StatusResult(url=path, checked_at=now(), state=UNKNOWN)
    try:
        result.notices = check_html(body, "", selector)
        result.state = verdict(result.notices)
    except CheckFailed as exc:
        result.error = exc.message
    result.elapsed_ms = int((time.monotonic() - started) * 1000)
    return result


def check_url(
    url: str,
    *,
    timeout: float,
    selector: str | None,
    cache: StatusCache | None,
    now: Callable[[], datetime],
) -> StatusResult:
    """Fetch the page and judge it; errors become state 'unknown' with a reason."""
    from celiatool.fetch import fetch, host_of

    started = time.monotonic()
    result = StatusResult(url=url, checked_at=now(), state=UNKNOWN)
    cached = cache.load(url) if cache else None
    rule = rule_id(selector)
    try:
        page = fetch(
            url,
            timeout=timeout,
            etag=cached.get("etag") if cached else None,
            last_modified=cached.get("last_modified") if cached else None,
        )
        result.http_status = page.status
        if page.not_modified and cached:
            if cached.get("rule") == rule:
                result.notices = list(cached.get("notices", []))
            else:
                result.notices = check_html(
                    Path(cached["body_path"]).read_bytes(), cached.get("content_type", ""), selector
                )
        elif page.status >= 300:
            raise CheckFailed(_http_reason(page.status, host_of(page.url)))
        else:
            result.notices = check_html(page.body, page.content_type, selector)
            if cache and (page.etag or page.last_modified):
                cache.store(
                    url,
                    {
                        "etag": page.etag,
                        "last_modified": page.last_modified,
                        "content_type": page.content_type,
                        "rule": rule,
                        "notices": result.notices,
                    },
                    page.body,
                )
            elif cache:
                cache.forget(url)
        result.state = verdict(result.notices)
    except CheckFailed as exc:
        result.error = exc.message
        if cache and result.http_status is not None and result.http_status < 300:
            cache.forget(url)  # never keep validators of a page that could not be parsed
    except OSError as exc:  # the cached body vanished between load and use
        result.error = _("the cached page could not be read ({reason})").format(reason=exc)
        if cache:
            cache.forget(url)
    result.elapsed_ms = int((time.monotonic() - started) * 1000)
    return result


def _http_reason(status: int, host: str) -> str:
    if status == 503:
        text = _("HTTP {status} from {host}: the service is unavailable, perhaps for maintenance")
    elif status >= 500:
        text = _("HTTP {status} from {host}: a server error at Celia")
    elif status == 404:
        text = _("HTTP {status} from {host}: page not found, check the address")
    else:
        text = _("HTTP {status} from {host}")
    return text.format(status=status, host=host)


def watch(
    check: Callable[[], StatusResult],
    *,
    interval_s: float,
    emit: Callable[[StatusResult], None],
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
) -> None:
    """Check again and again; emit a result only when the verdict changes."""
    previous: StatusResult | None = None
    done = 0
    while rounds is None or done < rounds:
        result = check()
        if not result.same_verdict(previous):
            emit(result)
            previous = result
        done += 1
        if rounds is None or done < rounds:
            sleep(interval_s)
