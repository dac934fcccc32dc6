"""Thai is the first language: every UI string has a Thai translation."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [
    ROOT / "locale/th/LC_MESSAGES/django.po",
    *sorted(ROOT.glob("thanrak/*/locale/th/LC_MESSAGES/django.po")),
]


def entries():
    blocks = []
    for po in CATALOGUES:
        text = po.read_text(encoding="utf-8")
        blocks += [block for block in text.split("\n\n") if "msgid" in block][
            1:
        ]  # skip each header
    return blocks


def test_every_entry_is_translated():
    untranslated = []
    for block in entries():
        if re.search(r'^msgstr(\[0\])? ""\s*$', block.strip(), re.MULTILINE) and not re.search(
            r'^msgstr(\[0\])? ""\n"', block.strip(), re.MULTILINE
        ):
            untranslated.append(block.strip())
    assert not untranslated, "Untranslated entries:\n\n" + "\n\n".join(untranslated)


def test_no_fuzzy_entries():
    fuzzy = [block for block in entries() if "#, fuzzy" in block]
    assert not fuzzy, "Fuzzy entries:\n\n" + "\n\n".join(fuzzy)
