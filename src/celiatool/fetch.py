"""Fetching a page over HTTP(S) with httpx: bounded in time and size.

Network errors are translated here, at the edge, into `CheckFailed` with a
reason in plain words. httpx is imported only when a page is fetched.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from celiatool import __version__
from celiatool.errors import CheckFailed, InvalidInput
from celiatool.i18n import _

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = f"celiatool/{__version__} (+https://www.celianet.fi/; notice check)"


@dataclass
class Page:
    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url


def _connect_reason(exc: Exception, host: str) -> str:
    text = str(exc)
    lowered = text.lower()
    if any(
        s in lowered
        for s in (
            "name or service not known",
            "nodename nor servname",
            "getaddrinfo failed",
            "temporary failure in name resolution",
            "no address associated",
            "name resolution",
        )
    ):
        return _(
            "the name lookup for {host} failed (no internet connection, or a wrong address)"
        ).format(host=host)
    if "certificate" in lowered or "ssl" in lowered or "tls" in lowered:
        return _(
            "the secure connection to {host} failed: its certificate could not be verified"
        ).format(host=host)
    if "refused" in lowered:
        return _("no connection to {host}: the connection was refused").format(host=host)
    if "unreachable" in lowered:
        return _("no connection to {host}: the network is unreachable").format(host=host)
    return _("no connection to {host} ({reason})").format(
        host=host, reason=text or type(exc).__name__
    )


def fetch(
    url: str,
    *,
    timeout: float,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Page:
    """GET a page. The timeout bounds the whole fetch; one retry on a connection error."""
    import httpx

    host = host_of(url)
    deadline = time.monotonic() + timeout
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpx.ReadTimeout("deadline")
        return left

    timed_out = _("no answer from {host}: timed out after {seconds} s").format(
        host=host, seconds=f"{timeout:g}"
    )
    for attempt in (1, 2):
        clients: dict[str, httpx.Client] = {}
        try:
            return _get(url, clients, headers, remaining, max_bytes)
        except httpx.TimeoutException:
            raise CheckFailed(timed_out) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise InvalidInput(
                _("{url!r} is not a web address celiatool can check ({reason}).").format(
                    url=url, reason=exc
                )
            ) from None
        except httpx.ConnectError as exc:
            if attempt == 1 and deadline - time.monotonic() > 0.1:
                continue
            raise CheckFailed(_connect_reason(exc, host)) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise CheckFailed(
                _("{host} broke the connection ({reason})").format(
                    host=host, reason=exc or type(exc).__name__
                )
            ) from None
        except httpx.HTTPError as exc:
            raise CheckFailed(_("the check failed: {reason}").format(reason=exc)) from None
        finally:
            for client in clients.values():
                client.close()
    raise AssertionError("unreachable")  # pragma: no cover


def _get(
    url: str,
    clients: dict[str, Any],
    headers: dict[str, str],
    remaining: Callable[[], float],
    max_bytes: int,
) -> Page:
    """Follow at most MAX_REDIRECTS redirects by hand.

    Redirects are followed here rather than by httpx so that a TLS context (about
    50 ms to load the CA bundle) is made only once an https:// address is reached;
    every https:// hop is verified.
    """
    import httpx

    current = url
    for hop in range(MAX_REDIRECTS + 1):
        scheme = httpx.URL(current).scheme
        if scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"unsupported scheme {scheme!r}")
        if scheme not in clients:
            clients[scheme] = httpx.Client(
                follow_redirects=False,
                verify=scheme == "https",
                timeout=httpx.Timeout(remaining()),
                headers=headers,
            )
        with clients[scheme].stream("GET", current) as response:
            location = response.headers.get("location")
            if response.is_redirect and location:
                if hop == MAX_REDIRECTS:
                    raise CheckFailed(
                        _(
                            "{host} redirected too many times (more than {n}); "
                            "the address may be wrong"
                        ).format(host=host_of(url), n=MAX_REDIRECTS)
                    )
                current = str(response.url.join(location))
                remaining()
                continue
            page = Page(
                url=str(response.url),
                status=response.status_code,
                content_type=response.headers.get("content-type", ""),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
            if response.status_code >= 300:
                return page
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise CheckFailed(_too_large(max_bytes))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise CheckFailed(_too_large(max_bytes))
                chunks.append(chunk)
                remaining()
            page.body = b"".join(chunks)
            return page
    raise AssertionError("unreachable")  # pragma: no cover


def _too_large(max_bytes: int) -> str:
    return _("the page was too large (over {mb} MB); this is not the usual Celianet page").format(
        mb=max_bytes // (1024 * 1024)
    )
