"""`celiatool fixed-term`: the local (or shared) ledger of fixed-term end dates."""

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from celiatool import config
from celiatool.cli.base import ForceOpt, JsonOpt, OutputOpt, command, new_group
from celiatool.cli.ledger_common import (
    DatabaseOpt,
    confirm_or_refuse,
    days_text,
    open_from,
    parse_day,
    registrar,
    show_date,
    today,
    warn_if_past,
)
from celiatool.cli.output import err, is_terminal, out, print_json, write_file
from celiatool.errors import InvalidInput
from celiatool.i18n import N_, _

app = new_group(
    N_(
        "Remember the end dates of fixed-term customerships, which Celianet has no "
        "field for. Dates: 31.12.2026, 2026-12-31, 31.12.26, +30d, +6w, +3m, +1y."
    )
)

Opt = typer.Option
IdArg = Annotated[
    int, typer.Argument(metavar="ID", help=N_("The entry's id (see fixed-term list)."))
]
NoteOpt = Annotated[
    str | None,
    Opt("--note", metavar="TEXT", help=N_("A note, e.g. why the customership is fixed-term.")),
]
YesOpt = Annotated[bool, Opt("--yes", "-y", help=N_("Do not ask for confirmation."))]
ExpectOpt = Annotated[
    int | None,
    Opt(
        "--expect-version",
        metavar="N",
        help=N_("Refuse if the entry is no longer at this version (see show)."),
    ),
]


class Format(StrEnum):
    csv = "csv"
    json = "json"


def _now():  # type: ignore[no-untyped-def]
    from celiatool import clock

    return clock.now()


def _describe(entry) -> str:  # type: ignore[no-untyped-def]
    return _("{id}: {customer}, ends {date}").format(
        id=entry.id, customer=entry.customer, date=show_date(entry.ends_on)
    )


@command(app, "add", N_("Add a customer's fixed-term end date; prints the new entry's id."))
def add(
    customer: Annotated[
        str,
        typer.Argument(
            metavar="CUSTOMER",
            help=N_(
                "How the library finds the person in Celianet: card number, Celia customer number or name."
            ),
        ),
    ],
    ends: Annotated[str, Opt("--ends", metavar="DATE", help=N_("The end date."))],
    note: NoteOpt = None,
    database: DatabaseOpt = None,
) -> None:
    from celiatool.ledger.model import check_customer, check_note
    from celiatool.ledger.store import NewEntry

    cfg = config.load()
    new = NewEntry(check_customer(customer), parse_day(ends, "--ends"), check_note(note))
    with open_from(database, cfg) as ledger:
        entry = ledger.add(new, registrar(cfg), _now())
    out(str(entry.id))
    err(_("Added entry {entry}.").format(entry=_describe(entry)))
    warn_if_past(entry.ends_on)


@command(app, "list", N_("List the active entries by end date; --all adds the ended ones."))
def list_(
    all_: Annotated[
        bool, Opt("--all", help=N_("Include entries already ended in Celianet."))
    ] = False,
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, Opt("--csv", help=N_("Print CSV."))] = False,
    database: DatabaseOpt = None,
) -> None:
    if as_json and as_csv:
        raise InvalidInput(_("Choose one of --json and --csv."))
    with open_from(database) as ledger:
        entries = ledger.entries(include_ended=all_)
    if as_json:
        print_json([e.to_json() for e in entries])
        return
    if as_csv:
        from celiatool.ledger.transfer import write_csv

        write_csv(entries, sys.stdout)
        return
    if not entries:
        err(_("The ledger has no entries yet.") if all_ else _("No active entries."))
        return
    day = today()
    rows = [
        (
            str(e.id),
            show_date(e.ends_on),
            _("ended {date}").format(date=show_date(e.ended_on))
            if e.ended_on
            else days_text(e.days_left(day)),
            e.customer,
            e.note.replace("\n", " "),
        )
        for e in entries
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4]))
        out((line + "  " + row[4]).rstrip())


@command(app, "show", N_("Show one entry with who created, changed and ended it."))
def show(entry_id: IdArg, as_json: JsonOpt = False, database: DatabaseOpt = None) -> None:
    with open_from(database) as ledger:
        entry = ledger.get(entry_id)
    if as_json:
        print_json(entry.to_json())
        return
    stamp = "%Y-%m-%d %H:%M"
    rows = [
        (_("id"), str(entry.id)),
        (_("customer"), entry.customer),
        (_("ends"), f"{show_date(entry.ends_on)} ({days_text(entry.days_left(today()))})"),
        (_("note"), entry.note),
        (_("created"), f"{entry.created_at.astimezone().strftime(stamp)} {entry.created_by}"),
        (_("changed"), f"{entry.updated_at.astimezone().strftime(stamp)} {entry.updated_by}"),
        (
            _("ended in Celianet"),
            f"{show_date(entry.ended_on)} {entry.ended_by or ''}".strip()
            if entry.ended_on
            else "–",
        ),
        (_("version"), str(entry.version)),
    ]
    width = max(len(k) for k, _v in rows)
    for key, value in rows:
        out(f"{key + ':':<{width + 1}} {value}")


@command(app, "edit", N_("Change an entry's customer, end date or note."))
def edit(
    entry_id: IdArg,
    customer: Annotated[
        str | None, Opt("--customer", metavar="TEXT", help=N_("The new customer text."))
    ] = None,
    ends: Annotated[str | None, Opt("--ends", metavar="DATE", help=N_("The new end date."))] = None,
    note: NoteOpt = None,
    expect_version: ExpectOpt = None,
    database: DatabaseOpt = None,
) -> None:
    from celiatool.ledger.model import check_customer, check_note

    if customer is None and ends is None and note is None:
        raise InvalidInput(_("Nothing to change: give --customer, --ends or --note."))
    cfg = config.load()
    new_customer = check_customer(customer, "--customer") if customer is not None else None
    new_ends = parse_day(ends, "--ends") if ends is not None else None
    new_note = check_note(note) if note is not None else None
    with open_from(database, cfg) as ledger:
        entry = ledger.update(
            entry_id,
            registrar(cfg),
            _now(),
            customer=new_customer,
            ends_on=new_ends,
            note=new_note,
            expect_version=expect_version,
        )
    err(_("Changed entry {entry}.").format(entry=_describe(entry)))
    if new_ends is not None:
        warn_if_past(entry.ends_on)


@command(app, "done", N_("Record that the customership was ended in Celianet (default today)."))
def done(
    entry_id: IdArg,
    on: Annotated[str | None, Opt("--on", metavar="DATE", help=N_("The day it was ended."))] = None,
    undo: Annotated[bool, Opt("--undo", help=N_("Mark the entry active again."))] = False,
    expect_version: ExpectOpt = None,
    database: DatabaseOpt = None,
) -> None:
    if undo and on is not None:
        raise InvalidInput(_("--undo and --on cannot be used together."))
    cfg = config.load()
    ended_on = None if undo else (parse_day(on, "--on") if on else today())
    with open_from(database, cfg) as ledger:
        entry = ledger.set_ended(entry_id, ended_on, registrar(cfg), _now(), expect_version)
    if undo:
        err(_("Entry {entry} is active again.").format(entry=_describe(entry)))
    else:
        err(_("Entry {entry} marked ended in Celianet on {date}.").format(
            entry=_describe(entry), date=show_date(ended_on)))  # fmt: skip


@command(app, "remove", N_("Delete an entry for good (asks first on a terminal)."))
def remove(entry_id: IdArg, yes: YesOpt = False, database: DatabaseOpt = None) -> None:
    with open_from(database) as ledger:
        entry = ledger.get(entry_id)
        if not confirm_or_refuse(_("Delete entry {entry}?").format(entry=_describe(entry)), yes):
            err(_("Nothing was deleted."))
            return
        ledger.remove(entry_id)
    err(_("Deleted entry {entry}.").format(entry=_describe(entry)))


@command(app, "export", N_("Write every entry as CSV or JSON (to stdout or --output)."))
def export(
    fmt: Annotated[Format, Opt("--format", help=N_("csv or json."))] = Format.csv,
    output: OutputOpt = None,
    force: ForceOpt = False,
    database: DatabaseOpt = None,
) -> None:
    from celiatool.ledger.transfer import write_csv, write_json

    writer = write_json if fmt is Format.json else write_csv
    with open_from(database) as ledger:
        if output is None:
            writer(ledger.iter_entries(), sys.stdout)
            return
        counted: list[int] = []

        def write(fh: BinaryIO) -> None:
            text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
            counted.append(writer(ledger.iter_entries(), text))
            text.flush()
            text.detach()

        write_file(output, write, force=force)
    err(_("Exported {n} entries to {path}.").format(n=counted[0], path=output))


def _read_text(path: str) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(
            _("Cannot read the file {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@command(
    app,
    "import",
    N_("Add entries from a CSV or JSON file: all or nothing; duplicates are skipped."),
)
def import_(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help=N_("CSV (columns customer, ends_on, note, ended_on) or JSON; - for stdin."),
        ),
    ],
    fmt: Annotated[
        Format | None, Opt("--format", help=N_("csv or json (default: from the file name)."))
    ] = None,
    dry_run: Annotated[bool, Opt("--dry-run", help=N_("Check and report; write nothing."))] = False,
    database: DatabaseOpt = None,
) -> None:
    from celiatool.ledger.transfer import plan_import

    kind = fmt.value if fmt else ("json" if file.lower().endswith(".json") else "csv")
    text = _read_text(file)
    cfg = config.load()
    with open_from(database, cfg) as ledger:
        plan = plan_import(text, kind, ledger, today())
        if plan.problems:
            shown = [(line, msg) for line, msg in plan.problems if msg]
            lines = [
                _("Nothing was imported: {n} rows have problems.").format(n=len(plan.problems))
            ]
            where = _("entry") if kind == "json" else _("line")
            lines += [f"  {where} {line}: {msg}" for line, msg in shown]
            if len(plan.problems) > len(shown):
                lines.append(_("  … and {n} more.").format(n=len(plan.problems) - len(shown)))
            raise InvalidInput("\n".join(lines))
        for line, customer, ends_on in plan.duplicates:
            err(_("Line {line}: {customer}, {date} is already in the ledger; skipped.").format(
                line=line, customer=customer, date=show_date(ends_on)))  # fmt: skip
        if dry_run:
            err(_("Dry run: {n} entries would be added, {d} duplicates skipped; nothing was written.").format(
                n=len(plan.entries), d=len(plan.duplicates)))  # fmt: skip
            return
        added = _add_with_progress(ledger, plan.entries, registrar(cfg))
    err(_("Imported {n} entries; {d} duplicates skipped.").format(n=added, d=len(plan.duplicates)))


def _add_with_progress(ledger, entries, by: str) -> int:  # type: ignore[no-untyped-def]
    if not entries:
        return 0
    if len(entries) < 2000 or not is_terminal(sys.stderr):
        return ledger.add_many(entries, by, _now())
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(_("Importing"), total=len(entries))
        return ledger.add_many(entries, by, _now(), progress=lambda n: progress.advance(task, n))


@command(
    app,
    "purge",
    N_("Delete the entries ended before a date: keep no personal data longer than needed."),
)
def purge(
    ended_before: Annotated[
        str,
        Opt(
            "--ended-before",
            metavar="DATE",
            help=N_("Delete entries ended in Celianet before this day."),
        ),
    ],
    yes: YesOpt = False,
    database: DatabaseOpt = None,
) -> None:
    day = parse_day(ended_before, "--ended-before")
    with open_from(database) as ledger:
        count = ledger.count_ended_before(day)
        if count == 0:
            err(
                _("No entries were ended before {date}; nothing to delete.").format(
                    date=show_date(day)
                )
            )
            return
        question = _("Delete {n} entries ended before {date}?").format(n=count, date=show_date(day))
        if not confirm_or_refuse(question, yes):
            err(_("Nothing was deleted."))
            return
        deleted = ledger.purge(day)
    err(_("Deleted {n} entries ended before {date}.").format(n=deleted, date=show_date(day)))


@command(
    app,
    "copy",
    N_(
        "Copy every entry to another ledger (a file or a postgresql:// URL), all or "
        "nothing; entries already there are skipped and reported."
    ),
)
def copy(
    to: Annotated[str, Opt("--to", metavar="PATH_OR_URL", help=N_("The ledger to copy into."))],
    database: DatabaseOpt = None,
) -> None:
    from celiatool.ledger.location import describe
    from celiatool.ledger.open import open_ledger
    from celiatool.ledger.store import NewEntry

    cfg = config.load()
    with open_from(database, cfg) as source:
        entries = list(source.iter_entries())
        source_name = source.location
    if describe(to) == source_name:
        raise InvalidInput(_("The source and the target are the same ledger."))
    with open_ledger(to) as target:
        existing = target.existing_pairs((e.customer, e.ends_on) for e in entries)
        new = [NewEntry.copy_of(e) for e in entries if (e.customer, e.ends_on) not in existing]
        for entry in entries:
            if (entry.customer, entry.ends_on) in existing:
                err(_("{customer}, {date} is already in {target}; skipped.").format(
                    customer=entry.customer, date=show_date(entry.ends_on), target=target.location))  # fmt: skip
        added = _add_with_progress(target, new, registrar(cfg))
        target_name = target.location
    err(_("Copied {n} entries to {target}; {d} already there were skipped.").format(
        n=added, target=target_name, d=len(entries) - len(new)))  # fmt: skip
