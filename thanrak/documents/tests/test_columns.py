"""The report form's columns come from one registry (documents/columns.py): the page, the
PDF and the workbook print its headings in its order, and every row has one cell per
column."""

import datetime as dt
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from conftest import PHUNPHIN
from thanrak.core.periods import Period
from thanrak.documents import columns, render, selectors
from thanrak.documents.columns import COLUMNS, NARRATIVE_KEYS
from thanrak.documents.forms import NarrativeForm
from thanrak.documents.tests.helpers import norm, one_line, pdf_text
from thanrak.rules.tests.factories import activity, expense

pytestmark = pytest.mark.django_db
YEAR = Period(2563)


def thai_headings() -> list[str]:
    with translation.override("th"):
        return [str(column.heading) for column in COLUMNS]


@pytest.fixture
def content(centers):
    activity(centers[PHUNPHIN], dt.date(2020, 3, 9), title="อบรมบัญชีครัวเรือน")
    with translation.override("th"):
        return selectors.report_content(centers[PHUNPHIN], YEAR)


def test_every_row_has_one_cell_per_column(content):
    assert content.rows and all(len(row) == len(COLUMNS) for row in content.rows)
    assert len(content.summary_cells) == len(COLUMNS)
    assert list(content.narrative) == list(NARRATIVE_KEYS)


def test_the_page_prints_the_registry_headings_in_order(client, phunphin_officer, content):
    client.force_login(phunphin_officer)
    with translation.override("th"):
        response = client.get(reverse("documents:report", args=[PHUNPHIN, 2563]))
    html = response.content.decode()
    table = html[html.index('class="report-form"') :]
    headings = re.findall(r'<th scope="col">([^<]*)</th>', table)[: len(COLUMNS)]
    assert headings == thai_headings()
    # The narrative form has a box per worded column, labelled by its heading.
    assert list(NarrativeForm(summary={}).fields) == list(NARRATIVE_KEYS)


def test_the_pdf_prints_the_registry_headings_in_order(content):
    text = one_line(pdf_text(render.report_pdf([content])))
    positions = [text.index(one_line(norm(heading))) for heading in thai_headings()[1:]]
    assert positions == sorted(positions)
    # Each heading broken where its entry says, and whole again when read back.
    with translation.override("th"):
        for column in COLUMNS:
            assert "".join(column.printed_lines()) == str(column.heading)


def test_the_workbook_prints_the_registry_headings_in_order(content):
    sheet = load_workbook(io.BytesIO(render.report_xlsx([content]))).active
    header = [cell.value for cell in sheet[3]]
    assert header == thai_headings()


def download(client, name: str, language: str) -> bytes:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse(name, args=[PHUNPHIN, 2563])).content


def test_the_report_files_are_the_same_thai_on_an_english_page(client, phunphin_officer, content):
    # Every cell and every line of text: the rows' counts and periods included.
    client.force_login(phunphin_officer)

    def cells(data: bytes) -> list:
        sheet = load_workbook(io.BytesIO(data)).active
        return [cell.value for row in sheet.iter_rows() for cell in row]

    thai = cells(download(client, "documents:report_xlsx", "th"))
    assert cells(download(client, "documents:report_xlsx", "en")) == thai
    assert any("อบรมบัญชีครัวเรือน" in str(value) for value in thai)
    thai_pdf = pdf_text(download(client, "documents:report_pdf", "th"))
    assert pdf_text(download(client, "documents:report_pdf", "en")) == thai_pdf


def test_the_english_page_writes_its_own_digits_dates_and_plurals(
    client, phunphin_officer, centers
):
    # The page in English: Arabic digits, the page's dates and English plurals (the files
    # stay Thai: the test above).
    activity(centers[PHUNPHIN], dt.date(2020, 3, 9), title="อบรมบัญชีครัวเรือน")
    with translation.override("en"):
        english = selectors.report_content(centers[PHUNPHIN], YEAR)
    with translation.override("th"):
        thai = selectors.report_content(centers[PHUNPHIN], YEAR)
    assert english.rows[0][:2] == ["1", "9 Mar 2563 อบรมบัญชีครัวเรือน"]
    assert thai.rows[0][:2] == ["๑", "๙ มีนาคม ๒๕๖๓ อบรมบัญชีครัวเรือน"]
    assert english.summary["activities"].startswith("1 activity in ")
    with translation.override("en"):
        services = columns._services_text({"1": 1, "2": 0, "3": 2})
    assert services.endswith("type 3: 2, 3 services in all")
    assert english.summary["evidence"] == "1 file for 1 activity"  # the factory adds a photo
    assert thai.summary["evidence"] == "หลักฐาน ๑ ไฟล์ จากกิจกรรม ๑ ครั้ง"
    assert not re.search("[๐-๙]", "".join(english.summary.values()) + str(english.rows))
    client.force_login(phunphin_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("documents:report", args=[PHUNPHIN, 2563])).content.decode()
    assert "9 Mar 2563 อบรมบัญชีครัวเรือน" in page and "๒๕๖๓" not in page


def test_a_materials_quantity_is_named_and_publicity_is_not_said_twice(centers):
    from thanrak.centers.models import Material, Publicity

    center = centers[PHUNPHIN]
    Material.objects.create(center=center, title="แผ่นพับแนะนำศูนย์ฯ", quantity=20)
    Material.objects.create(center=center, title="ป้ายนิทรรศการ")
    for title in ("ประชาสัมพันธ์ผลการดำเนินงานศูนย์ฯ", "คลิปสาธิตการทอผ้า"):
        Publicity.objects.create(
            center=center, date=dt.date(2020, 3, 9), channel="facebook", title=title
        )
    with translation.override("th"):
        cells = [row[4] for row in selectors.report_content(center, YEAR).rows]
    assert "แผ่นพับแนะนำศูนย์ฯ (จำนวน ๒๐)" in cells and "ป้ายนิทรรศการ" in cells
    assert "ประชาสัมพันธ์ผลการดำเนินงานศูนย์ฯ (เพจเฟซบุ๊ก วันที่ ๙ มีนาคม ๒๕๖๓)" in cells
    assert "ประชาสัมพันธ์: คลิปสาธิตการทอผ้า (เพจเฟซบุ๊ก วันที่ ๙ มีนาคม ๒๕๖๓)" in cells
    with translation.override("en"):
        cells = [row[4] for row in selectors.report_content(center, YEAR).rows]
    assert "แผ่นพับแนะนำศูนย์ฯ (quantity 20)" in cells


def test_the_pdf_keeps_a_members_surname_on_one_line(centers):
    from thanrak.centers.models import CommitteeMember
    from thanrak.rules.tests.factories import term

    made = term(centers[PHUNPHIN], [])
    CommitteeMember.objects.create(term=made, name="นางสาวกนกพร วงศ์สวัสดิ์", category="secretary")
    with translation.override("th"):
        content = selectors.report_content(centers[PHUNPHIN], YEAR)
    lines = [norm(line) for line in pdf_text(render.report_pdf([content])).splitlines()]
    # WeasyPrint's dictionary ends a line inside the surname («วงศ์|สวัสดิ์») unless told not to.
    assert any("วงศ์สวัสดิ์" in line for line in lines)


def test_the_pdf_ends_lines_between_words_never_inside_a_place_or_a_word(centers):
    """WeasyPrint's own dictionary ended lines inside «กา|ญจนดิษฐ์» and «หอย|นางรม»: the cells
    are cut as pages cut them (thai_lines), each word kept whole."""
    title = "ให้คำแนะนำการลงทะเบียนผู้ผลิต กลุ่มหอยนางรมและอาหารทะเลแปรรูปอำเภอกาญจนดิษฐ์"
    for day in (9, 10, 11):
        activity(centers[PHUNPHIN], dt.date(2020, 3, day), title=title)
    with translation.override("th"):
        content = selectors.report_content(centers[PHUNPHIN], YEAR)
    lines = [norm(line) for line in pdf_text(render.report_pdf([content])).splitlines()]
    for word in ("กาญจนดิษฐ์", "หอยนางรม", "ผู้ผลิต"):
        assert not any(line.endswith(word[:2]) for line in lines), word
        assert any(word in line for line in lines), word


def test_read_by_column_each_cell_is_shown_once_and_each_activity_with_its_row(centers):
    """A phone reads the form column by column (columns.by_column): every cell of the table
    is there once, each activity with the target groups and files of its own row."""
    center = centers[PHUNPHIN]
    activity(center, dt.date(2020, 3, 9), title="อบรมบัญชีครัวเรือน")
    activity(center, dt.date(2020, 4, 2), title="ตลาดนัดชุมชน", evidence=False)
    expense(center, "650", dt.date(2020, 4, 3))
    with translation.override("th"):
        content = selectors.report_content(center, YEAR)
        parts = content.by_column
    assert [part.column.key for part in parts] == [c.key for c in COLUMNS if c.key != "number"]
    assert [part.summary for part in parts] == content.summary_cells[1:]
    activities = parts[0].activities
    assert [a.number for a in activities] == ["๑", "๒"]
    assert [a.text for a in activities] == [row[1] for row in content.rows[:2]]
    for found, row in zip(activities, content.rows, strict=False):
        headings = [str(heading) for heading, _ in found.details]
        assert headings == ["กลุ่มเป้าหมายที่มารับบริการ", "เอกสารหลักฐานการให้บริการ"]
        assert [cell for _, cell in found.details] == [row[2], row[5]]
    assert "ยังไม่มีไฟล์" in activities[1].details[1][1]
    # The evidence column's receipt comes after the activities' files, on its own.
    evidence = next(part for part in parts if part.column.key == "evidence")
    assert len(evidence.cells) == 1 and "๖๕๐" in evidence.cells[0]
    shown = [a.text for a in activities] + [c for a in activities for _, c in a.details]
    shown += [cell for part in parts for cell in part.cells]
    in_table = [cell for row in content.rows for cell in row[1:] if cell]
    assert sorted(shown) == sorted(in_table)
