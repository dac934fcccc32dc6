"""Numbers, amounts, dates and months inside the rules' Thai sentences.

The sentences are written with Arabic digits, like every page of the UI. They are shown
on pages (the compliance matrix, a rule's page, readiness, the district's to-do list);
a printed document that quotes one passes it through ``thai.thai_digits`` (the
``thai_digits`` template filter), as documents print every digit in Thai. So one text
serves both, and the digits follow where it goes. Only formats live here: the
sentences are translation strings.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from thanrak.core import thai
from thanrak.core.periods import Period


def is_thai() -> bool:
    return not thai.english_active()


def num(value: object) -> str:
    return str(value)


def baht(amount: Decimal | int) -> str:
    return thai.format_baht(amount)


def date(day: dt.date) -> str:
    return thai.format_date_long(day, digits=False) if is_thai() else thai.format_date_short(day)


def _month_names() -> tuple[str, ...]:
    return thai.THAI_MONTHS_ABBR if is_thai() else thai.ENGLISH_MONTHS_ABBR


def month(year: int, month: int) -> str:
    """A calendar month as ``ม.ค. 2563``."""
    return f"{_month_names()[month - 1]} {num(thai.be_year(year))}"


def quarter_months(fiscal_year: int, quarter: int) -> str:
    """The months of a fiscal quarter as ``ม.ค.–มี.ค. 2563`` (a quarter never spans two years)."""
    first, last = thai.fiscal_quarter_range(fiscal_year, quarter)
    names = _month_names()
    return f"{names[first.month - 1]}–{names[last.month - 1]} {num(thai.be_year(first.year))}"


def listing(items: Iterable[str]) -> str:
    return ", ".join(items)


def period(period: Period) -> str:
    """A year or quarter as a noun phrase: ``ไตรมาสที่ 2 ปีงบประมาณ 2563 (ม.ค.–มี.ค. 2563)``."""
    if period.quarter:
        return _("quarter %(quarter)s of fiscal year %(year)s (%(months)s)") % {
            "quarter": num(period.quarter),
            "year": num(period.fiscal_year),
            "months": quarter_months(period.fiscal_year, period.quarter),
        }
    return _("fiscal year %(year)s") % {"year": num(period.fiscal_year)}
