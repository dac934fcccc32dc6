import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse
from PIL import Image

from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    CommitteeMember,
    CommitteeTerm,
    Meeting,
    Plan,
)
from thanrak.centers.selectors import record_history
from thanrak.centers.tests.factories import make_record
from thanrak.core.thai import current_fiscal_year


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(name="minutes.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 80)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_officer_records_a_meeting_with_be_date_and_minutes(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("centers:meeting_create", args=["8417"]),
        {
            "date": "20/02/2563",
            "title": "ครั้งที่ 2/2563",
            "agenda": "ติดตามแผน",
            "minutes": "รับทราบ",
            "files": [png()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(center=centers["8417"])
    assert meeting.date == dt.date(2020, 2, 20)
    assert meeting.created_by == phunphin_officer
    assert meeting.evidence.count() == 1
    assert response.url == meeting.get_absolute_url()
    page = client.get(response.url)
    assert "20 ก.พ. 2563" in page.text
    assert "ครั้งที่ 2/2563" in page.text


def test_gregorian_year_gets_a_thai_message_and_saves_nothing(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("centers:meeting_create", args=["8417"]), {"date": "20/02/2020", "title": "ครั้งที่ 1"}
    )
    assert response.status_code == 200
    assert "ปีคริสต์ศักราช" in response.text
    assert "ระบบยังไม่ได้บันทึกข้อมูลใด ๆ" in response.text
    assert not Meeting.objects.exists()


def test_a_bad_file_saves_nothing(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    html = SimpleUploadedFile(
        "minutes.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    response = client.post(
        reverse("centers:meeting_create", args=["8417"]),
        {"date": "20/02/2563", "title": "ครั้งที่ 2/2563", "files": [html]},
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_other_district_cannot_read_or_write(client, phunphin_officer, chaiya_officer, centers):
    meeting = Meeting.objects.create(
        center=centers["8417"], date=dt.date(2020, 2, 20), title="ครั้งที่ 2"
    )
    client.force_login(chaiya_officer)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("centers:meeting_edit", args=["8417", meeting.pk])).status_code == 404
    assert (
        client.post(reverse("centers:meeting_delete", args=["8417", meeting.pk])).status_code == 404
    )
    # a Phunphin record under the Chaiya URL is not found either
    assert (
        client.get(reverse("centers:meeting_detail", args=["8406", meeting.pk])).status_code == 404
    )
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_province_officer_reads_but_does_not_write_district_records(
    client, province_officer, centers
):
    meeting = Meeting.objects.create(
        center=centers["8417"], date=dt.date(2020, 2, 20), title="ครั้งที่ 2"
    )
    client.force_login(province_officer)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get(reverse("centers:meeting_create", args=["8417"])).status_code == 403
    assert client.get(reverse("centers:meeting_edit", args=["8417", meeting.pk])).status_code == 403


def test_budget_allocation_is_the_province_officers(
    client, province_officer, phunphin_officer, centers
):
    client.force_login(phunphin_officer)
    assert client.get(reverse("centers:allocation_create", args=["8417"])).status_code == 403
    client.force_login(province_officer)
    response = client.post(
        reverse("centers:allocation_create", args=["8417"]),
        {
            "fiscal_year": "2563",
            "amount": "1500",
            "letter_number": "สฎ 0019.03/ว.3673",
            "letter_date": "12/05/2563",
        },
    )
    assert response.status_code == 302
    allocation = BudgetAllocation.objects.get(center=centers["8417"])
    assert allocation.letter_date == dt.date(2020, 5, 12)
    duplicate = client.post(
        reverse("centers:allocation_create", args=["8417"]),
        {"fiscal_year": "2563", "amount": "100"},
    )
    assert duplicate.status_code == 200
    assert "มีการจัดสรรงบประมาณปี 2563 แล้ว" in duplicate.text


def test_fiscal_year_typed_as_christian_era_is_refused(client, province_officer, centers):
    client.force_login(province_officer)
    response = client.post(
        reverse("centers:allocation_create", args=["8417"]),
        {"fiscal_year": "2020", "amount": "1500"},
    )
    assert response.status_code == 200
    assert "ปีคริสต์ศักราช" in response.text
    assert not BudgetAllocation.objects.exists()


def test_committee_term_with_members_in_one_form(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    data = {
        "order_number": "123/2562",
        "order_date": "07/10/2562",
        "starts_on": "07/10/2562",
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-name": "นายอำเภอพุนพิน",
        "members-0-category": "chair",
        "members-1-name": "นางสาวกนกพร วงศ์สวัสดิ์",
        "members-1-category": "secretary",
    }
    response = client.post(reverse("centers:term_create", args=["8417"]), data)
    assert response.status_code == 302
    term = CommitteeTerm.objects.get(center=centers["8417"])
    assert term.order_date == dt.date(2019, 10, 7)
    assert list(term.members.values_list("category", flat=True)) == ["chair", "secretary"]


def test_list_is_filtered_by_fiscal_year(client, phunphin_officer, centers):
    Meeting.objects.create(
        center=centers["8417"], date=dt.date(2019, 12, 31), title="ปลายไตรมาส 1 ปี 2563"
    )
    Meeting.objects.create(center=centers["8417"], date=dt.date(2020, 10, 1), title="ต้นปี 2564")
    client.force_login(phunphin_officer)
    page = client.get(reverse("centers:meeting_list", args=["8417"]), {"fy": "2563"})
    assert "ปลายไตรมาส 1 ปี 2563" in page.text
    assert "ต้นปี 2564" not in page.text
    everything = client.get(reverse("centers:meeting_list", args=["8417"]), {"fy": "all"})
    assert "ต้นปี 2564" in everything.text


def test_history_shows_who_changed_what(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    client.post(
        reverse("centers:plan_create", args=["8417"]),
        {"kind": "short", "title": "แผนปี 2563", "first_year": "2563", "last_year": "2563",
         "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "1000"},
    )  # fmt: skip
    plan = Plan.objects.get()
    client.post(
        reverse("centers:plan_edit", args=["8417", plan.pk]),
        {"kind": "short", "title": "แผนส่งเสริมปี 2563", "first_year": "2563", "last_year": "2563",
         "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "1000"},
    )  # fmt: skip
    page = client.get(plan.get_absolute_url())
    assert "แผนปี 2563" in page.text and "แผนส่งเสริมปี 2563" in page.text
    assert "กนกพร" in page.text  # who


def make_term(center, number: str, starts_on: dt.date, ends_on: dt.date | None = None):
    return CommitteeTerm.objects.create(
        center=center,
        order_number=number,
        order_date=starts_on,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def test_meeting_attendance_comes_from_the_roster(client, phunphin_officer, centers):
    term = CommitteeTerm.objects.create(
        center=centers["8417"],
        order_number="1/2562",
        order_date=dt.date(2019, 10, 1),
        starts_on=dt.date(2019, 10, 1),
    )
    member = CommitteeMember.objects.create(term=term, name="นายทดสอบ ใจดี", category="leader")
    other_term = CommitteeTerm.objects.create(
        center=centers["8406"],
        order_number="2/2562",
        order_date=dt.date(2019, 10, 1),
        starts_on=dt.date(2019, 10, 1),
    )
    stranger = CommitteeMember.objects.create(term=other_term, name="นายไชยา", category="leader")
    client.force_login(phunphin_officer)
    form = client.get(reverse("centers:meeting_create", args=["8417"]))
    assert "นายทดสอบ ใจดี" in form.text and "นายไชยา" not in form.text
    # Named in the query string (a redrawn roster), another district's member stays unseen.
    url = reverse("centers:meeting_create", args=["8417"])
    form = client.get(url, {"date": "14/11/2562", "attendees": [stranger.pk]})
    assert "นายไชยา" not in form.text and "2/2562" not in form.text
    response = client.post(
        reverse("centers:meeting_create", args=["8417"]),
        {"date": "14/11/2562", "title": "ครั้งที่ 1", "attendees": [stranger.pk]},
    )
    assert response.status_code == 200  # a member of another district is not a valid choice
    response = client.post(
        reverse("centers:meeting_create", args=["8417"]),
        {"date": "14/11/2562", "title": "ครั้งที่ 1", "attendees": [member.pk]},
    )
    assert response.status_code == 302


def test_attendees_are_offered_by_term_and_taken_from_the_term_of_the_meetings_date(
    client, phunphin_officer, centers
):
    # The older order was never given an end: the newer one replaces it all the same.
    old = make_term(centers["8417"], "247/2562", dt.date(2019, 10, 1))
    new = make_term(centers["8417"], "323/2569", dt.date(2026, 6, 1))
    former = CommitteeMember.objects.create(term=old, name="นายเก่า ก่อนหน้า", category="leader")
    sitting = CommitteeMember.objects.create(term=new, name="นางใหม่ ปัจจุบัน", category="leader")
    client.force_login(phunphin_officer)
    url = reverse("centers:meeting_create", args=["8417"])
    # A new meeting's form offers today's committee, under its order's name.
    form = client.get(url).text
    assert form.index("คำสั่งอำเภอที่ 323/2569") < form.index("นางใหม่ ปัจจุบัน")
    assert "นายเก่า ก่อนหน้า" not in form and "247/2562" not in form
    # Its date typed (the page redrawn with it in the query) offers that day's committee.
    form = client.get(url, {"date": "14/11/2562"}).text
    assert form.index("คำสั่งอำเภอที่ 247/2562") < form.index("นายเก่า ก่อนหน้า")
    assert "นางใหม่ ปัจจุบัน" not in form
    # A member ticked under another order is shown under it, ticked, to be unticked.
    form = client.get(url, {"date": "14/11/2562", "attendees": [sitting.pk]}).text
    assert form.index("คำสั่งอำเภอที่ 247/2562") < form.index("คำสั่งอำเภอที่ 323/2569")
    assert "คำสั่งอำเภอที่ 323/2569 (ไม่อยู่ในวาระ ณ วันประชุม)" in form
    assert re.search(rf'value="{sitting.pk}"[^>]*checked', form)
    # Before any committee: every order's roster, each saying it was not in office.
    form = client.get(url, {"date": "01/01/2560"}).text
    assert "คำสั่งอำเภอที่ 323/2569 (ไม่อยู่ในวาระ ณ วันประชุม)" in form
    assert "คำสั่งอำเภอที่ 247/2562 (ไม่อยู่ในวาระ ณ วันประชุม)" in form
    refused = client.post(
        url,
        {"date": "14/11/2569", "title": "ครั้งที่ 1/2570", "attendees": [former.pk, sitting.pk]},
    )
    said = refused.context["form"].errors["attendees"][0]
    assert "คำสั่งอำเภอที่ 323/2569" in said
    # Named with the order ticked under, and the sitting member not named.
    assert "นายเก่า ก่อนหน้า" in said
    assert "(คำสั่งอำเภอที่ 247/2562)" in said and "นางใหม่ ปัจจุบัน" not in said
    assert not Meeting.objects.exists()
    for day, member in (("14/11/2569", sitting), ("14/11/2562", former)):
        saved = client.post(url, {"date": day, "title": "ครั้งที่ 1", "attendees": [member.pk]})
        assert saved.status_code == 302
    assert Meeting.objects.count() == 2


def test_a_meeting_after_the_last_term_ended_says_when_it_ended(client, phunphin_officer, centers):
    term = make_term(centers["8417"], "247/2562", dt.date(2019, 10, 1), dt.date(2021, 9, 30))
    member = CommitteeMember.objects.create(term=term, name="นายเก่า", category="leader")
    client.force_login(phunphin_officer)
    form = client.post(
        reverse("centers:meeting_create", args=["8417"]),
        {"date": "14/11/2565", "title": "ครั้งที่ 1", "attendees": [member.pk]},
    ).context["form"]
    assert form.errors["attendees"] == [
        "ณ วันประชุม ไม่มีคณะกรรมการชุดใดอยู่ในวาระ "
        "(ชุดล่าสุดคือ คำสั่งอำเภอที่ 247/2562 สิ้นสุดวาระวันที่ 30 กันยายน 2564)"
    ]


def test_a_day_to_come_or_a_mistyped_year_is_named_and_nothing_is_saved(
    client, phunphin_officer, centers
):
    from django.utils import timezone

    from thanrak.core.thai import format_date_numeric

    tomorrow = format_date_numeric(timezone.localdate() + dt.timedelta(days=1))
    client.force_login(phunphin_officer)
    for kind, fields in (
        ("meeting", {"title": "ครั้งที่ 1"}),
        ("activity", {"title": "อบรม", "kind": "standards"}),
    ):
        url = reverse(f"centers:{kind}_create", args=["8417"])
        for day, message in (
            ("30/11/2469", "ปี 2469 น่าจะพิมพ์ผิด กรุณาตรวจสอบวันที่"),
            (tomorrow, f"วันที่ {tomorrow} ยังมาไม่ถึง กรุณาบันทึกสิ่งที่ดำเนินการแล้ว"),
        ):
            form = client.post(url, {"date": day, **fields}).context["form"]
            assert form.errors["date"][0].startswith(message), (kind, day)
    assert not Meeting.objects.exists() and not Activity.objects.exists()


def test_a_form_sent_back_says_the_chosen_files_were_not_kept(client, phunphin_officer, centers):
    from thanrak.evidence.tests.factories import image_bytes, upload

    client.force_login(phunphin_officer)
    url = reverse("centers:activity_create", args=["8417"])
    photo = upload("กิจกรรม.png", image_bytes(), "image/png")
    page = client.post(url, {"date": "", "title": "อบรม", "files": [photo]}).content.decode()
    assert "ไฟล์ที่เลือกไว้ยังไม่ได้บันทึก" in page
    assert "ไฟล์ที่เลือกไว้ยังไม่ได้บันทึก" not in client.post(url, {"title": "อบรม"}).content.decode()
    # A row of the form sent back (a group's stage dated in a mistyped year) says it too.
    group = reverse("producers:group_create", args=["8417"])
    photo = upload("กลุ่ม.png", image_bytes(), "image/png")
    data = {
        "name": "กลุ่มทดสอบ",
        "files": [photo],
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-0-date": "15/01/2469",
        "stages-0-stage": "2_group",
    }
    page = client.post(group, data).content.decode()
    assert "ปี 2469 น่าจะพิมพ์ผิด" in page and "ไฟล์ที่เลือกไว้ยังไม่ได้บันทึก" in page


def plans_of_three_ages(center) -> int:
    """A plan running this fiscal year, one that ended last year and one long over, each
    with the item «อบรมการตลาด»; returns this fiscal year."""
    from thanrak.centers.models import PlanItem

    fy = current_fiscal_year()
    for title, first, last in (
        (f"แผนระยะยาว {fy - 2}-{fy}", fy - 2, fy),
        (f"แผนระยะสั้น {fy - 1}", fy - 1, fy - 1),
        (f"แผนระยะยาว {fy - 7}-{fy - 5}", fy - 7, fy - 5),
    ):
        plan = Plan.objects.create(
            center=center, kind="short", title=title, first_year=first, last_year=last
        )
        PlanItem.objects.create(plan=plan, title="อบรมการตลาด", target_group="1")
    return fy


def test_the_activity_form_explains_the_target_groups_and_names_each_items_plan(
    client, phunphin_officer, centers
):
    fy = plans_of_three_ages(centers["8417"])
    client.force_login(phunphin_officer)
    page = client.get(reverse("centers:activity_create", args=["8417"])).content.decode()
    assert "ที่สนใจในการนำภูมิปัญญาท้องถิ่นมาสร้างสรรค์เป็นผลิตภัณฑ์ OTOP" in page
    # Each item starts with its plan's years (a phone cuts a long choice short), the newest
    # plan first, and ends with the plan's title; a plan over before last year is not
    # offered.
    labels = re.findall(r'<option value="\d+">([^<]*อบรมการตลาด[^<]*)</option>', page)
    assert labels == [
        f"{fy - 2}–{fy} · อบรมการตลาด — แผนระยะยาว {fy - 2}-{fy}",
        f"{fy - 1} · อบรมการตลาด — แผนระยะสั้น {fy - 1}",
    ]


def test_an_activitys_page_names_the_target_group_of_each_count(client, phunphin_officer, centers):
    activity = make_record("activity", "8417")
    client.force_login(phunphin_officer)
    url = reverse("centers:activity_detail", args=["8417", activity.pk])
    page = client.get(url).text
    assert "ผู้เข้าร่วมประเภท 1 (ผู้สนใจนำภูมิปัญญาท้องถิ่นมาสร้างสรรค์เป็นผลิตภัณฑ์ OTOP)" in page
    assert "ผู้เข้าร่วมประเภท 3 (ผู้ผลิต ผู้ประกอบการ OTOP ที่ลงทะเบียนแล้ว)" in page


def test_an_activity_serves_only_an_item_of_a_plan_of_its_year(client, phunphin_officer, centers):
    from thanrak.centers.models import PlanItem

    fy = plans_of_three_ages(centers["8417"])
    last_years = PlanItem.objects.get(plan__first_year=fy - 1)
    client.force_login(phunphin_officer)
    url = reverse("centers:activity_create", args=["8417"])
    activity = {
        "date": f"15/10/{fy - 1}",  # in fiscal year fy
        "title": "อบรมการตลาด",
        "kind": "sales_channels",
        "participants_type1": "12",
        "participants_type2": "0",
        "participants_type3": "0",
        "cost": "0",
    }
    form = client.post(url, {**activity, "plan_item": last_years.pk}).context["form"]
    assert form.errors["plan_item"] == [
        f"รายการนี้อยู่ในแผนปีงบประมาณ {fy - 1} แต่กิจกรรมอยู่ในปีงบประมาณ {fy} "
        f"กรุณาเลือกรายการของแผนที่ครอบคลุมปีงบประมาณ {fy}"
    ]
    assert not Activity.objects.exists()
    # Dated in last fiscal year, the same item is served.
    response = client.post(url, {**activity, "date": f"15/09/{fy - 1}", "plan_item": last_years.pk})
    assert response.status_code == 302, response.context["form"].errors
    assert Activity.objects.get().plan_item == last_years


def test_an_expense_that_passes_the_allocation_is_said_at_once(client, phunphin_officer, centers):
    from decimal import Decimal

    BudgetAllocation.objects.create(center=centers["8417"], fiscal_year=2563, amount=Decimal(1500))
    client.force_login(phunphin_officer)
    url = reverse("centers:expense_create", args=["8417"])
    expense = {"description": "ป้าย", "method": "hire", "vendor": "ร้านป้าย"}
    within = client.post(url, {**expense, "date": "15/01/2563", "amount": "1,000"}, follow=True)
    assert "เกินงบประมาณ" not in within.content.decode()
    over = client.post(url, {**expense, "date": "15/02/2563", "amount": "1,550"}, follow=True)
    assert (
        "ค่าใช้จ่ายปีงบประมาณ 2563 รวมเป็น 2,550 บาท เกินงบประมาณที่ได้รับจัดสรร 1,500 บาท"
        in over.content.decode()
    )


def test_list_page_queries_do_not_grow_with_rows(client, phunphin_officer, centers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(phunphin_officer)
    url = reverse("centers:meeting_list", args=["8417"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"fy": "2563"}).status_code == 200
        return len(ctx.captured_queries)

    Meeting.objects.create(center=centers["8417"], date=dt.date(2020, 1, 5), title="1")
    count()  # the first request of a process also reads the content types it then keeps
    few = count()
    for day in range(1, 29):
        Meeting.objects.create(center=centers["8417"], date=dt.date(2020, 2, day), title=str(day))
    assert count() == few


def test_a_new_meetings_attendees_are_part_of_its_creation_and_later_ones_a_change(
    client, phunphin_officer, centers
):
    term = make_term(centers["8417"], "247/2562", dt.date(2019, 10, 1))
    first, second, third = (
        CommitteeMember.objects.create(term=term, name=name, category="leader")
        for name in ("นายทดสอบ ใจดี", "นางสาวสมศรี มีสุข", "นางมาลี สุขเจริญ")
    )
    client.force_login(phunphin_officer)
    url = reverse("centers:meeting_create", args=["8417"])
    client.post(url, {"date": "14/11/2562", "title": "ครั้งที่ 1", "attendees": [first.pk]})
    meeting = Meeting.objects.get()
    # The attendees are set just after the meeting is saved: a history row of their own.
    assert meeting.history.count() == 2
    assert [(e["type"], e["changes"]) for e in record_history(meeting)] == [("+", [])]

    def edit(attendees, title="ครั้งที่ 1"):
        # Each edit a minute after the one before.
        meeting.history.update(history_date=F("history_date") - dt.timedelta(minutes=1))
        client.post(
            reverse("centers:meeting_edit", args=["8417", meeting.pk]),
            {"date": "14/11/2562", "title": title, "attendees": [m.pk for m in attendees]},
        )
        return record_history(meeting)[0]

    # One more attendee, a minute later: a change of its own, naming who joined.
    assert edit([first, second])["changes"] == [("ผู้เข้าประชุม", "–", "นางสาวสมศรี มีสุข")]
    # One replaced by another and the title changed, in one save (rows to remove and to add):
    # one entry, each field from before the save to after it.
    changed = edit([first, third], title="ครั้งที่ 1/2563")
    assert changed["changes"] == [
        ("ชื่อเรื่อง", "ครั้งที่ 1", "ครั้งที่ 1/2563"),
        ("ผู้เข้าประชุม", "นางสาวสมศรี มีสุข", "นางมาลี สุขเจริญ"),
    ]
    assert [e["type"] for e in record_history(meeting)] == ["~", "~", "+"]


def test_the_history_says_only_what_a_person_reads_as_changed(centers):
    activity = make_record("activity", "8417")
    activity.topics = ["business", "value_added"]
    activity.partners = "เกษตรอำเภอ\nพาณิชย์จังหวัด"
    activity.save()
    # The same form sent again: the topics in another order, the text with CR LF line ends.
    activity.topics = ["value_added", "business"]
    activity.partners = "เกษตรอำเภอ\r\nพาณิชย์จังหวัด "
    activity.save()
    activity.save()
    entries = record_history(activity)
    assert [e["type"] for e in entries] == ["~", "+"]
    topics = {label: (before, after) for label, before, after in entries[0]["changes"]}
    assert topics["ประเด็นความรู้"][1] == ("การประกอบธุรกิจเบื้องต้น, การเพิ่มมูลค่าผลิตภัณฑ์ (เรื่องราวของผลิตภัณฑ์)")


def test_an_order_without_an_end_reads_as_replaced_once_a_new_order_starts(
    client, phunphin_officer, centers
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_term(centers["8417"], "247/2562", dt.date(2019, 10, 1))
    client.force_login(phunphin_officer)
    url = reverse("centers:term_list", args=["8417"])
    page = client.get(url, {"fy": "all"}).content.decode()
    assert "จนกว่าจะมีคำสั่งใหม่แทน" in page
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"fy": "all"})
    make_term(centers["8417"], "323/2569", dt.date(2026, 10, 7))
    with CaptureQueriesContext(connection) as two:
        page = client.get(url, {"fy": "all"}).content.decode()
    # The old order is replaced from the new one's start; the new one is in force.
    assert "มีคำสั่งใหม่แทนตั้งแต่ 7 ต.ค. 2569" in page
    assert page.count("จนกว่าจะมีคำสั่งใหม่แทน") == 1
    assert len(two.captured_queries) == len(one.captured_queries)
