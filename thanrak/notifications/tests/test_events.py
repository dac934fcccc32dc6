"""Each event gives exactly one notification to the right users, however often it is scanned."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import CHAIYA, NAKHON_DISTRICT, PHUNPHIN, SURAT_THANI, make_user
from thanrak.accounts.models import Role
from thanrak.centers.models import Center, Report
from thanrak.documents.tests.factories import make_letter
from thanrak.monitoring.models import Visit
from thanrak.monitoring.tests.factories import make_round
from thanrak.notifications.models import Notification
from thanrak.notifications.services import notifications_scan

pytestmark = pytest.mark.django_db

Kind = Notification.Kind
# Fiscal year 2563: quarter 1 ended on 31 December 2019, its report due on 10 January.
QUIET_DAY = dt.date(2019, 12, 1)


def of(user, kind=None):
    found = Notification.objects.filter(user=user)
    return list(found.filter(kind=kind) if kind else found)


def reviewed(district: str, status: str, comment: str = "") -> Report:
    return Report.objects.create(
        center=Center.objects.get(district=district),
        fiscal_year=2563,
        quarter=1,
        status=status,
        comment=comment,
        reviewed_at=timezone.now(),
    )


def test_a_returned_report_tells_the_districts_officers_once(
    phunphin_officer, chaiya_officer, province_officer
):
    second = make_user("phunphin2", Role.DISTRICT_OFFICER, district=PHUNPHIN)
    reviewed(PHUNPHIN, Report.Status.RETURNED, "กรุณาแนบภาพกิจกรรม")
    notifications_scan(today=QUIET_DAY)
    for officer in (phunphin_officer, second):
        [n] = of(officer, Kind.REPORT_RETURNED)
        assert n.title == ("จังหวัดส่งคืนรายงานผลการดำเนินงาน ไตรมาสที่ 1 ปีงบประมาณ 2563 ให้แก้ไข")
        assert "กรุณาแนบภาพกิจกรรม" in n.body
        assert n.url == reverse("documents:report", args=[PHUNPHIN, 2563]) + "?quarter=1"
    assert of(chaiya_officer) == of(province_officer) == []
    assert notifications_scan(today=QUIET_DAY) == 0
    assert len(of(phunphin_officer)) == 1


def test_an_accepted_report_tells_the_districts_officers(phunphin_officer):
    reviewed(PHUNPHIN, Report.Status.ACCEPTED)
    assert notifications_scan(today=QUIET_DAY) == 1
    [n] = of(phunphin_officer)
    assert n.kind == Kind.REPORT_ACCEPTED and "รับรายงาน" in n.title


def test_a_report_returned_again_after_correction_is_told_again(phunphin_officer):
    report = reviewed(PHUNPHIN, Report.Status.RETURNED, "แก้ครั้งแรก")
    notifications_scan(today=QUIET_DAY)
    Report.objects.filter(pk=report.pk).update(reviewed_at=timezone.now() + dt.timedelta(minutes=5))
    notifications_scan(today=QUIET_DAY)
    assert len(of(phunphin_officer, Kind.REPORT_RETURNED)) == 2


def test_a_submitted_report_tells_the_provinces_officers_with_its_review_page(
    phunphin_officer, province_officer, other_province_officer
):
    report = Report.objects.create(
        center=Center.objects.get(district=PHUNPHIN),
        fiscal_year=2563,
        quarter=1,
        status=Report.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    notifications_scan(today=QUIET_DAY)
    [n] = of(province_officer, Kind.REPORT_SUBMITTED)
    assert n.title == ("อำเภอพุนพิน ส่งรายงานผลการดำเนินงาน ไตรมาสที่ 1 ปีงบประมาณ 2563 แล้ว รอการพิจารณา")
    assert n.url == reverse("documents:review", args=[report.pk])
    assert of(phunphin_officer, Kind.REPORT_SUBMITTED) == of(other_province_officer) == []
    assert notifications_scan(today=QUIET_DAY) == 0
    # Returned, corrected and submitted again: told again.
    Report.objects.filter(pk=report.pk).update(submitted_at=timezone.now() + dt.timedelta(hours=1))
    notifications_scan(today=QUIET_DAY)
    assert len(of(province_officer, Kind.REPORT_SUBMITTED)) == 2


def test_a_report_told_later_is_dated_when_it_was_sent_or_reviewed(
    phunphin_officer, province_officer
):
    sent = timezone.now() - dt.timedelta(days=3, hours=2)
    report = Report.objects.create(
        center=Center.objects.get(district=PHUNPHIN),
        fiscal_year=2563,
        quarter=1,
        status=Report.Status.SUBMITTED,
        submitted_at=sent,
    )
    notifications_scan(today=QUIET_DAY)
    [told] = of(province_officer, Kind.REPORT_SUBMITTED)
    assert told.created_at == sent
    reviewed_at = sent + dt.timedelta(days=1)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.ACCEPTED, reviewed_at=reviewed_at
    )
    notifications_scan(today=QUIET_DAY)
    [accepted] = of(phunphin_officer, Kind.REPORT_ACCEPTED)
    assert accepted.created_at == reviewed_at


def test_a_report_due_within_a_week_tells_its_officers_once(phunphin_officer, chaiya_officer):
    Report.objects.create(
        center=Center.objects.get(district=CHAIYA),
        fiscal_year=2563,
        quarter=1,
        status=Report.Status.SUBMITTED,
    )
    notifications_scan(today=dt.date(2020, 1, 5))
    [n] = of(phunphin_officer)
    assert n.kind == Kind.REPORT_DUE
    assert n.title == "รายงานผลการดำเนินงาน ไตรมาสที่ 1 ปีงบประมาณ 2563 ครบกำหนดส่งวันที่ 10 มกราคม 2563"
    # Chaiya has sent its report.
    assert of(chaiya_officer) == []
    assert notifications_scan(today=dt.date(2020, 1, 6)) == 0


def test_a_late_report_is_told_once_more(phunphin_officer):
    notifications_scan(today=dt.date(2020, 1, 5))
    notifications_scan(today=dt.date(2020, 1, 11))
    notifications_scan(today=dt.date(2020, 1, 12))
    kinds = sorted(n.kind for n in of(phunphin_officer))
    assert kinds == [Kind.REPORT_DUE, Kind.REPORT_LATE]


def test_a_visit_tells_the_districts_officers_and_the_visits_team(
    phunphin_officer, chaiya_officer, monitor
):
    round_ = make_round(SURAT_THANI)
    team = round_.teams.get()
    team.members.add(monitor)
    visit = Visit.objects.create(
        round=round_,
        district_id=PHUNPHIN,
        date=dt.date(2020, 9, 8),
        time=dt.time(9, 30),
        team=team,
    )
    notifications_scan(today=dt.date(2020, 9, 1))
    for user in (phunphin_officer, team.lead, monitor):
        [n] = of(user, Kind.VISIT)
        assert n.url == visit.get_absolute_url()
        assert "8 กันยายน 2563" in n.title and "09.30" in n.title
    assert of(chaiya_officer, Kind.VISIT) == []
    assert notifications_scan(today=dt.date(2020, 9, 1)) == 0
    # Moved to another day: told again.
    Visit.objects.filter(pk=visit.pk).update(date=dt.date(2020, 9, 9))
    notifications_scan(today=dt.date(2020, 9, 1))
    assert len(of(phunphin_officer, Kind.VISIT)) == 2


def test_a_letter_tells_the_district_officers_of_its_province(
    phunphin_officer, chaiya_officer, province_officer
):
    other = make_user("nakhon", Role.DISTRICT_OFFICER, district=NAKHON_DISTRICT)
    letter = make_letter(SURAT_THANI, rnd=make_round(SURAT_THANI))
    notifications_scan(today=QUIET_DAY)
    [mine] = of(phunphin_officer, Kind.LETTER)
    [theirs] = of(chaiya_officer, Kind.LETTER)
    assert "สฎ 0019.03/ว.6555" in mine.title
    assert mine.event_key == theirs.event_key == f"letter:{letter.pk}"
    # District officers do not read the province's letters: the link is their readiness.
    assert mine.url == reverse("rules:readiness", args=[PHUNPHIN]) + "?fy=2563"
    assert theirs.url == reverse("rules:readiness", args=[CHAIYA]) + "?fy=2563"
    assert of(province_officer) == of(other) == []
    assert notifications_scan(today=QUIET_DAY) == 0


def test_old_events_are_not_told(phunphin_officer):
    report = reviewed(PHUNPHIN, Report.Status.ACCEPTED)
    Report.objects.filter(pk=report.pk).update(reviewed_at=timezone.now() - dt.timedelta(days=30))
    assert notifications_scan(today=QUIET_DAY) == 0


def test_the_scan_reads_in_a_fixed_number_of_queries(
    phunphin_officer, chaiya_officer, django_assert_max_num_queries
):
    for code in (PHUNPHIN, CHAIYA):
        reviewed(code, Report.Status.RETURNED, "แก้ไข")
    make_letter(SURAT_THANI)
    with django_assert_max_num_queries(12):
        assert notifications_scan(today=dt.date(2020, 1, 5)) == 6
