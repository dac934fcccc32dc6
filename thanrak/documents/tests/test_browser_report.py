"""Browser test at phone width: the officer words the report, submits it; the province
returns it with a comment, then accepts the corrected one, which is then locked."""

import pytest

from tests.conftest import DESKTOP, PHONE, signed_in_page
from thanrak.centers.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_report_is_worded_submitted_returned_and_accepted_at_phone_width(
    browser_context, live_server, phunphin_officer, province_officer
):
    officer = signed_in_page(browser_context, live_server, phunphin_officer, PHONE)
    url = f"{live_server.url}/districts/8417/reports/2563/?quarter=1"
    officer.goto(url)
    assert "ไตรมาสที่ ๑ ปีงบประมาณ ๒๕๖๓" in officer.inner_text("main")
    assert fits(officer)
    # A phone reads the form column by column; a wider page shows the form's table.
    by_column = officer.get_by_test_id("report-by-column")
    assert by_column.is_visible() and officer.locator("table.report-form").is_hidden()
    assert by_column.get_by_role("heading", name="กิจกรรมที่ดำเนินการ").is_visible()
    officer.set_viewport_size(DESKTOP)
    assert by_column.is_hidden() and officer.locator("table.report-form").is_visible()
    officer.set_viewport_size(PHONE)
    officer.fill("textarea[name=activities]", "จัดกิจกรรมส่งเสริมกลุ่มอาชีพทุกเดือน")
    officer.get_by_role("button", name="บันทึกคำบรรยาย").click()
    officer.wait_for_load_state()
    assert "บันทึกคำบรรยายเรียบร้อยแล้ว" in officer.inner_text("main")
    # Submitting asks first, naming the period.
    questions = []
    officer.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    with officer.expect_navigation():
        officer.get_by_role("button", name="ส่งรายงานให้จังหวัด").click()
    assert questions == ["ส่งรายงานไตรมาสที่ 1 ปีงบประมาณ 2563 ให้จังหวัดหรือไม่"]
    assert "ส่งรายงานให้จังหวัดเรียบร้อยแล้ว" in officer.inner_text("main")
    report = Report.objects.get(center__district="8417", fiscal_year=2563, quarter=1)
    assert report.status == "submitted"

    province = signed_in_page(browser_context, live_server, province_officer, PHONE)
    province.goto(f"{live_server.url}/reports/{report.pk}/review/")
    assert fits(province)
    province.fill("textarea[name=comment]", "ขอให้แนบภาพถ่ายกิจกรรมเดือนธันวาคม")
    province.get_by_role("button", name="ส่งคืนพร้อมความเห็น").click()
    province.wait_for_load_state()

    officer.goto(url)
    assert "ขอให้แนบภาพถ่ายกิจกรรมเดือนธันวาคม" in officer.inner_text("main")
    officer.once("dialog", lambda dialog: dialog.accept())
    with officer.expect_navigation():
        officer.get_by_role("button", name="ส่งรายงานให้จังหวัด").click()

    province.goto(f"{live_server.url}/reports/{report.pk}/review/")
    province.get_by_role("button", name="รับรายงาน").click()
    province.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == "accepted"

    officer.goto(url)
    assert officer.get_by_role("button", name="ส่งรายงานให้จังหวัด").count() == 0
    assert officer.locator("textarea[name=activities]").count() == 0  # locked
    assert fits(officer)
