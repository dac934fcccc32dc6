"""The report form says what the records say: services logged reach the target-group
column, meetings and plans read as a person writes them, file names keep their digits, and
the signature never sits alone on the last page."""

import datetime as dt
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from conftest import PHUNPHIN
from thanrak.areas.models import Province
from thanrak.centers.models import Meeting, Plan
from thanrak.core.periods import Period
from thanrak.documents import consolidated, render, selectors
from thanrak.documents.columns import COLUMNS
from thanrak.documents.tests.helpers import norm, one_line, pdf_text
from thanrak.producers.tests.factories import make_service
from thanrak.rules.tests.factories import activity, attach

pytestmark = pytest.mark.django_db
YEAR = Period(2563)


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


def cells(content: selectors.ReportContent, column: str) -> list[str]:
    i = [c.key for c in COLUMNS].index(column)
    return [row[i] for row in content.rows if row[i]]


def test_a_logged_service_counts_in_the_target_group_column(centers):
    make_service(PHUNPHIN)  # 20 Feb 2020, a person of target group 1
    content = selectors.report_content(centers[PHUNPHIN], YEAR)
    assert content.counts["participants"] == 1
    assert "ประเภทที่ ๑ จำนวน ๑ คน" in content.summary["target_groups"]
    assert cells(content, "target_groups") == [
        "ให้บริการที่ศูนย์ฯ ประเภทที่ ๑ จำนวน ๑ ราย ประเภทที่ ๒ จำนวน ๐ ราย ประเภทที่ ๓ จำนวน ๐ ราย รวม ๑ ราย"
    ]
    province = Province.objects.get(pk="84")
    summary = consolidated.summary(
        province, selectors.province_centers("84"), YEAR, dt.date(2020, 10, 15)
    )
    line = next(line for line in summary.lines if line.center.district_id == PHUNPHIN)
    assert line.people == [1, 0, 0] and summary.total.served == 1
    assert sum(people for _n, people in line.months) == 1


def test_a_service_outside_the_period_is_not_counted(centers):
    service = make_service(PHUNPHIN)
    service.date = dt.date(2020, 10, 1)  # fiscal year 2564
    service.save()
    content = selectors.report_content(centers[PHUNPHIN], YEAR)
    assert content.counts["participants"] == 0
    assert cells(content, "target_groups") == []


def test_the_committee_column_names_each_meeting_once(centers):
    center = centers[PHUNPHIN]
    Meeting.objects.create(
        center=center, date=dt.date(2020, 1, 10), title="ประชุมคณะกรรมการศูนย์ ครั้งที่ 1/2563"
    )
    Meeting.objects.create(center=center, date=dt.date(2020, 4, 10), title="ครั้งที่ 2/2563")
    committee = cells(selectors.report_content(center, YEAR), "committee")
    assert committee == [
        "ประชุมคณะกรรมการศูนย์ ครั้งที่ ๑/๒๕๖๓ วันที่ ๑๐ มกราคม ๒๕๖๓ (ยังไม่มีหลักฐาน)",
        "การประชุม ครั้งที่ ๒/๒๕๖๓ วันที่ ๑๐ เมษายน ๒๕๖๓ (ยังไม่มีหลักฐาน)",
    ]


def test_plans_read_without_brackets_in_brackets(centers):
    center = centers[PHUNPHIN]
    Plan.objects.create(
        center=center, kind=Plan.Kind.LONG, title="แผนพัฒนาศูนย์", first_year=2561, last_year=2565
    )
    Plan.objects.create(
        center=center, kind=Plan.Kind.SHORT, title="แผนปฏิบัติการ", first_year=2563, last_year=2563
    )
    plans = cells(selectors.report_content(center, YEAR), "plans")
    assert plans == [
        "แผนปฏิบัติการ (แผนระยะสั้น ปีงบประมาณ ๒๕๖๓)",
        "แผนพัฒนาศูนย์ (แผนระยะยาว ปีงบประมาณ ๒๕๖๑–๒๕๖๕)",
    ] or plans == [
        "แผนพัฒนาศูนย์ (แผนระยะยาว ปีงบประมาณ ๒๕๖๑–๒๕๖๕)",
        "แผนปฏิบัติการ (แผนระยะสั้น ปีงบประมาณ ๒๕๖๓)",
    ]
    assert not any("))" in plan for plan in plans)


def test_a_plan_whose_title_names_its_years_is_not_given_them_again(centers):
    center = centers[PHUNPHIN]
    titles = [
        "แผนพัฒนาเศรษฐกิจฐานรากอำเภอพุนพิน ระยะ 3 ปี (2563–2565)",
        "แผนส่งเสริมกลุ่มอาชีพ ประจำปีงบประมาณ ๒๕๖๓",
        "แผนพัฒนาศูนย์ 2563",  # names the first year of three only
    ]
    Plan.objects.create(
        center=center, kind=Plan.Kind.LONG, title=titles[0], first_year=2563, last_year=2565
    )
    Plan.objects.create(
        center=center, kind=Plan.Kind.SHORT, title=titles[1], first_year=2563, last_year=2563
    )
    Plan.objects.create(
        center=center, kind=Plan.Kind.LONG, title=titles[2], first_year=2563, last_year=2565
    )
    assert sorted(cells(selectors.report_content(center, YEAR), "plans")) == sorted([
        "แผนพัฒนาเศรษฐกิจฐานรากอำเภอพุนพิน ระยะ ๓ ปี (๒๕๖๓–๒๕๖๕) (แผนระยะยาว)",
        "แผนส่งเสริมกลุ่มอาชีพ ประจำปีงบประมาณ ๒๕๖๓ (แผนระยะสั้น)",
        "แผนพัฒนาศูนย์ ๒๕๖๓ (แผนระยะยาว ปีงบประมาณ ๒๕๖๓–๒๕๖๕)",
    ])  # fmt: skip


def test_file_names_keep_their_digits_on_paper_and_in_excel(centers):
    center = centers[PHUNPHIN]
    evidence = attach(activity(center, dt.date(2020, 3, 9), evidence=False, title="อบรม 2 วัน"))
    evidence.original_name = "photo28.png"
    evidence.save()
    content = selectors.report_content(center, YEAR)
    assert cells(content, "evidence") == ["หลักฐาน ๑ ไฟล์ ได้แก่ photo28.png"]
    assert cells(content, "activities") == ["๙ มีนาคม ๒๕๖๓ อบรม ๒ วัน"]  # the rest: Thai digits
    text = one_line(pdf_text(render.report_pdf([content])))
    assert "photo28.png" in text and "photo๒๘" not in text
    sheet = load_workbook(io.BytesIO(render.report_xlsx([content]))).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "หลักฐาน ๑ ไฟล์ ได้แก่ photo28.png" in values


@pytest.mark.parametrize("lessons", ["", "ได้เรียนรู้การทำงานร่วมกับเครือข่าย"])
def test_the_signature_never_sits_alone_on_the_last_page(centers, lessons):
    """However many rows the table has, the last page holds a row of it with the signature."""
    content = selectors.report_content(centers[PHUNPHIN], YEAR)
    content.lessons = lessons
    pages_seen = set()
    for count in range(8, 30, 3):
        content.rows = [
            [str(i), f"แถวทดสอบ {i} อบรมบัญชีครัวเรือน"] + [""] * (len(COLUMNS) - 2)
            for i in range(1, count)
        ]
        pages = [p for p in pdf_text(render.report_pdf([content])).split("\f") if p.strip()]
        pages_seen.add(len(pages))
        last = one_line(pages[-1])
        assert one_line(norm("ผู้รายงาน")) in last
        assert "แถวทดสอบ" in last, count
    assert len(pages_seen) >= 2  # the rows did cross a page break


def test_an_undated_signature_names_the_periods_year_in_the_pdf_and_the_workbook(centers):
    content = selectors.report_content(centers[PHUNPHIN], YEAR)
    assert content.signer.date is None
    undated = "วันที่.........เดือน........................พ.ศ. ๒๕๖๓"
    assert one_line(norm(undated)) in one_line(pdf_text(render.report_pdf([content])))
    sheet = load_workbook(io.BytesIO(render.report_xlsx([content]))).active
    assert undated in [c for row in sheet.iter_rows(values_only=True) for c in row]
