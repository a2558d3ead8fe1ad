"""Output helpers: data to stdout, messages to stderr, colour only on a terminal.

Rich is imported only when colour is actually used, so piped output and
scripts pay nothing for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TextIO


class State:
    """Global options, set by the root callback for the command that runs."""

    def __init__(self) -> None:
        self.debug = False
        self.no_color = False
        self.lang = "fi"


STATE = State()


def color_enabled(stream: TextIO) -> bool:
    if STATE.no_color or os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def is_terminal(stream: TextIO | None = None) -> bool:
    stream = stream if stream is not None else sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def out(text: str = "") -> None:
    """A line of data on stdout."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def err(text: str, style: str | None = None) -> None:
    """A message for people on stderr, styled only on a colour terminal."""
    stream = sys.stderr
    if style and color_enabled(stream):
        from rich.console import Console
        from rich.text import Text

        Console(file=stream, highlight=False, soft_wrap=True).print(Text(text, style=style))
    else:
        stream.write(text + "\n")
        stream.flush()


def highlight(text: str, style: str, stream: TextIO | None = None) -> None:
    """A line on the given stream (default stdout), styled on a colour terminal."""
    stream = stream if stream is not None else sys.stdout
    if color_enabled(stream):
        from rich.console import Console
        from rich.text import Text

        Console(file=stream, highlight=False, soft_wrap=True).print(Text(text, style=style))
    else:
        stream.write(text + "\n")
        stream.flush()


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    """Indented on a terminal; compact (and faster: the C encoder) for scripts."""
    import json

    indent = 2 if is_terminal(sys.stdout) else None
    return json.dumps(data, ensure_ascii=False, indent=indent, default=_default)


def print_json(data: Any) -> None:
    out(to_json(data))


def print_json_line(data: Any) -> None:
    import json

    out(json.dumps(data, ensure_ascii=False, default=_default))


def write_file(path: Path, write: Callable[[BinaryIO], object], *, force: bool) -> None:
    """Write a file the user named (atomically, 0600). An existing file is kept unless
    `force`; a file that cannot be written is invalid input (exit 2)."""
    from celiatool.errors import InvalidInput
    from celiatool.files import atomic_write
    from celiatool.i18n import _

    if not force and path.exists():
        raise InvalidInput(
            _("{path} already exists; give --force to overwrite it.").format(path=path)
        )
    try:
        atomic_write(path, write)
    except OSError as exc:
        raise InvalidInput(
            _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
