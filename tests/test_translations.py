"""Thai is the first language: every UI string has a Thai translation."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [
    ROOT / "locale/th/LC_MESSAGES/django.po",
    *sorted(ROOT.glob("thanrak/*/locale/th/LC_MESSAGES/django.po")),
]

# The admin site's script words Django's Thai lacks, written by hand (not by makemessages).
SCRIPT_CATALOGUES = [ROOT / "locale/th/LC_MESSAGES/djangojs.po"]


def entries():
    blocks = []
    for po in CATALOGUES + SCRIPT_CATALOGUES:
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


def fields(block: str) -> dict[str, str]:
    """The keywords of a catalogue entry (msgctxt, msgid, msgstr, msgstr[0] …) and their text."""
    found: dict[str, str] = {}
    key = None
    for line in block.splitlines():
        if match := re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line):
            key = match[1]
            found[key] = match[2]
        elif line.startswith('"') and key:
            found[key] += line[1:-1]
    return found


def test_a_string_reads_one_way_in_every_app():
    """Django merges the apps' catalogues into one: a string translated two ways would show
    one of them everywhere (that of the app listed first). A word that means two things
    takes a context (pgettext) instead."""
    seen: dict[tuple, tuple[str, str]] = {}
    clashes = []
    for po in CATALOGUES:
        text = po.read_text(encoding="utf-8")
        for block in [b for b in text.split("\n\n") if "msgid" in b][1:]:
            entry = fields(block)
            key = (entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural"))
            thai = entry.get("msgstr", entry.get("msgstr[0]"))
            app = "project" if po == CATALOGUES[0] else po.parts[-5]
            if key in seen and seen[key][1] != thai:
                clashes.append(f"{key[1]!r}: {seen[key][0]} {seen[key][1]!r}, {app} {thai!r}")
            seen.setdefault(key, (app, thai))
    assert not clashes, "Translated differently:\n" + "\n".join(clashes)


def test_a_required_field_asks_in_plain_thai_not_djangos_loan_word():
    from django import forms
    from django.utils import translation

    with translation.override("th"), pytest.raises(forms.ValidationError) as error:
        forms.CharField().clean("")
    assert error.value.messages == ["กรุณากรอกข้อมูลนี้"]


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("text", "x" * 301, "ข้อความยาวเกินไป: กรอกได้ไม่เกิน 300 ตัวอักษร (ที่กรอกมี 301 ตัวอักษร)"),
        ("amount", "1234567890.5", "จำนวนนี้มีตัวเลขได้ไม่เกิน 10 หลัก"),
        ("amount", "1.505", "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
    ],
)
def test_djangos_messages_its_thai_leaves_in_english_are_said_in_thai(field, typed, said):
    # A text over its limit (an import, the API, a page's limit bypassed) or an amount with
    # too many digits: Django's own Thai catalogue leaves these in English.
    from django import forms
    from django.utils import translation

    fields = {
        "text": forms.CharField(max_length=300),
        "amount": forms.DecimalField(max_digits=10, decimal_places=2),
    }
    with translation.override("th"), pytest.raises(forms.ValidationError) as error:
        fields[field].clean(typed)
    assert error.value.messages == [said]
