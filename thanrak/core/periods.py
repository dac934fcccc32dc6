"""The fiscal period: a B.E. fiscal year, one of its quarters, or one calendar month of it."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thanrak.core.thai import (
    be_year,
    fiscal_months,
    fiscal_quarter,
    fiscal_quarter_range,
    fiscal_year,
    fiscal_year_range,
    month_end,
    month_name,
    thai_digits,
)

# How many days after its period a report is due, unless the province set a date.
REPORT_DUE_DAYS = 10


@dataclass(frozen=True)
class Period:
    """A B.E. fiscal year (``quarter`` and ``month`` 0), a quarter of it (1 is
    October–December) or a calendar month of it (1–12; its quarter is implied).

    0 means "not narrowed", as the reports store the year's report (``quarter`` 0).
    """

    fiscal_year: int
    quarter: int = 0
    month: int = 0

    def __post_init__(self) -> None:
        if self.quarter not in (0, 1, 2, 3, 4):
            raise ValueError(f"quarter must be 0-4, got {self.quarter!r}")
        if self.month not in range(13):
            raise ValueError(f"month must be 0-12, got {self.month!r}")

    @property
    def range(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the period."""
        if self.month:
            year = next(y for y, m in fiscal_months(self.fiscal_year) if m == self.month)
            return dt.date(year, self.month, 1), month_end(year, self.month)
        if self.quarter:
            return fiscal_quarter_range(self.fiscal_year, self.quarter)
        return fiscal_year_range(self.fiscal_year)

    @property
    def start(self) -> dt.date:
        return self.range[0]

    @property
    def end(self) -> dt.date:
        return self.range[1]

    @property
    def months(self) -> list[tuple[int, int]]:
        """The (Gregorian year, month) pairs of the period, in order."""
        months = fiscal_months(self.fiscal_year)
        if self.month:
            return [m for m in months if m[1] == self.month]
        if self.quarter:
            return months[(self.quarter - 1) * 3 : self.quarter * 3]
        return months

    @property
    def quarters(self) -> list[int]:
        """The fiscal quarters the period falls in (a month's own quarter)."""
        if self.month:
            return [fiscal_quarter(self.start)]
        return [self.quarter] if self.quarter else [1, 2, 3, 4]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def name(self) -> str:
        """The period on a page, Arabic digits like the rest of the UI: «ไตรมาสที่ 2 ปีงบประมาณ 2563»."""
        if self.month:
            return _("%(month)s %(year)s") % {
                "month": month_name(self.month),
                "year": be_year(self.start.year),
            }
        if self.quarter:
            return _("quarter %(quarter)s of fiscal year %(year)s") % {
                "quarter": self.quarter,
                "year": self.fiscal_year,
            }
        return _("fiscal year %(year)s") % {"year": self.fiscal_year}

    @property
    def in_sentence(self) -> str:
        """The period inside a sentence («… 2 ครั้งในเดือนสิงหาคม 2563»): a month without the
        heading's «ประจำเดือน…»; a quarter or a year as ``name``."""
        if self.month:
            return pgettext("a month inside a sentence", "%(month)s %(year)s") % {
                "month": month_name(self.month),
                "year": be_year(self.start.year),
            }
        return self.name

    @property
    def label(self) -> str:
        """The period in a Thai document, Thai digits: «ไตรมาสที่ ๒ ปีงบประมาณ ๒๕๖๓»."""
        return thai_digits(self.name)

    @property
    def slug(self) -> str:
        """The period in a file name: ``2563``, ``2563-q2``, ``2563-m08``."""
        if self.month:
            return f"{self.fiscal_year}-m{self.month:02d}"
        if self.quarter:
            return f"{self.fiscal_year}-q{self.quarter}"
        return f"{self.fiscal_year}"


def quarter_reported_on(day: dt.date) -> Period:
    """The quarter whose reports are being sent on the day: the one just ended until its
    reports are due (``REPORT_DUE_DAYS`` after it), else the quarter in course."""
    current = Period(fiscal_year(day), fiscal_quarter(day))
    ended = current.start - dt.timedelta(days=1)
    if day <= ended + dt.timedelta(days=REPORT_DUE_DAYS):
        return Period(fiscal_year(ended), fiscal_quarter(ended))
    return current
