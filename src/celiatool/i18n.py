"""Languages: Finnish (default), Swedish and English through gettext catalogs.

Every user-facing string goes through `_()`; strings defined before the
language is known (help texts) are marked with `N_()` and translated when the
command tree is built. Catalogs live in `celiatool/locale/<lang>/LC_MESSAGES/`.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

DOMAIN = "celiatool"
LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
LOCALE_DIR = Path(__file__).parent / "locale"
LANG_ENV = "CELIATOOL_LANG"

_current: str | None = None
_translation: _gettext.NullTranslations | None = None


def language_from_locale(environ: Mapping[str, str]) -> str:
    """POSIX order: the first of LC_ALL, LC_MESSAGES, LANG that is set and non-empty."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if value:
            value = value.lower()
            if value.startswith("sv"):
                return "sv"
            if value.startswith("en"):
                return "en"
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def normalise_language(value: str | None) -> str | None:
    """'FI', 'sv_FI.UTF-8', 'en-GB' -> 'fi', 'sv', 'en'; anything else -> None."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else None


def resolve_language(
    flag: str | None,
    config_value: str | None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """--lang > CELIATOOL_LANG > config `language` > the locale > Finnish."""
    env = os.environ if environ is None else environ
    for candidate in (flag, env.get(LANG_ENV), config_value):
        lang = normalise_language(candidate)
        if lang:
            return lang
    return language_from_locale(env)


def set_language(lang: str) -> None:
    global _current, _translation
    lang = normalise_language(lang) or DEFAULT_LANGUAGE
    _current = lang
    _translation = _gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True
    )


def current_language() -> str:
    if _current is None:
        set_language(resolve_language(None, None))
    assert _current is not None
    return _current


def _tr() -> _gettext.NullTranslations:
    if _translation is None:
        set_language(current_language())
    assert _translation is not None
    return _translation


def _(message: str) -> str:
    """Translate a message into the current language."""
    return _tr().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _tr().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation without translating it yet."""
    return message


_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: date, lang: str | None = None) -> str:
    """A date as people read it: 31.12.2026 (fi), 2026-12-31 (sv), 31 Dec 2026 (en)."""
    lang = lang or current_language()
    if lang == "sv":
        return value.isoformat()
    if lang == "en":
        return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day}.{value.month}.{value.year}"
