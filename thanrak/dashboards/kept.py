"""The dashboards' figures kept per province, and forgotten when a record they count changes.

A province's figures for a fiscal year and day (``selectors.Part``: plain numbers) are
kept in Django's cache for ``DASHBOARD_CACHE_SECONDS`` under the province's tokens: the
rules' token (``rules.RulesStamp``, renewed on every write of a center's records: the
activities, reports, budget and expenses counted here too) and this app's own
(``FiguresStamp``, renewed below on every write of a service, stage change, producer or
group). Imports write in bulk, without signals, and renew both themselves
(``producers.imports.write_records``). The tokens are read from the database on each
request (one query for every province), never from the cache, so a write in a province
is seen at once by every process and only that province is counted again.
"""

import hashlib
from collections.abc import Iterable

from django.db.models import OuterRef, Subquery

from thanrak.areas.models import Province
from thanrak.areas.stamps import province_of_district
from thanrak.dashboards.models import FiguresStamp
from thanrak.producers.models import Group, Producer, Service, StageChange
from thanrak.rules.models import RulesStamp

# Counted by the dashboards and not read by the rules; each belongs to a district.
COUNTED_RECORDS = (Group, Producer, Service, StageChange)

touch = FiguresStamp.touch


def connect() -> None:
    """Forget a province's figures whenever a record they count (and the rules do not
    read) changes."""
    FiguresStamp.renew_on_write(COUNTED_RECORDS, lambda r: province_of_district(r.district_id))


def stamps(provinces: Iterable[str] | None = None) -> dict[str, str]:
    """Each province's stamp: its two tokens, in one query (all provinces when none are
    named)."""
    rows = Province.objects.annotate(
        rules=Subquery(RulesStamp.objects.filter(province=OuterRef("pk")).values("token")[:1]),
        figures=Subquery(FiguresStamp.objects.filter(province=OuterRef("pk")).values("token")[:1]),
    )
    if provinces is not None:
        rows = rows.filter(pk__in=list(provinces))
    return {
        code: f"{rules or ''}.{figures or ''}"
        for code, rules, figures in rows.values_list("pk", "rules", "figures")
    }


# The shape of what is kept: a new field of `selectors.Part` (its rules not due, 2; each
# district's rules due, 3; its reports not begun and not due yet, 4) renews it, so no figures
# kept by the code before are read by the code after.
SHAPE = 4


def key(kind: str, *parts: object) -> str:
    text = "|".join(map(str, (SHAPE, *parts)))
    return f"dashboards:{kind}:" + hashlib.sha256(text.encode()).hexdigest()
