"""The demo fills the current fiscal year up to today, with exactly its designed gaps,
and leaves fiscal year 2563 as the seed has it."""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    Expense,
    Meeting,
    Plan,
    Publicity,
    Report,
)
from thanrak.core.periods import Period
from thanrak.core.thai import (
    current_fiscal_year,
    fiscal_months,
    fiscal_quarter,
    fiscal_quarter_range,
    fiscal_year_range,
)
from thanrak.demo.years import BEHIND_ON_MEETINGS, NO_ACTIVITY_THIS_MONTH
from thanrak.documents.selectors import report_due_on
from thanrak.monitoring.days_off import thai_holidays
from thanrak.monitoring.models import ItemFinding, MonitoringRound, VisitFinding
from thanrak.producers.models import Service

ALL = {f"84{n:02d}" for n in range(1, 20)}


def test_the_current_year_has_its_designed_gaps_and_2563_is_unchanged(demo):
    today = timezone.localdate()
    every_month_so_far_has_activities_but_one_district_this_month(today)
    one_district_is_behind_on_meetings(today)
    reports_are_accepted_submitted_returned_and_one_due_soon(today)
    the_round_visits_phunphin_next_week_and_pichai_this_week(today)
    fiscal_year_2563_is_unchanged_and_loading_again_adds_nothing()


def districts(queryset) -> set[str]:
    return set(queryset.values_list("center__district", flat=True))


def every_month_so_far_has_activities_but_one_district_this_month(today: dt.date) -> None:
    fy = current_fiscal_year(today)
    for year, month in fiscal_months(fy):
        if dt.date(year, month, 1) > today:
            break
        held = districts(Activity.objects.filter(date__year=year, date__month=month))
        this_month = (year, month) == (today.year, today.month)
        assert held == (ALL - {NO_ACTIVITY_THIS_MONTH} if this_month else ALL), (year, month)
    assert not Activity.objects.filter(date__gt=today).exists()
    photos = Activity.objects.filter(date__gte=fiscal_year_range(fy)[0], evidence__isnull=True)
    assert not photos.exists()


def one_district_is_behind_on_meetings(demo: dt.date) -> None:
    start, _end = fiscal_quarter_range(current_fiscal_year(demo), fiscal_quarter(demo))
    met = districts(Meeting.objects.filter(date__range=(start, demo), evidence__isnull=False))
    assert met == ALL - {BEHIND_ON_MEETINGS}


def reports_are_accepted_submitted_returned_and_one_due_soon(demo: dt.date) -> None:
    reports = Report.objects.filter(fiscal_year=current_fiscal_year(demo))
    returned = reports.get(status=Report.Status.RETURNED)
    assert returned.center.district_id == "8417" and returned.comment
    assert reports.filter(status=Report.Status.SUBMITTED).count() == 1
    assert reports.filter(status=Report.Status.ACCEPTED).count() >= 16
    draft = reports.get(status=Report.Status.DRAFT)
    due = report_due_on(Period(draft.fiscal_year, draft.quarter), draft)
    assert demo <= due <= demo + dt.timedelta(days=10)
    # The year before closed with its quarter 4 and annual reports: nothing is late from it.
    closing = Report.objects.filter(fiscal_year=current_fiscal_year(demo) - 1)
    assert set(closing.values_list("quarter", "status").distinct()) == {
        (4, Report.Status.ACCEPTED),
        (0, Report.Status.ACCEPTED),
    }
    assert closing.count() == 2 * 19
    # Every district logged this year's visitors (the report form's target-group column).
    this_year = Service.objects.filter(
        date__range=(fiscal_year_range(current_fiscal_year(demo))[0], demo)
    )
    assert this_year.values("district").distinct().count() == 19


def the_round_visits_phunphin_next_week_and_pichai_this_week(demo: dt.date) -> None:
    rnd = MonitoringRound.objects.get(fiscal_year=current_fiscal_year(demo))
    monday = demo - dt.timedelta(days=demo.weekday())
    # The seed's week moves to next week, or the first week after it with no holiday.
    first = rnd.visits.get(district="8417").date
    assert first.weekday() == 0 and first > monday
    weeks_between = [monday + dt.timedelta(days=d) for d in range(7, (first - monday).days, 7)]
    assert all(thai_holidays(m, m + dt.timedelta(days=4)) for m in weeks_between)
    later = rnd.visits.filter(date__gt=demo + dt.timedelta(days=6))
    assert not any(v.date in thai_holidays(first, first + dt.timedelta(days=4)) for v in later)
    this_week = rnd.visits.filter(date__range=(monday, monday + dt.timedelta(days=6)))
    assert this_week.filter(team__lead__username="pichai").exists()
    assert rnd.visits.count() == 19
    assert not VisitFinding.objects.filter(visit__round=rnd).exists()
    assert not ItemFinding.objects.filter(visit__round=rnd).exists()


def fiscal_year_2563_is_unchanged_and_loading_again_adds_nothing() -> None:
    fy2563 = {"date__range": (dt.date(2019, 10, 1), dt.date(2020, 9, 30))}
    counts = {
        "activities": Activity.objects.filter(**fy2563).count(),
        "meetings": Meeting.objects.filter(**fy2563).count(),
        "publicity": Publicity.objects.filter(**fy2563).count(),
        "expenses": Expense.objects.filter(**fy2563).count(),
        "plans": Plan.objects.filter(first_year=2563).count(),
        "allocations": BudgetAllocation.objects.filter(fiscal_year=2563).count(),
        "reports": Report.objects.filter(fiscal_year=2563).count(),
        "visits": MonitoringRound.objects.get(fiscal_year=2563).visits.count(),
        "services": Service.objects.filter(**fy2563).count(),
    }
    assert counts == {
        "activities": 227,  # 12 months × 19, less บ้านนาเดิม's April
        "meetings": 75,  # 4 × 19, less กาญจนดิษฐ์'s quarter 2
        "publicity": 75,
        "expenses": 38,
        "plans": 37,  # 19 short, 18 long (not พระแสง)
        "allocations": 19,
        "reports": 87,
        "visits": 19,
        "services": 190,
    }
    everything = [m.objects.count() for m in (Activity, Meeting, Report, MonitoringRound)]
    call_command("load_demo", stdout=io.StringIO())
    assert [m.objects.count() for m in (Activity, Meeting, Report, MonitoringRound)] == everything


def test_no_report_the_demo_sent_holds_a_record_dated_after_it_was_sent(demo):
    now = timezone.now()
    for report in Report.objects.filter(status__in=Report.DONE_STATES, fiscal_year__gt=2563):
        sent = timezone.localdate(report.submitted_at)
        period = Period(report.fiscal_year, report.quarter)
        later = Activity.objects.filter(
            center=report.center, date__gt=sent, date__lte=period.range[1]
        )
        assert not later.exists(), (report.center.district_id, report.quarter, sent)
        assert report.submitted_at <= now and (report.reviewed_at or now) <= now
        if report.reviewed_at:
            assert report.reviewed_at > report.submitted_at
