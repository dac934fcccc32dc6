"""Reads for the documents: the report form's content, gathered from the center records.

Everything for many centers is read in a fixed number of queries (the consolidated
report of a province asks the same questions once for all its districts).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thanrak.accounts.models import Role, User
from thanrak.centers.models import (
    Activity,
    Center,
    CommitteeMember,
    CommitteeTerm,
    Expense,
    LessonsLearned,
    Material,
    Meeting,
    Plan,
    PlanItem,
    Publicity,
    Referral,
    Report,
)
from thanrak.core.thai import (
    THAI_MONTHS,
    be_year,
    ce_year,
    fiscal_quarter_range,
    fiscal_year_range,
    format_baht,
    format_date_long,
    thai_digits,
)
from thanrak.evidence.models import Evidence
from thanrak.producers.models import Service

# How many days after its period a report is due, unless the province set a date.
REPORT_DUE_DAYS = 10

COLUMN_KEYS = ("activities", "target_groups", "committee", "materials", "evidence", "plans")


@dataclass(frozen=True)
class Period:
    """A reporting period: a fiscal year, one of its quarters, or one calendar month."""

    fiscal_year: int
    quarter: int = 0  # 0 = the whole year (or the month's own quarter is implied)
    month: int = 0  # 1–12, calendar month; 0 = not a month

    @property
    def range(self) -> tuple[dt.date, dt.date]:
        if self.month:
            year = ce_year(self.fiscal_year) - (1 if self.month >= 10 else 0)
            first = dt.date(year, self.month, 1)
            nxt = dt.date(year + (self.month == 12), self.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if self.quarter:
            return fiscal_quarter_range(self.fiscal_year, self.quarter)
        return fiscal_year_range(self.fiscal_year)

    @property
    def start(self) -> dt.date:
        return self.range[0]

    @property
    def end(self) -> dt.date:
        return self.range[1]

    @property
    def label(self) -> str:
        """The period in a Thai document, Thai digits: «ไตรมาสที่ ๒ ปีงบประมาณ ๒๕๖๓»."""
        return thai_digits(self.name)

    @property
    def name(self) -> str:
        """The period on a page, Arabic digits like the rest of the UI: «ไตรมาสที่ 2 ปีงบประมาณ 2563»."""
        if self.month:
            text = _("%(month)s %(year)s") % {
                "month": THAI_MONTHS[self.month - 1],
                "year": be_year(self.start.year),
            }
        elif self.quarter:
            text = _("quarter %(quarter)s of fiscal year %(year)s") % {
                "quarter": self.quarter,
                "year": self.fiscal_year,
            }
        else:
            text = _("fiscal year %(year)s") % {"year": self.fiscal_year}
        return text

    @property
    def has_review(self) -> bool:
        """Quarter and year reports go through review; a month's is a working document."""
        return not self.month

    @property
    def due_on(self) -> dt.date:
        return self.end + dt.timedelta(days=REPORT_DUE_DAYS)

    @property
    def slug(self) -> str:
        if self.month:
            return f"{self.fiscal_year}-m{self.month:02d}"
        if self.quarter:
            return f"{self.fiscal_year}-q{self.quarter}"
        return f"{self.fiscal_year}"


# A report that counts as done for its due date: sent to the province, or accepted.
REPORT_DONE = frozenset({Report.Status.SUBMITTED, Report.Status.ACCEPTED})


def report_due_on(period: Period, report: Report | None) -> dt.date:
    """The day the period's report is due: the date the province set on it, else the period's."""
    return (report.due_on if report and report.due_on else None) or period.due_on


def report_is_late(period: Period, report: Report | None, today: dt.date) -> bool:
    """Whether the report is past its due date and neither submitted nor accepted."""
    done = report is not None and report.status in REPORT_DONE
    return today > report_due_on(period, report) and not done


def parse_period(fiscal_year: int, quarter: object = None, month: object = None) -> Period:
    """Return the period of URL or command-line values; out-of-range values are ignored."""
    try:
        q = int(quarter or 0)
    except (TypeError, ValueError):
        q = 0
    try:
        m = int(month or 0)
    except (TypeError, ValueError):
        m = 0
    if 1 <= m <= 12:
        return Period(fiscal_year, 0, m)
    return Period(fiscal_year, q if 0 <= q <= 4 else 0)


@dataclass
class ReportRow:
    number: str = ""
    activity: str = ""
    target_groups: str = ""
    committee: str = ""
    materials: str = ""
    evidence: str = ""
    plans: str = ""

    def cells(self) -> list[str]:
        return [
            self.number,
            self.activity,
            self.target_groups,
            self.committee,
            self.materials,
            self.evidence,
            self.plans,
        ]


@dataclass
class Signer:
    name: str = ""
    position: str = ""
    date: dt.date | None = None


@dataclass
class ReportContent:
    """What one district's report form says for one period."""

    center: Center
    period: Period
    report: Report | None
    summary: dict[str, str]  # generated text per column (the narrative's default)
    rows: list[ReportRow]
    lessons: str = ""
    signer: Signer = field(default_factory=Signer)
    counts: dict[str, int] = field(default_factory=dict)
    spent: Decimal = Decimal(0)

    @property
    def narrative(self) -> dict[str, str]:
        """The officer's narrative where written, else the generated summary."""
        saved = (self.report.narrative if self.report else None) or {}
        return {key: saved.get(key) or self.summary.get(key, "") for key in COLUMN_KEYS}

    @property
    def heading(self) -> str:
        district = self.center.district
        return _("Community Development Office of %(district)s, %(province)s") % {
            "district": district.full_name,
            "province": district.province.full_name,
        }


def n(value: object) -> str:
    """A number in a Thai document."""
    return thai_digits(value)


def _zero() -> dict[str, int]:
    return {"1": 0, "2": 0, "3": 0}


def logged_services_by_target_group(
    centers: Iterable[Center], period: Period
) -> dict[int, dict[str, int]]:
    """Services of the service log (producers ``Service``) per center and §5.3 type.

    Each service is one visit of one target group; a service whose visitor has no type
    (a person or agency outside the target groups) is not counted.
    """
    centers = list(centers)
    center_of = {c.district_id: c.pk for c in centers}
    totals: dict[int, dict[str, int]] = defaultdict(_zero)
    logged = (
        Service.objects.filter(district__in=center_of, date__range=period.range)
        .filter(target_group__in=("1", "2", "3"))
        .values("district_id", "target_group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in logged:
        totals[center_of[row["district_id"]]][row["target_group"]] += row["n"]
    return totals


def service_counts_by_target_group(
    centers: Iterable[Center], period: Period
) -> dict[int, dict[str, int]]:
    """The column กลุ่มเป้าหมายที่มารับบริการ: people served per center and §5.3 type.

    The participants recorded on activities plus the services of the service log.
    """
    centers = list(centers)
    totals: dict[int, dict[str, int]] = defaultdict(_zero)
    activities = Activity.objects.filter(center__in=centers, date__range=period.range).values_list(
        "center_id", "participants_type1", "participants_type2", "participants_type3"
    )
    for center_id, t1, t2, t3 in activities:
        totals[center_id]["1"] += t1
        totals[center_id]["2"] += t2
        totals[center_id]["3"] += t3
    for center_id, logged in logged_services_by_target_group(centers, period).items():
        for key, count in logged.items():
            totals[center_id][key] += count
    return totals


def _target_groups_text(t1: int, t2: int, t3: int) -> str:
    return _("type 1: %(t1)s, type 2: %(t2)s, type 3: %(t3)s, in all %(total)s people") % {
        "t1": n(t1),
        "t2": n(t2),
        "t3": n(t3),
        "total": n(t1 + t2 + t3),
    }


def _services_text(logged: dict[str, int]) -> str:
    return _(
        "Services logged: type 1: %(t1)s, type 2: %(t2)s, type 3: %(t3)s, in all %(total)s"
    ) % {
        "t1": n(logged["1"]),
        "t2": n(logged["2"]),
        "t3": n(logged["3"]),
        "total": n(sum(logged.values())),
    }


def _meeting_text(meeting: Meeting, files: int) -> str:
    """A meeting in the committee column, named once («การประชุม» only when the title
    does not say it already: titles are «ครั้งที่ 1/2563» or «ประชุมคณะกรรมการ ครั้งที่ 1/2563»)."""
    values = {"title": meeting.title, "date": format_date_long(meeting.date), "files": n(files)}
    if "ประชุม" in meeting.title:
        return _("%(title)s on %(date)s (%(files)s files)") % values
    return _("Meeting %(title)s on %(date)s (%(files)s files)") % values


def _plan_text(plan: Plan) -> str:
    """A plan with its kind and years, without brackets in brackets."""
    values = {"title": plan.title, "first": plan.first_year, "last": plan.last_year}
    if plan.kind == Plan.Kind.LONG:
        return _("%(title)s (long-term plan, fiscal years %(first)s–%(last)s)") % values
    return _("%(title)s (one-year plan, fiscal year %(first)s)") % values


def _reporter(center: Center, report: Report | None, officers: dict[str, User]) -> Signer:
    user = (
        report.submitted_by
        if report and report.submitted_by_id
        else officers.get(center.district_id)
    )
    date = timezone.localdate(report.submitted_at) if report and report.submitted_at else None
    if user is None:
        return Signer(date=date)
    return Signer(user.get_full_name(), user.position, date)


def report_contents(centers: list[Center], period: Period) -> list[ReportContent]:
    """The report forms of several centers for one period, read in a fixed number of queries."""
    start, end = period.range
    ids = [c.pk for c in centers]
    by_center: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))

    def group(name: str, rows: Iterable) -> None:
        for row in rows:
            by_center[name][row.center_id].append(row)

    group(
        "activities",
        Activity.objects.filter(center__in=ids, date__range=(start, end))
        .select_related("plan_item")
        .order_by("date", "id"),
    )
    group("materials", Material.objects.filter(center__in=ids).order_by("kind", "title"))
    group(
        "meetings",
        Meeting.objects.filter(center__in=ids, date__range=(start, end)).order_by("date"),
    )
    group(
        "publicity",
        Publicity.objects.filter(center__in=ids, date__range=(start, end)).order_by("date"),
    )
    group(
        "expenses",
        Expense.objects.filter(center__in=ids, date__range=(start, end)).order_by("date"),
    )
    group(
        "referrals",
        Referral.objects.filter(center__in=ids, date__range=(start, end)).order_by("date"),
    )
    group(
        "plans",
        Plan.objects.filter(
            center__in=ids, first_year__lte=period.fiscal_year, last_year__gte=period.fiscal_year
        ).order_by("kind", "first_year"),
    )
    group(
        "terms",
        CommitteeTerm.objects.filter(center__in=ids, starts_on__lte=end)
        .filter(Q(ends_on=None) | Q(ends_on__gte=start))
        .order_by("-starts_on"),
    )
    group("lessons", LessonsLearned.objects.filter(center__in=ids, fiscal_year=period.fiscal_year))
    terms = [ts[0] for ts in by_center["terms"].values()]
    members: dict[int, list[CommitteeMember]] = defaultdict(list)
    for m in CommitteeMember.objects.filter(term__in=terms).select_related("position"):
        members[m.term_id].append(m)
    plans = [p for ps in by_center["plans"].values() for p in ps]
    items: dict[int, list[PlanItem]] = defaultdict(list)
    for item in PlanItem.objects.filter(plan__in=plans):
        items[item.plan_id].append(item)

    # Evidence files per record, for the column เอกสารหลักฐานการให้บริการ.
    evidence: dict[tuple[int, int], list[Evidence]] = defaultdict(list)
    wanted: dict[int, list[int]] = {}
    for name, model in (("activities", Activity), ("expenses", Expense), ("meetings", Meeting)):
        ct = ContentType.objects.get_for_model(model)
        wanted[ct.pk] = [r.pk for rows in by_center[name].values() for r in rows]
    query = Q(pk__in=[])
    for ct_id, pks in wanted.items():
        if pks:
            query |= Q(content_type_id=ct_id, object_id__in=pks)
    for ev in Evidence.objects.filter(query).order_by("uploaded_at"):
        evidence[(ev.content_type_id, ev.object_id)].append(ev)
    ct_activity = ContentType.objects.get_for_model(Activity).pk
    ct_expense = ContentType.objects.get_for_model(Expense).pk
    ct_meeting = ContentType.objects.get_for_model(Meeting).pk

    reports = {
        r.center_id: r
        for r in Report.objects.filter(
            center__in=ids, fiscal_year=period.fiscal_year, quarter=period.quarter
        ).select_related("submitted_by")
    }
    if period.month:
        reports = {}
    officers = {
        u.district_id: u
        for u in User.objects.filter(
            district__in=[c.district_id for c in centers],
            role=Role.DISTRICT_OFFICER,
            is_active=True,
        ).order_by("date_joined")
    }
    served = service_counts_by_target_group(centers, period)
    logged = logged_services_by_target_group(centers, period)

    contents = []
    for center in centers:
        cid = center.pk
        acts = by_center["activities"][cid]
        term = by_center["terms"][cid][0] if by_center["terms"][cid] else None
        term_members = members[term.pk] if term else []
        center_plans = by_center["plans"][cid]
        mats = by_center["materials"][cid]
        pubs = by_center["publicity"][cid]
        meets = by_center["meetings"][cid]
        exps = by_center["expenses"][cid]
        refs = by_center["referrals"][cid]

        col_activities = []
        col_targets = []
        col_evidence = []
        for act in acts:
            col_activities.append(f"{format_date_long(act.date)} {act.title}")
            col_targets.append(
                _target_groups_text(
                    act.participants_type1, act.participants_type2, act.participants_type3
                )
            )
            files = evidence[(ct_activity, act.pk)]
            # File names keep their own digits («photo28.png»): the only text of the
            # form not turned into Thai digits (below and in the templates).
            col_evidence.append(
                n(
                    _("%(count)s files: %(names)s") % {"count": len(files), "names": "{names}"}
                ).replace("{names}", ", ".join(f.caption or f.original_name for f in files[:3]))
                if files
                else _("no file yet")
            )
        if sum(logged[cid].values()):
            col_targets.append(_services_text(logged[cid]))
        col_committee = []
        if term:
            col_committee.append(
                _("District order %(number)s dated %(date)s")
                % {"number": n(term.order_number), "date": format_date_long(term.order_date)}
            )
            col_committee += [
                f"{m.name} – {m.position.name if m.position else m.get_category_display()}"
                for m in term_members
            ]
        col_committee += [_meeting_text(m, len(evidence[(ct_meeting, m.pk)])) for m in meets]
        col_materials = [
            f"{m.title}" + (f" ({n(m.quantity)})" if m.quantity else "") for m in mats
        ] + [
            _("Publicity: %(title)s (%(channel)s, %(date)s)")
            % {
                "title": p.title,
                "channel": p.get_channel_display(),
                "date": format_date_long(p.date),
            }
            for p in pubs
        ]
        col_evidence += [
            _("Receipt: %(what)s %(amount)s baht (%(files)s files)")
            % {
                "what": n(e.description),
                "amount": format_baht(e.amount, digits=True),
                "files": n(len(evidence[(ct_expense, e.pk)])),
            }
            for e in exps
        ]
        col_plans = []
        for plan in center_plans:
            col_plans.append(_plan_text(plan))
            col_plans += [f"– {item.title}" for item in items[plan.pk]]
        col_plans += [
            _("Referred to %(agency)s: %(need)s") % {"agency": r.agency, "need": r.need}
            for r in refs
        ]

        length = max(
            len(col_activities),
            len(col_targets),
            len(col_committee),
            len(col_materials),
            len(col_evidence),
            len(col_plans),
            1,
        )

        def at(col: list[str], i: int) -> str:
            return col[i] if i < len(col) else ""

        # Every cell in Thai digits, as the document prints, but the evidence column
        # (converted piece by piece above: its file names keep their digits).
        rows = [
            ReportRow(
                number=n(i + 1) if i < len(col_activities) else "",
                activity=n(at(col_activities, i)),
                target_groups=n(at(col_targets, i)),
                committee=n(at(col_committee, i)),
                materials=n(at(col_materials, i)),
                evidence=at(col_evidence, i),
                plans=n(at(col_plans, i)),
            )
            for i in range(length)
        ]
        total = served[cid]
        summary = {
            "activities": _("%(count)s activities in %(period)s")
            % {"count": n(len(acts)), "period": period.label},
            "target_groups": _target_groups_text(total["1"], total["2"], total["3"]),
            "committee": (
                _("%(count)s committee members; %(meetings)s meetings")
                % {"count": n(len(term_members)), "meetings": n(len(meets))}
                if term
                else _("No committee appointed")
            ),
            "materials": _("%(count)s media and materials; %(publicity)s publicity items")
            % {"count": n(len(mats)), "publicity": n(len(pubs))},
            "evidence": _("%(files)s files for %(count)s activities")
            % {
                "files": n(sum(len(evidence[(ct_activity, a.pk)]) for a in acts)),
                "count": n(len(acts)),
            },
            "plans": _("%(count)s plans in force") % {"count": n(len(center_plans))},
        }
        lessons = by_center["lessons"][cid]
        report = reports.get(cid)
        contents.append(
            ReportContent(
                center=center,
                period=period,
                report=report,
                summary=summary,
                rows=rows,
                lessons=lessons[0].results if lessons else "",
                signer=_reporter(center, report, officers),
                counts={
                    "activities": len(acts),
                    "participants": total["1"] + total["2"] + total["3"],
                    "members": len(term_members),
                    "meetings": len(meets),
                    "materials": len(mats),
                    "publicity": len(pubs),
                    "plans": len(center_plans),
                    "expenses": len(exps),
                },
                spent=sum((e.amount for e in exps), Decimal(0)),
            )
        )
    return contents


def report_content(center: Center, period: Period) -> ReportContent:
    return report_contents([center], period)[0]


def province_centers(province_code: str, districts=None) -> list[Center]:
    """The province's centers in Thai order; only those of ``districts`` when given (the
    districts the reader may see: a monitor sees only those of their rounds)."""
    from thanrak.core.db import thai_order

    centers = Center.objects.filter(district__province=province_code)
    if districts is not None:
        centers = centers.filter(district__in=districts)
    return list(
        centers.select_related("district__province").order_by(thai_order("district__name_th"))
    )


@dataclass
class ReviewRow:
    center: Center
    report: Report | None
    due_on: dt.date
    late: bool


def review_rows(centers: list[Center], period: Period, today: dt.date) -> list[ReviewRow]:
    """Where each district's report of the period stands, and who is late."""
    reports = {
        r.center_id: r
        for r in Report.objects.filter(
            center__in=centers, fiscal_year=period.fiscal_year, quarter=period.quarter
        ).select_related("submitted_by", "reviewed_by")
    }
    rows = []
    for center in centers:
        report = reports.get(center.pk)
        due = report_due_on(period, report)
        rows.append(ReviewRow(center, report, due, report_is_late(period, report, today)))
    return rows


def report_years(center: Center) -> list[int]:
    """The fiscal years in which the center has quarter or year reports, oldest first."""
    years = Report.objects.filter(center=center).values_list("fiscal_year", flat=True)
    return sorted(set(years))
