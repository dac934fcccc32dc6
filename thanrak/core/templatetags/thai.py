"""Template filters for Thai conventions; loaded everywhere as a builtin."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from thanrak.core import linebreaks, thai

register = template.Library()


@register.filter
def thai_date(value):
    """On-screen B.E. date: ``20 ส.ค. 2563``."""
    if not isinstance(value, dt.date):
        return value or ""
    return thai.format_date_short(value)


@register.filter
def thai_datetime(value):
    """On-screen B.E. date and local time: ``20 ส.ค. 2563 14.05 น.`` (``14:05`` in English)."""
    if not isinstance(value, dt.datetime):
        return value or ""
    local = timezone.localtime(value)
    return f"{thai.format_date_short(local)} {thai.format_time(local)}"


@register.filter
def thai_time(value):
    """A time of day: ``09.30 น.`` (``09:30`` in English); a moment in local time."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    elif not isinstance(value, dt.time):
        return value or ""
    return thai.format_time(value)


@register.filter
def thai_date_long(value, digits=True):
    """Document B.E. date: ``๒๐ สิงหาคม ๒๕๖๓``."""
    if not isinstance(value, dt.date):
        return value or ""
    return thai.format_date_long(value, digits=bool(digits))


@register.filter
def thai_date_text(value):
    """On-screen B.E. date in a sentence or a table: ``20 สิงหาคม 2563``."""
    if not isinstance(value, dt.date):
        return value or ""
    return thai.format_date_text(value)


@register.filter
def be_year(value):
    """The B.E. year of a date, or of a Gregorian year: ``2563``."""
    if isinstance(value, dt.date):
        return thai.be_year(value.year)
    if isinstance(value, int):
        return thai.be_year(value)
    return value or ""


@register.filter
def be_years_in(value):
    """Gregorian years in a text Django's admin wrote from a date, as B.E. (see core.thai)."""
    return thai.be_years_in(str(value))


@register.filter
def thai_digits(value):
    return thai.thai_digits(value)


@register.filter
def arabic_digits(value):
    """A document's text shown on a page: its Thai digits as Arabic ones."""
    return thai.arabic_digits(str(value))


@register.filter
def baht(value, digits=False):
    if value in (None, ""):
        return ""
    return thai.format_baht(value, digits=bool(digits))


@register.filter
def baht_text(value):
    if value in (None, ""):
        return ""
    return thai.baht_text(value)


@register.filter
def fiscal_year(value):
    if not isinstance(value, dt.date):
        return ""
    return thai.fiscal_year(value)


@register.filter
def fiscal_year_over(value):
    """Whether the B.E. fiscal year has ended: today is past its 30 September."""
    return isinstance(value, int) and value < thai.current_fiscal_year()


@register.filter
def masked_citizen_id(value):
    return thai.mask_citizen_id(value) if value else ""


# The longest part (in characters) whole_words keeps on one line: a longer one may still
# break, rather than run out of a narrow cell (the printed schedule's team column holds ten
# at the most).
WHOLE_WORD_CHARS = 10


@register.filter
def whole_words(text):
    """Text whose parts between spaces each stay on one line: a name neither chromium's
    dictionary nor WeasyPrint's knows is not broken inside («ทีม ผอ.ไพ|ศิษฐ์»); the line may
    end at a space. A part longer than WHOLE_WORD_CHARS may break as before."""
    parts = (
        format_html('<span class="nobreak">{}</span>', w) if len(w) <= WHOLE_WORD_CHARS else w
        for w in str(text).split()
    )
    return format_html_join(" ", "{}", ((part,) for part in parts))


@register.filter
def one_line(text):
    """A short text kept whole on one line: a date in a sentence («1 ธันวาคม 2569»), which
    would otherwise end a line between its day and its month."""
    return format_html('<span class="nobreak">{}</span>', text)


@register.filter
def thai_lines(text):
    """Text that a line ends only where ``core.thai.line_runs`` allows: at a space or between
    two Thai words as PyThaiNLP's dictionary cuts them, each word, number, amount in words
    and date kept on one line. Chromium's own dictionary breaks some words inside
    («มาส|ร้างสรรค์», «บรรจุ|ภัณฑ์»), WeasyPrint's (libthai) amounts in words («หนึ่งพันห้า|
    ร้อยบาทถ้วน») and, once words are spans, a letter's number («ว.|๓๖๗๓»). For prose: the
    landing page, the letters; other text is left as it is."""
    # Every piece of the text is escaped by runs_html.
    return SafeString(linebreaks.runs_html(str(text)))  # nosec B703


@register.filter
def area_name(area):
    """An area's full name (``full_name``) for a page, its own name kept on one line:
    chromium does not know most place names and breaks inside them («อำเภอเคียน|ซา»). The
    prefix (อำเภอ, ตำบล, จังหวัด …) may end the line before it."""
    full, name = area.full_name, area.name_th
    if name and full.endswith(name):
        return format_html('{}<span class="nobreak">{}</span>', full[: -len(name)], name)
    return full
