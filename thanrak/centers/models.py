"""The district's Grassroots Economy Promotion Service Center and its records."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from thanrak.areas.models import District, Province
from thanrak.core.models import TimeStampedModel


class Center(TimeStampedModel):
    """One center per district, housed by default in the district CD office (guideline §7)."""

    district = models.OneToOneField(
        District, on_delete=models.PROTECT, related_name="center", verbose_name=_("district")
    )
    location = models.CharField(
        _("location"),
        max_length=300,
        blank=True,
        help_text=_("Where the center is; by default the district Community Development office."),
    )
    phone = models.CharField(_("phone"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("center")
        verbose_name_plural = _("centers")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        from django.utils.translation import gettext

        return gettext("Grassroots Economy Promotion Service Center, %(district)s") % {
            "district": self.district.full_name
        }

    @property
    def office_name(self) -> str:
        """The district Community Development office that houses the center by default."""
        from django.utils.translation import gettext

        return gettext("Community Development Office, %(district)s") % {
            "district": self.district.full_name
        }

    @property
    def display_location(self) -> str:
        return self.location or self.office_name


class ProvinceOffice(TimeStampedModel):
    """The provincial Community Development office that funds and monitors the centers."""

    province = models.OneToOneField(
        Province, on_delete=models.PROTECT, related_name="office", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(
        _("address"), blank=True, help_text=_("As printed under the issuing office of a letter.")
    )
    unit = models.CharField(_("contact unit"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    book_prefix = models.CharField(
        _("letter number prefix"),
        max_length=60,
        blank=True,
        help_text=_("The ที่ prefix of official letters, e.g. สฎ 0019.03."),
    )

    class Meta:
        verbose_name = _("province office")
        verbose_name_plural = _("province offices")

    def __str__(self) -> str:
        return self.name
