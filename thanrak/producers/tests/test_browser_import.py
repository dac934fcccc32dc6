"""Browser tests at phone width: a workbook with a bad row writes nothing and says where; a
file over the limits is refused; an import whose worker died is retried; the page follows
the background worker without a reload."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.conftest import PHONE, SERVER_LOCK, signed_in_page
from thanrak.producers.imports import SPECS
from thanrak.producers.models import ImportJob, Producer
from thanrak.producers.tests.factories import workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows(bad: bool) -> list[list[object]]:
    data = [
        [f"กลุ่มทอผ้าที่ {i}", "กลุ่มผู้ผลิตชุมชน", f"8417-{i:04d}", 2562, "", "", ""] for i in range(1, 13)
    ]
    if bad:
        data[4][1] = "วิสาหกิจ"  # row 6: not a producer type
    return data


@pytest.fixture(autouse=True)
def poll_fast(settings):
    """The page follows its job every 100 ms (a second in the product): no idle waits."""
    settings.IMPORT_POLL_INTERVAL = "100ms"


def signed_in(browser_context, live_server, officer):
    """A phone-width page signed in as Phunphin's district officer."""
    return signed_in_page(browser_context, live_server, officer, PHONE)


def upload(page, live_server, data: list[list[object]]) -> None:
    """Send a producers workbook from the imports page."""
    headers = [c.header for c in SPECS["producers"]]
    page.goto(f"{live_server.url}/districts/8417/imports/")
    page.select_option("select[name=kind]", "producers")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "p.xlsx", "mimeType": XLSX, "buffer": workbook(headers, data)}],
    )
    page.click("main form.record-form button[type=submit]")


@override_settings(TASKS=IMMEDIATE)
def test_officer_imports_producers_after_fixing_the_row_reported_in_thai(
    browser_context, live_server, phunphin_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page = signed_in(browser_context, live_server, phunphin_officer)
    upload(page, live_server, rows(True))
    page.wait_for_url("**/imports/*/")
    status = page.inner_text("#import-status")
    assert "ไม่มีการบันทึกข้อมูลใด" in status
    assert "6\tประเภท\tไม่รู้จักค่า “วิสาหกิจ” กรุณาใช้ค่าใดค่าหนึ่งต่อไปนี้" in status
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert Producer.objects.count() == 0

    upload(page, live_server, rows(False))
    page.wait_for_url("**/imports/*/")
    assert "กลุ่มทอผ้าที่ 1" in page.inner_text("#import-status")  # the preview
    page.click("#import-status button[type=submit]")
    page.wait_for_selector("text=นำเข้าแล้ว 12 รายการ")
    assert Producer.objects.filter(district="8417").count() == 12


@override_settings(TASKS=IMMEDIATE)
def test_officer_sees_a_file_refused_and_retries_an_import_that_stopped(
    browser_context, live_server, phunphin_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_MAX_ROWS = 10
    page = signed_in(browser_context, live_server, phunphin_officer)
    upload(page, live_server, rows(False))
    error = page.inner_text("main form.record-form .errorlist")
    assert "ไฟล์มีข้อมูลเกิน 10 แถว" in error
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert ImportJob.objects.count() == 0

    settings.IMPORT_MAX_ROWS = 100
    upload(page, live_server, rows(False))
    page.wait_for_url("**/imports/*/")
    job = ImportJob.objects.get()
    # The worker writing it died: the job is left "importing", silent for an hour.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.WRITING, heartbeat_at=timezone.now() - dt.timedelta(hours=1)
    )
    page.reload()
    status = page.inner_text("#import-status")
    assert "การนำเข้าหยุดลงก่อนเสร็จสิ้น" in status
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click("#import-status button:has-text('ลองอีกครั้ง')")
    page.wait_for_selector("text=พร้อมนำเข้า")
    page.click("#import-status button[type=submit]")
    page.wait_for_selector("text=นำเข้าแล้ว 12 รายการ")
    assert Producer.objects.filter(district="8417").count() == 12


def run_worker() -> None:
    """What `manage.py db_worker` would do now: run every queued task, then stop (between
    two of the page's polls, which share the in-memory database's connection on SQLite)."""
    with SERVER_LOCK:
        call_command("db_worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_page_follows_the_worker_from_upload_to_imported_without_a_reload(
    browser_context, live_server, phunphin_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page = signed_in(browser_context, live_server, phunphin_officer)
    upload(page, live_server, rows(False))
    page.wait_for_url("**/imports/*/")
    # Queued: no worker yet. The page polls and shows it is working.
    status = page.locator("#import-status")
    assert status.get_attribute("data-status") == "queued"
    assert status.locator("progress").count() == 1
    page.evaluate("window.__samePage = true")  # gone if the page were reloaded

    run_worker()  # checks the file
    confirm = page.get_by_test_id("import-confirm")
    confirm.wait_for()
    assert "พร้อมนำเข้า" in status.inner_text()
    confirm.click()
    # At once, before any worker: the page follows the job instead of offering the button.
    page.locator("#import-status[data-status=confirmed]").wait_for()
    assert "รอเริ่มนำเข้า" in status.inner_text() and "พร้อมนำเข้า" not in status.inner_text()
    assert page.get_by_test_id("import-confirm").count() == 0
    assert Producer.objects.count() == 0

    run_worker()  # writes the rows
    page.wait_for_selector("text=นำเข้าแล้ว 12 รายการ")
    assert page.evaluate("window.__samePage") is True
    assert status.locator("progress").count() == 0
    page.get_by_test_id("imported-list").click()
    page.wait_for_url("**/districts/8417/otop/producers/")
    assert Producer.objects.filter(district="8417").count() == 12


def test_reloading_after_confirming_shows_the_wait_and_follows_the_worker(
    browser_context, live_server, phunphin_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page = signed_in(browser_context, live_server, phunphin_officer)
    upload(page, live_server, rows(False))
    page.wait_for_url("**/imports/*/")
    run_worker()  # checks the file
    page.get_by_test_id("import-confirm").click()
    page.locator("#import-status[data-status=confirmed]").wait_for()

    # The officer reloads (or comes back later from the imports list): still waiting.
    page.reload()
    status = page.locator("#import-status")
    assert status.get_attribute("data-status") == "confirmed"
    assert "รอเริ่มนำเข้า" in status.inner_text()
    assert status.locator("progress").count() == 1
    assert page.get_by_test_id("import-confirm").count() == 0

    run_worker()  # writes the rows; the reloaded page follows it
    page.wait_for_selector("text=นำเข้าแล้ว 12 รายการ")
    assert Producer.objects.filter(district="8417").count() == 12
