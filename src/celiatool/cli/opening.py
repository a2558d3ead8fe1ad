"""Open an address, or print it where nothing can open it (shared by links and email)."""

from __future__ import annotations

from collections.abc import Callable

from celiatool import opener
from celiatool.cli.output import err, is_terminal, out
from celiatool.i18n import _

# Replaced by a fake in unit tests; end-to-end tests use BROWSER instead.
OPENER: Callable[[str], bool] = opener.open_url


def open_or_print(url: str, *, print_only: bool) -> bool:
    """--print: the address alone on stdout. Otherwise open it; on failure print it."""
    if print_only:
        out(url)
        return False
    mail = url.startswith("mailto:")
    if is_terminal():
        if mail:
            err(_("Opening the message in your mail program…"))
        else:
            err(_("Opening {url} in your browser…").format(url=url))
    if OPENER(url):
        return True
    out(url)
    if mail:
        err(_("No mail program could be opened here; copy the address above into one."))
    else:
        err(_("No browser could be opened here; open the address above yourself."))
    return False
