"""The guideline's thresholds, per province and fiscal year, as data.

The department changes them between years, so the province edits them; a province
and year without a row uses the guideline's own numbers (the field defaults).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thanrak.areas.models import Province
from thanrak.areas.stamps import ProvinceStamp
from thanrak.core.models import TimeStampedModel


def _count(verbose_name, default: int, help_text=""):
    return models.PositiveSmallIntegerField(
        verbose_name,
        default=default,
        validators=[MinValueValidator(0), MaxValueValidator(99)],
        help_text=help_text,
    )


class RuleSettings(TimeStampedModel):
    """The thresholds the rules R1–R6 apply in one province for one B.E. fiscal year."""

    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="+", verbose_name=_("province")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
        help_text=_("B.E., e.g. 2563"),
    )
    # guideline §6.1: จำนวน ๑๑ - ๑๕ คน
    committee_min = _count(_("fewest committee members"), 11)
    committee_max = _count(_("most committee members"), 15)
    # guideline §6.1 ๑)–๔)
    chairs = _count(_("chairs"), 1, _("The district chief or the chief's delegate."))
    secretaries = _count(_("secretaries"), 1, _("The district Community Development officer."))
    agency_representatives = _count(_("agency and education representatives"), 5)
    leaders_min = _count(_("fewest group or network leaders"), 4)
    leaders_max = _count(_("most group or network leaders"), 8)
    # guideline §6.3 ๑), ๓), ๔)
    meetings_per_quarter = _count(_("committee meetings per quarter"), 1)
    activities_per_month = _count(_("activities with evidence per month"), 1)
    publicity_per_quarter = _count(_("publicity records per quarter"), 1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rule settings")
        verbose_name_plural = _("rule settings")
        ordering = ["province", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fiscal_year"], name="rules_one_settings_per_province_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.province_id} {self.fiscal_year}"

    def clean(self) -> None:
        errors = {}
        if self.committee_min > self.committee_max:
            errors["committee_max"] = _("The most members cannot be fewer than the fewest.")
        if self.leaders_min > self.leaders_max:
            errors["leaders_max"] = _("The most leaders cannot be fewer than the fewest.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def for_province(cls, province: Province | str, fiscal_year: int) -> "RuleSettings":
        """Return the province's saved settings for the year, or unsaved guideline defaults."""
        code = province if isinstance(province, str) else province.pk
        found = cls.objects.filter(province_id=code, fiscal_year=fiscal_year).first()
        return found or cls(province_id=code, fiscal_year=fiscal_year)


class RulesStamp(ProvinceStamp):
    """A token that changes whenever a record the rules read changes in the province.

    The rules' results are cached per province (``rules.cache``); every process reads
    the province's token from the database and finds its cached results only while the
    token is the one they were computed under (``areas.stamps``).
    """

    class Meta:
        verbose_name = _("rules stamp")
        verbose_name_plural = _("rules stamps")
