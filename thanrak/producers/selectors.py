"""Reads that are more than a filter: lists, expiring certifications, the funnel, search."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from thanrak.accounts.access import is_nationwide
from thanrak.accounts.models import User
from thanrak.accounts.policy import sees_personal_data
from thanrak.areas.models import District, Province
from thanrak.core import records as core_records
from thanrak.core import thai
from thanrak.core.db import thai_order, thai_ordering
from thanrak.core.records import RecordKind
from thanrak.producers.access import records_for_user
from thanrak.producers.models import (
    Certification,
    Group,
    Producer,
    Product,
    Service,
    Stage,
    StageChange,
    Wisdom,
)
from thanrak.producers.search import Query, ranked

EXPIRY_WINDOW_DAYS = 90


def records_of(kind: RecordKind, district: District, fiscal_year: int | None = None) -> QuerySet:
    """The district's records of one kind (all years when fiscal_year is None), with file counts."""
    return core_records.records_of(kind, kind.model.objects.filter(district=district), fiscal_year)


def records_in_area(
    kind: RecordKind, province: str | None = None, fiscal_year: int | None = None
) -> QuerySet:
    """The records of one kind of a province, or of the whole country (province None),
    district by district, with their district: the province-wide and national exports."""
    queryset = kind.model.objects.all()
    if province:
        queryset = queryset.filter(district__province=province)
    if fiscal_year and kind.fiscal_filter:
        queryset = queryset.filter(kind.fiscal_filter(fiscal_year))
    queryset = queryset.select_related("district__province", *kind.select_related)
    if kind.prefetch_related:
        queryset = queryset.prefetch_related(*kind.prefetch_related)
    ordering = [
        thai_order("district__province__name_th"),
        thai_order("district__name_th"),
        *thai_ordering(kind.model, [*kind.model._meta.ordering, "-pk"]),
    ]
    return queryset.annotate(evidence_count=Count("evidence", distinct=True)).order_by(*ordering)


def fiscal_years_of(kind: RecordKind, district: District) -> list[int]:
    """Fiscal years with records of a dated kind, newest first, plus this year."""
    return core_records.fiscal_years_offered(kind, kind.model.objects.filter(district=district))


def fiscal_years_with_records(kind: RecordKind, district: District) -> list[int]:
    """Fiscal years in which the district has records of a dated kind, newest first."""
    return core_records.fiscal_years_with_records(
        kind, kind.model.objects.filter(district=district)
    )


def expiring_certifications(
    districts: QuerySet[District], today: dt.date | None = None
) -> QuerySet[Certification]:
    """Certifications of the districts' products that expire within 90 days (or have expired
    in the last 90: still to renew), soonest first; not those already renewed."""
    today = today or timezone.localdate()
    return (
        Certification.objects.filter(
            product__district__in=districts,
            expires_on__gte=today - dt.timedelta(days=EXPIRY_WINDOW_DAYS),
            expires_on__lte=today + dt.timedelta(days=EXPIRY_WINDOW_DAYS),
        )
        .not_renewed()
        .select_related("product__producer", "product__district")
        .order_by("expires_on", "id")
    )


def held_certifications(today: dt.date | None = None) -> Prefetch:
    """A product's certifications as the public sees them: those in force today, in the
    order of the standards (มผช. first), each standard's together (shown once)."""
    standard_order = Case(
        *(When(kind=kind, then=Value(i)) for i, kind in enumerate(Certification.Kind)),
        default=Value(len(Certification.Kind)),
    )
    held = Certification.objects.held_on(today or timezone.localdate()).order_by(
        standard_order, "id"
    )
    return Prefetch("certifications", held)


# --- The development funnel -----------------------------------------------------

STAGES = list(Stage)


@dataclass
class FunnelRow:
    district: District | None
    at_end: Counter = field(default_factory=Counter)  # stage -> groups and producers at FY end
    entered: Counter = field(default_factory=Counter)  # stage -> how many reached it in the FY
    moved: int = 0  # groups and producers that changed stage in the FY
    moves: Counter = field(default_factory=Counter)  # (from, to) -> count

    def cells(self) -> list[tuple[int, int]]:
        return [(self.at_end[s], self.entered[s]) for s in STAGES]

    @property
    def total(self) -> int:
        return sum(self.at_end.values())


def funnel(districts: QuerySet[District], fiscal_year: int) -> tuple[list[FunnelRow], FunnelRow]:
    """Per district and in total: who stood at each stage at the end of the fiscal year,
    who reached each stage during it and who moved between stages. Two queries.

    A producer registered from a group continues that group's path and counts once."""
    start, end = thai.fiscal_year_range(fiscal_year)
    district_list = list(districts.order_by("code"))
    rows = {d.pk: FunnelRow(d) for d in district_list}
    changes = (
        StageChange.objects.filter(district__in=districts, date__lte=end)
        .order_by("date", "id")
        .values_list(
            "district_id", "group_id", "producer__group_id", "producer_id", "stage", "date"
        )
    )
    before: dict[tuple, str] = {}
    after: dict[tuple, str] = {}
    district_of: dict[tuple, str] = {}
    for district_id, group_id, producers_group_id, producer_id, stage, date in changes:
        # A producer registered from a group continues the group's path: one entity.
        group_id = group_id or producers_group_id
        who = ("g", group_id) if group_id else ("p", producer_id)
        district_of[who] = district_id
        if date < start:
            before[who] = stage
        else:
            previous = after.get(who, before.get(who))
            if previous != stage:
                rows[district_id].moves[(previous, stage)] += 1
                rows[district_id].entered[stage] += 1
        after[who] = stage
    for who, stage in after.items():
        row = rows[district_of[who]]
        row.at_end[stage] += 1
        if before.get(who) != stage:
            row.moved += 1
    total = FunnelRow(None)
    for row in rows.values():
        total.at_end.update(row.at_end)
        total.entered.update(row.entered)
        total.moves.update(row.moves)
        total.moved += row.moved
    return list(rows.values()), total


def stages_at_end(districts: QuerySet[District], fiscal_year: int) -> Counter:
    """How many groups and producers stood at each stage at the end of the fiscal year:
    ``funnel(...)[1].at_end`` counted by the database, for a dashboard. One query."""
    return Counter(
        {stage: n for _district, stage, n in _count_latest_stages(districts, fiscal_year)}
    )


def stages_at_end_by_district(districts: QuerySet[District], fiscal_year: int) -> dict:
    """``stages_at_end`` for each of the districts (district code → Counter). One query."""
    result: dict[str, Counter] = defaultdict(Counter)
    for district, stage, n in _count_latest_stages(districts, fiscal_year, by_district=True):
        result[district][stage] += n
    return dict(result)


def _count_latest_stages(
    districts: QuerySet[District], fiscal_year: int, by_district: bool = False
) -> list[tuple]:
    """Rows (district or None, stage, count) of the latest stages up to the year's end.

    Each one's latest change up to the year's end (a producer registered from a group
    continues that group's path and counts once) is found with a window, then counted.
    """
    end = thai.fiscal_year_range(fiscal_year)[1]
    group = Coalesce("group_id", "producer__group_id")
    latest = (
        StageChange.objects.filter(district__in=districts, date__lte=end)
        .annotate(
            latest=Window(
                RowNumber(),
                partition_by=[
                    group,
                    Case(When(Q(group_id=None, producer__group_id=None), then=F("producer_id"))),
                ],
                order_by=[F("date").desc(), F("id").desc()],
            ),
            place=F("district_id") if by_district else Value(None, CharField()),
        )
        .filter(latest=1)
        .values_list("place", "stage")
    )
    # The ORM cannot group what a window filters: its own SQL (parameters apart) is
    # wrapped to be counted, so only a few rows come back for 364,000 changes nationwide.
    sql, params = latest.query.sql_with_params()
    with connections[latest.db].cursor() as cursor:
        counted = f"SELECT place, stage, COUNT(*) FROM ({sql}) latest GROUP BY place, stage"  # noqa: S608  # nosec B608
        cursor.execute(counted, params)
        return cursor.fetchall()


# --- Search ---------------------------------------------------------------------

SEARCHED = (
    ("wisdom", Wisdom, ()),
    ("group", Group, ()),
    ("producer", Producer, ()),
    ("product", Product, ("producer",)),
)


@dataclass
class Hit:
    key: str
    record: object
    rank: int

    @property
    def label(self) -> str:
        return str(type(self.record)._meta.verbose_name)


def search(user: User, query: Query, limit: int = 50) -> list[Hit]:
    """Wisdom, groups, producers and products the user may see that match, best first.

    A sole owner who did not agree to be named is not found by a user who sees such names
    hidden (an executive viewer): the producer's name is the owner's."""
    hits: list[Hit] = []
    nationwide = is_nationwide(user)
    for key, model, related in SEARCHED:
        queryset = records_for_user(user, model.objects.select_related("district", *related))
        if key == "producer" and not sees_personal_data(user):
            queryset = queryset.exclude(kind=Producer.Kind.SOLE, name_public=False)
        for record in ranked(queryset, query, limit, most_of_table=nationwide)[:limit]:
            hits.append(Hit(key, record, record.rank))
    hits.sort(key=lambda h: (-h.rank, thai.thai_sort_key(str(h.record))))
    return hits[:limit]


def search_public(
    query: Query,
    district: District | None = None,
    limit: int = 60,
    category: str = "",
    province: Province | None = None,
) -> list[Hit]:
    """The same search over everything, for the public catalogue (what it shows is public),
    of one district or province when given.

    With an OTOP ``category`` only the products of that category are searched."""
    hits: list[Hit] = []
    for key, model, related in SEARCHED:
        if key == "producer" or (category and key != "product"):
            continue
        queryset = model.objects.select_related("district", *related)
        if district is not None:
            queryset = queryset.filter(district=district)
        if province is not None:
            queryset = queryset.filter(district__province=province)
        if category:
            queryset = queryset.filter(category=category)
        for record in ranked(queryset, query, limit)[:limit]:
            hits.append(Hit(key, record, record.rank))
    hits.sort(key=lambda h: (-h.rank, thai.thai_sort_key(str(h.record))))
    return hits[:limit]


def service_counts(district: District, start: dt.date, end: dt.date) -> dict[str, int]:
    """Services given between two dates by target-group type ("1", "2", "3"), for the
    report form's column กลุ่มเป้าหมายที่มารับบริการ. One query."""
    rows = (
        Service.objects.filter(district=district, date__gte=start, date__lte=end)
        .values_list("target_group")
        .annotate(n=Count("id"))
    )
    counts = {"1": 0, "2": 0, "3": 0}
    counts.update({group: n for group, n in rows if group in counts})
    return counts
