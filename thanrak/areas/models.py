"""Thailand's administrative areas, loaded from the geothai package (load_areas)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from thanrak.core.thai import english_active


class Area(models.Model):
    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language."""
        if english_active():
            return self.name_en or self.name_th
        return self.name_th


class Province(Area):
    class Meta(Area.Meta):
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    @property
    def full_name(self) -> str:
        if english_active():
            return f"{self.name_en} Province"
        if self.code == "10":
            return self.name_th
        return f"จังหวัด{self.name_th}"


class District(Area):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )

    class Meta(Area.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    @property
    def full_name(self) -> str:
        """``อำเภอพุนพิน`` (``เขต…`` in Bangkok); ``Phunphin District`` in English."""
        if english_active():
            return f"{self.name_en} District"
        return f"{'เขต' if self.province_id == '10' else 'อำเภอ'}{self.name_th}"


class Subdistrict(Area):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="subdistricts", verbose_name=_("district")
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    class Meta(Area.Meta):
        verbose_name = _("subdistrict")
        verbose_name_plural = _("subdistricts")

    @property
    def full_name(self) -> str:
        if english_active():
            return f"{self.name_en} Subdistrict"
        return f"{'แขวง' if self.district.province_id == '10' else 'ตำบล'}{self.name_th}"
