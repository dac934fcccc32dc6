"""The province's consolidated report: a summary per district that a person reads.

The PDF prints one line per district (activities and people served per month, target
groups, budget, committee and meetings, rules met, report status) with a totals row and
the province officer's signature; every activity of the period goes to the workbook
(``activity_rows``), not the PDF. Everything is read with aggregate queries: the number of
queries does not grow with the districts, and no activity is loaded one by one for the PDF.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from thanrak.areas.models import Province
from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    Center,
    CommitteeMember,
    CommitteeTerm,
    Expense,
    Meeting,
    Report,
)
from thanrak.core.periods import Period
from thanrak.core.thai import THAI_MONTHS_ABBR, be_year, collate
from thanrak.documents import letters
from thanrak.producers.models import Service
from thanrak.rules import guideline


@dataclass
class Line:
    """One district's line of the summary (or the totals line, ``center`` None)."""

    name: str
    center: Center | None = None
    months: list[tuple[int, int]] = field(default_factory=list)  # (activities, people)
    activities: int = 0
    people: list[int] = field(default_factory=lambda: [0, 0, 0])  # target groups 1–3
    allocated: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    members: int = 0
    has_committee: bool = False
    meetings: int = 0
    rules_held: int = 0
    rules_due: int = 0
    report: Report | None = None

    @property
    def served(self) -> int:
        return sum(self.people)

    @property
    def spent_percent(self) -> int | None:
        return round(self.spent * 100 / self.allocated) if self.allocated else None


@dataclass
class Signer:
    name: str
    position: str


@dataclass
class Summary:
    province: Province
    period: Period
    today: dt.date
    month_labels: list[str]
    lines: list[Line]
    total: Line
    rules: int
    signer: Signer


def _rules_period(period: Period) -> tuple[int, int | None]:
    """The guideline's period for a report period: a month is judged by its quarter."""
    if period.month:
        return period.fiscal_year, period.quarters[0]
    return period.fiscal_year, period.quarter or None


def province_signer(province: Province) -> Signer:
    """Who signs the province's documents: its provincial CD chief (as the letters do)."""
    user = letters.province_signer(province)
    name = user.get_full_name() if user else ""
    position = (user.position if user else "") or letters.DEFAULT_POSITION.format(
        province=province.name_th
    )
    return Signer(name, position)


def summary(province: Province, centers: list[Center], period: Period, today: dt.date) -> Summary:
    """The consolidated report of the province's centers for the period, its districts in
    Thai order whatever the reader's language (the document is Thai)."""
    centers = in_thai_order(centers)
    months = period.months
    lines = {c.pk: Line(c.district.name_th, c, months=[(0, 0)] * len(months)) for c in centers}
    _count_activities(lines, period)
    _count_services(lines, centers, period)
    _add_budget(lines, period)
    _add_committees(lines, period)
    if not period.month:
        for report in Report.objects.filter(
            center__in=list(lines), fiscal_year=period.fiscal_year, quarter=period.quarter
        ):
            lines[report.center_id].report = report
    _add_rules(lines, centers, period, today)
    ordered = [lines[c.pk] for c in centers]
    return Summary(
        province=province,
        period=period,
        today=today,
        month_labels=[f"{THAI_MONTHS_ABBR[m - 1]} {str(be_year(y))[-2:]}" for y, m in months],
        lines=ordered,
        total=_total(ordered, len(months)),
        rules=len(guideline.RULES),
        signer=province_signer(province),
    )


def _month_index(period: Period) -> dict[tuple[int, int], int]:
    return {m: i for i, m in enumerate(period.months)}


def _count_activities(lines: dict[int, Line], period: Period) -> None:
    """Activities and their participants per district and month."""
    index = _month_index(period)
    per_month = (
        Activity.objects.filter(center__in=list(lines), date__range=period.range)
        .annotate(month=TruncMonth("date"))
        .values("center_id", "month")
        .annotate(
            n=Count("pk"),
            t1=Sum("participants_type1"),
            t2=Sum("participants_type2"),
            t3=Sum("participants_type3"),
        )
        .order_by()
    )
    for row in per_month:
        line = lines[row["center_id"]]
        people = [row["t1"] or 0, row["t2"] or 0, row["t3"] or 0]
        i = index[(row["month"].year, row["month"].month)]
        line.months[i] = (row["n"], sum(people))
        line.activities += row["n"]
        line.people = [a + b for a, b in zip(line.people, people, strict=True)]


def _count_services(lines: dict[int, Line], centers: list[Center], period: Period) -> None:
    """The service log: each service one person of its target group, as on the report form."""
    index = _month_index(period)
    center_of = {c.district_id: c.pk for c in centers}
    logged = (
        Service.objects.filter(
            district__in=center_of, date__range=period.range, target_group__in=("1", "2", "3")
        )
        .annotate(month=TruncMonth("date"))
        .values("district_id", "month", "target_group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in logged:
        line = lines[center_of[row["district_id"]]]
        i = index[(row["month"].year, row["month"].month)]
        line.months[i] = (line.months[i][0], line.months[i][1] + row["n"])
        line.people[int(row["target_group"]) - 1] += row["n"]


def _add_budget(lines: dict[int, Line], period: Period) -> None:
    """The year's allocation and what was spent in the period."""
    ids = list(lines)
    for allocation in BudgetAllocation.objects.filter(
        center__in=ids, fiscal_year=period.fiscal_year
    ):
        lines[allocation.center_id].allocated = allocation.amount
    spent = (
        Expense.objects.filter(center__in=ids, date__range=period.range)
        .values("center_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in spent:
        lines[row["center_id"]].spent = row["total"] or Decimal(0)


def _add_committees(lines: dict[int, Line], period: Period) -> None:
    """The committee in force at the period's end (the latest term started by then), its
    size, and the meetings of the period."""
    ids = list(lines)
    start, end = period.range
    terms: dict[int, int] = {}
    in_force = (
        CommitteeTerm.objects.filter(center__in=ids, starts_on__lte=end)
        .filter(Q(ends_on=None) | Q(ends_on__gte=start))
        .order_by("center_id", "-starts_on")
        .values_list("center_id", "pk")
    )
    for center_id, term_id in in_force:
        terms.setdefault(center_id, term_id)
    members = (
        CommitteeMember.objects.filter(term__in=terms.values())
        .values("term_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    size = {row["term_id"]: row["n"] for row in members}
    for center_id, term_id in terms.items():
        lines[center_id].has_committee = True
        lines[center_id].members = size.get(term_id, 0)
    meetings = (
        Meeting.objects.filter(center__in=ids, date__range=(start, end))
        .values("center_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in meetings:
        lines[row["center_id"]].meetings = row["n"]


def _add_rules(
    lines: dict[int, Line], centers: list[Center], period: Period, today: dt.date
) -> None:
    """One evaluation of the guideline's rules for all the districts."""
    fiscal_year, quarter = _rules_period(period)
    matrix = guideline.evaluate([c.district for c in centers], fiscal_year, quarter, today)
    for row, center in zip(matrix.rows, centers, strict=True):
        statuses = [r.status for r in row.cells]
        lines[center.pk].rules_held = statuses.count(guideline.HELD)
        lines[center.pk].rules_due = len(statuses) - statuses.count(guideline.NOT_DUE)


def _total(lines: list[Line], months: int) -> Line:
    total = Line("รวม", months=[(0, 0)] * months)
    for line in lines:
        total.months = [
            (a + c, b + d) for (a, b), (c, d) in zip(total.months, line.months, strict=True)
        ]
        total.activities += line.activities
        total.people = [a + b for a, b in zip(total.people, line.people, strict=True)]
        total.allocated += line.allocated
        total.spent += line.spent
        total.members += line.members
        total.has_committee += line.has_committee
        total.meetings += line.meetings
        total.rules_held += line.rules_held
        total.rules_due += line.rules_due
    return total


def in_thai_order(centers: list[Center]) -> list[Center]:
    """The centers as a Thai document lists them: by the district's Thai name, ก to ฮ."""
    return collate(centers, key=lambda center: center.district.name_th)


def activity_rows(centers: list[Center], period: Period) -> Iterator[tuple]:
    """Every activity of the period, district by district: the workbook's list.

    (district, date, title, kind, type 1, type 2, type 3, cost, plan item). Read in chunks,
    so a province's tens of thousands of activities never sit in memory as objects.
    """
    names = {c.pk: c.district.name_th for c in centers}
    order = {c.pk: i for i, c in enumerate(in_thai_order(centers))}
    by_center: dict[int, list[tuple]] = defaultdict(list)
    rows = (
        Activity.objects.filter(center__in=list(names), date__range=period.range)
        .order_by("date", "id")
        .values_list(
            "center_id",
            "date",
            "title",
            "kind",
            "participants_type1",
            "participants_type2",
            "participants_type3",
            "cost",
            "plan_item__title",
        )
    )
    kinds = dict(Activity._meta.get_field("kind").choices)
    for center_id, *rest in rows.iterator(chunk_size=2000):
        rest[2] = str(kinds.get(rest[2], rest[2]))
        by_center[center_id].append((names[center_id], *rest))
    for center_id in sorted(by_center, key=order.__getitem__):
        yield from by_center[center_id]


def consolidated_file(
    province: Province, centers: list[Center], period: Period, fmt: str, today: dt.date
) -> tuple[bytes, str]:
    """The consolidated report as a PDF (the summary) or a workbook (with every activity)."""
    from thanrak.documents import render

    data = summary(province, centers, period, today)
    name = f"consolidated-{province.pk}-{period.slug}"
    if fmt == "xlsx":
        return render.consolidated_xlsx(data, activity_rows(centers, period)), f"{name}.xlsx"
    return render.consolidated_pdf(data), f"{name}.pdf"
