"""Writing files atomically: a temporary file in the same folder, then a rename.

A reader never sees half a file, and a failed write leaves the old file as it
was. New files are readable only by their owner (mode 0600) where the OS has
modes: drafts, exports and the config hold personal details.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: Path, write: Callable[[BinaryIO], object], *, durable: bool = True) -> None:
    """Write `path` through `write(binary_file)`; fsync first unless `durable` is False.

    Raises OSError as it comes (the caller says what it means for its file).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        with contextlib.suppress(OSError):  # file systems without modes
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
