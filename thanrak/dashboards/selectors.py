"""The dashboards' figures: a few aggregate queries over the districts a user may read.

The number of queries does not depend on the number of districts or records: the rules
are evaluated for all the districts at once (rules.guideline.evaluate), everything else
is counted and summed by the database.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractMonth

from thanrak.areas.models import District, Province
from thanrak.centers.models import Activity, BudgetAllocation, Center, Expense, Report
from thanrak.core import thai
from thanrak.core.periods import Period
from thanrak.dashboards import kept
from thanrak.documents.selectors import report_is_late
from thanrak.monitoring.models import DistrictOffice, Visit
from thanrak.producers import selectors as producers
from thanrak.producers.models import Service, Stage
from thanrak.rules import guideline
from thanrak.rules.guideline import HELD, NOT_DUE, NOT_HELD, RULES, Result, Row

# The periods a center reports on in a fiscal year: the year and its four quarters.
REPORT_PERIODS = (0, 1, 2, 3, 4)


@dataclass
class RuleCount:
    rule: guideline.Rule
    held: int
    total: int
    due: int  # the districts for which the rule is due by now (the others: not due yet)

    @property
    def not_due(self) -> int:
        return self.total - self.due


@dataclass
class Month:
    year: int  # Gregorian
    month: int
    activities: int = 0
    participants: int = 0
    services: int = 0

    @property
    def label(self) -> str:
        return thai.month_name(self.month, abbr=True)

    @property
    def people(self) -> int:
        """People served: those who joined activities and those who came for a service."""
        return self.participants + self.services


@dataclass
class Reports:
    expected: int = 0  # centers × the year's five reports
    by_status: Counter = field(default_factory=Counter)
    late_by_province: Counter = field(default_factory=Counter)
    not_due: int = 0  # reports not begun whose due date has not come

    @property
    def late(self) -> int:
        return sum(self.late_by_province.values())

    @property
    def not_started(self) -> int:
        """Reports not begun (no draft either), whether due or not."""
        return max(self.expected - sum(self.by_status.values()), 0)

    @property
    def overdue_not_started(self) -> int:
        """Reports not begun although their due date has passed."""
        return max(self.not_started - self.not_due, 0)


@dataclass
class Behind:
    """A district furthest behind: how many rules it holds of those due, and the ones it
    does not."""

    row: Row
    held: int
    due: int
    missing: list[Result]


@dataclass
class DistrictCount:
    """A district's rules met of those due so far (a rule due later is not failed)."""

    district: District
    held: int
    due: int

    @property
    def not_due(self) -> int:
        return len(RULES) - self.due

    @property
    def failed(self) -> int:
        return self.due - self.held


@dataclass
class Figures:
    fiscal_year: int
    districts: list[District]  # the province page's, in code order; none on the nation's
    district_count: int
    matrix: guideline.Matrix | None  # the province page's
    rules: list[RuleCount]
    held_by_district: dict[str, int]
    due_by_district: dict[str, int]
    reports: Reports
    allocated: Decimal
    spent: Decimal
    months: list[Month]
    stages: list[tuple[Stage, int]]

    @property
    def district_rows(self) -> list[DistrictCount]:
        return [
            DistrictCount(d, self.held_by_district[d.pk], self.due_by_district[d.pk])
            for d in self.districts
        ]


@dataclass
class Part:
    """One province's figures (or those of the districts of it a user reads) for a fiscal
    year and day: plain numbers, so they are kept cheaply (``dashboards.kept``)."""

    districts: int = 0
    centers: int = 0
    held_by_district: dict[str, int] = field(default_factory=dict)
    due_by_district: dict[str, int] = field(default_factory=dict)
    held_by_rule: list[int] = field(default_factory=lambda: [0] * len(RULES))
    due_by_rule: list[int] = field(default_factory=lambda: [0] * len(RULES))
    by_status: Counter = field(default_factory=Counter)
    late: int = 0
    not_due: int = 0  # reports not begun and not due yet
    allocated: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    # month → [activities, participants, services]
    months: dict[int, list[int]] = field(default_factory=dict)
    stages: Counter = field(default_factory=Counter)


def figures(districts: list[District], fiscal_year: int, today: dt.date) -> Figures:
    """The figures of a fiscal year for some districts of one province (in code order)."""
    matrix = guideline.evaluate(districts, fiscal_year, today=today)
    if not districts:
        return summed(fiscal_year, {}, matrix=matrix)
    province = districts[0].province_id
    codes = [d.pk for d in districts]
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if seconds:
        stamp = kept.stamps([province]).get(province, "")
        key = kept.key("part", province, stamp, fiscal_year, today, ",".join(codes))
        if (part := cache.get(key)) is None:
            part = parts(districts, fiscal_year, today, matrix)[province]
            cache.set(key, part, seconds)
    else:
        part = parts(districts, fiscal_year, today, matrix)[province]
    return summed(fiscal_year, {province: part}, districts=districts, matrix=matrix)


def summed(
    fiscal_year: int,
    parts: dict[str, Part],
    *,
    districts: list[District] | None = None,
    matrix: guideline.Matrix | None = None,
) -> Figures:
    """The figures of the provinces' parts taken together."""
    count = sum(p.districts for p in parts.values())
    by_month = {m: Month(y, m) for y, m in thai.fiscal_months(fiscal_year)}
    reports = Reports(expected=sum(p.centers for p in parts.values()) * len(REPORT_PERIODS))
    held_by_rule = [0] * len(RULES)
    due_by_rule = [0] * len(RULES)
    held_by_district: dict[str, int] = {}
    due_by_district: dict[str, int] = {}
    stages: Counter = Counter()
    for province, part in parts.items():
        reports.late_by_province[province] += part.late
        reports.not_due += part.not_due
        held_by_district.update(part.held_by_district)
        due_by_district.update(part.due_by_district)
        held_by_rule = [a + b for a, b in zip(held_by_rule, part.held_by_rule, strict=True)]
        due_by_rule = [a + b for a, b in zip(due_by_rule, part.due_by_rule, strict=True)]
        reports.by_status.update(part.by_status)
        stages.update(part.stages)
        for month, (activities, participants, services) in part.months.items():
            by_month[month].activities += activities
            by_month[month].participants += participants
            by_month[month].services += services
    return Figures(
        fiscal_year=fiscal_year,
        districts=districts or [],
        district_count=count,
        matrix=matrix,
        rules=[
            RuleCount(rule, held, count, due)
            for rule, held, due in zip(RULES, held_by_rule, due_by_rule, strict=True)
        ],
        held_by_district=held_by_district,
        due_by_district=due_by_district,
        reports=reports,
        allocated=sum((p.allocated for p in parts.values()), Decimal(0)),
        spent=sum((p.spent for p in parts.values()), Decimal(0)),
        months=list(by_month.values()),
        stages=[(stage, stages[stage]) for stage in Stage],
    )


def parts(
    districts: list[District],
    fiscal_year: int,
    today: dt.date,
    matrix: guideline.Matrix | None = None,
) -> dict[str, Part]:
    """The figures of the districts, one part per province: a few aggregate queries
    grouped by district, whatever the number of districts and records."""
    if matrix is None:
        matrix = guideline.evaluate(districts, fiscal_year, today=today)
    province_of = {d.pk: d.province_id for d in districts}
    result = {d.province_id: Part() for d in districts}
    centers: dict[int, str] = {}  # center → province
    for row in matrix.rows:
        part = result[row.district.province_id]
        part.districts += 1
        part.held_by_district[row.district.pk] = row.held
        part.due_by_district[row.district.pk] = row.due
        for i, rule in enumerate(RULES):
            part.held_by_rule[i] += row.results[rule.id].status == HELD
            part.due_by_rule[i] += row.results[rule.id].status != NOT_DUE
        if row.center:
            part.centers += 1
            centers[row.center.pk] = row.district.province_id
    _count_reports(result, centers, fiscal_year, today)
    codes = list(province_of)
    start, end = thai.fiscal_year_range(fiscal_year)
    for row in (
        BudgetAllocation.objects.filter(center__district__in=codes, fiscal_year=fiscal_year)
        .values("center__district")
        .annotate(total=Sum("amount"))
    ):
        result[province_of[row["center__district"]]].allocated += row["total"] or 0
    for row in (
        Expense.objects.filter(center__district__in=codes, date__range=(start, end))
        .values("center__district")
        .annotate(total=Sum("amount"))
    ):
        result[province_of[row["center__district"]]].spent += row["total"] or 0
    _count_months(result, province_of, fiscal_year)
    at_end = producers.stages_at_end_by_district(District.objects.filter(pk__in=codes), fiscal_year)
    for code, counts in at_end.items():
        result[province_of[code]].stages.update(counts)
    return result


def _count_reports(
    result: dict[str, Part], centers: dict[int, str], fiscal_year: int, today: dt.date
) -> None:
    """The year's reports of the centers by status, how many of the year's five are late
    (the documents app decides what is late) and how many are not begun and not due yet.
    Two queries."""
    for row in (
        Report.objects.filter(center__in=list(centers), fiscal_year=fiscal_year)
        .values("center", "status")
        .annotate(n=Count("id"))
    ):
        result[centers[row["center"]]].by_status[row["status"]] += row["n"]
    reports = {
        (center, quarter): Report(status=status, due_on=due_on)
        for center, quarter, status, due_on in Report.objects.filter(
            center__in=list(centers), fiscal_year=fiscal_year, quarter__in=REPORT_PERIODS
        ).values_list("center", "quarter", "status", "due_on")
    }
    periods = [Period(fiscal_year, quarter) for quarter in REPORT_PERIODS]
    for center, province in centers.items():
        for period in periods:
            report = reports.get((center, period.quarter))
            if report_is_late(period, report, today):
                result[province].late += 1
            elif report is None:
                result[province].not_due += 1


def _count_months(result: dict[str, Part], province_of: dict[str, str], fiscal_year: int) -> None:
    """Activities, their participants and services given, per month of the fiscal year."""
    codes = list(province_of)
    start, end = thai.fiscal_year_range(fiscal_year)
    for part in result.values():
        part.months = {m: [0, 0, 0] for _y, m in thai.fiscal_months(fiscal_year)}
    activities = (
        Activity.objects.filter(center__district__in=codes, date__range=(start, end))
        .annotate(month=ExtractMonth("date"))
        .values("center__district", "month")
        .annotate(
            n=Count("id"),
            people=Sum(F("participants_type1") + F("participants_type2") + F("participants_type3")),
        )
    )
    for row in activities:
        month = result[province_of[row["center__district"]]].months[row["month"]]
        month[0] += row["n"]
        month[1] += row["people"] or 0
    services = (
        Service.objects.filter(district__in=codes, date__range=(start, end))
        .annotate(month=ExtractMonth("date"))
        .values("district", "month")
        .annotate(n=Count("id"))
    )
    for row in services:
        result[province_of[row["district"]]].months[row["month"]][2] += row["n"]


def furthest_behind(matrix: guideline.Matrix, count: int = 5) -> list[Behind]:
    """The districts failing the most rules due (then holding the fewest), and the rules
    each still has to meet; a rule not due yet is not counted against a district."""
    rows = [
        Behind(row, row.held, row.due, [r for r in row.cells if r.status == NOT_HELD])
        for row in matrix.rows
    ]
    rows = [b for b in rows if b.missing]
    return sorted(rows, key=lambda b: (-len(b.missing), b.held, b.row.district.pk))[:count]


def next_visits(codes: list[str], now: dt.datetime, count: int = 5) -> list[Visit]:
    """The visits still to come (``now`` in local time): today's from this hour on."""
    today = now.date()
    return list(
        Visit.objects.filter(
            Q(date__gt=today) | Q(date=today, time__gte=now.time()), district__in=codes
        )
        .select_related("district")
        .order_by("date", "time", "id")[:count]
    )


def office_positions(codes: list[str]) -> dict[str, tuple[float, float]]:
    return {
        o.district_id: (float(o.latitude), float(o.longitude))
        for o in DistrictOffice.objects.filter(district__in=codes)
    }


def expiring_count(codes: list[str], today: dt.date) -> int:
    return producers.expiring_certifications(District.objects.filter(pk__in=codes), today).count()


@dataclass
class ProvinceRow:
    province: Province
    districts: int = 0
    centers: int = 0
    held: int = 0  # district × rule cells held
    due: int = 0  # district × rule cells due so far
    late: int = 0
    allocated: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)

    @property
    def rules_share(self) -> float | None:
        """Of the rules due so far for its districts, the share met (a rule due later is
        not counted as failed); None without centers or before any rule is due."""
        if not self.centers or not self.due:
            return None
        return self.held / self.due

    @property
    def rules_percent(self) -> int | None:
        share = self.rules_share
        return None if share is None else round(share * 100)


def nation(
    fiscal_year: int, today: dt.date, stamps: dict[str, str] | None = None
) -> tuple[list[ProvinceRow], Figures]:
    """Every province's row and the nation's figures: the sum of the provinces' parts,
    each kept until a record it counts changes (``dashboards.kept``).

    The rules are evaluated only in the provinces that have a center: elsewhere nothing is
    recorded, and the province shows no data rather than ten rules failed in every district.
    """
    provinces = {p.pk: ProvinceRow(p) for p in Province.objects.order_by("code")}
    for row in District.objects.values("province").annotate(n=Count("code")):
        provinces[row["province"]].districts = row["n"]
    for row in Center.objects.values("district__province").annotate(n=Count("id")):
        provinces[row["district__province"]].centers = row["n"]
    with_data = [code for code, row in provinces.items() if row.centers]
    districts = list(District.objects.filter(province__in=with_data).order_by("code"))
    by_province: dict[str, list[District]] = {}
    for district in districts:
        by_province.setdefault(district.province_id, []).append(district)
    seconds = settings.DASHBOARD_CACHE_SECONDS
    found: dict[str, Part] = {}
    keys: dict[str, str] = {}
    if seconds and with_data:
        stamps = stamps if stamps is not None else kept.stamps(with_data)
        keys = {
            code: kept.key(
                "part", code, stamps.get(code, ""), fiscal_year, today, ",".join(d.pk for d in ds)
            )
            for code, ds in by_province.items()
        }
        values = cache.get_many(list(keys.values()))
        found = {code: values[k] for code, k in keys.items() if k in values}
    missing = [d for d in districts if d.province_id not in found]
    computed = parts(missing, fiscal_year, today) if missing else {}
    if seconds and computed:
        cache.set_many({keys[code]: part for code, part in computed.items()}, seconds)
    found.update(computed)
    for code, part in found.items():
        provinces[code].held = sum(part.held_by_district.values())
        provinces[code].due = sum(part.due_by_district.values())
        provinces[code].late = part.late
        provinces[code].allocated = part.allocated
        provinces[code].spent = part.spent
    result = summed(fiscal_year, {code: found[code] for code in with_data})
    return list(provinces.values()), result
