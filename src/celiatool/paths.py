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


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def ensure_private_dir(path: Path) -> Path:
    """Create a folder (and parents) readable only by the user where the OS has modes."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
