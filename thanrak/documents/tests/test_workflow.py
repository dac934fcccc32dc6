"""Must show: the review workflow's rules, and that a district sees only its own reports."""

import datetime as dt
import io
import re
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from simple_history.models import HistoricalRecords

from thanrak.centers.models import Report
from thanrak.core.periods import Period
from thanrak.core.thai import be_year, current_fiscal_year, month_name, thai_digits
from thanrak.documents import selectors, services
from thanrak.documents.tests.factories import make_report

pytestmark = pytest.mark.django_db
YEAR = Period(2563)


def test_a_district_cannot_change_an_accepted_report(phunphin_officer, province_officer, centers):
    center = centers["8417"]
    services.report_submit(center=center, period=YEAR, user=phunphin_officer)
    report = Report.objects.get(center=center, fiscal_year=2563, quarter=0)
    services.report_accept(report=report, user=province_officer, comment="ครบถ้วน")

    with pytest.raises(ValidationError) as error:
        services.report_save_narrative(
            center=center, period=YEAR, user=phunphin_officer, narrative={"activities": "แก้ไข"}
        )
    assert "จังหวัดรับรายงานฉบับนี้แล้ว" in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.report_submit(center=center, period=YEAR, user=phunphin_officer)
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    assert report.narrative == {}


def test_a_district_posting_to_an_accepted_report_is_refused_and_nothing_changes(
    client, phunphin_officer, centers
):
    report = make_report("8417", status=Report.Status.ACCEPTED)
    client.force_login(phunphin_officer)
    url = reverse("documents:report", args=["8417", 2563])
    response = client.post(url, {"activities": "แก้ไขหลังรับแล้ว"}, follow=True)
    assert "จังหวัดรับรายงานฉบับนี้แล้ว" in response.content.decode()
    report.refresh_from_db()
    assert report.narrative == {} and report.status == Report.Status.ACCEPTED
    # The page offers no editing of a locked report.
    assert "บันทึกคำบรรยาย" not in client.get(url).content.decode()


def test_the_province_cannot_accept_a_report_never_submitted(province_officer, centers):
    report = make_report("8417", status=Report.Status.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.report_accept(report=report, user=province_officer)
    assert "อำเภอยังไม่ได้ส่งรายงานฉบับนี้" in error.value.messages[0]
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and report.reviewed_at is None


def test_review_page_refuses_accepting_a_draft(client, province_officer, centers):
    report = make_report("8417", status=Report.Status.DRAFT)
    client.force_login(province_officer)
    url = reverse("documents:review", args=[report.pk])
    response = client.post(url, {"action": "accept", "comment": ""}, follow=True)
    assert "อำเภอยังไม่ได้ส่งรายงานฉบับนี้" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_returned_with_comments_then_edited_resubmitted_and_accepted_with_history(
    client, phunphin_officer, province_officer, centers
):
    center = centers["8417"]
    services.report_submit(center=center, period=YEAR, user=phunphin_officer)
    report = Report.objects.get(center=center, fiscal_year=2563, quarter=0)
    with pytest.raises(ValidationError):
        services.report_return(report=report, user=province_officer, comment="  ")
    services.report_return(report=report, user=province_officer, comment="เพิ่มจำนวนผู้รับบริการ")
    services.report_save_narrative(
        center=center,
        period=YEAR,
        user=phunphin_officer,
        narrative={"target_groups": "ผู้มารับบริการ ๒๓๐ คน"},
    )
    services.report_submit(center=center, period=YEAR, user=phunphin_officer)
    services.report_accept(report=report, user=province_officer)
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    assert report.narrative["target_groups"] == "ผู้มารับบริการ ๒๓๐ คน"
    statuses = [h.status for h in report.history.order_by("history_date")]
    # History keeps every step: created, submitted, returned (and edited), submitted again, accepted.
    steps = [s for i, s in enumerate(statuses) if i == 0 or s != statuses[i - 1]]
    assert steps == ["draft", "submitted", "returned", "submitted", "accepted"]
    # The officer's narrative is what the form prints.
    content = selectors.report_content(center, YEAR)
    assert content.narrative["target_groups"] == "ผู้มารับบริการ ๒๓๐ คน"


@contextmanager
def step_by(user):
    """A step taken by the user (as a request would record it), five minutes after the ones
    before it."""
    Report.history.update(history_date=F("history_date") - dt.timedelta(minutes=5))
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del HistoricalRecords.context.request


def test_the_history_says_what_each_step_did(client, phunphin_officer, province_officer, centers):
    """A draft's narrative saved again reads as an edit, not «ร่าง» again; the reviewer's
    comment stands on the step that gave it, not on the edits after it; the narrative written
    as the draft is made is part of that step."""
    center = centers["8417"]

    def save(text):
        with step_by(phunphin_officer):
            services.report_save_narrative(
                center=center, period=YEAR, user=phunphin_officer, narrative={"activities": text}
            )

    save("ร่างแรก")  # the draft made and its narrative saved: one step
    save("ร่างที่สอง")
    with step_by(phunphin_officer):
        report = services.report_submit(center=center, period=YEAR, user=phunphin_officer)
    with step_by(province_officer):
        services.report_return(report=report, user=province_officer, comment="เพิ่มภาพกิจกรรม")
    save("แก้แล้ว")
    rows = report.history.count()
    save("แก้แล้ว")  # the same words again: nothing written
    assert report.history.count() == rows
    with step_by(phunphin_officer):
        services.report_submit(center=center, period=YEAR, user=phunphin_officer)
    with translation.override("th"):
        steps = [(s.who, s.what, s.comment) for s in selectors.report_history(report)]
    edited = (phunphin_officer, "แก้ไข: คำบรรยายประกอบรายงาน", "")
    assert steps == [
        (phunphin_officer, "ส่งแล้ว", ""),  # the comment stays on the return
        edited,
        (province_officer, "ส่งกลับให้แก้ไข", "เพิ่มภาพกิจกรรม"),
        (phunphin_officer, "ส่งแล้ว", ""),
        edited,
        (phunphin_officer, "ร่าง", ""),
    ]
    # The newest steps only, when asked for fewer.
    with translation.override("th"):
        newest = [s.what for s in selectors.report_history(report, limit=2)]
    assert newest == ["ส่งแล้ว", "แก้ไข: คำบรรยายประกอบรายงาน"]
    client.force_login(phunphin_officer)
    page = client.get(reverse("documents:report", args=["8417", 2563]))
    assert page.text.count("แก้ไข: คำบรรยายประกอบรายงาน") == 2
    assert page.text.count("เพิ่มภาพกิจกรรม") == 2  # the review card and its step


def test_only_the_districts_officer_submits_and_only_the_province_reviews(
    phunphin_officer, chaiya_officer, province_officer, other_province_officer, centers
):
    with pytest.raises(ValidationError):
        services.report_submit(center=centers["8417"], period=YEAR, user=chaiya_officer)
    with pytest.raises(ValidationError):
        services.report_submit(center=centers["8417"], period=YEAR, user=province_officer)
    report = services.report_submit(center=centers["8417"], period=YEAR, user=phunphin_officer)
    with pytest.raises(ValidationError):
        services.report_accept(report=report, user=other_province_officer)
    with pytest.raises(ValidationError):
        services.report_accept(report=report, user=phunphin_officer)


def test_a_months_report_is_not_reviewed(phunphin_officer, centers):
    with pytest.raises(ValidationError):
        services.report_submit(
            center=centers["8417"], period=Period(2563, 0, 8), user=phunphin_officer
        )


@pytest.mark.parametrize("name", ["report", "report_pdf", "report_xlsx"])
def test_the_chaiya_officer_cannot_see_or_download_phunphins_report(
    client, chaiya_officer, name, centers
):
    make_report("8417", status=Report.Status.SUBMITTED)
    client.force_login(chaiya_officer)
    assert client.get(reverse(f"documents:{name}", args=["8417", 2563])).status_code == 404
    assert client.get(reverse(f"documents:{name}", args=["8406", 2563])).status_code == 200


def test_the_chaiya_officer_cannot_submit_phunphins_report(client, chaiya_officer, centers):
    client.force_login(chaiya_officer)
    response = client.post(reverse("documents:report_submit", args=["8417", 2563]))
    assert response.status_code == 404
    assert not Report.objects.filter(center__district="8417").exists()


def test_downloads_are_real_files(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    pdf = client.get(reverse("documents:report_pdf", args=["8417", 2563]) + "?quarter=2")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("documents:report_xlsx", args=["8417", 2563]) + "?month=8")
    assert xlsx.content.startswith(b"PK")


def test_the_province_sees_who_is_late(client, province_officer, phunphin_officer, centers):
    services.report_submit(center=centers["8417"], period=YEAR, user=phunphin_officer)
    rows = selectors.review_rows(
        selectors.province_centers("84"), YEAR, today=dt.date(2020, 10, 20)
    )
    late = {r.center.district_id for r in rows if r.late}
    assert "8417" not in late and "8406" in late and len(late) == 18
    # Before the due date nobody is late.
    early = selectors.review_rows(selectors.province_centers("84"), YEAR, dt.date(2020, 10, 5))
    assert not any(r.late for r in early)
    client.force_login(province_officer)
    page = client.get(reverse("documents:province_reports", args=["84", 2563]))
    assert page.status_code == 200
    assert "ล่าช้า" in page.content.decode()


def test_every_period_the_province_page_offers_opens_and_can_be_made_in_the_background(
    client, province_officer, centers
):
    from thanrak.documents.models import GeneratedDocument

    client.force_login(province_officer)
    url = reverse("documents:province_reports", args=["84", 2563])
    page = client.get(url).text
    offered = re.findall(
        r'<option value="(\d?)"', page.split('id="quarter"')[1].split("</select>")[0]
    )
    assert offered == ["", "1", "2", "3", "4"]
    for quarter in offered:
        answer = client.get(url, {"quarter": quarter})
        assert answer.status_code == 200, quarter
        # The background form posts the period the page shows.
        hidden = re.search(r'name="quarter" value="(\d?)"', answer.text)[1]
        assert hidden == quarter
        made = client.post(
            reverse("documents:generated_list", args=["84"]),
            {"fiscal_year": 2563, "quarter": hidden, "kind": "consolidated_pdf"},
        )
        assert made.status_code == 302 and "/documents/" in made.url
    assert sorted(GeneratedDocument.objects.values_list("quarter", flat=True)) == [0, 1, 2, 3, 4]


def test_a_due_date_before_the_period_begins_is_refused(province_officer, centers):
    report = make_report("8417", status=Report.Status.SUBMITTED, quarter=1)
    with pytest.raises(ValidationError) as error:
        services.report_set_due(report=report, user=province_officer, due_on=dt.date(2019, 9, 30))
    assert error.value.messages == ["กำหนดส่งรายงานต้องไม่ก่อนวันเริ่มช่วงเวลาของรายงาน (1 ตุลาคม 2562)"]
    report.refresh_from_db()
    assert report.due_on is None


def test_a_due_date_set_by_the_province_counts(province_officer, centers):
    report = make_report("8406")
    services.report_set_due(report=report, user=province_officer, due_on=dt.date(2020, 12, 31))
    rows = selectors.review_rows([centers["8406"]], YEAR, today=dt.date(2020, 11, 1))
    assert rows[0].due_on == dt.date(2020, 12, 31) and not rows[0].late


def test_an_accepted_reports_due_date_is_neither_offered_nor_changed(
    client, province_officer, centers
):
    report = make_report("8406", status=Report.Status.ACCEPTED)
    with pytest.raises(ValidationError, match="ไม่มีกำหนดส่งอีก"), translation.override("th"):
        services.report_set_due(report=report, user=province_officer, due_on=dt.date(2020, 12, 31))
    client.force_login(province_officer)
    page = client.get(reverse("documents:review", args=[report.pk])).text
    assert 'value="due"' not in page
    report.refresh_from_db()
    assert report.due_on is None


def test_the_districts_report_list_shows_each_period_and_what_is_late(
    client, phunphin_officer, centers
):
    make_report("8417", quarter=1, status=Report.Status.ACCEPTED)
    make_report("8417", quarter=2, status=Report.Status.RETURNED)
    client.force_login(phunphin_officer)
    page = client.get(reverse("documents:report_list", args=["8417"]) + "?fy=2563")
    html = page.content.decode()
    assert page.status_code == 200
    assert "ไตรมาสที่ 1 ปีงบประมาณ 2563" in html and "ประจำเดือนสิงหาคม 2563" in html
    # One digit style on a page: Thai digits belong to the documents, not to the screen.
    main = html[html.index("<main") : html.index("</main>")]
    assert not re.search("[๐-๙]", main)
    # Quarter 1 accepted; 2 (returned), 3, 4 and the year are late by now.
    assert html.count("ล่าช้า") == 4


def test_the_review_page_offers_accept_and_return_only_for_a_report_sent(
    client, province_officer, centers
):
    client.force_login(province_officer)
    for status, note in (
        (Report.Status.DRAFT, "อำเภอยังไม่ได้ส่งรายงานฉบับนี้"),
        (Report.Status.RETURNED, "ส่งคืนอำเภอพร้อมความเห็นแล้ว"),
        (Report.Status.ACCEPTED, "รับรายงานฉบับนี้แล้ว"),
        (Report.Status.SUBMITTED, None),
    ):
        Report.objects.all().delete()
        report = make_report("8417", status=status)
        page = client.get(reverse("documents:review", args=[report.pk])).content.decode()
        offered = 'value="accept"' in page and 'value="return"' in page
        assert offered == (status == Report.Status.SUBMITTED), status
        # The due date may be set until the report is accepted.
        assert ('value="due"' in page) == (status != Report.Status.ACCEPTED), status
        if note:
            assert note in page, status


def test_the_province_sees_every_report_waiting_for_review_whatever_the_period_shown(
    client, province_officer, centers
):
    first = make_report("8417", status=Report.Status.SUBMITTED, quarter=1)
    make_report("8406", status=Report.Status.DRAFT, quarter=1)
    make_report("8401", status=Report.Status.ACCEPTED, quarter=1)
    client.force_login(province_officer)
    response = client.get(reverse("documents:province_reports", args=["84", 2563]))
    assert [r.pk for r in response.context["awaiting"]] == [first.pk]
    page = response.content.decode()
    assert "1 รายงานรอการพิจารณา" in page
    assert reverse("documents:review", args=[first.pk]) in page
    # From the district's own report page too.
    report_page = client.get(reverse("documents:report", args=["8417", 2563]), {"quarter": 1})
    assert reverse("documents:review", args=[first.pk]) in report_page.content.decode()


def test_a_period_not_begun_cannot_be_submitted(client, phunphin_officer, centers):
    next_year = current_fiscal_year() + 1
    client.force_login(phunphin_officer)
    with pytest.raises(ValidationError) as error:
        services.report_submit(
            center=centers["8417"], period=Period(next_year, 1), user=phunphin_officer
        )
    assert "ยังไม่เริ่ม" in error.value.messages[0]
    page = client.get(reverse("documents:report", args=["8417", next_year]), {"quarter": 1})
    text = page.content.decode()
    assert "ส่งรายงานให้จังหวัด" not in text
    assert "จึงจะส่งรายงานได้" in text
    response = client.post(
        reverse("documents:report_submit", args=["8417", next_year]) + "?quarter=1", follow=True
    )
    assert "ยังไม่เริ่ม" in response.content.decode()
    assert not Report.objects.filter(status=Report.Status.SUBMITTED).exists()


def test_a_period_not_ended_says_until_when_and_how_many_days_are_left(
    client, phunphin_officer, centers
):
    year = current_fiscal_year()
    days = (Period(year).end - timezone.localdate()).days + 1
    client.force_login(phunphin_officer)
    text = client.get(reverse("documents:report", args=["8417", year])).content.decode()
    assert f"ช่วงเวลานี้สิ้นสุดวันที่ 30 ก.ย. {year} (อีก {days} วัน นับวันนี้ด้วย)" in text
    assert f"ให้ส่งหลังวันที่ 30 ก.ย. {year}" in text
    assert "ก่อนสิ้นสุดช่วงเวลา ใช่หรือไม่" in text  # the question before it is sent
    # A period that has ended asks only whether to send it.
    text = client.get(reverse("documents:report", args=["8417", year - 1])).content.decode()
    assert "ส่งรายงานให้จังหวัด" in text
    assert "สิ้นสุดวันที่" not in text and "ก่อนสิ้นสุดช่วงเวลา" not in text


def test_a_report_asked_for_before_its_period_ends_says_by_when_not_to_wait(
    client, phunphin_officer, province_officer, centers
):
    year = current_fiscal_year()
    report = Report.objects.create(center=centers["8417"], fiscal_year=year)
    # A week from now, or the eve of the period's end in its last week: before it ends.
    due = min(timezone.localdate() + dt.timedelta(days=7), Period(year).end - dt.timedelta(days=1))
    services.report_set_due(report=report, user=province_officer, due_on=due)
    client.force_login(phunphin_officer)
    text = client.get(reverse("documents:report", args=["8417", year])).content.decode()
    assert "จังหวัดกำหนดให้ส่งรายงานฉบับนี้ภายในวันที่" in text
    assert "ให้ส่งหลังวันที่" not in text  # not told to wait past the day it is due


def test_a_months_activities_are_counted_in_that_month_in_plain_thai(centers):
    from thanrak.centers.tests.factories import DAY, make_record

    make_record("activity", "8417")
    period = Period(YEAR.fiscal_year, month=DAY.month)
    with translation.override("th"):
        content = selectors.report_content(centers["8417"], period)
        month = thai_digits(f"เดือน{month_name(DAY.month)} {be_year(DAY.year)}")
    assert f"ดำเนินกิจกรรม ๑ ครั้งใน{month}" in content.summary.values()


def test_a_returned_report_is_signed_undated_until_it_is_sent_again(
    phunphin_officer, province_officer, centers
):
    center = centers["8417"]
    services.report_submit(center=center, period=YEAR, user=phunphin_officer)
    sent = selectors.report_content(center, YEAR).signer
    assert sent.date == timezone.localdate() and sent.name
    report = Report.objects.get(center=center, fiscal_year=YEAR.fiscal_year, quarter=0)
    services.report_return(report=report, user=province_officer, comment="แนบภาพถ่าย")
    returned = selectors.report_content(center, YEAR).signer
    assert returned.date is None and returned.name == sent.name


def activities_row(content) -> list[str]:
    return [row[1] for row in content.rows if row[1]]


def test_a_submitted_report_keeps_what_it_said_until_it_is_returned(
    client, phunphin_officer, province_officer, centers
):
    from openpyxl import load_workbook

    from thanrak.centers.models import Activity

    center = centers["8417"]
    quarter = Period(2563, 2)
    Activity.objects.create(
        center=center, date=dt.date(2020, 1, 10), title="อบรมบัญชี", kind="standards"
    )
    services.report_submit(center=center, period=quarter, user=phunphin_officer)
    sent = selectors.report_content(center, quarter)
    assert "อบรมบัญชี" in " ".join(activities_row(sent)) and not sent.changed
    # An activity recorded in the quarter after it was sent is not in it, on any of its forms.
    Activity.objects.create(
        center=center, date=dt.date(2020, 2, 14), title="ส่งมาทีหลัง", kind="standards"
    )
    kept = selectors.report_content(center, quarter)
    assert kept.rows == sent.rows and kept.counts == sent.counts and kept.changed
    client.force_login(phunphin_officer)
    url = reverse("documents:report", args=["8417", 2563]) + "?quarter=2"
    page = client.get(url).content.decode()
    assert "ส่งมาทีหลัง" not in page and 'data-testid="changed-since"' in page
    xlsx = client.get(reverse("documents:report_xlsx", args=["8417", 2563]) + "?quarter=2")
    cells = load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
    assert "ส่งมาทีหลัง" not in " ".join(str(v) for row in cells for v in row if v)
    client.force_login(province_officer)
    report = Report.objects.get(center=center, fiscal_year=2563, quarter=2)
    review = client.get(reverse("documents:review", args=[report.pk])).content.decode()
    assert "ส่งมาทีหลัง" not in review and 'data-testid="changed-since"' in review
    # Returned, it reads its records again; sent anew, it keeps them.
    services.report_return(report=report, user=province_officer, comment="เพิ่มกิจกรรม")
    returned = selectors.report_content(center, quarter)
    assert "ส่งมาทีหลัง" in " ".join(activities_row(returned)) and not returned.changed
    services.report_submit(center=center, period=quarter, user=phunphin_officer)
    services.report_accept(report=report, user=province_officer)
    Activity.objects.filter(title="อบรมบัญชี").delete()
    accepted = selectors.report_content(center, quarter)
    assert "อบรมบัญชี" in " ".join(activities_row(accepted)) and accepted.changed


def test_reports_sent_before_contents_were_kept_keep_them_once(phunphin_officer, centers):
    from django.core.management import call_command

    from thanrak.centers.models import Activity

    report = make_report("8417", status=Report.Status.ACCEPTED, quarter=2)
    make_report("8406", status=Report.Status.DRAFT, quarter=2)
    out = io.StringIO()
    call_command("keep_report_contents", stdout=out)
    assert out.getvalue().strip() == "1 reports keep their contents."
    report.refresh_from_db()
    assert report.contents["counts"]["activities"] == 0
    Activity.objects.create(
        center=centers["8417"], date=dt.date(2020, 1, 10), title="ภายหลัง", kind="standards"
    )
    assert selectors.report_content(centers["8417"], Period(2563, 2)).changed
    assert services.reports_keep_contents() == 0


def test_a_report_is_kept_in_thai_and_read_unchanged_in_english(client, phunphin_officer, centers):
    from django.conf import settings
    from django.utils import translation

    center, quarter = centers["8417"], Period(2563, 2)
    with translation.override("en"):
        services.report_submit(center=center, period=quarter, user=phunphin_officer)
    report = Report.objects.get(center=center, fiscal_year=2563, quarter=2)
    assert "ไตรมาส" in report.contents["summary"]["activities"]
    client.force_login(phunphin_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("documents:report", args=["8417", 2563]) + "?quarter=2")
    assert 'lang="en"' in page.content.decode()
    assert 'data-testid="changed-since"' not in page.content.decode()
    assert 'data-testid="kept-in-thai"' in page.content.decode()


def test_a_report_kept_with_other_districts_is_read_unchanged_alone(centers):
    from thanrak.centers.models import Plan, PlanItem

    for code in ("8417", "8406"):
        make_report(code, status=Report.Status.ACCEPTED, quarter=2)
        plan = Plan.objects.create(
            center=centers[code], kind="short", title="แผน", first_year=2563, last_year=2563
        )
        PlanItem.objects.create(plan=plan, title=f"รายการ {code}", target_group="1")
    assert services.reports_keep_contents() == 2  # one batch: both districts read together
    for code in ("8417", "8406"):
        assert not selectors.report_content(centers[code], Period(2563, 2)).changed, code
    PlanItem.objects.filter(title="รายการ 8406").update(title="รายการแก้ไข")
    assert not selectors.report_content(centers["8417"], Period(2563, 2)).changed


def test_a_narrative_box_holds_only_the_officers_words_and_the_summary_follows_the_records(
    client, phunphin_officer, centers
):
    """The summary is the boxes' placeholder, not their text: saving the form as it came, or
    with the summary typed back, keeps no words, and the printed summary still follows the
    records recorded after it."""
    from thanrak.centers.tests.factories import make_record

    client.force_login(phunphin_officer)
    url = reverse("documents:report", args=["8417", 2563])
    make_record("activity", "8417")
    page = client.get(url)
    summary = page.context["content"].summary["activities"]
    box = page.context["form"]["activities"]
    assert box.value() in (None, "") and f'placeholder="{summary}"' in str(box)
    # Sent back as it came (empty), and with the summary typed in with other spacing.
    data = dict.fromkeys(page.context["form"].fields, "")
    client.post(url, data)
    client.post(url, {**data, "activities": "  " + summary.replace(" ", "  ") + "\n"})
    report = Report.objects.get(center=centers["8417"], fiscal_year=2563, quarter=0)
    assert report.narrative["activities"] == ""
    # A second activity recorded later: the printed summary counts it.
    make_record("activity", "8417")
    after = selectors.report_content(centers["8417"], YEAR).narrative["activities"]
    assert (
        after != summary
        and after == selectors.report_content(centers["8417"], YEAR).summary["activities"]
    )
    # The officer's own words are kept and printed as written.
    client.post(url, {**data, "activities": "จัดกิจกรรมถ่ายทอดความรู้ทุกไตรมาส"})
    report.refresh_from_db()
    assert report.narrative["activities"] == "จัดกิจกรรมถ่ายทอดความรู้ทุกไตรมาส"


def test_the_provinces_reports_open_on_the_quarter_being_reported(
    client, province_officer, centers
):
    from thanrak.core.periods import quarter_reported_on

    reported = quarter_reported_on(timezone.localdate())
    client.force_login(province_officer)
    page = client.get(reverse("centers:province", args=["84"])).content.decode()
    url = reverse("documents:province_reports", args=["84", reported.fiscal_year])
    assert f'href="{url}?quarter={reported.quarter}"' in page
