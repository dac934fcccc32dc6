"""The events worth telling someone, found in the records themselves.

Nothing calls this app when a report is reviewed or a visit is planned (the apps that do
it sit above this one and import nothing below them): a scan reads what happened from
the data — review timestamps, due dates, visit dates, letters — and each event carries a
key that names it once and for all, so scanning again finds nothing new.

Each finder reads one kind of record in a fixed number of queries, whatever the number of
districts, and returns `Event`s: the kind and facts (worded by `wording`), the link, the
recipients.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from thanrak.accounts.models import Role, User
from thanrak.centers.models import Center, Report
from thanrak.core.periods import Period
from thanrak.core.thai import fiscal_year
from thanrak.documents.access import letter_visits
from thanrak.documents.models import Letter
from thanrak.documents.selectors import report_due_on, report_is_late
from thanrak.monitoring.models import Visit
from thanrak.notifications.models import Notification

# Events older than this are not told: the first scan after installing does not flood the
# inbox with last year's reviews.
LOOKBACK_DAYS = 14
# A report is announced as due this many days before its due date.
DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class Event:
    """An event to tell: what it is (its kind and facts, worded by ``wording.words`` with
    the districts they name), where to look, and to whom."""

    kind: str
    key: str
    url: str
    recipients: frozenset[int]
    facts: dict = field(default_factory=dict)
    districts: dict = field(default_factory=dict, compare=False)
    # When it happened, where the data says (a report sent or reviewed); None: now.
    at: dt.datetime | None = field(default=None, compare=False)


class Recipients:
    """The active district officers of every district and province, and the province
    officers of every province, read once."""

    def __init__(self) -> None:
        self.by_district: dict[str, set[int]] = defaultdict(set)
        self.districts_by_province: dict[str, set[str]] = defaultdict(set)
        self.by_province: dict[str, set[int]] = defaultdict(set)
        officers = User.objects.filter(
            is_active=True, role=Role.DISTRICT_OFFICER, district__isnull=False
        ).values_list("pk", "district_id", "district__province_id")
        for pk, district, province in officers:
            self.by_district[district].add(pk)
            self.districts_by_province[province].add(district)
        province_officers = User.objects.filter(
            is_active=True, role=Role.PROVINCE_OFFICER, province__isnull=False
        ).values_list("pk", "province_id")
        for pk, province in province_officers:
            self.by_province[province].add(pk)

    def districts_of(self, province: str) -> list[str]:
        """The districts of the province that have an officer."""
        return sorted(self.districts_by_province.get(province, ()))

    def district(self, code: str) -> frozenset[int]:
        return frozenset(self.by_district.get(code, ()))

    def province(self, code: str) -> frozenset[int]:
        """The province's officers."""
        return frozenset(self.by_province.get(code, ()))


def report_url(report_or_center, period: Period) -> str:
    district = (
        report_or_center.district_id
        if isinstance(report_or_center, Center)
        else report_or_center.center.district_id
    )
    url = reverse("documents:report", args=[district, period.fiscal_year])
    return f"{url}?quarter={period.quarter}" if period.quarter else url


def _report_facts(report: Report) -> dict:
    return {"fiscal_year": report.fiscal_year, "quarter": report.quarter}


def submissions(recipients: Recipients, now: dt.datetime) -> list[Event]:
    """Reports the districts submitted lately and still waiting for review: to the
    province's officers, with the review page as the link."""
    reports = Report.objects.filter(
        status=Report.Status.SUBMITTED,
        submitted_at__gte=now - dt.timedelta(days=LOOKBACK_DAYS),
    ).select_related("center__district")
    events = []
    for report in reports:
        district = report.center.district
        events.append(
            Event(
                Notification.Kind.REPORT_SUBMITTED,
                # Submitted again after a return is a new event.
                f"report_submitted:{report.pk}:{report.submitted_at:%Y%m%d%H%M%S}",
                reverse("documents:review", args=[report.pk]),
                recipients.province(district.province_id),
                {**_report_facts(report), "district": district.code},
                {district.code: district},
                at=report.submitted_at,
            )
        )
    return events


def reviews(recipients: Recipients, now: dt.datetime) -> list[Event]:
    """Reports the province returned or accepted lately: to the district's officers."""
    reports = Report.objects.filter(
        status__in=[Report.Status.RETURNED, Report.Status.ACCEPTED],
        reviewed_at__gte=now - dt.timedelta(days=LOOKBACK_DAYS),
    ).select_related("center")
    events = []
    for report in reports:
        period = Period(report.fiscal_year, report.quarter)
        facts = _report_facts(report)
        if report.status == Report.Status.RETURNED:
            kind = Notification.Kind.REPORT_RETURNED
            facts["comment"] = report.comment
        else:
            kind = Notification.Kind.REPORT_ACCEPTED
        events.append(
            Event(
                kind,
                # A report returned, corrected and returned again is a new event.
                f"{kind}:{report.pk}:{report.reviewed_at:%Y%m%d%H%M%S}",
                report_url(report, period),
                recipients.district(report.center.district_id),
                facts,
                at=report.reviewed_at,
            )
        )
    return events


def deadlines(recipients: Recipients, today: dt.date) -> list[Event]:
    """Quarter and year reports due within a week, or gone late lately: to the officers."""
    fy = fiscal_year(today)
    periods = [Period(year, q) for year in (fy - 1, fy) for q in (1, 2, 3, 4, 0)]
    centers = list(Center.objects.filter(district__in=list(recipients.by_district)))
    reports = {
        (r.center_id, r.fiscal_year, r.quarter): r
        for r in Report.objects.filter(fiscal_year__in=[fy - 1, fy], center__in=centers)
    }
    events = []
    for center in centers:
        for period in periods:
            report = reports.get((center.pk, period.fiscal_year, period.quarter))
            due = report_due_on(period, report)
            late = report_is_late(period, report, today)
            done = report is not None and report.is_done
            if late and due >= today - dt.timedelta(days=LOOKBACK_DAYS):
                kind = Notification.Kind.REPORT_LATE
            elif not done and today <= due <= today + dt.timedelta(days=DUE_SOON_DAYS):
                kind = Notification.Kind.REPORT_DUE
            else:
                continue
            facts = {
                "fiscal_year": period.fiscal_year,
                "quarter": period.quarter,
                "due": due.isoformat(),
            }
            events.append(
                Event(
                    kind,
                    f"{kind}:{center.district_id}:{period.slug}:{due:%Y%m%d}",
                    report_url(center, period),
                    recipients.district(center.district_id),
                    facts,
                )
            )
    return events


def visits(recipients: Recipients, today: dt.date) -> list[Event]:
    """Monitoring visits from today on: to the district's officers and the visit's team."""
    upcoming = (
        Visit.objects.filter(date__gte=today)
        .select_related("district", "team")
        .prefetch_related("team__members")
    )
    events = []
    for visit in upcoming:
        team = {visit.team.lead_id, *(m.pk for m in visit.team.members.all())}
        facts = {
            "district": visit.district_id,
            "date": visit.date.isoformat(),
            "time": f"{visit.time:%H:%M}",
            "team": visit.team.name,
            "place": str(visit),
        }
        events.append(
            Event(
                Notification.Kind.VISIT,
                # Moving the visit to another day or hour is told again.
                f"visit:{visit.pk}:{visit.date:%Y%m%d}{visit.time:%H%M}",
                visit.get_absolute_url(),
                recipients.district(visit.district_id) | frozenset(team),
                facts,
                {visit.district_id: visit.district},
            )
        )
    return events


def letter_events(recipients: Recipients, now: dt.datetime) -> list[Event]:
    """Letters the province issued lately: to the district officers of the province.

    District officers do not read the province's letter pages (the policy keeps them to
    the province's readers): a district the letter's schedule visits gets the letter as
    it reads it (`documents:district_letter`); any other district, where the letter asks
    it to act: its readiness for the letter's monitoring round, or its center's home.
    """
    issued = Letter.objects.filter(
        created_at__gte=now - dt.timedelta(days=LOOKBACK_DAYS)
    ).select_related("round", "schedule_version")
    events = []
    for letter in issued:
        facts = {"number": letter.number, "subject": letter.subject, "to": letter.to}
        for code in recipients.districts_of(letter.province_id):
            if letter_visits(letter, code):
                url = reverse("documents:district_letter", args=[code, letter.pk])
            elif letter.round_id:
                url = reverse("rules:readiness", args=[code]) + f"?fy={letter.round.fiscal_year}"
            else:
                url = reverse("centers:district", args=[code])
            events.append(
                Event(
                    Notification.Kind.LETTER,
                    f"letter:{letter.pk}",
                    url,
                    recipients.district(code),
                    facts,
                )
            )
    return events


def find_events(today: dt.date | None = None, now: dt.datetime | None = None) -> list[Event]:
    """Every event to tell as of now."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    recipients = Recipients()
    return [
        *submissions(recipients, now),
        *reviews(recipients, now),
        *deadlines(recipients, today),
        *visits(recipients, today),
        *letter_events(recipients, now),
    ]
