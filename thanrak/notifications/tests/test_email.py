"""E-mail: one message per notification, or a daily digest, or none; never twice."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from conftest import CHAIYA, PHUNPHIN
from thanrak.centers.models import Center, Report
from thanrak.notifications.models import EmailPreference, Notification
from thanrak.notifications.services import digest_send, emails_send, notifications_scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://thanrak.example.go.th"


def returned_and_accepted() -> None:
    center = Center.objects.get(district=PHUNPHIN)
    for quarter, status in [(1, Report.Status.RETURNED), (2, Report.Status.ACCEPTED)]:
        Report.objects.create(
            center=center,
            fiscal_year=2563,
            quarter=quarter,
            status=status,
            comment="กรุณาแนบภาพกิจกรรม",
            reviewed_at=timezone.now(),
        )


def test_one_email_per_notification_sent_once(site, phunphin_officer):
    returned_and_accepted()
    notifications_scan()
    assert emails_send() == 2
    assert emails_send() == 0
    assert len(mail.outbox) == 2
    returned = next(m for m in mail.outbox if "ส่งคืน" in m.subject)
    assert returned.to == [phunphin_officer.email]
    assert returned.subject.startswith("[ฐานราก] จังหวัดส่งคืนรายงานผลการดำเนินงาน ไตรมาสที่ 1")
    assert "ความเห็นของจังหวัด: กรุณาแนบภาพกิจกรรม" in returned.body
    assert "https://thanrak.example.go.th/districts/8417/reports/2563/?quarter=1" in returned.body
    assert "เรียน กนกพร วงศ์สวัสดิ์" in returned.body
    assert set(Notification.objects.values_list("mail", flat=True)) == {"sent"}


def test_the_digest_collects_the_pending_notifications_in_one_email(site, phunphin_officer):
    EmailPreference.objects.create(user=phunphin_officer, email="digest")
    returned_and_accepted()
    notifications_scan()
    assert emails_send() == 0 and mail.outbox == []
    assert digest_send() == 1
    [digest] = mail.outbox
    assert digest.subject.startswith("[ฐานราก] สรุปการแจ้งเตือนประจำวันที่")
    assert "1. " in digest.body and "2. " in digest.body
    assert "ส่งคืน" in digest.body and "รับรายงาน" in digest.body
    assert "https://thanrak.example.go.th/inbox/" in digest.body
    assert digest_send() == 0 and len(mail.outbox) == 1


def test_each_email_is_in_the_language_its_reader_chose(site, phunphin_officer):
    returned_and_accepted()
    notifications_scan()
    phunphin_officer.language = "en"
    phunphin_officer.save()
    assert emails_send() == 2
    returned = next(m for m in mail.outbox if "returned" in m.subject)
    assert returned.subject == (
        "[Thanrak] The province returned the report of quarter 1 of fiscal year 2563 for correction."
    )
    assert "The province's comment: กรุณาแนบภาพกิจกรรม" in returned.body
    assert "Dear กนกพร วงศ์สวัสดิ์," in returned.body
    assert not re.search(
        "[ก-ฮ]", returned.body.replace("กรุณาแนบภาพกิจกรรม", "").replace("กนกพร วงศ์สวัสดิ์", "")
    )
    # The inbox and the admin keep the Thai wording the scan stored.
    assert Notification.objects.filter(title__startswith="จังหวัดส่งคืน").exists()


def test_a_digest_is_in_the_language_its_reader_chose(site, phunphin_officer, chaiya_officer):
    for officer, language in ((phunphin_officer, "en"), (chaiya_officer, "th")):
        EmailPreference.objects.create(user=officer, email="digest")
        officer.language = language
        officer.save()
    returned_and_accepted()
    Report.objects.create(
        center=Center.objects.get(district=CHAIYA),
        fiscal_year=2563,
        quarter=1,
        status=Report.Status.ACCEPTED,
        reviewed_at=timezone.now(),
    )
    notifications_scan()
    assert digest_send() == 2
    english = next(m for m in mail.outbox if m.to == [phunphin_officer.email])
    thai = next(m for m in mail.outbox if m.to == [chaiya_officer.email])
    assert english.subject.startswith("[Thanrak] Your notifications of ")
    assert "The province accepted the report of quarter 2 of fiscal year 2563." in english.body
    assert thai.subject.startswith("[ฐานราก] สรุปการแจ้งเตือนประจำวันที่")
    assert "จังหวัดรับรายงานผลการดำเนินงาน" in thai.body


def test_no_email_for_those_who_want_none_or_have_no_address(site, phunphin_officer):
    EmailPreference.objects.create(user=phunphin_officer, email="none")
    returned_and_accepted()
    notifications_scan()
    assert emails_send() == 0 and digest_send() == 0 and mail.outbox == []
    assert set(Notification.objects.values_list("mail", flat=True)) == {"skipped"}


# The worker closes its database connection after the batch, as a real worker does: on
# PostgreSQL that would end the transaction a plain django_db test runs in.
@pytest.mark.django_db(transaction=True)
def test_notify_queues_the_scan_and_the_worker_sends_the_email(site, phunphin_officer):
    returned_and_accepted()
    out = io.StringIO()
    call_command("notify", stdout=out)
    assert "queued" in out.getvalue() and Notification.objects.count() == 0
    call_command(
        "db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Notification.objects.filter(user=phunphin_officer).count() == 2
    assert len(mail.outbox) == 2


def test_notify_now_runs_here(site, phunphin_officer):
    returned_and_accepted()
    out = io.StringIO()
    call_command("notify", "--now", "--today", "2019-12-01", stdout=out)
    assert "notifications: 2" in out.getvalue() and "emails: 2" in out.getvalue()
    call_command("notify", "--now", "--today", "2019-12-01", stdout=out)
    assert len(mail.outbox) == 2
