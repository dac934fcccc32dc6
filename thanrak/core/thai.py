"""Thai conventions: Buddhist-era dates, the fiscal year, Thai digits, baht in words,
Thai collation and the citizen ID number.

Everything here is pure and depends on nothing else in the project.
"""

import datetime as dt
import functools
import importlib
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pythainlp.util import arabic_digit_to_thai_digit, bahttext, thai_digit_to_arabic_digit

BE_OFFSET = 543
# Years typed by people: a B.E. year of a living record falls in this range. A year
# below it is almost always a Gregorian year typed by habit.
BE_YEAR_MIN = 2400
BE_YEAR_MAX = 2700

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ENGLISH_MONTHS_ABBR = tuple(name[:3] for name in ENGLISH_MONTHS)


def english_active() -> bool:
    """Is the page in English (the switchable second language)? Thai otherwise."""
    return (get_language() or "th").startswith("en")


def month_name(month: int, *, abbr: bool = False) -> str:
    """A month (1–12) as a page names it in the active language: ``ตุลาคม``, ``ต.ค.``;
    ``October``, ``Oct``. Documents are Thai: they are drawn with Thai active."""
    if english_active():
        return (ENGLISH_MONTHS_ABBR if abbr else ENGLISH_MONTHS)[month - 1]
    return (THAI_MONTHS_ABBR if abbr else THAI_MONTHS)[month - 1]


# --- Buddhist-era years and dates -------------------------------------------------


def be_year(year: int) -> int:
    """Return the Buddhist-era year of a Gregorian year."""
    return year + BE_OFFSET


def ce_year(year_be: int) -> int:
    """Return the Gregorian year of a Buddhist-era year."""
    return year_be - BE_OFFSET


# A Gregorian year of 1800–2199 standing alone (not part of a longer number).
_CE_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")


def be_years_in(text: str) -> str:
    """A text written from a date by code of others (Django's admin: «2026», «ธันวาคม
    2026») with its Gregorian years as Buddhist-era ones. Only for such texts: a number
    a person typed is not a year."""
    return _CE_YEAR.sub(lambda match: str(be_year(int(match.group()))), text)


def thai_digits(value: object) -> str:
    """Return str(value) with Arabic digits written as Thai digits."""
    return arabic_digit_to_thai_digit(str(value))


def arabic_digits(text: str) -> str:
    return thai_digit_to_arabic_digit(text)


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            from django.utils import timezone

            value = timezone.localtime(value)
        return value.date()
    return value


def format_date_short(value: dt.date | dt.datetime) -> str:
    """Return the on-screen form of a date: ``20 ส.ค. 2563``."""
    d = _as_date(value)
    return f"{d.day} {month_name(d.month, abbr=True)} {be_year(d.year)}"


def format_date_long(value: dt.date | dt.datetime, *, digits: bool = True) -> str:
    """Return the document form of a date: ``๒๐ สิงหาคม ๒๕๖๓`` (Thai digits by default)."""
    d = _as_date(value)
    text = f"{d.day} {THAI_MONTHS[d.month - 1]} {be_year(d.year)}"
    return thai_digits(text) if digits else text


def format_date_text(value: dt.date | dt.datetime) -> str:
    """Return a date as a page writes it in a sentence or a table: ``20 สิงหาคม 2563``
    (Arabic digits; ``20 Aug 2563`` in English). Documents use ``format_date_long``."""
    if english_active():
        return format_date_short(value)
    return format_date_long(value, digits=False)


def format_time(value: dt.time | dt.datetime) -> str:
    """Return a time of day as a page writes it: ``09.30 น.`` in Thai, as official Thai
    writing has it; ``09:30`` in English."""
    if english_active():
        return f"{value:%H:%M}"
    return f"{value:%H.%M} น."


def format_date_numeric(value: dt.date | dt.datetime) -> str:
    """Return the form typed into date fields: ``20/08/2563``."""
    d = _as_date(value)
    return f"{d.day:02d}/{d.month:02d}/{be_year(d.year)}"


_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
# Eight digits in a row, day month year (30112569): a phone's number pad has no «/».
_DIGITS_DATE_RE = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


def parse_be_date(text: str) -> dt.date:
    """Parse a date typed in B.E. (``20/08/2563``, or ``20082563`` as eight digits, Thai
    digits too) or raise ValidationError."""
    typed = arabic_digits(text or "")
    match = _DATE_RE.match(typed) or _DIGITS_DATE_RE.match(typed)
    if not match:
        raise ValidationError(
            _("Enter the date as day/month/B.E. year, for example 20/08/2563."),
            code="invalid",
        )
    day, month, year = (int(part) for part in match.groups())
    if year < BE_YEAR_MIN:
        raise ValidationError(
            _(
                "The year %(year)s looks like a Christian-era year. "
                "Enter the Buddhist-era year, for example %(be)s."
            ),
            code="gregorian_year",
            params={"year": year, "be": be_year(year) if year > 1000 else 2563},
        )
    if year > BE_YEAR_MAX:
        raise ValidationError(
            _("The year %(year)s is out of range."), code="year_range", params={"year": year}
        )
    try:
        return dt.date(ce_year(year), month, day)
    except ValueError:
        raise ValidationError(
            _("There is no such date: %(text)s."),
            code="invalid_date",
            params={"text": text.strip()},
        ) from None


# --- The fiscal year: B.E. year N runs 1 Oct (N-1) to 30 Sep N --------------------


def fiscal_year(value: dt.date | dt.datetime) -> int:
    """Return the B.E. fiscal year a date belongs to."""
    d = _as_date(value)
    return be_year(d.year + 1 if d.month >= 10 else d.year)


def fiscal_quarter(value: dt.date | dt.datetime) -> int:
    """Return the fiscal quarter (1–4) of a date; quarter 1 is October–December."""
    d = _as_date(value)
    return ((d.month - 10) % 12) // 3 + 1


def fiscal_year_range(fy: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a B.E. fiscal year."""
    start_year = ce_year(fy) - 1
    return dt.date(start_year, 10, 1), dt.date(start_year + 1, 9, 30)


def fiscal_months(fy: int) -> list[tuple[int, int]]:
    """Return the (Gregorian year, month) pairs of a fiscal year in order, October first."""
    start_year = ce_year(fy) - 1
    return [(start_year + (m >= 13), (m - 1) % 12 + 1) for m in range(10, 22)]


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a Gregorian calendar month."""
    return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


def fiscal_quarter_range(fy: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a fiscal quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, got {quarter}")
    months = fiscal_months(fy)[(quarter - 1) * 3 : quarter * 3]
    first_year, first_month = months[0]
    return dt.date(first_year, first_month, 1), month_end(*months[-1])


def current_fiscal_year(today: dt.date | None = None) -> int:
    from django.utils import timezone

    return fiscal_year(today or timezone.localdate())


# --- Amounts ----------------------------------------------------------------------


def baht_text(amount: int | float | Decimal) -> str:
    """Return an amount of baht in Thai words: 1500 → ``หนึ่งพันห้าร้อยบาทถ้วน``.

    Less than a baht is read in satang alone, as Excel's BAHTTEXT and the Comptroller
    General's forms write it: 0.29 → ``ยี่สิบเก้าสตางค์`` (PyThaiNLP says ``ศูนย์บาท…`` first).
    """
    text = bahttext(float(amount))
    if 0 < amount < 1:
        return text.removeprefix("ศูนย์บาท")
    return text


_AMOUNT_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_amount(text: object) -> Decimal:
    """Read an amount as people type it: ``1,500``, ``๑,๕๐๐``, ``1,500.50``, ``1500 บาท``.

    Raise ValidationError in Thai for anything else, and for amounts below zero: the
    house keeps no negative money (a refund is its own record).
    """
    if isinstance(text, Decimal | int) and not isinstance(text, bool):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(str(text))
    else:
        typed = arabic_digits(str(text or "")).strip()
        typed = re.sub(r"\s*(บาท|baht|THB)\s*\.?$", "", typed, flags=re.IGNORECASE)
        typed = typed.removeprefix("฿").replace(" ", "").replace("\u00a0", "")
        if not _AMOUNT_RE.match(typed):
            raise ValidationError(
                _("Enter an amount in baht, for example 1,500 or 1,500.50."),
                code="invalid_amount",
            )
        value = Decimal(typed.replace(",", ""))
    if value < 0:
        raise ValidationError(_("An amount cannot be negative."), code="negative_amount")
    return value


def format_baht(amount: int | float | Decimal, *, digits: bool = False) -> str:
    """Return ``1,500`` or ``1,500.50``; with digits=True in Thai digits (``๑,๕๐๐``)."""
    value = Decimal(str(amount))
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return thai_digits(text) if digits else text


# --- Collation --------------------------------------------------------------------

# PyThaiNLP sorts in Thai dictionary order through a key function that its public
# collate() does not expose; the database collation (see core.db) needs the key
# itself, one comparison at a time.
_thkey: Callable[[str], str] = importlib.import_module("pythainlp.util.collate")._thkey


def thai_sort_key(text: str) -> str:
    """Return a key that sorts Thai text in dictionary order (leading vowels ignored)."""
    return _thkey(text or "")


def collate[T](items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """Return items sorted in Thai dictionary order (by key(item) when given)."""
    if key is None:
        return sorted(items, key=lambda item: thai_sort_key(str(item)))
    return sorted(items, key=lambda item: thai_sort_key(key(item)))


# --- Citizen ID (เลขประจำตัวประชาชน) -------------------------------------------


def normalize_citizen_id(text: str) -> str:
    """Return only the digits of a typed citizen ID (dashes and spaces dropped)."""
    return re.sub(r"[\s\-]", "", arabic_digits(text or ""))


def citizen_id_is_valid(text: str) -> bool:
    """Return whether a citizen ID has 13 digits and a correct check digit."""
    digits = normalize_citizen_id(text)
    if not re.fullmatch(r"\d{13}", digits):
        return False
    total = sum(int(digits[i]) * (13 - i) for i in range(12))
    return (11 - total % 11) % 10 == int(digits[12])


def format_citizen_id(text: str) -> str:
    """Return a citizen ID in its printed grouping: ``1-2345-67890-12-3``."""
    d = normalize_citizen_id(text)
    return f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}" if len(d) == 13 else d


def mask_citizen_id(text: str) -> str:
    """Return a citizen ID for display with only its last three digits: ``X-XXXX-XXXXX-12-3``."""
    d = normalize_citizen_id(text)
    if not re.fullmatch(r"\d{13}", d):
        return "X-XXXX-XXXXX-XX-X"
    return f"X-XXXX-XXXXX-{d[10:12]}-{d[12]}"


# Thai characters (U+0E00–U+0E7F), and the marks that belong to the word before them.
THAI_CHAR = re.compile(r"[\u0e00-\u0e7f]")
TRAILING_MARKS = {"ฯ", "ๆ"}
# The longest word kept on one line: a longer one (a long compound) may still break.
LONGEST_WHOLE_WORD = 20


# Words of the centers' work that the dictionary, between two ways of cutting a phrase
# into as many words, cuts the wrong way: «โครง|การพัฒนา», «ผู้|มีสิทธิ์», «ผ้ามัด|ย้อม»,
# «แนว|ทางการ|ดำเนินงาน», «การ|ติด|ตามที่».
DOMAIN_WORDS = (
    "โครงการพัฒนา", "ผู้มีสิทธิ์", "มัดย้อม", "การติดตาม", "ความละเอียด", "การดำเนินงาน",
    "การจำหน่าย", "การอบ", "ยินยอม", "ยินยอมให้", "การจัดซื้อจัดจ้าง", "ขนมลา", "เส้นสด",
)  # fmt: skip


@functools.cache
def _dictionary():
    """PyThaiNLP's words, DOMAIN_WORDS and the name of every province, district and
    subdistrict (from geothai): the dictionary cuts a place it does not know into the words
    it looks made of («อำเภอกา|ญจน|ดิษฐ์», «พระ|แสง»), and a line ended there."""
    import geothai
    from pythainlp.corpus import thai_words as dictionary_words
    from pythainlp.util import dict_trie

    places = set()
    for province in geothai.provinces():
        districts = geothai.districts(province.code)
        subdistricts = [s for d in districts for s in geothai.subdistricts(d.code)]
        for area in (province, *districts, *subdistricts):
            # «ปอภาร (ปอพาน)»: each name on its own.
            places.update(THAI_WORD.findall(area.name_th))
    return dict_trie(set(dictionary_words()) | set(DOMAIN_WORDS) | places)


def thai_words(text: str) -> list[str]:
    """The text cut into words by PyThaiNLP's dictionary (newmm) with Thailand's place names,
    spaces kept, with «ฯ» and «ๆ» joined to the word they follow: joined again, the words
    are the text."""
    from pythainlp.tokenize import word_tokenize

    words: list[str] = []
    for word in word_tokenize(
        text, engine="newmm", keep_whitespace=True, custom_dict=_dictionary()
    ):
        # A mark the dictionary left at the start of the next word («ฯก») goes back too.
        while words and word[:1] in TRAILING_MARKS:
            words[-1] += word[0]
            word = word[1:]
        if word:
            words.append(word)
    return words


def starts_in_thai(text: str) -> bool:
    """Whether the text begins with a Thai character (a Thai word, not a space or Latin)."""
    return bool(THAI_CHAR.match(text))


# A Thai word: Thai letters, vowels and marks (ฯ, ๆ) only; no Thai digits, spaces or
# punctuation.
THAI_WORD = re.compile(r"[\u0e01-\u0e4e]+")


def is_thai_word(text: str) -> bool:
    """Whether the text is a Thai word alone («ศูนย์ฯ»), not a number («๑๒»), a letter's
    number («ว.๓๖๗๓») or a phrase with spaces."""
    return bool(THAI_WORD.fullmatch(text))


# Phrases a line should not end inside, though the dictionary cuts them into words: an
# amount in words as baht_text writes it («หนึ่งพันห้า|ร้อยบาทถ้วน» is wrong in a letter),
# a date as format_date_long writes it, Thai or Arabic digits, month in full or abbreviated
# («ลงวันที่ ๑๒ | พฤษภาคม ๒๕๖๓»), and an official letter's number, its office's initials
# with the number («ที่ สฎ | ๐๐๑๙.๐๓/ว.๓๖๗๓»).
_NUMBER_WORD = "(?:ศูนย์|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่|เอ็ด|ร้อย|พัน|หมื่น|แสน|ล้าน)"
_AMOUNT_IN_WORDS = rf"{_NUMBER_WORD}+(?:บาท(?:ถ้วน|{_NUMBER_WORD}+สตางค์)|สตางค์)"
_MONTH = "|".join(re.escape(m) for m in THAI_MONTHS + THAI_MONTHS_ABBR)
_DIGIT = "[0-9๐-๙]"
_DAY_MONTH_YEAR = (
    rf"(?<!{_DIGIT}){_DIGIT}{{1,2}} (?:{_MONTH}) (?:พ\.ศ\. ?)?{_DIGIT}{{4}}(?!{_DIGIT})"
)
_LETTER_NUMBER = rf"(?<![ก-ฮ])[ก-ฮ]{{2}} ?{_DIGIT}{{4}}(?:\.{_DIGIT}+)*/(?:ว\.? ?)?{_DIGIT}*"
# A number and what it counts: a number after its word («หมู่ที่ 11», «ครั้งที่ ๒»), an
# amount before its unit («2,500 บาท», «๑๓ คน»).
_NUMBERED = rf"(?:หมู่|ครั้ง|ไตรมาส|ประเภท|เลข)ที่ ?{_DIGIT}+(?!{_DIGIT})"
_UNIT = "บาท|คน|ราย|ครั้ง|แห่ง|รายการ|ไฟล์|ชิ้น|กลุ่ม|วัน|ปี|เดือน"
_IN_NUMBER = "[0-9๐-๙,.]"
_COUNTED = rf"(?<!{_IN_NUMBER}){_DIGIT}{_IN_NUMBER}* (?:{_UNIT})(?![\u0e01-\u0e4e])"
WHOLE_PHRASE = re.compile(
    f"{_AMOUNT_IN_WORDS}|{_DAY_MONTH_YEAR}|{_LETTER_NUMBER}|{_NUMBERED}|{_COUNTED}"
)
# A person's name after its title, «นางสาววิไลวรรณ เพชรสุวรรณ»: the dictionary cuts a name
# as the words it is made of («เพชร|สุวรรณ», «กนก|พร»), so the titled first name and the
# surname are each kept whole; a line may still end at the space between them.
_NAME_PART = r"[\u0e01-\u0e4e]{2,24}(?![\u0e01-\u0e4e])"
PERSON_NAME = re.compile(
    rf"(?<![\u0e01-\u0e4e])(?P<first>(?:นางสาว|นาง|นาย){_NAME_PART}) (?P<last>{_NAME_PART})"
)
# The parts of the royal names the holidays bear, each kept on one line (a line may end
# between them, as the names are printed): the dictionary cuts them anywhere
# («มหาภูมิพล|อดุลยเดชมหาราช», «ชน|กา|ธิเบศร»).
ROYAL_NAME_PARTS = (
    "พระบาทสมเด็จ", "พระบรมชนกาธิเบศร", "มหาภูมิพลอดุลยเดชมหาราช", "บรมนาถบพิตร",
    "พระปรเมนทรรามาธิบดี", "ศรีสินทรมหาวชิราลงกรณ", "พระวชิรเกล้าเจ้าอยู่หัว",
    "สมเด็จพระนางเจ้าสุทิดา", "พัชรสุธาพิมลลักษณ", "พระบรมราชินี",
    "สมเด็จพระบรมราชชนนีพันปีหลวง", "พระพุทธยอดฟ้าจุฬาโลกมหาราช", "มหาจักรีบรมราชวงศ์",
    "วันเฉลิมพระชนมพรรษา", "วันคล้ายวันสวรรคต", "วันนวมินทรมหาราช",
)  # fmt: skip
_ROYAL = "|".join(re.escape(part) for part in sorted(ROYAL_NAME_PARTS, key=len, reverse=True))
# A name after an abbreviated title, as teams are named: «ผอ.ไพศิษฐ์», «ดร.สมชาย».
_ABBREVIATED_TITLE_NAME = (
    r"(?<![\u0e01-\u0e4e])(?:ผอ|ดร|นพ|พญ|ทพ)\.[\u0e01-\u0e4e]{2,24}(?![\u0e01-\u0e4e])"
)
_PHRASES = re.compile(
    f"{WHOLE_PHRASE.pattern}|{PERSON_NAME.pattern}|{_ROYAL}|{_ABBREVIATED_TITLE_NAME}"
)
# The longest phrase kept on one line (about half a letter's line at 16 pt): a longer
# amount may break between its words.
LONGEST_WHOLE_PHRASE = 48


class Run(NamedTuple):
    """A piece of text as printing cuts it (``line_runs``): ``whole`` is kept on one line;
    ``text`` empty is a place a line may end between two Thai words."""

    text: str
    whole: bool = False


def line_runs(text: str) -> list[Run]:
    """The text cut where a line may end: at a space, and between two Thai words as
    PyThaiNLP's dictionary cuts them (an empty ``Run``); never beside a number or a
    punctuation mark («ว.|๓๖๗๓»), never inside an amount in words or a date
    (``WHOLE_PHRASE``). A run with Thai in it is kept whole up to LONGEST_WHOLE_WORD
    characters, LONGEST_WHOLE_PHRASE with a phrase in it; a longer one («กลุ่ม/องค์กร/
    เครือข่าย») is its words, each kept whole, the line ending between them where the
    browser's own rules let it (after «/»). Joined again, the runs are the text."""
    runs: list[Run] = []
    chunk: list[tuple[str, bool]] = []
    previous_thai = False

    def close() -> None:
        runs.extend(_chunk_runs(chunk))
        chunk.clear()

    for word, phrase in _words_and_phrases(text):
        if word.isspace():
            close()
            runs.append(Run(word))
            previous_thai = False
            continue
        thai_word = is_thai_word(word)
        if thai_word and previous_thai:
            close()
            runs.append(Run(""))
        chunk.append((word, phrase))
        previous_thai = thai_word
    close()
    return runs


def _chunk_runs(chunk: list[tuple[str, bool]]) -> list[Run]:
    """Words no line may end between: one run, kept whole if it is short enough; else each
    word a run of its own."""
    piece = "".join(word for word, _phrase in chunk)
    if not piece:
        return []
    longest = LONGEST_WHOLE_PHRASE if any(phrase for _word, phrase in chunk) else LONGEST_WHOLE_WORD
    if len(piece) <= longest or len(chunk) == 1 or not THAI_CHAR.search(piece):
        return [Run(piece, bool(THAI_CHAR.search(piece)) and len(piece) <= longest)]
    return [
        Run(
            word,
            starts_in_thai(word)
            and len(word) <= (LONGEST_WHOLE_PHRASE if phrase else LONGEST_WHOLE_WORD),
        )
        for word, phrase in chunk
    ]


def _words_and_phrases(text: str) -> list[tuple[str, bool]]:
    """``thai_words``, each with whether it is a WHOLE_PHRASE; a phrase stays one word (a
    ``PERSON_NAME`` two: its titled first name and its surname)."""
    parts: list[tuple[str, bool]] = []
    start = 0
    for match in _PHRASES.finditer(text):
        if len(match[0]) > LONGEST_WHOLE_PHRASE:
            continue
        parts += [(word, False) for word in thai_words(text[start : match.start()])]
        if match["first"]:
            parts += [(match["first"], True), (" ", False), (match["last"], True)]
        else:
            parts.append((match[0], True))
        start = match.end()
    return parts + [(word, False) for word in thai_words(text[start:])]
