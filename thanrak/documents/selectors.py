"""Reads for the documents: the report form's content, gathered from the center records.

Everything for many centers is read in a fixed number of queries (the consolidated
report of a province asks the same questions once for all its districts).
"""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
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
from thanrak.centers.selectors import one_action
from thanrak.core.periods import REPORT_DUE_DAYS, Period
from thanrak.documents.columns import (
    COLUMNS,
    NARRATIVE_KEYS,
    Column,
    ColumnPart,
    Records,
    build_rows,
    by_column,
)
from thanrak.evidence.models import Evidence
from thanrak.producers.models import Service


def has_review(period: Period) -> bool:
    """Quarter and year reports go through review; a month's is a working document."""
    return not period.month


def report_due_on(period: Period, report: Report | None = None) -> dt.date:
    """The day the period's report is due: the date the province set on it, else
    ``REPORT_DUE_DAYS`` after the period."""
    if report is not None and report.due_on:
        return report.due_on
    return period.end + dt.timedelta(days=REPORT_DUE_DAYS)


def report_is_late(period: Period, report: Report | None, today: dt.date) -> bool:
    """Whether the report is past its due date and neither submitted nor accepted."""
    done = report is not None and report.is_done
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
    rows: list[list[str]]  # the cells of each row, in the order of ``columns.COLUMNS``
    lessons: str = ""
    signer: Signer = field(default_factory=Signer)
    counts: dict[str, int] = field(default_factory=dict)
    spent: Decimal = Decimal(0)
    # What its records were when the form was read (``fingerprint``), and for a submitted or
    # accepted report read as it was submitted (``Report.contents``), whether the records of
    # its period say something else since.
    fingerprint: str = ""
    changed: bool = False
    # Whether it is read as submitted (Thai, whatever the reader's language).
    kept: bool = False

    @property
    def narrative(self) -> dict[str, str]:
        """The officer's narrative where written, else the generated summary."""
        saved = (self.report.narrative if self.report else None) or {}
        return {key: saved.get(key) or self.summary.get(key, "") for key in NARRATIVE_KEYS}

    @property
    def columns(self) -> tuple[Column, ...]:
        return COLUMNS

    @property
    def summary_cells(self) -> list[str]:
        """The row above the records: each column's narrative (none for the number)."""
        narrative = self.narrative
        return [narrative.get(column.key, "") for column in COLUMNS]

    @property
    def by_column(self) -> list[ColumnPart]:
        """The form read column by column, as a phone shows it (``columns.by_column``)."""
        return by_column(self.rows, self.summary_cells)

    @property
    def heading(self) -> str:
        district = self.center.district
        return _("Community Development Office of %(district)s, %(province)s") % {
            "district": district.full_name,
            "province": district.province.full_name,
        }


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


def _reporter(center: Center, report: Report | None, officers: dict[str, User]) -> Signer:
    user = (
        report.submitted_by
        if report and report.submitted_by_id
        else officers.get(center.district_id)
    )
    # Dated the day it was sent while it stands sent (or accepted); a draft, or a report
    # returned to be changed, is dated when it is sent again.
    sent = report is not None and report.is_done and report.submitted_at
    date = timezone.localdate(report.submitted_at) if sent else None
    if user is None:
        return Signer(date=date)
    return Signer(user.get_full_name(), user.position, date)


def _records_by_center(ids: list[int], period: Period) -> dict[str, dict[int, list]]:
    """The period's records of the centers, per kind and center, one query per kind."""
    start, end = period.range
    dated = {"center__in": ids, "date__range": (start, end)}
    queries = {
        "activities": Activity.objects.filter(**dated)
        .select_related("plan_item")
        .order_by("date", "id"),
        "materials": Material.objects.filter(center__in=ids).order_by("kind", "title"),
        "meetings": Meeting.objects.filter(**dated).order_by("date"),
        "publicity": Publicity.objects.filter(**dated).order_by("date"),
        "expenses": Expense.objects.filter(**dated).order_by("date"),
        "referrals": Referral.objects.filter(**dated).order_by("date"),
        "plans": Plan.objects.filter(
            center__in=ids, first_year__lte=period.fiscal_year, last_year__gte=period.fiscal_year
        ).order_by("kind", "first_year"),
        "terms": CommitteeTerm.objects.filter(center__in=ids, starts_on__lte=end)
        .filter(Q(ends_on=None) | Q(ends_on__gte=start))
        .order_by("-starts_on"),
        "lessons": LessonsLearned.objects.filter(center__in=ids, fiscal_year=period.fiscal_year),
    }
    by_center: dict[str, dict[int, list]] = {name: defaultdict(list) for name in queries}
    for name, rows in queries.items():
        for row in rows:
            by_center[name][row.center_id].append(row)
    return by_center


def _evidence_by_record(
    by_center: dict[str, dict[int, list]],
) -> Callable[[type, int], list[Evidence]]:
    """The evidence files of the activities, expenses and meetings, in one query:
    ``files(Model, pk)``, for the columns that list or count them."""
    content_types = {
        model: ContentType.objects.get_for_model(model).pk for model in (Activity, Expense, Meeting)
    }
    query = Q(pk__in=[])
    for name, model in (("activities", Activity), ("expenses", Expense), ("meetings", Meeting)):
        pks = [r.pk for rows in by_center[name].values() for r in rows]
        if pks:
            query |= Q(content_type_id=content_types[model], object_id__in=pks)
    evidence: dict[tuple[int, int], list[Evidence]] = defaultdict(list)
    for ev in Evidence.objects.filter(query).order_by("uploaded_at"):
        evidence[(ev.content_type_id, ev.object_id)].append(ev)

    def files(model: type, pk: int) -> list[Evidence]:
        return evidence.get((content_types[model], pk), [])

    return files


def _committee_and_plans(
    by_center: dict[str, dict[int, list]],
) -> tuple[dict[int, list[CommitteeMember]], dict[int, list[PlanItem]]]:
    """The members of each center's term in force, and the items of each plan."""
    terms = [ts[0] for ts in by_center["terms"].values()]
    members: dict[int, list[CommitteeMember]] = defaultdict(list)
    for m in CommitteeMember.objects.filter(term__in=terms).select_related("position"):
        members[m.term_id].append(m)
    plans = [p for ps in by_center["plans"].values() for p in ps]
    items: dict[int, list[PlanItem]] = defaultdict(list)
    for item in PlanItem.objects.filter(plan__in=plans):
        items[item.plan_id].append(item)
    return members, items


def _reports_and_officers(
    centers: list[Center], period: Period
) -> tuple[dict[int, Report], dict[str, User]]:
    """The centers' reports of the period (none for a month) and each district's officer."""
    reports = {}
    if has_review(period):
        reports = {
            r.center_id: r
            for r in Report.objects.filter(
                center__in=centers, fiscal_year=period.fiscal_year, quarter=period.quarter
            ).select_related("submitted_by")
        }
    officers = {
        u.district_id: u
        for u in User.objects.filter(
            district__in=[c.district_id for c in centers],
            role=Role.DISTRICT_OFFICER,
            is_active=True,
        ).order_by("date_joined")
    }
    return reports, officers


def report_contents(centers: list[Center], period: Period) -> list[ReportContent]:
    """The report forms of several centers for one period, read in a fixed number of queries.

    The records are read here; each column of the form is built by its entry in
    ``columns.COLUMNS``.
    """
    by_center = _records_by_center([c.pk for c in centers], period)
    files = _evidence_by_record(by_center)
    members, items = _committee_and_plans(by_center)
    reports, officers = _reports_and_officers(centers, period)
    served = service_counts_by_target_group(centers, period)
    logged = logged_services_by_target_group(centers, period)

    contents = []
    for center in centers:
        mine = {name: rows[center.pk] for name, rows in by_center.items()}
        term = mine["terms"][0] if mine["terms"] else None
        records = Records(
            period=period,
            files=files,
            activities=mine["activities"],
            term=term,
            members=members[term.pk] if term else [],
            meetings=mine["meetings"],
            materials=mine["materials"],
            publicity=mine["publicity"],
            expenses=mine["expenses"],
            plans=mine["plans"],
            items=items,
            referrals=mine["referrals"],
            served=served[center.pk],
            logged=logged[center.pk],
        )
        rows, summary = build_rows(records)
        report = reports.get(center.pk)
        content = ReportContent(
            center=center,
            period=period,
            report=report,
            summary=summary,
            rows=rows,
            lessons=mine["lessons"][0].results if mine["lessons"] else "",
            signer=_reporter(center, report, officers),
            counts=_counts(records),
            spent=sum((e.amount for e in records.expenses), Decimal(0)),
            fingerprint=fingerprint(records, mine["lessons"]),
        )
        contents.append(_as_submitted(content))
    return contents


def fingerprint(records: Records, lessons: list) -> str:
    """The records a form is read from, each with its last change and its files, in a few
    hex digits: the same records give the same fingerprint in any language."""
    rows = [
        *records.activities,
        *records.members,
        *records.meetings,
        *records.materials,
        *records.publicity,
        *records.expenses,
        *records.plans,
        # The items of its own plans (``items`` holds those of every center read with it).
        *(item for plan in records.plans for item in records.items.get(plan.pk, [])),
        *records.referrals,
        *lessons,
        *([records.term] if records.term else []),
    ]
    seen = sorted(
        (
            row._meta.label,
            row.pk,
            str(getattr(row, "updated_at", "")),
            tuple(sorted(f.pk for f in records.files(type(row), row.pk)))
            if isinstance(row, Activity | Expense | Meeting)  # the records whose files it lists
            else (),
        )
        for row in rows
    )
    served = sorted(records.served.items()), sorted(records.logged.items())
    return hashlib.sha256(repr((seen, served)).encode()).hexdigest()[:16]


def kept_contents(content: ReportContent) -> dict:
    """What the form says, as a submitted report keeps it (``Report.contents``). Build the
    content in Thai: the report's files are Thai whatever the reader's language."""
    return {
        "rows": content.rows,
        "summary": content.summary,
        "lessons": content.lessons,
        "counts": content.counts,
        "spent": str(content.spent),
        "fingerprint": content.fingerprint,
    }


def _as_submitted(live: ReportContent) -> ReportContent:
    """A submitted or accepted report as it was submitted, noting whether the records of
    its period say otherwise now; any other report as its records are."""
    report = live.report
    kept = report.contents if report and report.status in Report.DONE_STATES else None
    if not kept:
        return live
    return replace(
        live,
        rows=kept["rows"],
        summary=kept["summary"],
        lessons=kept["lessons"],
        counts=kept["counts"],
        spent=Decimal(kept["spent"]),
        changed=kept.get("fingerprint") != live.fingerprint,
        kept=True,
    )


def _counts(r: Records) -> dict[str, int]:
    return {
        "activities": len(r.activities),
        "participants": sum(r.served.values()),
        "members": len(r.members),
        "meetings": len(r.meetings),
        "materials": len(r.materials),
        "publicity": len(r.publicity),
        "plans": len(r.plans),
        "expenses": len(r.expenses),
    }


def report_content(center: Center, period: Period) -> ReportContent:
    return report_contents([center], period)[0]


def province_centers(province_code: str, districts=None) -> list[Center]:
    """The province's centers in the reader's order of names (``core.db.area_name_order``;
    a document puts them in Thai order itself, ``consolidated.in_thai_order``); only those
    of ``districts`` when given (the districts the reader may see: a monitor sees only those
    of their rounds)."""
    from thanrak.core.db import area_name_order

    centers = Center.objects.filter(district__province=province_code)
    if districts is not None:
        centers = centers.filter(district__in=districts)
    return list(
        centers.select_related("district__province").order_by(area_name_order("district__"))
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


def awaiting_review(centers: list[Center], fiscal_year: int) -> list[Report]:
    """The reports of the fiscal year the districts have sent and the province has not yet
    reviewed, any period, the longest waiting first."""
    by_pk = {c.pk: c for c in centers}
    reports = list(
        Report.objects.filter(
            center__in=centers, fiscal_year=fiscal_year, status=Report.Status.SUBMITTED
        ).order_by("submitted_at", "pk")
    )
    for report in reports:
        report.center = by_pk[report.center_id]
    return reports


def report_years(center: Center) -> list[int]:
    """The fiscal years in which the center has quarter or year reports, oldest first."""
    years = Report.objects.filter(center=center).values_list("fiscal_year", flat=True)
    return sorted(set(years))


@dataclass(frozen=True)
class ReportStep:
    """One line of a report's history: who, when, and what the step did."""

    when: dt.datetime
    who: User | None
    what: str
    comment: str  # the reviewer's comment, on the step that gave or changed it


# Fields a step changes on its own that say nothing to a reader (the status says them).
_UNSAID = ["created_at", "updated_at", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by"]


@dataclass
class _Step:
    row: object  # the step's first history row
    last: object  # its last
    status: str | None  # the status it gave (its display), None for an edit
    changed: list[str]
    comment: str


def report_history(report: Report, limit: int = 20) -> list[ReportStep]:
    """The report's newest steps first, each saying what it did: the status it gave, or the
    fields it changed while the status stayed (a draft's narrative saved again), where each
    history row used to repeat its status alone («ร่าง», «ร่าง», …). The reviewer's comment
    stands on the step that gave or changed it. The rows one action writes (the draft made,
    then its narrative saved) are one step."""
    newest = report.history.select_related("history_user").order_by("-history_date", "-history_id")
    # Enough rows for `limit` steps of a few rows each (and the row before the first).
    rows = list(newest[: 3 * limit + 1])[::-1]
    steps: list[_Step] = []
    for before, row in zip([None, *rows], rows, strict=False):
        if before is None and len(rows) > 3 * limit:
            continue  # read only as the row before the first step
        comment = row.comment if row.comment != (before.comment if before else "") else ""
        if before is None or row.status != before.status:
            steps.append(_Step(row, row, row.get_status_display(), [], comment))
            continue
        changed = row.diff_against(before, excluded_fields=_UNSAID).changed_fields
        last = steps[-1] if steps else None
        if last and one_action(last.last, row):
            last.last = row
            last.changed += [name for name in changed if name not in last.changed]
            last.comment = last.comment or comment
            continue
        steps.append(_Step(row, row, None, list(changed), comment))
    return [_report_step(step) for step in reversed(steps[-limit:])]


def _report_step(step: _Step) -> ReportStep:
    if step.status is not None:
        what = step.status
    elif step.changed:
        names = ", ".join(str(Report._meta.get_field(name).verbose_name) for name in step.changed)
        what = _("Changed: %(fields)s") % {"fields": names}
    else:
        what = _("Saved again, nothing changed")
    return ReportStep(step.row.history_date, step.row.history_user, what, step.comment)
