"""Helpers shared by the ledger commands and `remind`: opening, dates, people's text."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from celiatool import config
from celiatool.cli.output import STATE, err, is_terminal
from celiatool.errors import InvalidInput
from celiatool.i18n import N_, _, format_date, ngettext

DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database",
        metavar="PATH_OR_URL",
        help=N_("The ledger: a file or postgresql://user@host:port/dbname (config database)."),
    ),
]


def open_from(database: str | None, cfg: config.Config | None = None):  # type: ignore[no-untyped-def]
    from celiatool.ledger.location import resolve
    from celiatool.ledger.open import open_ledger

    cfg = cfg or config.load()
    configured = cfg.checked("database")
    return open_ledger(resolve(database, str(configured) if configured else None))


def registrar(cfg: config.Config) -> str:
    """Who is writing: config `name`, else the operating system's user name."""
    name = cfg.get("name")
    if name:
        return str(name)
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some service accounts)
        return "unknown"


def today() -> date:
    from celiatool import clock

    return clock.today()


def parse_day(value: str, option: str) -> date:
    from celiatool.dates import parse_date

    try:
        return parse_date(value, today())
    except InvalidInput as exc:
        raise InvalidInput(f"{option}: {exc.message}") from None


def show_date(day: date | None) -> str:
    return format_date(day, STATE.lang) if day else ""


def days_text(days: int) -> str:
    if days == 0:
        return _("today")
    if days > 0:
        return ngettext("in {n} day", "in {n} days", days).format(n=days)
    return ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)


def warn_if_past(day: date) -> None:
    if day < today():
        err(
            _("Note: the end date {date} has passed; the entry is due at once.").format(
                date=show_date(day)
            ),
            style="yellow",
        )


def confirm_or_refuse(question: str, yes: bool) -> bool:
    """--yes: go. On a terminal: ask. Otherwise refuse (exit 2): nothing interactive."""
    if yes:
        return True
    if is_terminal(sys.stdin) and is_terminal(sys.stderr):
        return bool(typer.confirm(question, default=False, err=True))
    raise InvalidInput(_("Not on a terminal, so celiatool cannot ask: add --yes to confirm."))


N_HINT = N_("End the customership in Celianet, then run: celiatool fixed-term done ID")
