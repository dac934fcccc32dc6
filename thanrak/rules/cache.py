"""The rules' results kept per province, and forgotten when a record they read changes.

Evaluating the rules is the heaviest read of the province and national pages. The
results of one province, fiscal year, period, day and language are kept in Django's
cache (each process's memory unless ``CACHES`` says otherwise) for
``RULES_CACHE_SECONDS``, under the province's current ``RulesStamp`` token. Every save
or delete of a record the rules read gives its province a new token (signals, below),
so every process finds its kept results stale at once: the token is read from the
database on each evaluation (one query), never from the cache.

Writes that bypass signals (``QuerySet.update``, ``bulk_create``) must call ``touch``
themselves; ``manage.py restore`` is followed by a restart, which empties the caches.

A province's results are kept under its districts' codes whatever order a page lists them
in (the compliance matrix in Thai order, the dashboards in code order share them).
``manage.py warm_figures`` evaluates again within ``refreshing`` so that the results are
kept anew for RULES_CACHE_SECONDS from then, before the first reader needs them.
"""

import contextlib
import contextvars
import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from thanrak.areas.models import District
from thanrak.areas.stamps import province_of_district, remembered
from thanrak.centers import models as centers
from thanrak.evidence.models import Evidence
from thanrak.rules.models import RuleSettings, RulesStamp

# The records the rules read (guideline.load_facts), each with a center; and the
# others, with their own way to their province.
CENTER_RECORDS = (
    centers.Activity,
    centers.BudgetAllocation,
    centers.CommitteeTerm,
    centers.CompositionException,
    centers.Expense,
    centers.LessonsLearned,
    centers.Material,
    centers.Meeting,
    centers.Plan,
    centers.Publicity,
    centers.Report,
)

touch = RulesStamp.touch


def _province_of(instance: Any) -> str | None:
    if isinstance(instance, RuleSettings):
        return instance.province_id
    if isinstance(instance, centers.Center | Evidence):
        return province_of_district(instance.district_id)
    if isinstance(instance, centers.CommitteeMember):
        terms = centers.CommitteeTerm.objects.filter(pk=instance.term_id)
        return remembered(
            ("term", instance.term_id),
            lambda: terms.values_list("center__district__province", flat=True).first(),
        )
    found = centers.Center.objects.filter(pk=instance.center_id)
    return remembered(
        ("center", instance.center_id),
        lambda: found.values_list("district__province", flat=True).first(),
    )


def connect() -> None:
    """Forget a province's results whenever one of the records the rules read changes."""
    senders = (*CENTER_RECORDS, centers.Center, centers.CommitteeMember, Evidence, RuleSettings)
    RulesStamp.renew_on_write(senders, _province_of)


_refreshing = contextvars.ContextVar("rules_refreshing", default=False)


@contextlib.contextmanager
def refreshing() -> Iterator[None]:
    """Within it, every evaluation computes its results again and keeps them anew, as if
    none were kept."""
    reset = _refreshing.set(True)
    try:
        yield
    finally:
        _refreshing.reset(reset)


def _key(province: str, token: str, codes: Sequence[str], parts: tuple) -> str:
    text = "|".join(
        [province, token, ",".join(sorted(codes)), get_language() or "", *map(str, parts)]
    )
    return "rules:" + hashlib.sha256(text.encode()).hexdigest()


class Kept:
    """What is kept for some districts' results, and the keeping of the others.

    ``parts`` names what else the results depend on (fiscal year, period, day). Values
    are plain data (``found``: district code → what ``keep`` was given), so reading them
    back costs no model instances. A province is kept or computed as a whole.
    """

    def __init__(self, districts: Sequence[District], parts: tuple):
        self.seconds = settings.RULES_CACHE_SECONDS
        self.found: dict[str, Any] = {}
        self.missing: list[District] = list(districts)
        self.keys: dict[str, str] = {}
        if not self.seconds or not districts:
            return
        by_province: dict[str, list[str]] = {}
        for district in districts:
            by_province.setdefault(district.province_id, []).append(district.pk)
        tokens = dict(
            RulesStamp.objects.filter(province__in=list(by_province)).values_list(
                "province", "token"
            )
        )
        self.keys = {
            code: _key(code, tokens.get(code, ""), codes, parts)
            for code, codes in by_province.items()
        }
        if _refreshing.get():
            return
        for value in cache.get_many(list(self.keys.values())).values():
            self.found.update(value)
        self.missing = [d for d in districts if d.pk not in self.found]

    def keep(self, computed: dict[str, Any]) -> None:
        """Keep the results computed for the missing districts, province by province."""
        if not self.seconds:
            return
        by_province: dict[str, dict[str, Any]] = {}
        for district in self.missing:
            by_province.setdefault(district.province_id, {})[district.pk] = computed[district.pk]
        cache.set_many(
            {self.keys[code]: values for code, values in by_province.items()}, self.seconds
        )
