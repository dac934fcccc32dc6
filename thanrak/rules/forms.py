from django import forms
from django.utils.translation import gettext_lazy as _

from thanrak.core.filters import PeriodFilter
from thanrak.core.forms import ConventionsMixin
from thanrak.core.thai import current_fiscal_year
from thanrak.rules.models import RuleSettings

FIRST_FISCAL_YEAR = 2560  # the centers' guideline dates from the 2560s


QUARTER_CHOICES = [
    ("", _("Whole year")),
    (1, _("Quarter 1 (Oct–Dec)")),
    (2, _("Quarter 2 (Jan–Mar)")),
    (3, _("Quarter 3 (Apr–Jun)")),
    (4, _("Quarter 4 (Jul–Sep)")),
]


def fiscal_year_choices(selected: int | None = None) -> list[tuple[int, str]]:
    years = set(range(FIRST_FISCAL_YEAR, current_fiscal_year() + 2))
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


class RuleSettingsForm(ConventionsMixin, forms.ModelForm):
    # The settings page groups these under guideline §6.1; the rest are §6.3.
    committee_fields = (
        "committee_min",
        "committee_max",
        "chairs",
        "secretaries",
        "agency_representatives",
        "leaders_min",
        "leaders_max",
    )

    class Meta:
        model = RuleSettings
        fields = [
            "committee_min",
            "committee_max",
            "chairs",
            "secretaries",
            "agency_representatives",
            "leaders_min",
            "leaders_max",
            "meetings_per_quarter",
            "activities_per_month",
            "publicity_per_quarter",
        ]
