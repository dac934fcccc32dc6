"""The district's home: dated to-do items and the year's progress toward the guideline."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PHUNPHIN
from thanrak.centers.models import Center, Report
from thanrak.notifications.todo import district_todo
from thanrak.producers.models import Certification
from thanrak.producers.tests.factories import make_product
from thanrak.rules import guideline
from thanrak.rules.tests import factories as rf

pytestmark = pytest.mark.django_db

# Fiscal year 2563, quarter 2 (January–March 2020).
TODAY = dt.date(2020, 2, 15)


def items_of(todo, kind):
    return [i for i in todo.items if i.kind == kind]


def test_an_empty_center_has_this_months_activity_the_meetings_and_the_reports_to_do(
    phunphin_officer,
):
    todo = district_todo(phunphin_officer.district, phunphin_officer, TODAY)
    [activity] = items_of(todo, "activity")
    assert activity.due_on == dt.date(2020, 2, 29) and not activity.overdue
    assert activity.days == 14
    assert activity.url == reverse("centers:activity_create", args=[PHUNPHIN])
    meetings = items_of(todo, "meeting")
    # Quarter 1 is past and missed (overdue); quarter 2 is due at the end of March.
    assert [(m.due_on, m.overdue) for m in meetings] == [
        (dt.date(2019, 12, 31), True),
        (dt.date(2020, 3, 31), False),
    ]
    reports = items_of(todo, "report")
    # Quarter 1 of 2563 (due 10 January) and the last quarter and year of 2562, due in
    # October of this fiscal year; quarter 2 has not ended.
    assert sorted((r.due_on, r.overdue) for r in reports) == [
        (dt.date(2019, 10, 10), True),
        (dt.date(2019, 10, 10), True),
        (dt.date(2020, 1, 10), True),
    ]
    assert [i.due_on for i in todo.items] == sorted(i.due_on for i in todo.items)


def test_done_work_leaves_the_list(phunphin_officer):
    center = Center.objects.get(district=PHUNPHIN)
    rf.activity(center, dt.date(2020, 2, 3))
    rf.meeting(center, dt.date(2019, 11, 5))
    rf.meeting(center, dt.date(2020, 1, 20))
    for fy, quarter in [(2562, 4), (2562, 0), (2563, 1)]:
        Report.objects.create(
            center=center, fiscal_year=fy, quarter=quarter, status=Report.Status.SUBMITTED
        )
    todo = district_todo(phunphin_officer.district, phunphin_officer, TODAY)
    assert todo.items == []


def test_a_meeting_without_minutes_asks_for_them(phunphin_officer):
    center = Center.objects.get(district=PHUNPHIN)
    bare = rf.meeting(center, dt.date(2020, 1, 20), minutes=False)
    todo = district_todo(phunphin_officer.district, phunphin_officer, TODAY)
    q2 = [m for m in items_of(todo, "meeting") if m.due_on == dt.date(2020, 3, 31)]
    assert q2[0].url == reverse(
        "centers:meeting_edit", kwargs={"district": PHUNPHIN, "meeting": bare.pk}
    )
    assert "แนบรายงานการประชุม" in q2[0].title


def test_a_returned_report_shows_the_provinces_comment(phunphin_officer):
    center = Center.objects.get(district=PHUNPHIN)
    Report.objects.create(
        center=center,
        fiscal_year=2563,
        quarter=1,
        status=Report.Status.RETURNED,
        comment="กรุณาแนบภาพกิจกรรมเดือนธันวาคม",
        reviewed_at=timezone.now(),
    )
    todo = district_todo(phunphin_officer.district, phunphin_officer, TODAY)
    [returned] = items_of(todo, "returned")
    assert "กรุณาแนบภาพกิจกรรมเดือนธันวาคม" in returned.detail
    assert returned.url == reverse("documents:report", args=[PHUNPHIN, 2563]) + "?quarter=1"
    assert all(r.due_on != dt.date(2020, 1, 10) for r in items_of(todo, "report"))


def test_certificates_expiring_within_90_days_are_listed(phunphin_officer):
    product = make_product(PHUNPHIN)
    Certification.objects.filter(product=product).delete()
    soon = Certification.objects.create(
        product=product, kind=Certification.Kind.FDA, expires_on=TODAY + dt.timedelta(days=30)
    )
    Certification.objects.create(
        product=product, kind=Certification.Kind.GMP, expires_on=TODAY + dt.timedelta(days=200)
    )
    todo = district_todo(phunphin_officer.district, phunphin_officer, TODAY)
    [item] = items_of(todo, "certificate")
    assert item.due_on == soon.expires_on and item.url == product.get_absolute_url()
    assert product.name in item.title


def test_the_progress_counts_the_years_rules_as_the_guideline_does(phunphin_officer):
    center = Center.objects.get(district=PHUNPHIN)
    rf.term(center)
    rf.meeting(center, dt.date(2019, 11, 5))
    todo = district_todo(phunphin_officer.district, phunphin_officer, TODAY)
    row = guideline.evaluate_district(phunphin_officer.district, 2563, today=TODAY)
    held = sum(1 for r in row.cells if r.status == guideline.HELD)
    assert todo.held == held >= 2
    assert todo.held + todo.not_held + todo.not_due == 10


def test_readers_who_do_not_write_get_the_pages_they_may_read(province_officer):
    from thanrak.areas.models import District

    todo = district_todo(District.objects.get(pk=PHUNPHIN), province_officer, TODAY)
    [activity] = items_of(todo, "activity")
    assert activity.url == reverse("centers:activity_list", args=[PHUNPHIN])


def test_the_district_home_shows_the_to_do_to_its_officer_and_its_readers(
    client, phunphin_officer, province_officer, chaiya_officer
):
    url = reverse("centers:district", args=[PHUNPHIN])
    # Its officer's to-do; to the province, what the district has to do.
    for user, heading in (
        (phunphin_officer, "<h2>สิ่งที่ต้องทำ</h2>"),
        (province_officer, "<h2>สิ่งที่อำเภอต้องทำ</h2>"),
    ):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert 'data-testid="district-todo"' in page
        assert heading in page
    client.force_login(chaiya_officer)
    assert client.get(url).status_code == 404


def test_the_district_home_reads_the_to_do_in_a_fixed_number_of_queries(
    client, phunphin_officer, django_assert_max_num_queries
):
    center = Center.objects.get(district=PHUNPHIN)
    for month in (10, 11, 12):
        rf.activity(center, dt.date(2019, month, 3))
        rf.meeting(center, dt.date(2019, month, 9), minutes=False)
    client.force_login(phunphin_officer)
    with django_assert_max_num_queries(60):
        assert client.get(reverse("centers:district", args=[PHUNPHIN])).status_code == 200


def test_the_district_home_loads_the_years_records_once(client, phunphin_officer):
    """The compliance rows and the to-do list share one load of the year's records."""
    client.force_login(phunphin_officer)
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("centers:district", args=[PHUNPHIN])).status_code == 200
    monthly = [
        q
        for q in context.captured_queries
        if "centers_activity" in q["sql"] and "GROUP BY" in q["sql"]
    ]
    assert len(monthly) == 1


def test_a_report_returned_before_its_quarter_ends_is_listed_at_once(phunphin_officer):
    Report.objects.create(
        center=Center.objects.get(district=PHUNPHIN),
        fiscal_year=2563,
        quarter=2,
        status=Report.Status.RETURNED,
        comment="แก้ไขจำนวนผู้เข้าร่วม",
        due_on=dt.date(2020, 2, 20),
    )
    todo = district_todo(phunphin_officer.district, phunphin_officer, TODAY)
    [returned] = items_of(todo, "returned")
    assert returned.due_on == dt.date(2020, 2, 20) and returned.days == 5


@pytest.mark.parametrize(
    ("not_held", "said"),
    [
        (0, "ไม่มีงานค้าง: บันทึกกิจกรรมเดือนนี้"),
        (2, "ส่วนเกณฑ์ที่ยังไม่ผ่าน ดูสิ่งที่ต้องดำเนินการต่อด้านล่าง"),
    ],
)
def test_nothing_dated_to_do_is_not_said_to_be_nothing_while_rules_are_not_met(not_held, said):
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    todo = SimpleNamespace(
        writer=False,
        fiscal_year=2570,
        held=8 - not_held,
        rules=10,
        not_held=not_held,
        not_due=2,
        items=[],
    )
    html = render_to_string("notifications/_district_todo.html", {"todo": todo})
    assert said in html
    assert ("ไม่มีงานค้าง" in html) == (not_held == 0)
