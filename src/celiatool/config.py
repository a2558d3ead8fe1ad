"""The config file: `config.toml` in the config folder.

Reads with tomllib, writes with tomli-w, atomically (temp file + rename) and
with mode 0600 where the OS has modes. A file that is not valid TOML is never
overwritten: reading it raises `LocalDataError` (exit 4) naming the file and line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from celiatool import paths
from celiatool.errors import InvalidInput, LocalDataError
from celiatool.i18n import LANGUAGES, N_, _


def _text(key: str, raw: str) -> str:
    from celiatool.validate import check_single_line, refuse_identity_code

    value = check_single_line(raw.strip(), key)
    if not value:
        raise InvalidInput(_("{key} must not be empty.").format(key=key))
    refuse_identity_code(value, key)
    return value


def _email(key: str, raw: str) -> str:
    from celiatool.validate import check_email

    return check_email(raw, key)


def _phone(key: str, raw: str) -> str:
    value = _text(key, raw)
    if not re.fullmatch(r"\+?[0-9 ()\-]{5,25}", value):
        raise InvalidInput(
            _("{key}: {value!r} is not a phone number (digits, spaces, + - ( ) only).").format(
                key=key, value=value
            )
        )
    return value


def _language(key: str, raw: str) -> str:
    value = raw.strip().lower()
    if value not in LANGUAGES:
        raise InvalidInput(
            _("{key}: {value!r} is not a language celiatool speaks; use one of: {choices}.").format(
                key=key, value=raw, choices=", ".join(LANGUAGES)
            )
        )
    return value


def _url(key: str, raw: str) -> str:
    value = raw.strip()
    if not re.fullmatch(r"(https?://[^\s/?#]+[^\s]*|mailto:[^\s]+)", value):
        raise InvalidInput(
            _("{key}: {value!r} is not a web address (http:// or https://).").format(
                key=key, value=raw
            )
        )
    return value


def _int_range(low: int, high: int) -> Callable[[str, str], int]:
    def parse(key: str, raw: str) -> int:
        try:
            value = int(raw.strip())
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise InvalidInput(
                _("{key}: {value!r} is not a whole number from {low} to {high}.").format(
                    key=key, value=raw, low=low, high=high
                )
            )
        return value

    return parse


def _date(key: str, raw: str) -> date:
    from celiatool.dates import parse_date

    return parse_date(raw)


def _selector(key: str, raw: str) -> str:
    from celiatool.notice import check_selector

    return check_selector(_text(key, raw))


def _chat_hours(key: str, raw: str) -> str:
    from celiatool.chat import parse_hours

    parse_hours(raw)
    return raw.strip()


def _database(key: str, raw: str) -> str:
    from celiatool.ledger.location import check_location

    return check_location(_text(key, raw))


class Key(NamedTuple):
    name: str
    help: str
    parse: Callable[[str, str], Any]


KEYS: dict[str, Key] = {
    k.name: k
    for k in (
        Key("name", N_("your name, as Celia should see it in emails"), _text),
        Key("email", N_("your Celianet user name (an email address)"), _email),
        Key("phone", N_("your phone number for Celia's replies"), _phone),
        Key("library", N_("your library's name"), _text),
        Key("language", N_("language of celiatool: fi, sv or en"), _language),
        Key("celianet_url", N_("address of the Celianet front page for `status`"), _url),
        Key("banner_selector", N_("CSS selector that replaces the notice rule"), _selector),
        Key("chat_hours", N_("chat opening hours, e.g. mon-fri 09:00-14:00"), _chat_hours),
        Key(
            "remind_within", N_("days ahead that `remind` shows (default 14)"), _int_range(0, 3650)
        ),
        Key("password_changed", N_("the day you last changed your Celianet password"), _date),
        Key(
            "password_rotation_months",
            N_("months between password changes (default 12)"),
            _int_range(1, 120),
        ),
        Key("database", N_("the ledger: a file path or a postgresql:// URL"), _database),
    )
}
LINK_PREFIX = "links."


def key_spec(key: str) -> Key:
    if key in KEYS:
        return KEYS[key]
    if key.startswith(LINK_PREFIX) and re.fullmatch(
        r"[a-z0-9][a-z0-9_-]*", key[len(LINK_PREFIX) :]
    ):
        return Key(key, N_("address of one link (see `celiatool links`)"), _url)
    raise InvalidInput(
        _("Unknown setting {key!r}. Valid settings: {keys}, and links.NAME.").format(
            key=key, keys=", ".join(KEYS)
        )
    )


class Config:
    def __init__(self, path: Path, values: dict[str, Any] | None = None) -> None:
        self.path = path
        self.values: dict[str, Any] = values if values is not None else {}

    def get(self, key: str, default: Any = None) -> Any:
        if key.startswith(LINK_PREFIX):
            links = self.values.get("links")
            return (
                links.get(key[len(LINK_PREFIX) :], default) if isinstance(links, dict) else default
            )
        return self.values.get(key, default)

    def checked(self, key: str) -> Any:
        """A set value, checked like `config set` would; a bad one is exit 4 naming the file."""
        value = self.get(key)
        if value is None:
            return None
        raw = value.isoformat() if isinstance(value, date) else str(value)
        try:
            return key_spec(key).parse(key, raw)
        except InvalidInput as exc:
            raise LocalDataError(
                _("The config file {path} has an invalid {key}: {reason}").format(
                    path=self.path, key=key, reason=exc.message
                )
            ) from None

    def flat(self) -> dict[str, Any]:
        """The keys that are set, links flattened to links.NAME."""
        out: dict[str, Any] = {}
        for key, value in self.values.items():
            if key == "links" and isinstance(value, dict):
                for name, url in value.items():
                    out[LINK_PREFIX + name] = url
            else:
                out[key] = value
        return out


def load(path: Path | None = None) -> Config:
    path = path or paths.config_file()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config(path)
    except OSError as exc:
        raise LocalDataError(
            _("Cannot read the config file {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    import tomllib

    try:
        values = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LocalDataError(
            _(
                "The config file {path} is not valid TOML ({detail}). "
                "Correct or remove it; celiatool has not changed it."
            ).format(path=path, detail=exc)
        ) from None
    return Config(path, values)


def save(config: Config) -> None:
    import tomli_w

    from celiatool.files import atomic_write

    text = tomli_w.dumps(config.values).encode("utf-8")
    try:
        paths.ensure_private_dir(config.path.parent)
        atomic_write(config.path, lambda fh: fh.write(text))
    except OSError as exc:
        raise LocalDataError(
            _("Cannot write the config file {path}: {reason}").format(
                path=config.path, reason=exc.strerror or exc
            )
        ) from None


def set_value(key: str, raw: str, path: Path | None = None) -> Any:
    spec = key_spec(key)
    value = spec.parse(key, raw)
    config = load(path)
    if key.startswith(LINK_PREFIX):
        links = config.values.setdefault("links", {})
        links[key[len(LINK_PREFIX) :]] = value
    else:
        config.values[key] = value
    save(config)
    return value


def unset_value(key: str, path: Path | None = None) -> bool:
    key_spec(key)
    config = load(path)
    if key.startswith(LINK_PREFIX):
        links = config.values.get("links", {})
        removed = links.pop(key[len(LINK_PREFIX) :], None) is not None
        if not links:
            config.values.pop("links", None)
    else:
        removed = config.values.pop(key, None) is not None
    if removed:
        save(config)
    return removed


def setting(
    key: str,
    flag: Any = None,
    env_var: str | None = None,
    config: Config | None = None,
    default: Any = None,
) -> Any:
    """Precedence: command-line flag > environment variable > config file > default."""
    if flag is not None:
        return flag
    if env_var and os.environ.get(env_var):
        return os.environ[env_var]
    cfg = config if config is not None else load()
    value = cfg.checked(key)
    return default if value is None else value
