"""The period a page reads from its query string (``?fy=``, ``?quarter=``, ``?month=``).

A value that cannot be (``?quarter=5``, ``?fy=2020``, ``?fy=abc``, ``?month=13``) is never
replaced by another year in silence: the page answers 400 with a Thai message saying
what is wrong and a link to the same page without the filter (``bad_filter``).
"""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from thanrak.core.thai import BE_YEAR_MIN, arabic_digits, be_year, current_fiscal_year

# The oldest fiscal year a page may be asked for; the newest is next year.
FIRST_FISCAL_YEAR = 2500
# ``?fy=all`` on the record lists: every year at once.
ALL_YEARS = "all"


def _shown(value: object) -> str:
    text = str(value).strip()
    return text if len(text) <= 20 else f"{text[:20]}…"


class FiscalYearField(forms.Field):
    """A B.E. fiscal year from a URL; Thai digits read, a Gregorian year named as such."""

    default_error_messages = {
        "invalid": _(
            "“%(value)s” is not a fiscal year. Give a Buddhist-era year, for example %(example)s."
        ),
        "gregorian_year": _(
            "The year %(year)s looks like a Christian-era year. "
            "Enter the Buddhist-era year, for example %(be)s."
        ),
        "out_of_range": _(
            "There is no fiscal year %(year)s to show: choose a year from %(first)s to %(last)s."
        ),
    }

    def __init__(self, *, allow_all: bool = False, **kwargs):
        self.allow_all = allow_all
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = arabic_digits(str(value)).strip()
        if self.allow_all and text == ALL_YEARS:
            return ALL_YEARS
        current = current_fiscal_year()
        if not text.isdigit():
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"value": _shown(value), "example": current},
            )
        year = int(text)
        if 1000 < year < BE_YEAR_MIN:
            raise ValidationError(
                self.error_messages["gregorian_year"],
                code="gregorian_year",
                params={"year": year, "be": be_year(year)},
            )
        if not FIRST_FISCAL_YEAR <= year <= current + 1:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"year": year, "first": FIRST_FISCAL_YEAR, "last": current + 1},
            )
        return year


class _NumberField(forms.Field):
    """A small whole number from a URL, within ``low``–``high``."""

    low, high = 1, 1

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = arabic_digits(str(value)).strip()
        if not (text.isdigit() and self.low <= int(text) <= self.high):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": _shown(value)}
            )
        return int(text)


class QuarterField(_NumberField):
    low, high = 1, 4
    default_error_messages = {
        "invalid": _("There is no quarter “%(value)s”: a fiscal year has quarters 1 to 4."),
    }


class MonthField(_NumberField):
    low, high = 1, 12
    default_error_messages = {
        "invalid": _("There is no month “%(value)s”: months are numbered 1 to 12."),
    }


class PeriodFilter(forms.Form):
    """The fiscal year, quarter and month a page is asked for; each may be left out."""

    fy = FiscalYearField(label=_("Fiscal year"))
    quarter = QuarterField(label=_("Quarter"))
    month = MonthField(label=_("Month"))

    def __init__(self, data=None, *, allow_all: bool = False, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.fields["fy"].allow_all = allow_all


# The oldest fiscal year the year selects list (the centers' guideline dates from the 2560s);
# an older one may still be asked for by URL.
FIRST_LISTED_YEAR = 2560


QUARTER_CHOICES = [
    ("", _("Whole year")),
    (1, _("Quarter 1 (Oct–Dec)")),
    (2, _("Quarter 2 (Jan–Mar)")),
    (3, _("Quarter 3 (Apr–Jun)")),
    (4, _("Quarter 4 (Jul–Sep)")),
]


def fiscal_year_choices(selected: int | None = None) -> list[tuple[int, str]]:
    years = set(range(FIRST_LISTED_YEAR, current_fiscal_year() + 2))
    if selected:
        years.add(selected)
    return [(year, str(year)) for year in sorted(years, reverse=True)]


class PeriodForm(PeriodFilter):
    """The fiscal year (B.E.) and optional quarter a page looks at, from the query string.

    A value that cannot be leaves the form invalid: the view answers with
    ``core.filters.bad_filter`` rather than show another year.
    """

    def __init__(self, data=None, *, with_quarter: bool = True):
        data = data.copy() if data is not None else {}
        if not data.get("fy"):
            data["fy"] = str(current_fiscal_year())
        super().__init__(data)
        del self.fields["month"]
        if with_quarter:
            self.fields["quarter"].widget = forms.Select(choices=QUARTER_CHOICES)
        else:
            del self.fields["quarter"]
        try:
            requested = self.fields["fy"].clean(data["fy"])
        except forms.ValidationError:
            requested = None
        # Any sensible B.E. year may be asked for by URL; the list offers the recent ones.
        self.fields["fy"].widget = forms.Select(choices=fiscal_year_choices(requested))

    def period(self) -> tuple[int, int | None]:
        """Return (fiscal year, quarter or None) of a valid form."""
        return self.cleaned_data["fy"], self.cleaned_data.get("quarter")


class BadFilter(Exception):
    """Raised deep in a view by ``read_period``; ``answers_bad_filter`` turns it into the page."""

    def __init__(self, form: forms.Form):
        super().__init__("bad filter")
        self.form = form


def read_period(data, **kwargs) -> PeriodFilter:
    """Return the checked filter of ``data`` (a QueryDict or dict), or raise BadFilter."""
    form = PeriodFilter(data, **kwargs)
    if not form.is_valid():
        raise BadFilter(form)
    return form


def answers_bad_filter(view):
    """Decorate a view that calls ``read_period``: a BadFilter becomes ``bad_filter``."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadFilter as bad:
            return bad_filter(request, bad.form)

    return wrapper


def bad_filter(request: HttpRequest, form: forms.Form) -> HttpResponse:
    """The house answer to a filter that cannot be: 400, the Thai message, a way back.

    A filtered page opens with the same lines in every app (its area through the access
    helper, its filter form bound to ``request.GET``, ``bad_filter`` when it is not valid).
    They are written out in each view on purpose, so that what a view reads and what it
    refuses stand on its face; a decorator or a helper returning either would hide it.
    """
    errors = [error for field in form for error in field.errors] + list(form.non_field_errors())
    context = {"errors": errors, "back": request.path}
    return render(request, "core/bad_filter.html", context, status=400)
