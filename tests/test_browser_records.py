"""Browser test at phone width: a meeting with its minutes makes R3 held for its quarter."""

import io

import pytest
from PIL import Image

from tests.conftest import PHONE, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def minutes_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), (250, 250, 250)).save(buffer, "PNG")
    return buffer.getvalue()


def test_phunphin_officer_records_a_meeting_and_r3_turns_held(
    browser_context, live_server, phunphin_officer
):
    page = signed_in_page(browser_context, live_server, phunphin_officer, PHONE)

    cell = f"{live_server.url}/districts/8417/compliance/R3/?fy=2563&quarter=2"
    page.goto(cell)
    assert "ไม่ผ่าน" in page.get_by_test_id("rule-details").inner_text()

    page.goto(f"{live_server.url}/districts/8417/meetings/")
    page.get_by_role("link", name="เพิ่ม", exact=True).click()
    date = page.locator("input[name=date]")
    date.fill("20 ก.พ.")  # the browser checks the typed form itself (its pattern compiles)
    assert not date.evaluate("input => input.checkValidity()")
    date.fill("2002256")  # seven digits: not a date
    assert not date.evaluate("input => input.checkValidity()")
    date.fill("20022563")  # eight digits, as a phone's number pad types it (no «/»)
    assert date.evaluate("input => input.checkValidity()")
    page.fill("input[name=title]", "ประชุมคณะกรรมการ ครั้งที่ 2/2563")
    page.fill("textarea[name=minutes]", "ที่ประชุมรับทราบผลการดำเนินงาน")
    page.set_input_files(
        "input[name=files]",
        files=[{"name": "minutes.png", "mimeType": "image/png", "buffer": minutes_png()}],
    )
    # The file input speaks the page's language, whatever the browser's: its button, and
    # the name of the file chosen in place of «No file chosen».
    pick = page.locator(".file-pick").filter(has=page.locator("input[name=files]"))
    assert pick.locator("label").inner_text() == "เลือกไฟล์"
    assert pick.locator("[data-file-names]").inner_text() == "minutes.png"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click("main button[type=submit]")
    page.wait_for_url("**/districts/8417/meetings/*/")
    assert "20 ก.พ. 2563" in page.inner_text("main")

    page.goto(cell)
    details = page.get_by_test_id("rule-details").inner_text()
    assert "ผ่าน" in details and "ไม่ผ่าน" not in details
    assert "ประชุมคณะกรรมการ ครั้งที่ 2/2563" in details
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
