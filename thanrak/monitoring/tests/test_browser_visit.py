"""Browser test at phone width: a member of team ผอ.พิชัย answers the checklist for พุนพิน
with a photo; reloading midway keeps every answer already given."""

import io

import pytest
from django.utils import translation
from PIL import Image

from tests.conftest import PHONE, signed_in_page
from thanrak.areas.models import Province
from thanrak.demo.monitoring import load_monitoring
from thanrak.monitoring.models import ItemFinding, VisitFinding
from thanrak.monitoring.tests.factories import seed_team_users

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def camera_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (90, 140, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def answer_the_first_two_items(page, visit) -> None:
    """Item 1: found, a comment and a photo from the camera; each saves as it is given.
    Item 2: partly found, taken back to no result, then partly found again."""
    first = page.get_by_test_id("item-1")
    first.get_by_role("radio", name="พบ", exact=True).click()
    first.locator('[data-answer-state="result"]').get_by_text("บันทึกแล้ว").wait_for()
    first.locator("textarea").fill("มีแผนผังโครงสร้างติดที่ศูนย์ฯ")
    with page.expect_response(lambda r: r.request.method == "POST"):
        first.locator("textarea").blur()
    first.locator("input[type=file]").set_input_files(
        files=[{"name": "camera.jpg", "mimeType": "image/jpeg", "buffer": camera_photo()}]
    )
    first.locator(".evidence-thumb").wait_for(state="attached")
    second = page.get_by_test_id("item-2")
    second.get_by_role("radio", name="พบบางส่วน", exact=True).click()
    second.locator('[data-answer-state="result"]').get_by_text("บันทึกแล้ว").wait_for()
    # A result chosen on the wrong item is taken back: no result again.
    with page.expect_response(lambda r: r.request.method == "POST" and r.ok):
        second.get_by_text("ยังไม่ระบุผล", exact=True).click()
    second.locator('[data-answer-state="result"]').get_by_text("บันทึกแล้ว").wait_for()
    assert ItemFinding.objects.get(visit=visit, item__order=2).result == ""
    with page.expect_response(lambda r: r.request.method == "POST" and r.ok):
        second.get_by_role("radio", name="พบบางส่วน", exact=True).click()
    second.locator('[data-answer-state="result"]').get_by_text("บันทึกแล้ว").wait_for()


def comment_without_a_result(page, visit) -> None:
    """Item 3, not answered: a comment saved on it says it is not answered yet, also after a
    reload and a Save with nothing changed, until its result is chosen (by another member
    here, as the next save shows)."""
    third = page.get_by_test_id("item-3")
    assert third.locator("input[type=radio]:checked").get_attribute("value") == ""
    third.locator("textarea").fill("ขอดูรายงานการประชุมฉบับจริงอีกครั้ง")
    with page.expect_response(lambda r: r.request.method == "POST"):
        third.locator("textarea").blur()
    missing = third.locator('[data-answer-state="result"][data-state="missing"]')
    missing.get_by_text("ยังไม่ได้เลือกผล").wait_for()
    page.reload()
    assert "ยังไม่ได้เลือกผล" in missing.inner_text()
    # Save pressed with nothing changed sends nothing and still says so.
    third.get_by_role("button", name="บันทึก", exact=True).click()
    assert "ยังไม่ได้เลือกผล" in missing.inner_text()
    # Another member chooses its result meanwhile: this member's next save no longer says so.
    ItemFinding.objects.filter(visit=visit, item__order=3).update(result="partly")
    third.locator("textarea").fill("ขอดูรายงานการประชุมฉบับจริง")
    with page.expect_response(lambda r: r.request.method == "POST"):
        third.locator("textarea").blur()
    third.locator('[data-answer-state="comment"]').get_by_text("บันทึกแล้ว").wait_for()
    assert not missing.count()


def test_team_member_answers_the_checklist_on_a_phone(
    browser_context, live_server, centers, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    member = seed_team_users()["pichai.team"]
    with translation.override("th"):
        round_ = load_monitoring(Province.objects.get(pk="84"))
    visit = round_.visits.get(district="8417")
    ItemFinding.objects.filter(visit=visit).delete()
    VisitFinding.objects.filter(visit=visit).delete()

    page = signed_in_page(browser_context, live_server, member, PHONE)
    page.goto(f"{live_server.url}{visit.get_absolute_url()}")
    assert "ที่ว่าการอำเภอพุนพิน" in page.inner_text("h1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    answer_the_first_two_items(page, visit)

    # The connection drops, the page reloads: what was answered is still there.
    page.reload()
    first = page.get_by_test_id("item-1")
    assert first.locator("input[value=found]").is_checked()
    assert first.locator("textarea").input_value() == "มีแผนผังโครงสร้างติดที่ศูนย์ฯ"
    assert first.locator(".evidence-thumb").count() == 1
    assert page.get_by_test_id("item-2").locator("input[value=partly]").is_checked()
    comment_without_a_result(page, visit)

    # The rest of the checklist, then the overall finding.
    for n, answer in ((3, "พบ"), (4, "พบ"), (5, "ไม่พบ"), (6, "พบ")):
        item = page.get_by_test_id(f"item-{n}")
        item.get_by_role("radio", name=answer, exact=True).click()
        item.locator('[data-answer-state="result"]').get_by_text("บันทึกแล้ว").wait_for()
    overall = page.get_by_test_id("overall-form")
    overall.locator("textarea[name=overall]").fill("ศูนย์ฯ ดำเนินงานครบถ้วน")
    overall.locator("textarea[name=recommendations]").fill("ควรประชาสัมพันธ์ผ่านเพจของอำเภอ")
    overall.locator("textarea[name=recommendations]").blur()
    overall.locator('[data-answer-state="overall"]').get_by_text("บันทึกแล้ว").wait_for()
    overall.locator('[data-answer-state="recommendations"]').get_by_text("บันทึกแล้ว").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    results = dict(ItemFinding.objects.filter(visit=visit).values_list("item__order", "result"))
    assert results == {1: "found", 2: "partly", 3: "found", 4: "found", 5: "not_found", 6: "found"}
    first_finding = ItemFinding.objects.get(visit=visit, item__order=1)
    assert first_finding.comment == "มีแผนผังโครงสร้างติดที่ศูนย์ฯ"
    assert first_finding.evidence.count() == 1
    finding = VisitFinding.objects.get(visit=visit)
    assert finding.recommendations == "ควรประชาสัมพันธ์ผ่านเพจของอำเภอ"

    # The district's readiness is one tap away.
    page.get_by_test_id("readiness-link").click()
    page.wait_for_url("**/districts/8417/readiness/**")
