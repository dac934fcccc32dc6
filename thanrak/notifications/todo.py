"""The district's to-do list: what is due, by when, and where to do it.

It needs the guideline's rules, the report deadlines of `documents` and the certificates
of `producers`, so it lives here, below all of them; the district page (`centers`, above)
renders it by name through the template tag `{% district_todo %}`, without importing it.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thanrak.accounts.access import can_write_district
from thanrak.accounts.models import User
from thanrak.areas.models import District
from thanrak.centers.models import Report
from thanrak.core.periods import Period
from thanrak.core.thai import fiscal_quarter_range, fiscal_year, fiscal_year_range, month_end
from thanrak.documents.selectors import report_due_on
from thanrak.notifications.events import DUE_SOON_DAYS
from thanrak.producers.selectors import expiring_certifications
from thanrak.rules import guideline, text
from thanrak.rules.guideline import Facts, has_evidence
from thanrak.rules.models import RuleSettings


@dataclass
class Item:
    kind: str  # activity, meeting, report, returned, certificate
    title: str
    due_on: dt.date
    url: str
    today: dt.date
    detail: str = ""

    @property
    def overdue(self) -> bool:
        return self.due_on < self.today

    @property
    def days(self) -> int:
        """Days left (negative: days late)."""
        return (self.due_on - self.today).days

    @property
    def days_late(self) -> int:
        return -self.days


@dataclass
class Todo:
    fiscal_year: int
    items: list[Item] = field(default_factory=list)
    held: int = 0
    not_held: int = 0
    not_due: int = 0
    rules: int = len(guideline.RULES)
    # Whether the reader is the district's officer: others read what the district has to do.
    writer: bool = False


def district_todo(
    district: District, user: User, today: dt.date | None = None, *, request=None
) -> Todo:
    """The district's dated to-do items for the current fiscal year, and its progress.

    With the request, the year's records are loaded once for the whole page.
    """
    today = today or timezone.localdate()
    fy = fiscal_year(today)
    facts, rs = guideline.district_year(district, fy, request=request)
    writer = can_write_district(user, district)
    todo = Todo(fy, writer=writer)
    year = guideline.check_district(facts, Period(fy), rs, today)
    for result in year.cells:
        if result.status == guideline.HELD:
            todo.held += 1
        elif result.status == guideline.NOT_HELD:
            todo.not_held += 1
        else:
            todo.not_due += 1
    todo.items = [
        *_activity_items(facts, rs, district.pk, writer, today),
        *_meeting_items(facts, rs, district.pk, writer, today),
        *_report_items(district, today),
        *_certificate_items(district, today),
    ]
    todo.items.sort(key=lambda i: (i.due_on, i.kind))
    return todo


def _page(kind: str, action: str, code: str, writer: bool) -> str:
    """The records' page to act on: the form for a writer, the list for a reader."""
    return reverse(f"centers:{kind}_{action if writer else 'list'}", args=[code])


def _activity_items(
    facts: Facts, rs: RuleSettings, code: str, writer: bool, today: dt.date
) -> list[Item]:
    """guideline §6.3 ๓): an activity with evidence every month — this month's."""
    done = facts.activity_months.get((today.year, today.month), guideline.Tally()).with_evidence
    if done >= rs.activities_per_month:
        return []
    title = _("Record this month's activity with photos or other evidence (%(month)s).") % {
        "month": text.month(today.year, today.month)
    }
    return [
        Item(
            "activity",
            title,
            month_end(today.year, today.month),
            _page("activity", "create", code, writer),
            today,
        )
    ]


def _meeting_items(
    facts: Facts, rs: RuleSettings, code: str, writer: bool, today: dt.date
) -> list[Item]:
    """guideline §6.3 ๑): a meeting with minutes every quarter; quarters missed stay overdue."""
    items = []
    fy = fiscal_year(today)
    for quarter in range(1, 5):
        start, end = fiscal_quarter_range(fy, quarter)
        if start > today:
            break
        meetings = [m for m in facts.meetings if start <= m.date <= end]
        if sum(1 for m in meetings if has_evidence(m)) >= rs.meetings_per_quarter:
            continue
        params = {"quarter": text.num(quarter), "months": text.quarter_months(fy, quarter)}
        bare = next((m for m in meetings if not has_evidence(m)), None)
        if bare:
            title = _("Attach the minutes of the committee meeting of %(date)s.") % {
                "date": text.date(bare.date)
            }
            url = reverse(
                f"centers:meeting_{'edit' if writer else 'detail'}",
                kwargs={"district": code, "meeting": bare.pk},
            )
        else:
            title = _(
                "Record the committee meeting of quarter %(quarter)s (%(months)s) with its minutes."
            )
            title %= params
            url = _page("meeting", "create", code, writer)
        items.append(Item("meeting", title, end, url, today))
    return items


def _report_items(district: District, today: dt.date) -> list[Item]:
    """The report form: quarter and year reports not yet sent whose due date falls in this
    fiscal year (the last quarter and the year of the one before are due in October)."""
    fy = fiscal_year(today)
    fy_start = fiscal_year_range(fy)[0]
    reports = {
        (r.fiscal_year, r.quarter): r
        for r in Report.objects.filter(center__district=district, fiscal_year__in=[fy - 1, fy])
    }
    items = []
    for period in (Period(y, q) for y in (fy - 1, fy) for q in (1, 2, 3, 4, 0)):
        report = reports.get((period.fiscal_year, period.quarter))
        due = report_due_on(period, report)
        returned = report is not None and report.status == Report.Status.RETURNED
        # Listed once its period has ended, or sooner when returned or due within the week.
        soon = period.end < today or returned or due <= today + dt.timedelta(days=DUE_SOON_DAYS)
        if not soon or due < fy_start or (report and report.is_done):
            continue
        url = reverse("documents:report", args=[district.pk, period.fiscal_year])
        url += f"?quarter={period.quarter}" if period.quarter else ""
        params = {"period": period.name}
        if returned:
            title = _("The province returned the report of %(period)s: correct it and send again.")
            detail = _("The province's comment: %(comment)s") % {"comment": report.comment}
            items.append(Item("returned", title % params, due, url, today, detail))
        else:
            title = _("Send the report of %(period)s to the province.")
            items.append(Item("report", title % params, due, url, today))
    return items


def _certificate_items(district: District, today: dt.date) -> list[Item]:
    """OTOP certificates expiring within 90 days (or lately expired: still to renew)."""
    return [
        Item(
            "certificate",
            _("Renew the %(standard)s certificate of %(product)s.")
            % {"standard": certificate.get_kind_display(), "product": certificate.product.name},
            certificate.expires_on,
            certificate.product.get_absolute_url(),
            today,
        )
        for certificate in expiring_certifications(District.objects.filter(pk=district.pk), today)
    ]
