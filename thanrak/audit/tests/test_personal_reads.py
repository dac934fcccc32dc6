"""Every page and file that shows persons' data writes one event: who, what, how many."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import CHAIYA, PHUNPHIN
from thanrak.audit.models import AuditEvent
from thanrak.centers.models import CommitteeMember, CommitteeTerm, Meeting, Referral
from thanrak.producers.models import ImportJob, Member
from thanrak.producers.tests.factories import (
    make_group,
    make_producer,
    make_product,
    make_service,
    make_wisdom,
)

pytestmark = pytest.mark.django_db

Kind = AuditEvent.Kind


def only_event() -> AuditEvent:
    """The one personal-data event the request wrote (sign-ins are other kinds)."""
    return AuditEvent.objects.get(kind__in=[Kind.PERSONAL_READ, Kind.PERSONAL_EXPORT])


def personal_events():
    return AuditEvent.objects.filter(kind__in=[Kind.PERSONAL_READ, Kind.PERSONAL_EXPORT])


def test_group_page_writes_one_read_with_its_members(client, phunphin_officer):
    group = make_group(PHUNPHIN)
    Member.objects.create(group=group, name="นายสอง ทดสอบ", phone="0890000002")
    client.force_login(phunphin_officer)
    url = reverse("producers:group_detail", args=[PHUNPHIN, group.pk])
    assert client.get(url, REMOTE_ADDR="198.51.100.4").status_code == 200
    event = only_event()
    assert event.kind == Kind.PERSONAL_READ
    assert (event.user, event.ip, event.path) == (phunphin_officer, "198.51.100.4", url)
    assert (event.object_type, event.object_id) == ("producers.Group", str(group.pk))
    assert (event.district, event.persons, event.unmasked) == (PHUNPHIN, 2, False)


def test_group_edit_form_shows_the_members_too(client, phunphin_officer):
    group = make_group(PHUNPHIN)
    client.force_login(phunphin_officer)
    client.get(reverse("producers:group_edit", args=[PHUNPHIN, group.pk]))
    event = only_event()
    assert (event.kind, event.object_id, event.persons) == (Kind.PERSONAL_READ, str(group.pk), 1)


@pytest.mark.parametrize(
    ("key", "make", "persons"),
    [
        ("wisdom", lambda: make_wisdom(PHUNPHIN, holder="นางสมศรี ใจดี"), 1),
        ("producer", lambda: make_producer(PHUNPHIN, contact_phone="0811111111"), 1),
        ("service", lambda: make_service(PHUNPHIN), 1),
    ],
)
def test_record_pages_that_name_a_person_write_a_read(client, phunphin_officer, key, make, persons):
    record = make()
    client.force_login(phunphin_officer)
    client.get(reverse(f"producers:{key}_detail", args=[PHUNPHIN, record.pk]))
    event = only_event()
    assert (event.object_id, event.persons, event.district) == (str(record.pk), persons, PHUNPHIN)


def test_product_page_names_nobody_and_writes_nothing(client, phunphin_officer):
    product = make_product(PHUNPHIN)
    client.force_login(phunphin_officer)
    assert (
        client.get(reverse("producers:product_detail", args=[PHUNPHIN, product.pk])).status_code
        == 200
    )
    assert not personal_events().exists()


def test_list_writes_one_read_for_the_page_not_one_per_row(client, phunphin_officer):
    for n in range(3):
        make_wisdom(PHUNPHIN, f"ภูมิปัญญา {n}", holder=f"ปราชญ์ {n}")
    make_wisdom(PHUNPHIN, "ภูมิปัญญาไม่มีเจ้าของ")
    client.force_login(phunphin_officer)
    client.get(reverse("producers:wisdom_list", args=[PHUNPHIN]))
    event = only_event()
    assert (event.object_type, event.object_id, event.persons) == ("producers.Wisdom", "", 3)


def test_export_writes_one_export_event_with_every_row(client, phunphin_officer):
    for _n in range(4):
        make_service(PHUNPHIN)
    client.force_login(phunphin_officer)
    url = reverse("producers:service_export", args=[PHUNPHIN]) + "?fy=all"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    event = only_event()
    assert (event.kind, event.object_type, event.persons) == (
        Kind.PERSONAL_EXPORT,
        "producers.Service",
        4,
    )
    # One INSERT for the whole file.
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1


def test_executive_sees_names_hidden_and_writes_no_read(client, viewer):
    wisdom = make_wisdom(PHUNPHIN, holder="นางสมศรี ใจดี")
    client.force_login(viewer)
    assert (
        client.get(reverse("producers:wisdom_detail", args=[PHUNPHIN, wisdom.pk])).status_code
        == 200
    )
    assert not personal_events().exists()


def test_import_preview_is_a_read_of_masked_personal_data(client, phunphin_officer):
    job = ImportJob.objects.create(
        district_id=PHUNPHIN,
        kind=ImportJob.Kind.GROUPS,
        original_name="groups.xlsx",
        status=ImportJob.Status.READY,
        preview=[
            ["ชื่อกลุ่ม", "วันที่จัดตั้ง", "ตำบล", "หมู่ที่", "ชื่อสมาชิก", "เลข", "โทร", "บทบาท"],
            ["กลุ่ม ก", "", "", "", "นางหนึ่ง", "X-XXXX-XXXXX-45-1", "0811111111", ""],
            ["กลุ่ม ก", "", "", "", "นางสอง", "", "", ""],
            ["กลุ่ม ข", "", "", "", "", "", "", ""],
        ],
        created_by=phunphin_officer,
    )
    client.force_login(phunphin_officer)
    client.get(reverse("producers:import_detail", args=[PHUNPHIN, job.pk]))
    event = only_event()
    assert (event.object_type, event.persons, event.unmasked) == ("producers.ImportJob", 2, False)
    page = client.get(reverse("producers:import_detail", args=[PHUNPHIN, job.pk])).content.decode()
    assert "X-XXXX-XXXXX-45-1" in page and "1101700203451" not in page


def test_import_polls_while_running_write_nothing(client, phunphin_officer):
    job = ImportJob.objects.create(
        district_id=PHUNPHIN,
        kind=ImportJob.Kind.WISDOM,
        original_name="wisdom.xlsx",
        status=ImportJob.Status.WRITING,
        preview=[["ชื่อภูมิปัญญา", "สาขา", "ปราชญ์ชาวบ้าน"], ["ผ้าทอ", "หัตถกรรม", "นางหนึ่ง"]],
        created_by=phunphin_officer,
    )
    client.force_login(phunphin_officer)
    client.get(reverse("producers:import_detail", args=[PHUNPHIN, job.pk]), HTTP_HX_REQUEST="true")
    assert not personal_events().exists()


# --- Centers ----------------------------------------------------------------------------


@pytest.fixture
def committee(centers):
    term = CommitteeTerm.objects.create(
        center=centers[PHUNPHIN],
        order_number="1/2563",
        order_date=dt.date(2019, 11, 1),
        starts_on=dt.date(2019, 11, 1),
    )
    for n in range(3):
        CommitteeMember.objects.create(
            term=term, name=f"กรรมการ {n}", category=CommitteeMember.Category.LEADER
        )
    return term


def test_committee_page_writes_a_read_with_its_members(client, phunphin_officer, committee):
    client.force_login(phunphin_officer)
    client.get(reverse("centers:term_detail", args=[PHUNPHIN, committee.pk]))
    event = only_event()
    assert (event.object_type, event.object_id) == ("centers.CommitteeTerm", str(committee.pk))
    assert (event.persons, event.district) == (3, PHUNPHIN)


def test_meeting_page_counts_its_attendees(client, phunphin_officer, committee):
    meeting = Meeting.objects.create(
        center=committee.center, date=dt.date(2020, 1, 5), title="ครั้งที่ 1/2563"
    )
    meeting.attendees.set(committee.members.all()[:2])
    client.force_login(phunphin_officer)
    client.get(reverse("centers:meeting_detail", args=[PHUNPHIN, meeting.pk]))
    assert only_event().persons == 2


def test_referral_list_writes_one_read(client, province_officer, centers):
    for n in range(2):
        Referral.objects.create(
            center=centers[CHAIYA],
            date=dt.date(2020, 1, 5),
            who=f"นาย {n}",
            need="ทุน",
            agency="ธกส.",
        )
    client.force_login(province_officer)
    client.get(reverse("centers:referral_list", args=[CHAIYA]), {"fy": "all"})
    event = only_event()
    assert (event.user, event.object_type, event.persons, event.district) == (
        province_officer,
        "centers.Referral",
        2,
        CHAIYA,
    )


def test_other_center_lists_write_nothing(client, phunphin_officer):
    client.force_login(phunphin_officer)
    assert client.get(reverse("centers:activity_list", args=[PHUNPHIN])).status_code == 200
    assert not personal_events().exists()


# --- The report form names the committee -----------------------------------------------------


def test_report_form_and_its_files_write_the_committee(client, phunphin_officer, committee):
    client.force_login(phunphin_officer)
    client.get(reverse("documents:report", args=[PHUNPHIN, 2563]), {"quarter": 1})
    client.get(reverse("documents:report_xlsx", args=[PHUNPHIN, 2563]), {"quarter": 1})
    read, export = personal_events().order_by("pk")
    assert (read.kind, read.object_type, read.persons) == (Kind.PERSONAL_READ, "centers.Center", 3)
    assert (export.kind, export.persons, export.district) == (Kind.PERSONAL_EXPORT, 3, PHUNPHIN)
    assert read.detail == export.detail == {"period": "2563-q1"}


def test_the_consolidated_report_names_nobody_and_writes_no_event(
    client, province_officer, committee
):
    client.force_login(province_officer)
    url = reverse("documents:consolidated_xlsx", args=["84", 2563])
    assert client.get(url, {"quarter": 1}).status_code == 200
    assert not personal_events().exists()


def test_reading_the_spreadsheet_writes_nothing_more(client, phunphin_officer):
    from openpyxl import load_workbook

    make_group(PHUNPHIN)
    client.force_login(phunphin_officer)
    data = client.get(reverse("producers:group_export", args=[PHUNPHIN])).content
    assert load_workbook(io.BytesIO(data)).active.max_row >= 3
    # A group list shows no persons (only how many members): no event.
    assert not personal_events().exists()
