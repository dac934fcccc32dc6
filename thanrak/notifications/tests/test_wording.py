"""A notification reads in the language of whoever opens the inbox (wording.py)."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PHUNPHIN, SURAT_THANI
from thanrak.centers.models import Center, Report
from thanrak.monitoring.models import Visit
from thanrak.monitoring.tests.factories import make_round
from thanrak.notifications.models import Notification
from thanrak.notifications.services import notifications_scan

pytestmark = pytest.mark.django_db


def inbox(client, user, language: str) -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("notifications:inbox")).text


def test_a_returned_report_reads_in_the_readers_language(client, phunphin_officer):
    Report.objects.create(
        center=Center.objects.get(district=PHUNPHIN),
        fiscal_year=2563,
        quarter=1,
        status=Report.Status.RETURNED,
        comment="กรุณาแนบภาพกิจกรรม",
        reviewed_at=timezone.now(),
    )
    notifications_scan(today=dt.date(2019, 12, 1))
    [n] = Notification.objects.filter(user=phunphin_officer)
    # Kept worded in Thai for the e-mail, and its facts for the inbox.
    assert n.title == "จังหวัดส่งคืนรายงานผลการดำเนินงาน ไตรมาสที่ 1 ปีงบประมาณ 2563 ให้แก้ไข"
    assert n.facts == {
        "fiscal_year": 2563,
        "quarter": 1,
        "comment": "กรุณาแนบภาพกิจกรรม",
    }
    english = inbox(client, phunphin_officer, "en")
    assert "The province returned the report of quarter 1 of fiscal year 2563 for correction." in (
        english
    )
    assert "The province&#x27;s comment: กรุณาแนบภาพกิจกรรม" in english
    assert n.title in inbox(client, phunphin_officer, "th")


def test_a_visit_names_the_district_date_and_time_as_each_language_writes_them(
    client, phunphin_officer
):
    round_ = make_round(SURAT_THANI)
    Visit.objects.create(
        round=round_,
        district_id=PHUNPHIN,
        date=dt.date(2020, 9, 8),
        time=dt.time(9, 30),
        team=round_.teams.get(),
    )
    notifications_scan(today=dt.date(2020, 9, 1))
    english = inbox(client, phunphin_officer, "en")
    assert "Monitoring visit to Phunphin District on 8 Sep 2563 at 09:30, team" in english
    thai = inbox(client, phunphin_officer, "th")
    # The time once, as Thai writes it: «เวลา 09.30 น.», not «09.30 น. น.».
    assert "อำเภอพุนพิน วันที่ 8 กันยายน 2563 เวลา 09.30 น.</span>" in thai


def test_a_notification_kept_without_facts_shows_its_thai_wording(client, phunphin_officer):
    Notification.objects.create(
        user=phunphin_officer,
        kind=Notification.Kind.REPORT_ACCEPTED,
        title="จังหวัดรับรายงานแล้ว",
        url="/",
        event_key="before-facts",
    )
    assert "จังหวัดรับรายงานแล้ว" in inbox(client, phunphin_officer, "en")


def submitted(centers) -> None:
    for i, center in enumerate(centers):
        Report.objects.create(
            center=center,
            fiscal_year=2563,
            quarter=1,
            status=Report.Status.SUBMITTED,
            submitted_at=timezone.now() - dt.timedelta(minutes=i),
        )
    notifications_scan(today=dt.date(2019, 12, 1))


def inbox_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("notifications:inbox")).text
    return len(queries), page


def test_the_inbox_reads_the_districts_it_names_in_one_query(client, province_officer):
    centers = list(Center.objects.filter(district__province=SURAT_THANI).order_by("pk"))
    client.force_login(province_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    submitted(centers[:2])
    few, _ = inbox_queries(client)
    submitted(centers[2:8])
    many, page = inbox_queries(client)
    assert page.count("submitted the report of quarter 1 of fiscal year 2563") == 8
    assert many == few
