"""`reset-password`, `chat`, `links` and `open`: the right Celia page, opened."""

from typing import Annotated

import typer

from celiatool import config
from celiatool.cli.base import JsonOpt, command, new_typer
from celiatool.cli.opening import open_or_print
from celiatool.cli.output import STATE, err, out, print_json
from celiatool.i18n import N_, _, format_date

PrintOpt = Annotated[
    bool, typer.Option("--print", help=N_("Only print the address; open nothing."))
]


def _overrides(cfg: config.Config) -> dict[str, str]:
    links = cfg.values.get("links")
    return dict(links) if isinstance(links, dict) else {}


def _link(name: str, cfg: config.Config) -> str:
    from celiatool import links

    return links.find(name, STATE.lang, _overrides(cfg)).url


def _chat_status(cfg: config.Config):  # type: ignore[no-untyped-def]
    from celiatool import chat, clock

    text = cfg.checked("chat_hours") or chat.DEFAULT_HOURS
    return chat.chat_status(clock.now(), chat.parse_hours(str(text)))


def _describe(status) -> str:  # type: ignore[no-untyped-def]
    from celiatool import chat

    if status.open:
        return _("The chat is staffed now, until {time}.").format(
            time=chat.clock(status.closes_at, STATE.lang)
        )
    if status.next_opening is None:
        return _("The chat is closed now.")
    return _("The chat is closed now. It opens next {day} {date} at {time}.").format(
        day=chat.weekday_on(status.next_opening.date()),
        date=format_date(status.next_opening.date(), STATE.lang),
        time=chat.clock(status.next_opening, STATE.lang),
    )


def _email_alternative() -> str:
    from celiatool.links import customer_service_email

    return _("You can also email Celia: {email}.").format(email=customer_service_email(STATE.lang))


reset_app = new_typer()


@command(
    reset_app,
    "reset-password",
    N_(
        "Open Celianet's page for ordering forgotten credentials. With --locked: "
        "what to do when your registrar account is locked."
    ),
    short_help=N_("Forgotten or locked Celianet credentials."),
)
def reset_password(
    locked: Annotated[
        bool,
        typer.Option("--locked", help=N_("The account is locked: only Celia can release it.")),
    ] = False,
    print_only: PrintOpt = False,
) -> None:
    cfg = config.load()
    if not locked:
        open_or_print(_link("reset-password", cfg), print_only=print_only)
        if not print_only:
            err(_("What happens next:"))
            err(_("1. Give the email address that is your Celianet user name."))
            err(_("2. Celianet sends the credentials to that address by email."))
            err(
                _(
                    "3. Celianet and the Pratsam Reader app have separate passwords: "
                    "this page resets the Celianet one."
                )
            )
        return
    status = _chat_status(cfg)
    if not print_only:
        err(
            _(
                "A locked registrar account can only be released by Celia: tell Celia "
                "in the chat or by email."
            )
        )
        err(_describe(status))
    if status.open:
        if not print_only:
            err(_("Opening Celianet, where the chat is."))
        open_or_print(_link("chat", cfg), print_only=print_only)
        return
    if not print_only:
        err(_("Draft the email to Celia with this command:"))
    out("celiatool email unlock")


chat_app = new_typer()


@command(
    chat_app,
    "chat",
    N_(
        "Open Celianet, where Celia's chat is, and say whether the chat is staffed "
        "now (working days 9–14, config chat_hours)."
    ),
    short_help=N_("Open Celia's chat; is it staffed now?"),
)
def chat_cmd(print_only: PrintOpt = False, as_json: JsonOpt = False) -> None:
    from celiatool import chat
    from celiatool.links import customer_service_email

    cfg = config.load()
    status = _chat_status(cfg)
    url = _link("chat", cfg)
    if as_json:
        print_json(
            {
                "open": status.open,
                "now": status.now.isoformat(timespec="seconds"),
                "closes_at": status.closes_at.isoformat(timespec="seconds")
                if status.closes_at
                else None,
                "next_opening": status.next_opening.isoformat(timespec="seconds")
                if status.next_opening
                else None,
                "hours": str(cfg.checked("chat_hours") or chat.DEFAULT_HOURS),
                "url": url,
                "email": customer_service_email(STATE.lang),
            }
        )
        return
    if print_only:
        out(url)
        return
    err(_describe(status))
    if not status.open:
        err(_email_alternative())
    open_or_print(url, print_only=False)


links_app = new_typer()


@command(
    links_app,
    "links",
    N_("List the Celia addresses a registrar needs, each with its purpose."),
)
def links_cmd(as_json: JsonOpt = False) -> None:
    from celiatool import links

    catalogue = links.catalogue(STATE.lang, _overrides(config.load()))
    if as_json:
        print_json([link.to_json() for link in catalogue])
        return
    width = max(len(link.name) for link in catalogue)
    for link in catalogue:
        out(f"{link.name:<{width}}  {link.url}")
        out(f"{'':<{width}}  {link.purpose}")


open_app = new_typer()


@command(open_app, "open", N_("Open one of the links by its name (see celiatool links)."))
def open_cmd(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help=N_("The link's name, e.g. chat or newsletter."))
    ],
    print_only: PrintOpt = False,
) -> None:
    open_or_print(_link(name, config.load()), print_only=print_only)
