"""`celiatool remind`: what needs doing in the fixed-term ledger, and the password."""

from pathlib import Path
from typing import Annotated

import typer

from celiatool import config
from celiatool.cli.base import JsonOpt, command, new_typer
from celiatool.cli.ledger_common import N_HINT, DatabaseOpt, days_text, open_from, show_date, today
from celiatool.cli.output import err, out, print_json, write_file
from celiatool.errors import ExitCode
from celiatool.i18n import N_, _, ngettext

app = new_typer()


def _int_setting(cfg: config.Config, key: str, default: int) -> int:
    value = cfg.checked(key)
    return default if value is None else int(value)


@command(
    app,
    "remind",
    N_(
        "What needs doing: fixed-term customerships overdue, due today and coming "
        "soon, and your own password change."
    ),
    short_help=N_("Which fixed-term customerships to end, and when."),
)
def remind(
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            metavar="DAYS",
            min=0,
            max=3650,
            help=N_(
                "Show entries ending within this many days (default 14, config remind_within)."
            ),
        ),
    ] = None,
    as_json: JsonOpt = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help=N_("Exit 1 when something is overdue or due today."))
    ] = False,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics", metavar="FILE", help=N_("Also write the end dates as a calendar file (.ics).")
        ),
    ] = None,
    database: DatabaseOpt = None,
) -> None:
    from celiatool.remind import DEFAULT_ROTATION_MONTHS, DEFAULT_WITHIN, reminders

    cfg = config.load()
    days = within if within is not None else _int_setting(cfg, "remind_within", DEFAULT_WITHIN)
    changed = cfg.checked("password_changed")
    months = _int_setting(cfg, "password_rotation_months", DEFAULT_ROTATION_MONTHS)
    day = today()
    with open_from(database, cfg) as ledger:
        result = reminders(ledger, day, days, changed if changed else None, months)
        if ics is not None:
            _write_ics(ledger, ics)
    if as_json:
        print_json(result.to_json())
    else:
        _render(result)
    if exit_code and result.urgent:
        raise typer.Exit(int(ExitCode.ATTENTION))


def _write_ics(ledger, path: Path) -> None:  # type: ignore[no-untyped-def]
    from celiatool import clock
    from celiatool.ics import calendar_bytes

    data = calendar_bytes(ledger.active_entries(), ledger.ledger_id(), clock.now())
    write_file(path, lambda fh: fh.write(data), force=True)  # regenerated every run
    err(
        _("Calendar written to {path}; import it into Outlook or Google Calendar.").format(
            path=path
        )
    )


def _section(lines: list[str], title: str, entries, result) -> None:  # type: ignore[no-untyped-def]
    if not entries:
        return
    lines.append(f"{title} ({len(entries)}):")
    width = max(len(str(e.id)) for e in entries)
    when: dict[object, str] = {}  # many entries share an end date: format each date once
    for entry in entries:
        day = entry.ends_on
        if day not in when:
            when[day] = f"{show_date(day)}  ({days_text(entry.days_left(result.today))})"
        note = "  " + entry.note.replace("\n", " ") if entry.note else ""
        lines.append(f"  {entry.id:>{width}}  {when[day]}  {entry.customer}{note}".rstrip())


def _render(result) -> None:  # type: ignore[no-untyped-def]
    if result.nothing:
        out(
            ngettext(
                "Nothing is due within the next {n} day.",
                "Nothing is due within the next {n} days.",
                result.within_days,
            ).format(n=result.within_days)
        )
        return
    lines: list[str] = []
    _section(lines, _("Overdue"), result.overdue, result)
    _section(lines, _("Due today"), result.due_today, result)
    _section(lines, _("Within {n} days").format(n=result.within_days), result.upcoming, result)
    if result.password_change_due:
        lines.append(
            _("Your Celianet password is due for a change (due {date}). Change it in Celianet, then run: "
              "celiatool config set password_changed today").format(date=show_date(result.password_due_on))
        )  # fmt: skip
    out("\n".join(lines))
    if result.overdue or result.due_today or result.upcoming:
        err(_(N_HINT))
