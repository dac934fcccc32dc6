"""The seed's letter (สฎ 0019.03/ว.6555 of 20 August 2563) and reports in every state,
in 2563 and in the current fiscal year.

Runs after the monitoring demo: the letter is linked to the seed's monitoring round and
made by the documents app's template, so it reads as the seed's letter.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Max
from django.utils import timezone

from thanrak.accounts.models import User
from thanrak.areas.models import Province
from thanrak.centers.models import Activity, Center, Expense, Meeting, Publicity, Referral, Report
from thanrak.core.periods import Period
from thanrak.core.thai import fiscal_quarter
from thanrak.demo.years import DemoYear
from thanrak.documents.letters import letter_from_round
from thanrak.documents.models import Letter
from thanrak.documents.selectors import report_due_on
from thanrak.documents.services import letter_freeze_schedule

WEEK = dt.timedelta(days=7)
NUMBER = "สฎ 0019.03/ว.6555"
DATE = dt.date(2020, 8, 20)
BANGKOK = ZoneInfo("Asia/Bangkok")
RETURNED = {
    # district -> the province's comment on its quarter 4 report
    "8417": "ขอให้ระบุจำนวนผู้มารับบริการแยกตามประเภทกลุ่มเป้าหมายในเดือนกันยายนให้ครบถ้วน",
    "8413": "ไม่พบกิจกรรมในเดือนเมษายน ๒๕๖๓ ขอให้ชี้แจงเหตุผลในช่องกิจกรรมที่ดำเนินการ",
}


def load_documents(province: Province, province_officer: User) -> Letter | None:
    """Load the letter and the review states (once: skipped when the letter exists)."""
    from thanrak.monitoring.models import MonitoringRound

    existing = Letter.objects.filter(province=province, number=NUMBER).first()
    if existing:
        return existing
    rnd = MonitoringRound.objects.filter(province=province, fiscal_year=2563).order_by("id").first()
    if rnd is None:
        return None
    letter = letter_from_round(rnd, number=NUMBER, date=DATE, user=province_officer)
    letter_freeze_schedule(letter)  # issued with the round's schedule as it is now
    letter.save()

    reports = Report.objects.filter(center__district__province=province, fiscal_year=2563)
    # The first three quarters were reviewed and accepted a week after they came in.
    for report in reports.filter(quarter__in=[1, 2, 3], status=Report.Status.SUBMITTED):
        report.status = Report.Status.ACCEPTED
        report.reviewed_by = province_officer
        submitted = report.submitted_at or dt.datetime(2020, 7, 7, 10, 0, tzinfo=BANGKOK)
        report.reviewed_at = submitted + dt.timedelta(days=7)
        report.comment = "ครบถ้วนตามแบบรายงาน"
        report._history_user, report._history_date = province_officer, report.reviewed_at
        report.save()
    for code, comment in RETURNED.items():
        report = reports.filter(center__district=code, quarter=4).first()
        if report:
            report.status = Report.Status.RETURNED
            report.comment = comment
            report.reviewed_by = province_officer
            report.reviewed_at = dt.datetime(2020, 10, 9, 14, 0, tzinfo=BANGKOK)
            report._history_user, report._history_date = province_officer, report.reviewed_at
            report.save()
    # Two districts have a year report still in draft, with their own words.
    for center in Center.objects.filter(district__in=["8403", "8414"]):
        Report.objects.get_or_create(
            center=center,
            fiscal_year=2563,
            quarter=0,
            defaults={"narrative": {"activities": "อยู่ระหว่างรวบรวมผลการดำเนินงานทั้งปี"}},
        )
    return letter


# The current year's reports: one district's returned with the province's comment, one
# waiting for review, one not sent yet and due soon; every other one accepted.
RETURNED_NOW = (
    "8417",
    "ขอให้แนบภาพถ่ายกิจกรรมให้ครบทุกเดือน และระบุจำนวนผู้เข้าร่วมแยกตามประเภทกลุ่มเป้าหมาย",
)
WAITING_NOW = "8401"
DUE_SOON_NOW = "8413"


def load_reports(province: Province, province_officer: User, year: DemoYear) -> None:
    """The current year's quarter reports (once: skipped when the year has reports)."""
    reports = Report.objects.filter(center__district__province=province, fiscal_year=year.fy)
    if reports.exists():
        return
    quarter, due_on = _quarter_in_review(year.fy, year.until)
    centers = Center.objects.filter(district__province=province).order_by("district")
    officers = {u.district_id: u for u in User.objects.filter(district__province=province)}
    for center in centers:
        officer = officers.get(center.district_id)
        for q in range(1, quarter):
            sent = min(Period(year.fy, q).end + dt.timedelta(days=5), year.until)
            report = _submitted(center, year.fy, q, officer, sent)
            _review(report, Report.Status.ACCEPTED, province_officer, min(sent + WEEK, year.until))
        _report_in_review(center, year, quarter, due_on, (officer, province_officer))


def load_closing_reports(province: Province, province_officer: User, year: DemoYear) -> None:
    """The year before the current one closes with its quarter 4 and annual reports, sent
    and accepted in October (the demo has no records of that year: the forms are short)."""
    previous = year.fy - 1
    if previous <= 2563:
        return
    reports = Report.objects.filter(center__district__province=province, fiscal_year=previous)
    if reports.exists():
        return
    centers = Center.objects.filter(district__province=province).order_by("district")
    officers = {u.district_id: u for u in User.objects.filter(district__province=province)}
    for center in centers:
        for quarter in (4, 0):
            sent = min(Period(previous, quarter).end + dt.timedelta(days=5), year.until)
            report = _submitted(center, previous, quarter, officers.get(center.district_id), sent)
            _review(report, Report.Status.ACCEPTED, province_officer, min(sent + WEEK, year.until))


def _quarter_in_review(fy: int, today: dt.date) -> tuple[int, dt.date | None]:
    """The quarter whose reports are being sent and reviewed today, and the date the
    province set for them (None: the usual ten days after the quarter)."""
    quarter = fiscal_quarter(today)
    if quarter > 1 and today <= report_due_on(Period(fy, quarter - 1)):
        return quarter - 1, None
    # Between reporting windows the province asks for the quarter so far, within a week.
    return quarter, today + WEEK


def _report_in_review(center, year: DemoYear, quarter: int, due_on, people) -> None:
    officer, province_officer = people
    code = center.district_id
    period = Period(year.fy, quarter)
    if code == DUE_SOON_NOW:
        Report.objects.create(
            center=center,
            fiscal_year=year.fy,
            quarter=quarter,
            due_on=due_on,
            narrative={"activities": "อยู่ระหว่างรวบรวมภาพถ่ายและรายชื่อผู้เข้าร่วมกิจกรรม"},
        )
        return
    opened = period.start if due_on else period.end + dt.timedelta(days=1)
    # Sent after the last record it holds (the report keeps what its records say, and the
    # demo's records run up to today).
    sent = max(opened, year.until - dt.timedelta(days=5), _last_record_day(center, period))
    report = _submitted(center, year.fy, quarter, officer, sent, due_on)
    reviewed = min(sent + dt.timedelta(days=2), year.until)
    if code == RETURNED_NOW[0]:
        _review(report, Report.Status.RETURNED, province_officer, reviewed, RETURNED_NOW[1])
    elif code != WAITING_NOW:
        _review(report, Report.Status.ACCEPTED, province_officer, reviewed)


def _last_record_day(center, period: Period) -> dt.date:
    """The day of the center's latest record of the period (its start when it has none)."""
    days = [
        model.objects.filter(center=center, date__range=period.range).aggregate(last=Max("date"))[
            "last"
        ]
        for model in (Activity, Meeting, Publicity, Expense, Referral)
    ]
    return max((day for day in days if day), default=period.start)


def _moment(day: dt.date, hour: int, after: dt.datetime | None = None) -> dt.datetime:
    """The hour of the story's day, but never later than now (a story of today) and after
    ``after`` (a review after its report was sent)."""
    moment = dt.datetime.combine(day, dt.time(hour, 0), tzinfo=BANGKOK)
    moment = min(moment, timezone.now() - dt.timedelta(minutes=10))
    return max(moment, after + dt.timedelta(minutes=5)) if after else moment


def _submitted(center, fy, quarter, officer, day: dt.date, due_on=None) -> Report:
    report = Report(
        center=center,
        fiscal_year=fy,
        quarter=quarter,
        status=Report.Status.SUBMITTED,
        submitted_at=_moment(day, 10),
        submitted_by=officer,
        due_on=due_on,
    )
    # Its history says who sent it and when, as the story has it, not when the demo loaded.
    report._history_user, report._history_date = officer, report.submitted_at
    report.save()
    return report


def _review(report: Report, status: str, user: User, day: dt.date, comment: str = "") -> None:
    report.status = status
    report.comment = comment or "ครบถ้วนตามแบบรายงาน"
    report.reviewed_by = user
    report.reviewed_at = _moment(day, 14, after=report.submitted_at)
    report._history_user, report._history_date = user, report.reviewed_at
    report.save()
