"""Browser tests at phone width: on a weak connection the visit form never says an answer is
saved when it is not, keeps unsent answers on the phone and sends them when it can."""

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import PHONE
from thanrak.monitoring.models import ItemFinding, VisitFinding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_SAVED = "ยังไม่ได้บันทึก — จะลองใหม่เมื่อมีสัญญาณ"
KEPT = "() => Object.keys(localStorage).filter((key) => key.startsWith('thanrak:visit:'))"


@pytest.fixture
def visit(demo_round):
    """The พุนพิน visit of team ผอ.พิชัย (findings recorded by the demo)."""
    return demo_round.visits.get(district="8417")


@pytest.fixture
def phone(browser_context, live_server, team_users):
    """A phone signed in as a member of the visit's team (pichai.team)."""
    client = Client()
    client.force_login(team_users["pichai.team"])
    context = browser_context.new_context(viewport=PHONE, base_url=live_server.url)
    context.set_default_timeout(10_000)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    yield context
    context.close()


def other_result(visit, order: int) -> tuple[str, str]:
    """A result (value, Thai label) the item does not have yet."""
    current = ItemFinding.objects.filter(visit=visit, item__order=order).first()
    choices = [("not_found", "ไม่พบ"), ("partly", "พบบางส่วน")]
    return next(c for c in choices if current is None or current.result != c[0])


def test_an_answer_given_offline_says_not_saved_and_is_sent_when_the_signal_returns(phone, visit):
    page = phone.new_page()
    page.goto(visit.get_absolute_url())
    item = page.get_by_test_id("item-1")
    value, label = other_result(visit, 1)

    phone.set_offline(True)
    item.get_by_text(label, exact=True).click()
    item.locator("textarea").fill("ไม่มีสัญญาณที่ศูนย์ฯ")
    item.locator("textarea").blur()
    result_state = item.locator('[data-answer-state="result"]')
    comment_state = item.locator('[data-answer-state="comment"]')
    result_state.get_by_text(NOT_SAVED).wait_for()
    comment_state.get_by_text(NOT_SAVED).wait_for()
    assert "บันทึกแล้ว" not in item.inner_text()
    assert page.get_by_test_id("pending-summary").inner_text() == "รอส่ง 2 รายการ"
    assert len(page.evaluate(KEPT)) == 2
    finding = ItemFinding.objects.get(visit=visit, item__order=1)
    assert finding.result != value and finding.comment != "ไม่มีสัญญาณที่ศูนย์ฯ"

    # The signal returns: sent without anyone touching the page.
    phone.set_offline(False)
    result_state.get_by_text("บันทึกแล้ว").wait_for()
    comment_state.get_by_text("บันทึกแล้ว").wait_for()
    assert result_state.inner_text().endswith(" น.")
    finding.refresh_from_db()
    assert (finding.result, finding.comment) == (value, "ไม่มีสัญญาณที่ศูนย์ฯ")
    assert page.get_by_test_id("pending-summary").is_hidden()
    assert page.evaluate(KEPT) == []


def test_a_pending_answer_survives_a_reload_and_is_sent(phone, visit):
    page = phone.new_page()
    page.goto(visit.get_absolute_url())
    # The server fails every save (a proxy in trouble): the answers are not saved.
    failed_posts = []

    def fail_posts(route):
        if route.request.method == "POST":
            failed_posts.append(route.request.url)
            route.fulfill(status=503, body="")
        else:
            route.continue_()

    page.route("**/visits/**", fail_posts)
    overall = page.get_by_test_id("overall-form")
    overall.locator("textarea[name=recommendations]").fill("ควรจัดทำแผนสำรองเมื่อไฟฟ้าดับ")
    overall.locator("textarea[name=recommendations]").blur()
    state = overall.locator('[data-answer-state="recommendations"]')
    state.get_by_text(NOT_SAVED).wait_for()
    assert failed_posts

    # Reloaded before it could be sent: it comes back from the phone and is sent at once
    # (still refused by the server here, so still not saved).
    with page.expect_request(lambda request: request.method == "POST"):
        page.reload()
    overall = page.get_by_test_id("overall-form")
    field = overall.locator("textarea[name=recommendations]")
    assert field.input_value() == "ควรจัดทำแผนสำรองเมื่อไฟฟ้าดับ"
    state = overall.locator('[data-answer-state="recommendations"]')
    state.get_by_text(NOT_SAVED).wait_for()
    assert page.get_by_test_id("pending-summary").inner_text() == "รอส่ง 1 รายการ"
    assert not VisitFinding.objects.filter(visit=visit, recommendations__startswith="ควรจัด")

    # The server is well again; the phone is reloaded: the kept answer is sent and saved.
    page.unroute("**/visits/**")
    page.reload()
    overall = page.get_by_test_id("overall-form")
    overall.locator('[data-answer-state="recommendations"]').get_by_text("บันทึกแล้ว").wait_for()
    finding = VisitFinding.objects.get(visit=visit)
    assert finding.recommendations == "ควรจัดทำแผนสำรองเมื่อไฟฟ้าดับ"
    assert page.get_by_test_id("pending-summary").is_hidden()
    assert page.evaluate(KEPT) == []


def test_a_photo_that_did_not_go_says_so(phone, visit):
    page = phone.new_page()
    page.goto(visit.get_absolute_url())
    photos_before = ItemFinding.objects.get(visit=visit, item__order=1).evidence.count()
    page.route(
        "**/visits/**",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    item = page.get_by_test_id("item-1")
    item.locator("input[type=file]").set_input_files(
        files=[{"name": "camera.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff"}]
    )
    state = item.locator('[data-answer-state="files"]')
    state.get_by_text("รูปภาพยังไม่ได้บันทึก").wait_for()
    assert "บันทึก" not in item.locator(".item-status").inner_text()
    assert ItemFinding.objects.get(visit=visit, item__order=1).evidence.count() == photos_before
