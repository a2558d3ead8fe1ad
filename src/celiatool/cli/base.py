"""Typer plumbing shared by every command: translated help, one error mapping.

Help texts are written in English and marked with `N_()`; `CeliaGroup.main`
decides the language first and then translates the command tree, so `--help`
speaks the user's language. Errors from the core (`CeliaError`) become one line
on stderr and their exit code here, and nowhere else.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, ClassVar

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup

from celiatool.cli.output import STATE, err
from celiatool.errors import CeliaError, ExitCode
from celiatool.i18n import N_, _, resolve_language, set_language


class CeliaFormatter(_click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=_("Usage: ") if prefix is None else prefix)

    def section(self, name: str) -> Any:
        return super().section(_(name))


class CeliaContext(_click.Context):
    formatter_class = CeliaFormatter


class _Translated:
    context_class: type[_click.Context] = CeliaContext

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class CeliaCommand(_Translated, TyperCommand):
    pass


def _scan_globals(args: Sequence[str]) -> str | None:
    """The value of --lang among the global options, before the command name."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang":
            return args[i + 1] if i + 1 < len(args) else None
        if not arg.startswith("-"):
            return None
        i += 1
    return None


def choose_language(args: Sequence[str]) -> str:
    """--lang > CELIATOOL_LANG > config `language` > the locale > Finnish."""
    from celiatool import config
    from celiatool.errors import LocalDataError

    flag = _scan_globals(args)
    try:
        configured = config.load().get("language")
    except (LocalDataError, Exception):
        configured = None  # reported by the command that needs the config
    return resolve_language(flag, configured if isinstance(configured, str) else None)


def translate_tree(command: Any) -> None:
    """Translate help texts of a command, its parameters and its loaded sub-commands."""
    for obj in (command, *command.params):
        for attr in ("help", "short_help"):
            msgid = getattr(obj, "_msgid_" + attr, None)
            if msgid is None:
                msgid = getattr(obj, attr, None)
                setattr(obj, "_msgid_" + attr, msgid or "")
            if msgid:
                setattr(obj, attr, _(msgid))
    for sub in getattr(command, "commands", {}).values():
        translate_tree(sub)


class CeliaGroup(_Translated, TyperGroup):
    # name -> "module:attribute" of a Typer app, imported on first use
    lazy_commands: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        names = list(super().list_commands(ctx))
        return names + [name for name in self.lazy_commands if name not in names]

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in self.commands and name in self.lazy_commands:
            import importlib

            module, attribute = self.lazy_commands[name].split(":")
            sub = typer.main.get_command(getattr(importlib.import_module(module), attribute))
            sub.name = name
            translate_tree(sub)
            self.commands[name] = sub
        return super().get_command(ctx, name)

    def main(self, args: Sequence[str] | None = None, *pos: Any, **kwargs: Any) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        if not args:
            args = ["--help"]
        STATE.debug = False
        STATE.no_color = False
        STATE.lang = choose_language(args)
        set_language(STATE.lang)
        translate_tree(self)
        kwargs["prog_name"] = "celiatool"
        kwargs["standalone_mode"] = False
        try:
            result = super().main(args, *pos, **kwargs)
        except _click.exceptions.UsageError as exc:
            show_usage_error(exc)
            sys.exit(int(ExitCode.USAGE))
        except typer.TyperException as exc:  # other click errors: bad files and the like
            err(_("Error: {message}").format(message=exc.format_message()))
            sys.exit(int(ExitCode.USAGE))
        except typer.Abort:
            err(_("Interrupted."))
            sys.exit(int(ExitCode.INTERRUPTED))
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        if ctx.parent is not None:
            return super().invoke(ctx)
        try:
            return super().invoke(ctx)
        except CeliaError as exc:
            err(exc.message, style="bold red")
            raise typer.Exit(int(exc.exit_code)) from None
        except (typer.Exit, typer.TyperException):
            raise
        except (KeyboardInterrupt, typer.Abort):
            err(_("Interrupted."))
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except Exception:
            if STATE.debug:
                import traceback

                traceback.print_exc()
            else:
                err(
                    _(
                        "celiatool hit an internal error. Run the same command again with "
                        "--debug (celiatool --debug …) and send the output to the maintainers."
                    )
                )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


# Typer's click says these in English only; the frame and the common ones are translated.
_USAGE_MESSAGES = (
    (re.compile(r"Missing option '(?P<x>[^']+)'\.?$"), N_("Missing option {x}.")),
    (re.compile(r"Missing argument '(?P<x>[^']+)'\.?$"), N_("Missing argument {x}.")),
    (re.compile(r"No such option: (?P<x>\S+)(?P<rest>.*)$", re.S), N_("No such option: {x}")),
    (
        re.compile(r"No such command '(?P<x>[^']+)'\.?(?P<rest>.*)$", re.S),
        N_("No such command: {x}"),
    ),
    (
        re.compile(r"Option '(?P<x>[^']+)' requires an argument\.?$"),
        N_("Option {x} needs a value."),
    ),
    (
        re.compile(r"Got unexpected extra arguments? \((?P<x>.*)\)$"),
        N_("Unexpected extra argument: {x}"),
    ),
    (re.compile(r"Missing command\.?$"), N_("Missing command.")),
    (
        re.compile(r"Invalid value for (?P<x>.+?): (?P<rest>.*)$", re.S),
        N_("Invalid value for {x}:"),
    ),
)


def _translate_usage(message: str) -> str:
    for pattern, msgid in _USAGE_MESSAGES:
        m = pattern.match(message.strip())
        if m:
            text = _(msgid).format(x=m.groupdict().get("x", ""))
            rest = (m.groupdict().get("rest") or "").strip()
            return f"{text} {rest}" if rest else text
    return message


def show_usage_error(exc: Any) -> None:
    """Usage line, a hint and the error, in the user's language, on stderr."""
    ctx = exc.ctx
    if ctx is not None:
        err(ctx.get_usage())
        err(_("Try '{command} --help' for help.").format(command=ctx.command_path) + "\n")
    err(_("Error: {message}").format(message=_translate_usage(exc.format_message())))


# Options several commands share, spelled and explained once.
JsonOpt = Annotated[bool, typer.Option("--json", help=N_("Print JSON for scripts."))]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help=N_("Write to this file instead of stdout.")
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help=N_("Overwrite an existing --output file."))]


def new_typer(help: str | None = None, **kwargs: Any) -> typer.Typer:
    """A Typer app with plain, translatable help and our error mapping."""
    kwargs.setdefault("cls", CeliaGroup)
    return typer.Typer(
        help=help,
        rich_markup_mode=None,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["--help", "-h"]},
        **kwargs,
    )


def new_group(help: str) -> typer.Typer:
    """A group of sub-commands; given no sub-command it shows its help and exits 0."""
    group = new_typer(help=help, invoke_without_command=True)

    @group.callback()
    def _show_help(ctx: typer.Context) -> None:
        if ctx.invoked_subcommand is None:
            typer.echo(ctx.get_help())
            raise typer.Exit(0)

    return group


def command(app: typer.Typer, name: str, help: str, **kwargs: Any) -> Any:
    """`@command(app, "name", N_("help"))`: a sub-command with translated help."""
    return app.command(name, help=help, cls=CeliaCommand, **kwargs)
