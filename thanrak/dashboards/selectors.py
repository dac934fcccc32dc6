"""The dashboards' figures: a few aggregate queries over the districts a user may read.

The number of queries does not depend on the number of districts or records: the rules
are evaluated for all the districts at once (rules.guideline.evaluate), everything else
is counted and summed by the database.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractMonth

from thanrak.areas.models import District, Province
from thanrak.centers.models import Activity, BudgetAllocation, Center, Expense, Report
from thanrak.core import thai
from thanrak.documents.selectors import Period, review_rows
from thanrak.monitoring.models import DistrictOffice, Visit
from thanrak.producers import selectors as producers
from thanrak.producers.models import Service, Stage
from thanrak.rules import guideline
from thanrak.rules.guideline import HELD, NOT_HELD, RULES, Result, Row

# The periods a center reports on in a fiscal year: the year and its four quarters.
REPORT_PERIODS = (0, 1, 2, 3, 4)


@dataclass
class RuleCount:
    rule: guideline.Rule
    held: int
    total: int


@dataclass
class Month:
    year: int  # Gregorian
    month: int
    activities: int = 0
    participants: int = 0
    services: int = 0

    @property
    def label(self) -> str:
        return thai.THAI_MONTHS_ABBR[self.month - 1]

    @property
    def people(self) -> int:
        """People served: those who joined activities and those who came for a service."""
        return self.participants + self.services


@dataclass
class Reports:
    expected: int = 0  # centers × the year's five reports
    by_status: Counter = field(default_factory=Counter)
    late_by_province: Counter = field(default_factory=Counter)

    @property
    def late(self) -> int:
        return sum(self.late_by_province.values())

    @property
    def not_started(self) -> int:
        return max(self.expected - sum(self.by_status.values()), 0)


@dataclass
class Behind:
    """A district furthest behind: how many rules it holds and the ones it does not."""

    row: Row
    held: int
    missing: list[Result]


@dataclass
class Figures:
    fiscal_year: int
    districts: list[District]
    matrix: guideline.Matrix
    rules: list[RuleCount]
    held_by_district: dict[str, int]
    reports: Reports
    allocated: Decimal
    spent: Decimal
    months: list[Month]
    stages: list[tuple[Stage, int]]

    @property
    def district_rows(self) -> list[tuple[District, int]]:
        return [(d, self.held_by_district[d.pk]) for d in self.districts]

    @property
    def rules_share(self) -> float | None:
        """Share of all district × rule cells held (None without districts)."""
        if not self.districts:
            return None
        return sum(self.held_by_district.values()) / (len(self.districts) * len(RULES))


def figures(districts: list[District], fiscal_year: int, today: dt.date) -> Figures:
    """The figures of a fiscal year for the districts (a province's, or the nation's)."""
    codes = [d.pk for d in districts]
    start, end = thai.fiscal_year_range(fiscal_year)
    matrix = guideline.evaluate(districts, fiscal_year, today=today)
    held = {row.district.pk: sum(r.status == HELD for r in row.cells) for row in matrix.rows}
    rules = [
        RuleCount(rule, total[HELD], len(matrix.rows))
        for rule, total in zip(RULES, matrix.totals(), strict=True)
    ]
    centers = [row.center for row in matrix.rows if row.center]
    allocated = BudgetAllocation.objects.filter(
        center__district__in=codes, fiscal_year=fiscal_year
    ).aggregate(total=Sum("amount"))["total"]
    spent = Expense.objects.filter(center__district__in=codes, date__range=(start, end)).aggregate(
        total=Sum("amount")
    )["total"]
    at_end = producers.stages_at_end(District.objects.filter(pk__in=codes), fiscal_year)
    return Figures(
        fiscal_year=fiscal_year,
        districts=districts,
        matrix=matrix,
        rules=rules,
        held_by_district=held,
        reports=reports(centers, fiscal_year, today),
        allocated=allocated or Decimal(0),
        spent=spent or Decimal(0),
        months=months(codes, fiscal_year),
        stages=[(stage, at_end[stage]) for stage in Stage],
    )


def reports(centers: list[Center], fiscal_year: int, today: dt.date) -> Reports:
    """The year's reports of the centers by status, and how many are late (one query per
    period: the documents app decides what is late)."""
    result = Reports(expected=len(centers) * len(REPORT_PERIODS))
    for row in (
        Report.objects.filter(center__in=centers, fiscal_year=fiscal_year)
        .values("status")
        .annotate(n=Count("id"))
    ):
        result.by_status[row["status"]] = row["n"]
    for quarter in REPORT_PERIODS:
        for row in review_rows(centers, Period(fiscal_year, quarter), today):
            result.late_by_province[row.center.district.province_id] += row.late
    return result


def months(codes: list[str], fiscal_year: int) -> list[Month]:
    """Activities, their participants and services given, per month of the fiscal year."""
    start, end = thai.fiscal_year_range(fiscal_year)
    by_month = {m: Month(y, m) for y, m in thai.fiscal_months(fiscal_year)}
    activities = (
        Activity.objects.filter(center__district__in=codes, date__range=(start, end))
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(
            n=Count("id"),
            people=Sum(F("participants_type1") + F("participants_type2") + F("participants_type3")),
        )
    )
    for row in activities:
        by_month[row["month"]].activities = row["n"]
        by_month[row["month"]].participants = row["people"] or 0
    services = (
        Service.objects.filter(district__in=codes, date__range=(start, end))
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(n=Count("id"))
    )
    for row in services:
        by_month[row["month"]].services = row["n"]
    return list(by_month.values())


def furthest_behind(matrix: guideline.Matrix, count: int = 5) -> list[Behind]:
    """The districts holding the fewest rules, and the rules each still has to meet."""
    rows = [
        Behind(
            row,
            sum(r.status == HELD for r in row.cells),
            [r for r in row.cells if r.status == NOT_HELD],
        )
        for row in matrix.rows
    ]
    rows = [b for b in rows if b.missing]
    return sorted(rows, key=lambda b: (b.held, b.row.district.pk))[:count]


def next_visits(codes: list[str], today: dt.date, count: int = 5) -> list[Visit]:
    return list(
        Visit.objects.filter(district__in=codes, date__gte=today)
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
    late: int = 0
    allocated: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)

    @property
    def rules_share(self) -> float | None:
        if not self.centers:
            return None
        return self.held / (self.districts * len(RULES))

    @property
    def rules_percent(self) -> int | None:
        share = self.rules_share
        return None if share is None else round(share * 100)


def nation(fiscal_year: int, today: dt.date) -> tuple[list[ProvinceRow], Figures]:
    """Every province's row and the nation's figures.

    The rules are evaluated only in the provinces that have a center: elsewhere nothing is
    recorded, and the province shows no data rather than ten rules failed in every district.
    """
    provinces = {p.pk: ProvinceRow(p) for p in Province.objects.order_by("code")}
    for row in District.objects.values("province").annotate(n=Count("code")):
        provinces[row["province"]].districts = row["n"]
    for row in Center.objects.values("district__province").annotate(n=Count("id")):
        provinces[row["district__province"]].centers = row["n"]
    with_data = [code for code, row in provinces.items() if row.centers]
    districts = list(
        District.objects.filter(province__in=with_data).select_related("province").order_by("code")
    )
    result = figures(districts, fiscal_year, today)
    province_of = {d.pk: d.province_id for d in districts}
    for code, held in result.held_by_district.items():
        provinces[province_of[code]].held += held
    for code, late in result.reports.late_by_province.items():
        provinces[code].late = late
    start, end = thai.fiscal_year_range(fiscal_year)
    for row in (
        BudgetAllocation.objects.filter(fiscal_year=fiscal_year)
        .values("center__district__province")
        .annotate(total=Sum("amount"))
    ):
        provinces[row["center__district__province"]].allocated = row["total"]
    for row in (
        Expense.objects.filter(date__range=(start, end))
        .values("center__district__province")
        .annotate(total=Sum("amount"))
    ):
        provinces[row["center__district__province"]].spent = row["total"]
    return list(provinces.values()), result
