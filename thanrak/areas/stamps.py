"""A province's stamp: the token of results kept for it, renewed when a record changes.

Kept results (the rules' in ``rules.cache``, the dashboards' figures in
``dashboards.kept``) are stored in Django's cache under their province's token. Every
process reads the token from the database on each request, never from the cache, so a
write in a province, which gives it a new token, makes every process's kept results of
that province stale at once. A kept figure of its own gets a concrete ``ProvinceStamp``
and says which writes renew it with ``renew_on_write``.

A load or an import that writes many records in a province wraps them in
``ProvinceStamp.deferred()``: each stamp is renewed once at the end instead of once a
write, and the province of each district or center written is looked up once.

It lives with the areas, below every app that keeps figures or writes records, so that
any of them may defer (the rules' and the dashboards' stamps, the demo, the imports).
"""

import contextlib
import contextvars
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import DatabaseError, models
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
        Inside ``deferred()`` the provinces are noted and touched when it ends.
        """
        for deferral in reversed(_deferrals.get()):
            if deferral.covers(cls):
                deferral.note(cls, provinces)
                return
        stamps = [cls(province_id=code, token=uuid.uuid4().hex) for code in set(provinces)]
        if stamps:
            cls.objects.bulk_create(
                stamps, update_conflicts=True, unique_fields=["province"], update_fields=["token"]
            )

    @classmethod
    def touch_every(cls, provinces: Iterable[str]) -> None:
        """Touch every concrete stamp (every kind of kept result) of the provinces: for
        writes that send no signal and may concern any of them, such as an import."""
        provinces = list(provinces)
        for stamp in _concrete(cls):
            stamp.touch(provinces)

    @classmethod
    @contextlib.contextmanager
    def deferred(cls) -> Iterator[None]:
        """Touch each province written in the block once, when the block ends.

        On the base class it defers every stamp, on a concrete one only that stamp. Kept
        results read inside the block are those of before it (the new tokens come at its
        end): use it around writes that read no kept results, such as a load or an import.
        """
        deferral = _Deferral(cls)
        outer = _deferrals.set((*_deferrals.get(), deferral))
        try:
            yield
        except BaseException:
            _deferrals.reset(outer)
            # A caller may keep what was written before the error: renew it if the
            # transaction still can; one being rolled back has nothing to renew.
            with contextlib.suppress(DatabaseError):
                deferral.flush()
            raise
        _deferrals.reset(outer)
        deferral.flush()

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


class _Deferral:
    """The provinces noted for each stamp inside one ``ProvinceStamp.deferred()`` block."""

    def __init__(self, stamp: type[ProvinceStamp]) -> None:
        self.stamp = stamp
        self.pending: dict[type[ProvinceStamp], set[str]] = {}
        # The province found for a district, a center, …: it does not change in the block.
        self.known: dict[tuple, str] = {}

    def covers(self, stamp: type[ProvinceStamp]) -> bool:
        return issubclass(stamp, self.stamp)

    def note(self, stamp: type[ProvinceStamp], provinces: Iterable[str]) -> None:
        self.pending.setdefault(stamp, set()).update(provinces)

    def flush(self) -> None:
        pending, self.pending = self.pending, {}
        for stamp, provinces in pending.items():
            stamp.touch(sorted(provinces))


def _concrete(stamp: type[ProvinceStamp]) -> list[type[ProvinceStamp]]:
    found = [] if stamp._meta.abstract else [stamp]
    for sub in stamp.__subclasses__():
        found += _concrete(sub)
    return found


_deferrals: contextvars.ContextVar[tuple[_Deferral, ...]] = contextvars.ContextVar(
    "province_stamp_deferrals", default=()
)


def remembered(key: tuple, find: Callable[[], str | None]) -> str | None:
    """The province ``find()`` gives for what ``key`` names (``("district", code)``,
    ``("center", id)``): one query each time, once per key inside
    ``ProvinceStamp.deferred()``, where a load or an import writes many records of one
    district."""
    deferrals = _deferrals.get()
    known = deferrals[-1].known if deferrals else None
    if known is not None and key in known:
        return known[key]
    province = find()
    if known is not None and province is not None:
        known[key] = province
    return province


def province_of_district(district_id: str | None) -> str | None:
    """The province of a district, by its code (see ``remembered``)."""
    districts = District.objects.filter(pk=district_id)
    return remembered(
        ("district", district_id), lambda: districts.values_list("province", flat=True).first()
    )
