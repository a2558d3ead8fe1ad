"""Every message has a Finnish and a Swedish translation, and the .mo files are fresh."""

from __future__ import annotations

import gettext
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
assert spec and spec.loader
i18n_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n_tool)

MESSAGES = [m for m in i18n_tool.extract() if m.id]
PLACEHOLDER = re.compile(r"\{(\w*)(?:![rsa])?(?::[^}]*)?\}")


def test_there_are_messages():
    assert len(MESSAGES) > 50


@pytest.mark.parametrize("lang", i18n_tool.TRANSLATED)
def test_every_message_is_translated(lang):
    catalog = i18n_tool.load_po(lang)
    missing = []
    for message in MESSAGES:
        if not i18n_tool.is_translated(catalog.get(message.id)):
            missing.append(message.id)
    assert not missing, f"{lang}: {len(missing)} untranslated: {missing[:5]}"


@pytest.mark.parametrize("lang", i18n_tool.TRANSLATED)
def test_placeholders_match(lang):
    catalog = i18n_tool.load_po(lang)
    for message in MESSAGES:
        found = catalog.get(message.id)
        if found and found.string:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = found.string if isinstance(found.string, tuple) else (found.string,)
            want = set(PLACEHOLDER.findall(ids[0]))
            for text in strings:
                assert set(PLACEHOLDER.findall(text)) == want, (lang, message.id, text)


@pytest.mark.parametrize("lang", i18n_tool.TRANSLATED)
def test_compiled_catalogs_are_fresh(lang):
    """The shipped .mo holds exactly what the .po says (run tools/i18n.py compile)."""
    mo = i18n_tool.mo_path(lang)
    assert mo.exists(), f"{mo} is missing: run python tools/i18n.py compile"
    with mo.open("rb") as fh:
        shipped = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    import io

    fresh = gettext.GNUTranslations(
        io.BytesIO(i18n_tool.mo_bytes(i18n_tool.load_po(lang)))
    )._catalog  # type: ignore[attr-defined]
    assert shipped == fresh


def test_po_files_are_up_to_date_with_the_source():
    """A message missing from a .po file means `tools/i18n.py update` was not run."""
    for lang in i18n_tool.TRANSLATED:
        ids = {m.id for m in i18n_tool.load_po(lang) if m.id}
        assert {m.id for m in MESSAGES} <= ids
