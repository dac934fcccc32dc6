"""The seed's letter (สฎ 0019.03/ว.6555 of 20 August 2563) and reports in every state.

Runs after the monitoring demo: the letter is linked to the seed's monitoring round and
made by the documents app's template, so it reads as the seed's letter.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from thanrak.accounts.models import User
from thanrak.areas.models import Province
from thanrak.centers.models import Center, Report
from thanrak.documents.letters import letter_from_round
from thanrak.documents.models import Letter

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
    letter.save()

    reports = Report.objects.filter(center__district__province=province, fiscal_year=2563)
    # The first three quarters were reviewed and accepted a week after they came in.
    for report in reports.filter(quarter__in=[1, 2, 3], status=Report.Status.SUBMITTED):
        report.status = Report.Status.ACCEPTED
        report.reviewed_by = province_officer
        submitted = report.submitted_at or dt.datetime(2020, 7, 7, 10, 0, tzinfo=BANGKOK)
        report.reviewed_at = submitted + dt.timedelta(days=7)
        report.comment = "ครบถ้วนตามแบบรายงาน"
        report.save()
    for code, comment in RETURNED.items():
        report = reports.filter(center__district=code, quarter=4).first()
        if report:
            report.status = Report.Status.RETURNED
            report.comment = comment
            report.reviewed_by = province_officer
            report.reviewed_at = dt.datetime(2020, 10, 9, 14, 0, tzinfo=BANGKOK)
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
