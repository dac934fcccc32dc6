"""A province's stamp: the token of results kept for it, renewed when a record changes.

Kept results (the rules' in ``rules.cache``, the dashboards' figures in
``dashboards.kept``) are stored in Django's cache under their province's token. Every
process reads the token from the database on each request, never from the cache, so a
write in a province, which gives it a new token, makes every process's kept results of
that province stale at once. A kept figure of its own gets a concrete ``ProvinceStamp``
and says which writes renew it with ``renew_on_write``.
"""

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

from thanrak.areas.models import District, Province


class ProvinceStamp(models.Model):
    """The token of what is kept for one province; a new one forgets it everywhere."""

    province = models.OneToOneField(
        Province, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    token = models.CharField(max_length=32)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.province_id}: {self.token}"

    @classmethod
    def touch(cls, provinces: Iterable[str]) -> None:
        """Give the provinces new tokens: what was kept for them is not read again.

        Writes that bypass signals (``QuerySet.update``, ``bulk_create``) call it themselves.
        """
        stamps = [cls(province_id=code, token=uuid.uuid4().hex) for code in set(provinces)]
        if stamps:
            cls.objects.bulk_create(
                stamps, update_conflicts=True, unique_fields=["province"], update_fields=["token"]
            )

    @classmethod
    def renew_on_write(
        cls, senders: Iterable[type[models.Model]], province_of: Callable[[Any], str | None]
    ) -> None:
        """Touch the province (``province_of(instance)``) on every save or delete of the
        senders; connecting again changes nothing."""

        def changed(sender, instance, **kwargs) -> None:
            if kwargs.get("raw"):  # loading fixtures
                return
            if province := province_of(instance):
                cls.touch([province])

        for model in senders:
            uid = f"stamp-{cls._meta.label}-{model._meta.label}"
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def province_of_district(district_id: str | None) -> str | None:
    """The province of a district, by its code (one query)."""
    districts = District.objects.filter(pk=district_id)
    return districts.values_list("province", flat=True).first()
