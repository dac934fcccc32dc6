"""The audit trail in the admin, in a browser: the list in Thai, filters, search, exports.

With SCREENSHOT_DIR set, the list is saved there at phone and desktop width
(the desktop shot is docs/images/security-audit-log.png).
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import PASSWORD, PHUNPHIN
from tests.conftest import DESKTOP, PHONE, signed_in_page
from thanrak.producers.tests.factories import make_group, make_wisdom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def screenshot(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(Path(folder) / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_admin_reads_the_trail_of_real_requests(
    browser_context, live_server, client, admin_user, phunphin_officer
):
    # What happened: a mistyped password, a sign-in, a group page, a wisdom export.
    group = make_group(PHUNPHIN)
    make_wisdom(PHUNPHIN, holder="นางสมศรี ใจดี")
    client.post(
        reverse("login"),
        {"username": "phunphin", "password": "wrong"},
        REMOTE_ADDR="10.84.17.23",
    )
    client.post(
        reverse("login"), {"username": "phunphin", "password": PASSWORD}, REMOTE_ADDR="10.84.17.23"
    )
    client.get(
        reverse("producers:group_detail", args=[PHUNPHIN, group.pk]), REMOTE_ADDR="10.84.17.23"
    )
    client.get(reverse("producers:wisdom_export", args=[PHUNPHIN]), REMOTE_ADDR="10.84.17.23")

    page = signed_in_page(browser_context, live_server, admin_user, PHONE)
    page.goto(f"{live_server.url}/admin/audit/auditevent/")
    table = page.locator("#result_list").inner_text()
    for thai in ("เข้าสู่ระบบไม่สำเร็จ", "เข้าสู่ระบบ", "เปิดดูข้อมูลส่วนบุคคล", "ส่งออกข้อมูลส่วนบุคคล"):
        assert thai in table
    assert "10.84.17.23" in table
    assert page.get_by_test_id("export-csv").is_visible()
    assert not page.locator(".object-tools a.addlink").count()  # nobody adds
    screenshot(page, "security-audit-log")

    page.set_viewport_size(DESKTOP)
    page.fill("#searchbar", "10.84.17.23")
    page.locator("#changelist-search input[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#result_list tbody tr").count() == 4
    href = page.get_by_test_id("export-xlsx").get_attribute("href")
    assert href.endswith("?q=10.84.17.23")

    # An event's own page: every field, read-only, the detail as JSON.
    page.locator("#result_list tbody tr").nth(1).locator("a").first.click()
    page.wait_for_load_state()
    content = page.locator("#content").inner_text()
    assert "producers.Group" in content and "เปิดดูข้อมูลส่วนบุคคล" in content
    assert not page.locator("input[type=submit][name=_save]").count()
    screenshot(page, "security-audit-event")
