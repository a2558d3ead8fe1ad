"""Opening an address in the browser or mail program, at the edge.

Honours `BROWSER` (through the standard `webbrowser` module). Where no browser
can open (no display, cron, SSH), `open_url` returns False and the caller prints
the address instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def has_display(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Can a graphical browser open here? Windows and macOS: yes; elsewhere: a display."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    if env.get("BROWSER"):
        return True
    if platform.startswith(("win", "darwin")):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def open_url(url: str) -> bool:
    """Open the address; False when nothing could open it."""
    if not has_display():
        return False
    import webbrowser

    try:
        return bool(webbrowser.open(url, new=2))
    except (webbrowser.Error, OSError):
        return False
