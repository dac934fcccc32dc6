"""Thai is the first language: every UI string has a Thai translation."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "th" / "LC_MESSAGES" / "django.po"


def entries():
    text = PO.read_text(encoding="utf-8")
    return [block for block in text.split("\n\n") if "msgid" in block]


def test_every_entry_is_translated():
    untranslated = []
    for block in entries()[1:]:  # the first block is the header
        if re.search(r'^msgstr(\[0\])? ""\s*$', block.strip(), re.MULTILINE) and not re.search(
            r'^msgstr(\[0\])? ""\n"', block.strip(), re.MULTILINE
        ):
            untranslated.append(block.strip())
    assert not untranslated, "Untranslated entries:\n\n" + "\n\n".join(untranslated)


def test_no_fuzzy_entries():
    fuzzy = [block for block in entries()[1:] if "#, fuzzy" in block]
    assert not fuzzy, "Fuzzy entries:\n\n" + "\n\n".join(fuzzy)
