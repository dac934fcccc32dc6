"""Every Excel export, fetched through its URL, prints right: each sheet on A4, one page
wide, its header rows frozen and repeated on every printed page; dates are date cells shown
in B.E. (Excel's Thai Buddhist calendar), amounts numbers shown with ``#,##0.00``.

What a spreadsheet program makes of it (the B.E. year on paper, the width) is checked by
printing the workbooks with LibreOffice; these tests hold the settings that do it.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import PHUNPHIN
from thanrak.audit.models import AuditEvent
from thanrak.centers.models import Activity, Expense
from thanrak.core.spreadsheets import AMOUNT, BE_DATE, BE_DATE_THAI, BE_DATETIME
from thanrak.documents import exports as list_exports
from thanrak.documents.models import GeneratedDocument
from thanrak.monitoring.tests.factories import make_round, make_visit
from thanrak.producers.tests.factories import make_service

pytestmark = pytest.mark.django_db

DATE_FORMATS = {BE_DATE, BE_DATE_THAI, BE_DATETIME, f"{BE_DATETIME}:ss"}


def sheets_of(content: bytes) -> list:
    return load_workbook(io.BytesIO(content)).worksheets


def assert_prints(content: bytes, header_rows: list[int] | int) -> list:
    """Every sheet: A4, fit to one page wide, header rows frozen and printed on each page.

    ``header_rows``: of every sheet, or of each sheet in order.
    """
    sheets = sheets_of(content)
    if isinstance(header_rows, int):
        header_rows = [header_rows] * len(sheets)
    assert len(sheets) == len(header_rows)
    for sheet, rows in zip(sheets, header_rows, strict=True):
        setup = sheet.page_setup
        assert setup.paperSize == 9, sheet.title  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert setup.orientation in ("portrait", "landscape")
        assert sheet.print_title_rows == f"$1:${rows}", sheet.title
        assert sheet.freeze_panes and sheet.freeze_panes.endswith(str(rows + 1)), sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, dt.date):
                    assert cell.number_format in DATE_FORMATS, (sheet.title, cell.coordinate)
    return sheets


def column(sheet, header: str, header_row: int) -> list:
    index = [c.value for c in sheet[header_row]].index(header)
    return [row[index] for row in sheet.iter_rows(min_row=header_row + 1)]


def test_record_list_has_date_cells_in_buddhist_era(client, phunphin_officer):
    make_service(PHUNPHIN)
    client.force_login(phunphin_officer)
    response = client.get(reverse("producers:service_export", args=[PHUNPHIN]) + "?fy=all")
    (sheet,) = assert_prints(response.content, header_rows=2)
    dates = [c for row in sheet.iter_rows(min_row=3) for c in row if c.is_date]
    assert [(c.value.date(), c.number_format) for c in dates] == [(dt.date(2020, 2, 20), BE_DATE)]
    assert sheet.print_options.gridLines  # a list without borders prints its grid


@pytest.mark.parametrize("kind", ["wisdom", "group", "producer", "product"])
def test_every_record_list_prints_on_a4(client, phunphin_officer, kind):
    client.force_login(phunphin_officer)
    response = client.get(reverse(f"producers:{kind}_export", args=[PHUNPHIN]) + "?fy=all")
    assert_prints(response.content, header_rows=2)


def test_expiring_certifications_print_on_a4(client, phunphin_officer, province_officer):
    client.force_login(phunphin_officer)
    district = client.get(reverse("producers:expiring", args=[PHUNPHIN]), {"format": "xlsx"})
    assert_prints(district.content, header_rows=2)
    client.force_login(province_officer)
    province = client.get(reverse("producers:province", args=["84"]), {"format": "xlsx"})
    assert_prints(province.content, header_rows=2)


def test_import_templates_print_on_a4(client, phunphin_officer):
    client.force_login(phunphin_officer)
    response = client.get(reverse("producers:import_template"), {"kind": "producers"})
    assert_prints(response.content, header_rows=1)


def test_report_form_prints_landscape_with_its_header(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    response = client.get(reverse("documents:report_xlsx", args=[PHUNPHIN, 2563]))
    (sheet,) = assert_prints(response.content, header_rows=3)
    assert sheet.page_setup.orientation == "landscape"


def test_consolidated_report_has_amounts_and_buddhist_dates(client, province_officer, centers):
    center = centers[PHUNPHIN]
    Activity.objects.create(
        center=center, date=dt.date(2020, 8, 20), title="อบรม", kind="form_groups", cost=1500
    )
    Expense.objects.create(
        center=center, date=dt.date(2020, 8, 20), description="ค่าวัสดุ", amount=Decimal("1250.5")
    )
    client.force_login(province_officer)
    response = client.get(reverse("documents:consolidated_xlsx", args=["84", 2563]))
    sheets = assert_prints(response.content, [3, 2, 2])
    summary, _months, activities = sheets
    assert all(s.page_setup.orientation == "landscape" for s in sheets)
    assert summary.freeze_panes == "B4"  # the district's name stays in view
    spent = column(summary, "ใช้จ่าย (บาท)", 3)
    assert any(c.value == 1250.5 and c.number_format == AMOUNT for c in spent)
    (date,) = [c for c in column(activities, "วันที่", 2) if c.value]
    assert date.is_date and date.value.date() == dt.date(2020, 8, 20)
    assert date.number_format == BE_DATE
    (cost,) = [c for c in column(activities, "ค่าใช้จ่าย (บาท)", 2) if c.value is not None]
    assert (cost.value, cost.number_format) == (1500, AMOUNT)


@pytest.fixture
def summer_round(centers):
    round_ = make_round("84")
    make_visit(PHUNPHIN)
    make_visit("8406")
    return round_


def test_monitoring_summary_has_date_cells(client, province_officer, summer_round):
    client.force_login(province_officer)
    response = client.get(reverse("monitoring:summary_xlsx", args=[summer_round.pk]))
    findings, per_item = assert_prints(response.content, [2, 1])
    assert findings.page_setup.orientation == "landscape"  # a column per item: wide
    assert findings.freeze_panes == "C3"  # the district stays in view
    dates = [c for c in column(findings, "วันที่", 2) if c.value]
    assert len(dates) == 2
    assert all(c.is_date and c.number_format == BE_DATE for c in dates)


def test_schedule_rows_each_carry_date_and_team(client, province_officer, summer_round):
    client.force_login(province_officer)
    response = client.get(reverse("documents:schedule_xlsx", kwargs={"round": summer_round.pk}))
    (sheet,) = assert_prints(response.content, header_rows=3)
    rows = list(sheet.iter_rows(min_row=4))
    assert len(rows) == 2
    for date, _time, _place, team, _note in rows:
        assert date.is_date and date.number_format == BE_DATE_THAI
        assert team.value


def test_audit_trail_workbook_prints_on_a4(client, admin_user):
    AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, username="x", created_at=timezone.now())
    client.force_login(admin_user)
    response = client.get(reverse("admin:audit_auditevent_export", args=["xlsx"]))
    (sheet,) = assert_prints(response.content, header_rows=1)
    assert sheet["A2"].is_date and sheet["A2"].number_format == f"{BE_DATETIME}:ss"


@pytest.mark.parametrize("what", ["service", "activities"])
def test_lists_made_in_the_background_print_on_a4(centers, province_officer, what):
    make_service(PHUNPHIN)
    document = GeneratedDocument.objects.create(
        province_id="84",
        district_id=None if what == "activities" else PHUNPHIN,
        kind=GeneratedDocument.Kind.EXPORT,
        what=what,
        fiscal_year=2563,
        requested_by=province_officer,
    )
    data, _name = list_exports.write(document, lambda percent: None)
    expected = [3, 2, 2] if what == "activities" else 2
    assert_prints(data, expected)
