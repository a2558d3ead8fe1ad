"""Maintain the message catalogs with Babel.

    python tools/i18n.py update    # extract messages, merge into fi and sv .po files
    python tools/i18n.py compile   # write the .mo files from the .po files
    python tools/i18n.py missing   # list messages without a Finnish or Swedish translation

The .po files are the source; translators edit them (Poedit or any editor).
tests/test_translations.py fails when a message lacks a translation or a .mo
file is stale.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "celiatool"
LOCALE = PACKAGE / "locale"
DOMAIN = "celiatool"
TRANSLATED = ("fi", "sv")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    catalog = Catalog(project="celiatool", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
    ):
        catalog.add(
            message,
            None,
            [(f"src/celiatool/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def load_po(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="celiatool", charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def update() -> None:
    template = extract()
    LOCALE.mkdir(parents=True, exist_ok=True)
    with (LOCALE / f"{DOMAIN}.pot").open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=False, width=100)
    for lang in TRANSLATED:
        catalog = load_po(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False
        catalog.project, catalog.version = "celiatool", "1"
        catalog.last_translator = catalog.language_team = "celiatool developers"
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        with po_path(lang).open("wb") as fh:
            write_po(fh, catalog, width=100, include_previous=False, ignore_obsolete=True)


def compile_all() -> None:
    for lang in TRANSLATED:
        mo_path(lang).write_bytes(mo_bytes(load_po(lang)))


def is_translated(message: object) -> bool:
    """A message with every form translated (plurals have several) and not fuzzy."""
    if message is None or getattr(message, "fuzzy", False):
        return False
    string = message.string  # type: ignore[attr-defined]
    forms = string if isinstance(string, (tuple, list)) else (string,)
    return bool(forms) and all(forms)


def missing() -> int:
    count = 0
    for lang in TRANSLATED:
        catalog = load_po(lang)
        for message in extract():
            if not message.id:
                continue
            if not is_translated(catalog.get(message.id)):
                count += 1
                print(f"{lang}: {message.id!r}")
    return count


def fill(path: str) -> None:
    """Apply translations from a Python file defining T = {msgid: (fi, sv)}."""
    namespace: dict = {}
    exec(Path(path).read_text("utf-8"), namespace)
    for index, lang in enumerate(TRANSLATED):
        catalog = load_po(lang)
        for msgid, texts in namespace["T"].items():
            message = catalog.get(msgid)
            if message is not None:
                message.string = texts[index]
                message.flags.discard("fuzzy")
        with po_path(lang).open("wb") as fh:
            write_po(fh, catalog, width=100, include_previous=False, ignore_obsolete=True)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "fill":
        fill(sys.argv[2])
    elif command == "missing":
        sys.exit(1 if missing() else 0)
    else:
        print(__doc__)
        sys.exit(2)
