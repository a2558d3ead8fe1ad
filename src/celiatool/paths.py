"""Where celiatool keeps its files.

platformdirs decides the folders; `CELIATOOL_HOME` moves all three under one
folder (`config/`, `data/`, `cache/`), which is what the tests use.
"""

from __future__ import annotations

import os
from pathlib import Path

from celiatool import APP_NAME

HOME_ENV = "CELIATOOL_HOME"


def _home() -> Path | None:
    home = os.environ.get(HOME_ENV)
    return Path(home).expanduser() if home else None


def _folder(kind: str) -> Path:
    """`kind` is config, data or cache: under CELIATOOL_HOME, else platformdirs' user folder."""
    home = _home()
    if home is not None:
        return home / kind
    import platformdirs

    finder = getattr(platformdirs, f"user_{kind}_dir")
    return Path(finder(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return _folder("config")


def data_dir() -> Path:
    return _folder("data")


def cache_dir() -> Path:
    return _folder("cache")


def config_file() -> Path:
    return config_dir() / "config.toml"


def ensure_private_dir(path: Path) -> Path:
    """Create a folder (and parents) readable only by the user where the OS has modes."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
