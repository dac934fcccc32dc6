from django.core.exceptions import ValidationError
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
