"""The province's consolidated report: one PDF and one workbook, with a summary sheet."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from thanrak.demo.centers_fy2563 import load_center_records
from thanrak.documents import render, selectors
from thanrak.documents.tests.helpers import norm, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db
YEAR = selectors.Period(2563)


@pytest.fixture
def two_with_records(centers, phunphin_officer, chaiya_officer, province_officer):
    with translation.override("th"):
        load_center_records(centers["8417"], phunphin_officer, province_officer)
        load_center_records(centers["8406"], chaiya_officer, province_officer)


def test_workbook_has_a_summary_sheet_and_one_sheet_per_district(two_with_records):
    contents = selectors.report_contents(selectors.province_centers("84"), YEAR)
    wb = load_workbook(io.BytesIO(render.report_xlsx(contents, summary=True)))
    assert wb.sheetnames[0] == "สรุป"
    assert len(wb.sheetnames) == 20
    summary = wb["สรุป"]
    rows = {r[0]: r for r in summary.iter_rows(min_row=4, values_only=True)}
    assert rows["พุนพิน"][1] >= 10  # activities of the year
    assert rows["ดอนสัก"][1] == 0
    assert str(rows["รวม"][1]).startswith("=SUM(")
    sheet = wb["พุนพิน"]
    assert sheet["A3"].value == "ที่" and sheet["G3"].value == "แผนการดำเนินงานของศูนย์ฯ"
    assert sheet.print_title_rows == "$3:$3"


def test_pdf_has_the_summary_then_every_district(two_with_records):
    contents = selectors.report_contents(selectors.province_centers("84"), YEAR)
    data = render.consolidated_pdf(contents, YEAR)
    assert pdf_pages(data) >= 20
    text = pdf_text(data)
    assert norm("สรุปผลการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานราก") in text
    assert norm("สำนักงานพัฒนาชุมชนอำเภอไชยา") in text
    assert norm("สำนักงานพัฒนาชุมชนอำเภอวิภาวดี") in text


def test_reading_the_contents_takes_the_same_queries_for_2_or_19_districts(two_with_records):
    centers = selectors.province_centers("84")
    with_records = [c for c in centers if c.district_id in ("8417", "8406")]
    selectors.report_contents(with_records, YEAR)  # content types are cached after this
    with CaptureQueriesContext(connection) as small:
        selectors.report_contents(with_records, YEAR)
    with CaptureQueriesContext(connection) as large:
        selectors.report_contents(centers, YEAR)
    assert len(large) == len(small) <= 20


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
