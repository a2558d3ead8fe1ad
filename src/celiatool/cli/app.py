"""The root of the command tree: global options and the sub-commands."""

from typing import Annotated

import typer

from celiatool import __version__
from celiatool.cli.base import CeliaGroup, new_typer
from celiatool.cli.output import STATE
from celiatool.i18n import LANGUAGES, N_, _

# Sub-commands are imported only when used: `celiatool status` never builds or
# imports the ledger commands (start-up time, docs/performance.md).
COMMANDS = {
    "status": "celiatool.cli.status_cmd:app",
    "reset-password": "celiatool.cli.links_cmd:reset_app",
    "chat": "celiatool.cli.links_cmd:chat_app",
    "links": "celiatool.cli.links_cmd:links_app",
    "open": "celiatool.cli.links_cmd:open_app",
    "email": "celiatool.cli.email_cmd:app",
    "fixed-term": "celiatool.cli.ledger_cmd:app",
    "remind": "celiatool.cli.remind_cmd:app",
    "config": "celiatool.cli.config_cmd:app",
}


class RootGroup(CeliaGroup):
    lazy_commands = COMMANDS


app = new_typer(
    cls=RootGroup,
    help=N_(
        "celiatool: help for library staff who register customers for Celia, "
        "the Finnish accessibility library."
    ),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"celiatool {__version__}")
        raise typer.Exit(0)


def _check_lang(value: str | None) -> str | None:
    if value is not None and value not in LANGUAGES:
        raise typer.BadParameter(
            _("{value!r} is not a language celiatool speaks; use one of: {choices}.").format(
                value=value, choices=", ".join(LANGUAGES)
            )
        )
    return value


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="fi|sv|en",
            help=N_("Language of messages and help (default: config, then locale)."),
            callback=_check_lang,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help=N_("Show the full traceback of an internal error."))
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help=N_("Never use colour (also: NO_COLOR=1)."))
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help=N_("Show the version and exit."), is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    STATE.debug = debug
    STATE.no_color = no_color
    if ctx.invoked_subcommand is None:  # only global options: show the help
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def run(args: list[str]) -> int:
    try:
        app(args=args, prog_name="celiatool")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0
