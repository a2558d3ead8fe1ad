"""The catalogue of Celia addresses a registrar needs, in Finnish and Swedish.

Every address can be overridden in config (`links.NAME`), and new names can be
added there, so a changed Celia address needs no new release.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from celiatool.errors import InvalidInput
from celiatool.i18n import N_, _

CUSTOMER_SERVICE = {"fi": "palvelut@celia.fi", "sv": "tjanster@celia.fi"}


@dataclass(frozen=True)
class Link:
    name: str
    url: str
    purpose: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "url": self.url, "purpose": self.purpose}


# name: (Finnish/English address, Swedish address, purpose)
DEFAULTS: dict[str, tuple[str, str, str]] = {
    "celianet": (
        "https://www.celianet.fi/",
        "https://www.celianet.fi/sv/",
        N_("Celianet front page: customer management, and Celia's notice banner"),
    ),
    "reset-password": (
        "https://www.celianet.fi/palauta-salasanana",
        "https://www.celianet.fi/sv/be-losenordet-pa-nytt/",
        N_("Order forgotten Celianet credentials (registrars and customers alike)"),
    ),
    "reset-password-fi": (
        "https://www.celianet.fi/palauta-salasanana",
        "https://www.celianet.fi/palauta-salasanana",
        N_("The same page in Finnish"),
    ),
    "reset-password-sv": (
        "https://www.celianet.fi/sv/be-losenordet-pa-nytt/",
        "https://www.celianet.fi/sv/be-losenordet-pa-nytt/",
        N_("The same page in Swedish"),
    ),
    "chat": (
        "https://www.celianet.fi/",
        "https://www.celianet.fi/sv/",
        N_("Celia's chat, inside Celianet: working days 9–14"),
    ),
    "email": (
        "mailto:" + CUSTOMER_SERVICE["fi"],
        "mailto:" + CUSTOMER_SERVICE["sv"],
        N_("Celia's customer service by email (locked accounts, removing a registrar)"),
    ),
    "email-fi": (
        "mailto:" + CUSTOMER_SERVICE["fi"],
        "mailto:" + CUSTOMER_SERVICE["fi"],
        N_("Celia's customer service in Finnish"),
    ),
    "email-sv": (
        "mailto:" + CUSTOMER_SERVICE["sv"],
        "mailto:" + CUSTOMER_SERVICE["sv"],
        N_("Celia's customer service in Swedish"),
    ),
    "newsletter": (
        "https://www.celia.fi/tilaa-uutiskirjeita",
        "https://www.celia.fi/tilaa-uutiskirjeita",
        N_("Subscribe to Celia's newsletters; registrars: at least the one for libraries"),
    ),
    "instructions": (
        "https://www.celianet.fi/ohjeet/",
        "https://www.celianet.fi/sv/anvisningar-for-bibliotek/",
        N_("Celia's instructions for libraries"),
    ),
    "faq": (
        "https://www.celianet.fi/ohjeet/ukk",
        "https://www.celianet.fi/sv/anvisningar-for-bibliotek/",
        N_("Frequently asked questions, with the chat's hours and contact details"),
    ),
}


def catalogue(lang: str, overrides: Mapping[str, Any] | None = None) -> list[Link]:
    """All links for a UI language; config `links.NAME` overrides or adds addresses."""
    overrides = dict(overrides or {})
    links = []
    for name, (url_fi, url_sv, purpose) in DEFAULTS.items():
        url = str(overrides.pop(name, url_sv if lang == "sv" else url_fi))
        links.append(Link(name, url, _(purpose)))
    for name, url in overrides.items():
        links.append(
            Link(name, str(url), _("your own link (config links.{name})").format(name=name))
        )
    return links


def find(name: str, lang: str, overrides: Mapping[str, Any] | None = None) -> Link:
    links = catalogue(lang, overrides)
    for link in links:
        if link.name == name:
            return link
    raise InvalidInput(
        _("There is no link called {name!r}. Links: {names}.").format(
            name=name, names=", ".join(link.name for link in links)
        )
    )


def customer_service_email(lang: str) -> str:
    """palvelut@celia.fi, or tjanster@celia.fi for Swedish."""
    return CUSTOMER_SERVICE["sv" if lang == "sv" else "fi"]
