from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanrak.core.thai import BE_YEAR_MAX, BE_YEAR_MIN, be_year


def validate_be_year(value: int) -> None:
    """Refuse a year that is not a plausible Buddhist-era year (e.g. 2020 typed for 2563)."""
    if value < BE_YEAR_MIN:
        raise ValidationError(
            _(
                "The year %(year)s looks like a Christian-era year. "
                "Enter the Buddhist-era year, for example %(be)s."
            ),
            code="gregorian_year",
            params={"year": value, "be": be_year(value) if value > 1000 else 2563},
        )
    if value > BE_YEAR_MAX:
        raise ValidationError(
            _("The year %(year)s is out of range."), code="year_range", params={"year": value}
        )


def validate_be_year_passed(value: int) -> None:
    """A plausible Buddhist-era year that has come (a registration, not a plan)."""
    validate_be_year(value)
    this_year = be_year(timezone.localdate().year)
    if value > this_year:
        raise ValidationError(
            _("The year %(year)s has not come yet (this year is %(now)s)."),
            code="year_to_come",
            params={"year": value, "now": this_year},
        )
