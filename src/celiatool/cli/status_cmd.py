"""`celiatool status`: look for Celia's notice banner on celianet.fi."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from celiatool import config, paths
from celiatool.cli.base import JsonOpt, command, new_typer
from celiatool.cli.output import err, highlight, out, print_json, print_json_line
from celiatool.errors import ExitCode, InvalidInput
from celiatool.fetch import host_of
from celiatool.i18n import N_, _

if TYPE_CHECKING:
    from celiatool.status import StatusResult

CLEAR, NOTICE = "clear", "notice"
EXIT_BY_STATE = {CLEAR: ExitCode.OK, NOTICE: ExitCode.ATTENTION}


def _now() -> datetime:
    return datetime.now().astimezone()


def _read(path: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(
            _("Cannot read the file {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None


def _render(result: StatusResult) -> None:
    if "://" in result.url:
        where = host_of(result.url)
    else:
        where = _("the saved page") if result.url == "-" else result.url
    if result.state == CLEAR:
        out(_("No notice on {where}: Celia is not announcing a problem.").format(where=where))
        err(
            _(
                "If the problem happens to you as well as to the customer, contact Celia: "
                "celiatool chat"
            )
        )
    elif result.state == NOTICE:
        out(_("Celia shows a notice on {where}:").format(where=where))
        for text in result.notices:
            highlight(f"  {text}", "bold black on bright_magenta")
    else:
        # one line: the reason, then what to do next
        reason = _("Could not check {where}: {reason}.").format(where=where, reason=result.error)
        advice = _(
            "Check your own internet connection and try again in a moment, or open "
            "{url} in a browser. If Celianet does not open for you either, tell Celia "
            "(celiatool chat, or email palvelut@celia.fi)."
        ).format(url=result.url if "://" in result.url else "https://www.celianet.fi/")
        err(f"{reason} {advice}")


def _render_change(result: StatusResult) -> None:
    stamp = result.checked_at.strftime("%Y-%m-%d %H:%M:%S")
    if result.state == CLEAR:
        out(f"{stamp} " + _("clear: no notice"))
    elif result.state == NOTICE:
        out(f"{stamp} " + _("notice: {text}").format(text=" | ".join(result.notices)))
    else:
        out(f"{stamp} " + _("could not check: {reason}").format(reason=result.error))


app = new_typer()


@command(
    app,
    "status",
    N_("Is Celia announcing a problem? Look for the notice banner on celianet.fi."),
    short_help=N_("Is Celia announcing a problem on celianet.fi?"),
)
def status(
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            metavar="URL",
            help=N_("Page to check (config celianet_url, env CELIATOOL_CELIANET_URL)."),
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "--file", metavar="PATH", help=N_("Check a saved page instead (- for stdin).")
        ),
    ] = None,
    selector: Annotated[
        str | None,
        typer.Option(
            "--selector",
            metavar="CSS",
            help=N_("Your own CSS selector for the notice (config banner_selector)."),
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            min=0.1,
            max=300,
            help=N_("Give up after this many seconds."),
        ),
    ] = 10.0,
    as_json: JsonOpt = False,
    watch: Annotated[
        bool,
        typer.Option("--watch", help=N_("Check again and again; print only changes. Ctrl-C ends.")),
    ] = False,
    interval: Annotated[
        float,
        typer.Option(
            "--interval", metavar="MINUTES", min=1, help=N_("Minutes between checks with --watch.")
        ),
    ] = 5.0,
) -> None:
    from celiatool import status as core

    cfg = config.load()
    selector = config.setting("banner_selector", selector, None, cfg)
    if selector:
        from celiatool.notice import check_selector

        check_selector(selector)
    if file is not None and watch:
        raise InvalidInput(_("--watch checks a web page; it cannot be used with --file."))

    def check() -> StatusResult:
        if file is not None:
            return core.check_file(file, selector=selector, read=_read, now=_now)
        target = config.setting("celianet_url", url, core.URL_ENV, cfg, core.DEFAULT_URL)
        return core.check_url(
            target,
            timeout=timeout,
            selector=selector,
            cache=core.StatusCache(paths.cache_dir() / "status"),
            now=_now,
        )

    if watch:
        core.watch(
            check,
            interval_s=interval * 60,
            emit=(lambda r: print_json_line(r.to_json())) if as_json else _render_change,
        )
        return
    result = check()
    if as_json:
        print_json(result.to_json())
    else:
        _render(result)
    raise typer.Exit(int(EXIT_BY_STATE.get(result.state, ExitCode.CHECK_FAILED)))
