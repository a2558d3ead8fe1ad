"""Import and export of ledger entries as CSV or JSON.

Import is all or nothing: every row is checked first and the first problems are
reported with their line numbers; only a clean file is written, in one
transaction. A row with the same customer and end date as an existing entry (or
an earlier row) is a duplicate: skipped and reported, not an error.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

from celiatool.dates import parse_date
from celiatool.errors import CeliaError, InvalidInput
from celiatool.i18n import _
from celiatool.ledger.model import FixedTermEntry, check_customer, check_note
from celiatool.ledger.store import NewEntry

EXPORT_COLUMNS = (
    "id", "customer", "ends_on", "note", "ended_on", "created_at", "created_by",
    "updated_at", "updated_by", "ended_by", "version",
)  # fmt: skip
REQUIRED_COLUMNS = ("customer", "ends_on")
MAX_PROBLEMS = 10


@dataclass
class ImportPlan:
    entries: list[NewEntry] = field(default_factory=list)
    duplicates: list[tuple[int, str, date]] = field(
        default_factory=list
    )  # (line, customer, ends_on)
    problems: list[tuple[int, str]] = field(default_factory=list)
    rows: int = 0


def _csv_row(entry: FixedTermEntry) -> list[str]:
    data = entry.to_json()
    return ["" if data[c] is None else str(data[c]) for c in EXPORT_COLUMNS]


def write_csv(entries: Iterable[FixedTermEntry], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for entry in entries:
        writer.writerow(_csv_row(entry))
        count += 1
    return count


def write_json(entries: Iterable[FixedTermEntry], out: TextIO) -> int:
    out.write("[")
    count = 0
    for entry in entries:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(entry.to_json(), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _rows_csv(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InvalidInput(
            _("The file has no column {columns}; its first line must name the columns "
              "(customer, ends_on and optionally note, ended_on).").format(columns=", ".join(missing))
        )  # fmt: skip
    reader.fieldnames = header
    for row in reader:
        yield reader.line_num, {k: (v or "") for k, v in row.items() if k is not None}


def _rows_json(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InvalidInput(_("The file is not valid JSON: {reason}").format(reason=exc)) from None
    if not isinstance(data, list):
        raise InvalidInput(_("A JSON import must be an array of entries."))
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            yield number, {"__invalid__": "1"}
            continue
        yield number, {str(k).lower(): "" if v is None else str(v) for k, v in item.items()}


def plan_import(text: str, fmt: str, ledger: Any, today: date | None = None) -> ImportPlan:
    """Check every row; collect entries, duplicates and the first problems."""
    plan = ImportPlan()
    rows = _rows_json(text) if fmt == "json" else _rows_csv(text)
    seen: set[tuple[str, date]] = set()
    candidates: list[tuple[int, NewEntry]] = []
    for line, row in rows:
        plan.rows += 1
        if "__invalid__" in row:
            plan.problems.append((line, _("not an object with customer and ends_on")))
            continue
        try:
            customer = check_customer(row.get("customer", ""), "customer")
            ends_on = parse_date(row.get("ends_on", ""), today)
            note = check_note(row.get("note"), "note")
            ended = row.get("ended_on", "").strip()
            ended_on = parse_date(ended, today) if ended else None
        except CeliaError as exc:
            if len(plan.problems) < MAX_PROBLEMS:
                plan.problems.append((line, exc.message))
            else:
                plan.problems.append((line, ""))
            continue
        key = (customer, ends_on)
        if key in seen:
            plan.duplicates.append((line, customer, ends_on))
            continue
        seen.add(key)
        candidates.append((line, NewEntry(customer, ends_on, note, ended_on)))
    if plan.problems:
        return plan
    existing = ledger.existing_pairs(seen)
    for line, entry in candidates:
        if (entry.customer, entry.ends_on) in existing:
            plan.duplicates.append((line, entry.customer, entry.ends_on))
        else:
            plan.entries.append(entry)
    plan.duplicates.sort()
    return plan
