"""The province's consolidated report: a few pages of summary (PDF), every activity in the workbook."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from conftest import ensure_reference_rows, make_centers, make_persona
from thanrak.accounts.models import User
from thanrak.areas.models import Province
from thanrak.centers.models import Activity
from thanrak.core import thai
from thanrak.core.periods import Period
from thanrak.demo.centers_fy2563 import load_center_records
from thanrak.documents import consolidated, render, selectors
from thanrak.documents.tests.helpers import norm, one_line, pdf_pages, pdf_text
from thanrak.rules import guideline

pytestmark = pytest.mark.django_db
YEAR = Period(2563)
TODAY = dt.date(2020, 10, 15)


@pytest.fixture(scope="module")
def officer_keys(module_db) -> dict[str, int]:
    """The officers, and a year of records of Phunphin and Chaiya, made once for the module."""
    with module_db.unblock(), translation.override("th"):
        ensure_reference_rows()
        centers = make_centers()
        officers = {name: make_persona(name) for name in OFFICERS}
        province = officers["province_officer"]
        load_center_records(centers["8417"], officers["phunphin_officer"], province)
        load_center_records(centers["8406"], officers["chaiya_officer"], province)
        return {name: user.pk for name, user in officers.items()}


OFFICERS = ["province_officer", "phunphin_officer", "chaiya_officer"]


def _officer(name: str):
    @pytest.fixture(name=name)
    def fixture(officer_keys, centers):
        return User.objects.get(pk=officer_keys[name])

    return fixture


# The suite's personas, as the module made them (fresh from the database for each test).
province_officer = _officer("province_officer")
phunphin_officer = _officer("phunphin_officer")
chaiya_officer = _officer("chaiya_officer")


@pytest.fixture
def two_with_records(officer_keys):
    """Phunphin's and Chaiya's records of fiscal year 2563 (the module's)."""


def _file(fmt: str, centers=None, period=YEAR) -> bytes:
    centers = centers or selectors.province_centers("84")
    province = Province.objects.get(pk="84")
    data, _name = consolidated.consolidated_file(province, centers, period, fmt, TODAY)
    return data


def test_pdf_is_a_summary_with_totals_date_and_the_province_officer_signing(
    two_with_records, province_officer
):
    province_officer.position = "พัฒนาการจังหวัดสุราษฎร์ธานี"
    province_officer.save()
    data = _file("pdf")
    assert pdf_pages(data) <= 4  # 19 districts: two short tables, not a form per district
    text = pdf_text(data)
    assert norm("สรุปผลการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานราก จังหวัดสุราษฎร์ธานี") in text
    assert norm("วิภาวดี") in text and "รวม" in text
    assert norm("ผู้รายงาน") in text
    assert norm("(ศิริพร เกษมสุข)") in text
    assert norm("ตำแหน่ง พัฒนาการจังหวัดสุราษฎร์ธานี") in text
    assert norm("วันที่ ๑๕ ตุลาคม ๒๕๖๓") in text  # the date it was made, B.E., Thai digits
    assert "2563" not in text  # every digit Thai


def test_summary_totals_add_up_and_rules_come_from_the_guideline(two_with_records):
    centers = selectors.province_centers("84")
    s = consolidated.summary(Province.objects.get(pk="84"), centers, YEAR, TODAY)
    activities = Activity.objects.filter(date__range=YEAR.range, center__district__province="84")
    assert s.total.activities == activities.count() == sum(line.activities for line in s.lines)
    assert sum(a for a, _p in s.total.months) == s.total.activities
    phunphin = next(line for line in s.lines if line.center.district_id == "8417")
    matrix = guideline.evaluate([phunphin.center.district], 2563, None, TODAY)
    held = [r for r in matrix.rows[0].cells if r.status == guideline.HELD]
    assert phunphin.rules_held == len(held) > 0
    assert phunphin.has_committee and phunphin.members > 0
    assert len(s.month_labels) == 12


def test_workbook_lists_every_activity_of_the_period_as_dated_rows(two_with_records):
    wb = load_workbook(io.BytesIO(_file("xlsx")))
    assert wb.sheetnames == ["สรุป", "รายเดือน", "กิจกรรม"]
    sheet = wb["กิจกรรม"]
    rows = list(sheet.iter_rows(min_row=3))
    activities = Activity.objects.filter(date__range=YEAR.range, center__district__province="84")
    assert len(rows) == activities.count() > 20
    assert {r[2].value for r in rows} == set(activities.values_list("title", flat=True))
    first = rows[0]
    assert first[1].is_date and first[1].number_format == render.BE_DATE
    assert first[7].number_format == "#,##0.00"
    assert sheet.print_title_rows == "$1:$2"  # the title and the header on every page
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    summary = wb["สรุป"]
    lines = {r[0]: r for r in summary.iter_rows(min_row=4, values_only=True) if r[0]}
    assert lines["รวม"][1] == activities.count()
    assert lines["ดอนสัก"][1] == 0


def test_reading_the_summary_takes_the_same_queries_for_2_or_19_districts(two_with_records):
    centers = selectors.province_centers("84")
    province = Province.objects.get(pk="84")
    with_records = [c for c in centers if c.district_id in ("8417", "8406")]
    consolidated.summary(province, with_records, YEAR, TODAY)  # content types cached
    with CaptureQueriesContext(connection) as small:
        consolidated.summary(province, with_records, YEAR, TODAY)
    with CaptureQueriesContext(connection) as large:
        consolidated.summary(province, centers, YEAR, TODAY)
    assert len(large) == len(small) <= 30


def test_a_large_workbook_is_made_in_the_background(
    client, province_officer, two_with_records, settings
):
    settings.EXPORT_INLINE_MAX_ROWS = 5
    client.force_login(province_officer)
    response = client.get(reverse("documents:consolidated_xlsx", args=["84", 2563]))
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:generated_list", args=["84"])
    settings.EXPORT_INLINE_MAX_ROWS = 100_000
    response = client.get(reverse("documents:consolidated_xlsx", args=["84", 2563]))
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_province_review_page_queries_do_not_grow_with_districts(
    client, province_officer, two_with_records
):
    client.force_login(province_officer)
    url = reverse("documents:province_reports", args=["84", 2563])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) < 20


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_consolidated_download_is_for_the_province_only(
    client, province_officer, phunphin_officer, other_province_officer, fmt, centers
):
    url = reverse(f"documents:consolidated_{fmt}", args=["84", 2563]) + "?quarter=1"
    client.force_login(phunphin_officer)
    assert client.get(url).status_code == 403
    client.force_login(other_province_officer)
    assert client.get(url).status_code == 404
    client.force_login(province_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content[:4] in (b"%PDF", b"PK\x03\x04")


def test_the_note_under_the_monthly_table_never_starts_a_page_alone(two_with_records):
    """Around the number of districts where the monthly table fills its page, the page with
    the note under it also holds the table's end (its totals row)."""
    centers = selectors.province_centers("84")
    s = consolidated.summary(Province.objects.get(pk="84"), centers, YEAR, TODAY)
    note = one_line(norm("รายการกิจกรรมทั้งหมดอยู่ในไฟล์"))
    lines, pages_of_note = list(s.lines), set()
    for count in range(16, 23):
        s.lines = (lines * 2)[:count]
        pages = [one_line(p) for p in pdf_text(render.consolidated_pdf(s)).split("\f")]
        [page] = [p for p in pages if note in p]
        pages_of_note.add(pages.index(page))
        assert "รวม" in page.split(note)[0], count  # the totals row above it, on its page
    assert pages_of_note == {0, 1}  # the table did fill its page


def test_the_consolidated_report_lists_districts_in_thai_order_on_an_english_page(centers):
    """The report is a Thai document: an English reader's list (A to Z) does not reorder it."""
    with translation.override("en"):
        english = selectors.province_centers("84")
    names = [c.district.name_th for c in english]
    assert names != sorted(names, key=thai.thai_sort_key)  # the page's order is A to Z
    data = consolidated.summary(
        Province.objects.get(pk="84"), english, Period(2563, 1), dt.date(2020, 12, 1)
    )
    assert [line.name for line in data.lines] == sorted(names, key=thai.thai_sort_key)
