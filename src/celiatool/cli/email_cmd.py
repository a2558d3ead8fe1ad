"""`celiatool email unlock` and `celiatool email remove-registrar`: drafts to Celia."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from celiatool import config
from celiatool.cli.base import ForceOpt, JsonOpt, OutputOpt, command, new_group
from celiatool.cli.opening import open_or_print
from celiatool.cli.output import STATE, err, is_terminal, print_json, write_file
from celiatool.errors import InvalidInput
from celiatool.i18n import N_, _

app = new_group(N_("Draft an email to Celia: release a locked account, remove a registrar."))


class Format(StrEnum):
    text = "text"
    eml = "eml"
    mailto = "mailto"


Opt = typer.Option
LibraryOpt = Annotated[
    str | None, Opt("--library", metavar="NAME", help=N_("Your library (config library)."))
]
NameOpt = Annotated[str | None, Opt("--name", metavar="NAME", help=N_("Your name (config name)."))]
PhoneOpt = Annotated[
    str | None, Opt("--phone", metavar="PHONE", help=N_("Your phone number (config phone)."))
]
ToOpt = Annotated[
    str | None,
    Opt(
        "--to",
        metavar="ADDRESS",
        help=N_("Recipient (default palvelut@celia.fi; Swedish email tjanster@celia.fi)."),
    ),
]
LangOpt = Annotated[
    str | None,
    Opt(
        "--email-lang",
        metavar="fi|sv|en",
        help=N_("Language of the email (default: the UI language; Finnish for an English UI)."),
    ),
]
FormatOpt = Annotated[
    Format,
    Opt(
        "--format",
        help=N_(
            "text (to read or copy), eml (a draft file for Outlook and others) or mailto (a link)."
        ),
    ),
]
OpenOpt = Annotated[bool, Opt("--open", help=N_("Open the draft in your mail program."))]
NoInputOpt = Annotated[
    bool, Opt("--no-input", help=N_("Never ask for missing details; fail instead."))
]

PROMPTS = {
    "username": (N_("Celianet user name of the locked account (an email address)"), "email"),
    "library": (N_("Your library"), "library"),
    "name": (N_("Your name"), "name"),
}


def _complete(values: dict[str, str | None], required: list[str], no_input: bool) -> None:
    """Ask on a terminal for what is missing, or fail naming each missing item."""
    missing = [key for key in required if not (values.get(key) or "").strip()]
    if not missing:
        return
    if not no_input and is_terminal(sys.stdin) and is_terminal(sys.stderr):
        for key in missing:
            values[key] = typer.prompt(_(PROMPTS[key][0]), err=True)
        return
    lines = [_("Some details are missing from the email:")]
    for key in missing:
        lines.append(
            _(
                "- {what}: give --{option}, or set it once with: celiatool config set {key} …"
            ).format(what=_(PROMPTS[key][0]), option=key, key=PROMPTS[key][1])
        )
    raise InvalidInput("\n".join(lines))


def _emit(draft, fmt: Format, output: Path | None, force: bool, as_json: bool, open_: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        print_json(draft.to_json())
        return
    if open_:
        open_or_print(draft.mailto(), print_only=False)
        return
    if fmt is Format.eml:
        data = draft.eml()
    elif fmt is Format.mailto:
        data = (draft.mailto() + "\n").encode()
    else:
        data = draft.text().encode("utf-8")
    if output is None:
        if fmt is Format.eml:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
        return
    write_file(output, lambda fh: fh.write(data), force=force)
    err(
        _("The draft is in {path}. Open it, check it and send it from your mail program.").format(
            path=output
        )
    )


def _draft(
    kind: str,
    values: dict[str, str | None],
    required: list[str],
    to: str | None,
    email_lang: str | None,
    no_input: bool,
):  # type: ignore[no-untyped-def]
    from celiatool import mail

    lang = mail.email_language(STATE.lang, email_lang)
    _complete(values, required, no_input)
    clean = mail.check_values({**values, "to": to})
    to_address = clean.pop("to", None) or None
    return mail.render(kind, lang, clean, to=to_address)


def _sender(
    cfg: config.Config, name: str | None, phone: str | None, library: str | None
) -> dict[str, str | None]:
    return {
        "name": name if name is not None else cfg.get("name"),
        "phone": phone if phone is not None else cfg.get("phone"),
        "library": library if library is not None else cfg.get("library"),
        "email": cfg.get("email"),
    }


@command(
    app,
    "unlock",
    N_(
        "Draft an email asking Celia to release a locked Celianet registrar account. "
        "Your details come from the config; nothing is sent."
    ),
    short_help=N_("Ask Celia to release a locked registrar account."),
)
def unlock(
    username: Annotated[
        str | None,
        Opt(
            "--username",
            metavar="EMAIL",
            help=N_("User name of the locked account (default: your own, config email)."),
        ),
    ] = None,
    library: LibraryOpt = None,
    name: NameOpt = None,
    phone: PhoneOpt = None,
    to: ToOpt = None,
    note: Annotated[
        str | None, Opt("--note", metavar="TEXT", help=N_("Anything Celia should know."))
    ] = None,
    email_lang: LangOpt = None,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    open_: OpenOpt = False,
    as_json: JsonOpt = False,
    no_input: NoInputOpt = False,
) -> None:
    cfg = config.load()
    values = _sender(cfg, name, phone, library)
    values["username"] = username if username is not None else cfg.get("email")
    values["note"] = note
    draft = _draft("unlock", values, ["username", "library", "name"], to, email_lang, no_input)
    _emit(draft, fmt, output, force, as_json, open_)


@command(
    app,
    "remove-registrar",
    N_(
        "Draft an email asking Celia to remove a registrar from your library's list, "
        "for when the library's main user could not. Nothing is sent."
    ),
    short_help=N_("Ask Celia to remove a registrar from the library's list."),
)
def remove_registrar(
    registrar: Annotated[
        str,
        Opt(
            "--registrar",
            metavar="EMAIL_OR_NAME",
            help=N_("The registrar to remove: their Celianet user name or name."),
        ),
    ],
    reason: Annotated[
        str | None,
        Opt("--reason", metavar="TEXT", help=N_("Why, e.g. they have left the library.")),
    ] = None,
    library: LibraryOpt = None,
    name: NameOpt = None,
    phone: PhoneOpt = None,
    to: ToOpt = None,
    email_lang: LangOpt = None,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    force: ForceOpt = False,
    open_: OpenOpt = False,
    as_json: JsonOpt = False,
    no_input: NoInputOpt = False,
) -> None:
    cfg = config.load()
    values = _sender(cfg, name, phone, library)
    values["registrar"] = registrar
    values["reason"] = reason
    draft = _draft("remove-registrar", values, ["library", "name"], to, email_lang, no_input)
    _emit(draft, fmt, output, force, as_json, open_)
