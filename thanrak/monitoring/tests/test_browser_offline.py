"""Browser tests at phone width: the visit form opens again without a signal (service
worker), keeps answers and photos given offline in IndexedDB, says how many wait, and
sends them when the signal returns, each once (idempotency keys), never saying an answer
is saved when it is not."""

import io
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.conftest import PHONE, open_account_menu, sign_in
from thanrak.monitoring.models import ItemFinding, SentAnswer, VisitFinding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_SAVED = "ยังไม่ได้บันทึก — จะลองใหม่เมื่อมีสัญญาณ"
# How many entries the page keeps in IndexedDB (read after the page has opened its store).
KEPT = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open("thanrak-visits");
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const count = open.result.transaction("outbox").objectStore("outbox").count();
    count.onsuccess = () => { resolve(count.result); open.result.close(); };
  };
})"""


def camera_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 140, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def visit(demo_round):
    """The พุนพิน visit of team ผอ.พิชัย (findings recorded by the demo)."""
    return demo_round.visits.get(district="8417")


@pytest.fixture
def phone(browser_context, live_server, team_users):
    """A phone signed in as a member of the visit's team (pichai.team)."""
    context = browser_context.new_context(viewport=PHONE, base_url=live_server.url)
    context.set_default_timeout(10_000)
    sign_in(context, live_server, team_users["pichai.team"])
    yield context
    context.close()


def other_result(visit, order: int) -> tuple[str, str]:
    """A result (value, Thai label) the item does not have yet."""
    current = ItemFinding.objects.filter(visit=visit, item__order=order).first()
    choices = [("not_found", "ไม่พบ"), ("partly", "พบบางส่วน")]
    return next(c for c in choices if current is None or current.result != c[0])


def open_and_keep(phone, visit):
    """Open the visit with a signal and wait until the service worker keeps it."""
    page = phone.new_page()
    page.goto(visit.get_absolute_url())
    page.get_by_test_id("offline-ready").wait_for()
    return page


def go_offline(phone, page) -> None:
    """No signal, as the page knows it: Playwright's switch reaches the page's
    navigator.onLine a moment later, and on a busy machine an answer given before that
    would still be sent. (Asked from here: ``wait_for_function`` polls by evaluating its
    expression in the page, which the page's CSP refuses.)"""
    phone.set_offline(True)
    deadline = time.monotonic() + 10
    while page.evaluate("navigator.onLine"):
        assert time.monotonic() < deadline, "the page never learnt it was offline"
        page.wait_for_timeout(20)


def answer_offline_with_a_photo(phone, visit, answers) -> None:
    """No signal: three answers and a photo from the camera, kept on the phone."""
    page = open_and_keep(phone, visit)
    go_offline(phone, page)
    for order, (_value, label) in answers.items():
        item = page.get_by_test_id(f"item-{order}")
        item.get_by_text(label, exact=True).click()
        item.locator('[data-answer-state="result"]').get_by_text(NOT_SAVED).wait_for()
    page.get_by_test_id("item-1").locator("input[type=file]").set_input_files(
        files=[{"name": "camera.jpg", "mimeType": "image/jpeg", "buffer": camera_photo()}]
    )
    page.get_by_test_id("pending-summary").get_by_text("รอส่ง 4 รายการ").wait_for()
    assert page.evaluate(KEPT) == 4
    page.close()


def reopen_offline(phone, visit, answers):
    """Still no signal: the page opens again from the phone, with what waits."""
    page = phone.new_page()
    response = page.goto(visit.get_absolute_url())
    assert response.from_service_worker
    assert "ที่ว่าการอำเภอพุนพิน" in page.inner_text("h1")
    # What waits is read back from IndexedDB after the page has loaded: wait for it.
    expect(page.get_by_test_id("pending-summary")).to_have_text("รอส่ง 4 รายการ")
    for order, (value, _label) in answers.items():
        item = page.get_by_test_id(f"item-{order}")
        expect(item.locator(f"input[value={value}]")).to_be_checked()
    expect(page.get_by_test_id("item-1")).to_contain_text("รูปภาพรอส่ง 1 รูป")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for order, (value, _label) in answers.items():
        assert ItemFinding.objects.get(visit=visit, item__order=order).result != value
    return page


def test_answers_and_a_photo_given_offline_survive_closing_the_page_and_are_sent_once(phone, visit):
    photos_before = ItemFinding.objects.get(visit=visit, item__order=1).evidence.count()
    answers = {order: other_result(visit, order) for order in (1, 2, 3)}
    answer_offline_with_a_photo(phone, visit, answers)
    page = reopen_offline(phone, visit, answers)

    # The signal returns, but the reply to the first send is lost on the way: the server
    # saved it, the phone does not know and sends it again with the same key.
    lost = []

    def lose_first_reply(route):
        if route.request.method == "POST" and not lost:
            lost.append(route.request.post_data_buffer)
            route.fetch()  # reaches the server
            route.abort()  # the reply never reaches the phone
        else:
            route.continue_()

    page.route("**/visits/**", lose_first_reply)
    phone.set_offline(False)
    page.get_by_test_id("item-1").locator('[data-answer-state="result"]').get_by_text(
        NOT_SAVED
    ).wait_for()
    assert lost
    # The server has the first answer; the phone still keeps it.
    assert ItemFinding.objects.get(visit=visit, item__order=1).result == answers[1][0]
    expect(page.get_by_test_id("pending-summary")).to_have_text("รอส่ง 4 รายการ")
    # The signal comes and goes again: everything is sent.
    phone.set_offline(True)
    phone.set_offline(False)
    page.get_by_test_id("pending-summary").wait_for(state="hidden")
    for order in answers:
        state = page.get_by_test_id(f"item-{order}").locator('[data-answer-state="result"]')
        assert state.inner_text().startswith("บันทึกแล้ว")
    page.get_by_test_id("item-1").locator('[data-answer-state="files"]').get_by_text(
        "บันทึกรูปภาพแล้ว"
    ).wait_for()
    assert page.evaluate(KEPT) == 0

    for order, (value, _label) in answers.items():
        assert ItemFinding.objects.get(visit=visit, item__order=order).result == value
    first = ItemFinding.objects.get(visit=visit, item__order=1)
    assert first.evidence.count() == photos_before + 1
    assert SentAnswer.objects.filter(visit=visit).count() == 4
    assert first.history.filter(result=answers[1][0]).count() == 1


def test_an_answer_given_offline_says_not_saved_and_is_sent_when_the_signal_returns(phone, visit):
    page = phone.new_page()
    page.goto(visit.get_absolute_url())
    item = page.get_by_test_id("item-1")
    value, label = other_result(visit, 1)

    go_offline(phone, page)
    item.get_by_text(label, exact=True).click()
    item.locator("textarea").fill("ไม่มีสัญญาณที่ศูนย์ฯ")
    item.locator("textarea").blur()
    result_state = item.locator('[data-answer-state="result"]')
    comment_state = item.locator('[data-answer-state="comment"]')
    result_state.get_by_text(NOT_SAVED).wait_for()
    comment_state.get_by_text(NOT_SAVED).wait_for()
    assert "บันทึกแล้ว" not in item.inner_text()
    expect(page.get_by_test_id("pending-summary")).to_have_text("รอส่ง 2 รายการ")
    assert page.evaluate(KEPT) == 1  # both answers of the item in one entry
    finding = ItemFinding.objects.get(visit=visit, item__order=1)
    assert finding.result != value and finding.comment != "ไม่มีสัญญาณที่ศูนย์ฯ"

    # The signal returns: sent without anyone touching the page.
    phone.set_offline(False)
    result_state.get_by_text("บันทึกแล้ว").wait_for()
    comment_state.get_by_text("บันทึกแล้ว").wait_for()
    assert result_state.inner_text().endswith(" น.")
    finding.refresh_from_db()
    assert (finding.result, finding.comment) == (value, "ไม่มีสัญญาณที่ศูนย์ฯ")
    expect(page.get_by_test_id("pending-summary")).to_be_hidden()
    assert page.evaluate(KEPT) == 0


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
    expect(page.get_by_test_id("pending-summary")).to_have_text("รอส่ง 1 รายการ")
    assert not VisitFinding.objects.filter(visit=visit, recommendations__startswith="ควรจัด")

    # The server is well again; the phone is reloaded: the kept answer is sent and saved,
    # the overall finding (not sent) stays as it was.
    overall_before = VisitFinding.objects.get(visit=visit).overall
    page.unroute("**/visits/**")
    page.reload()
    overall = page.get_by_test_id("overall-form")
    overall.locator('[data-answer-state="recommendations"]').get_by_text("บันทึกแล้ว").wait_for()
    finding = VisitFinding.objects.get(visit=visit)
    assert finding.recommendations == "ควรจัดทำแผนสำรองเมื่อไฟฟ้าดับ"
    assert finding.overall == overall_before
    expect(page.get_by_test_id("pending-summary")).to_be_hidden()
    assert page.evaluate(KEPT) == 0


def test_a_photo_that_did_not_go_says_so_and_is_kept(phone, visit):
    page = phone.new_page()
    page.goto(visit.get_absolute_url())
    photos_before = ItemFinding.objects.get(visit=visit, item__order=1).evidence.count()
    page.route(
        "**/visits/**",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    item = page.get_by_test_id("item-1")
    item.locator("input[type=file]").set_input_files(
        files=[{"name": "camera.jpg", "mimeType": "image/jpeg", "buffer": camera_photo()}]
    )
    state = item.locator('[data-answer-state="files"]')
    state.get_by_text("รูปภาพยังไม่ได้บันทึก").wait_for()
    assert "บันทึก" not in item.locator(".item-status").inner_text()
    expect(page.get_by_test_id("pending-summary")).to_have_text("รอส่ง 1 รายการ")
    assert page.evaluate(KEPT) == 1
    assert ItemFinding.objects.get(visit=visit, item__order=1).evidence.count() == photos_before


# What the service worker keeps of the visit pages (static files may be kept again by the
# next page, they are the same for everyone).
KEPT_PAGES = """async () => {
  const pages = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith("thanrak-visits-")) continue;
    for (const request of await (await caches.open(name)).keys()) {
      const path = new URL(request.url).pathname;
      if (/^\\/visits\\/\\d+\\/$|^\\/monitoring\\/my-visits\\/$/.test(path)) pages.push(path);
    }
  }
  return pages;
}"""
HAS_QUEUE = (
    """async () => (await indexedDB.databases()).some((db) => db.name === "thanrak-visits")"""
)


def test_signing_out_clears_the_kept_pages_and_the_sent_answers(phone, visit):
    page = open_and_keep(phone, visit)
    value, label = other_result(visit, 1)
    item = page.get_by_test_id("item-1")
    item.get_by_text(label, exact=True).click()
    item.locator('[data-answer-state="result"]').get_by_text("บันทึกแล้ว").wait_for()
    assert page.evaluate(KEPT) == 0  # sent: the server has it
    assert visit.get_absolute_url() in page.evaluate(KEPT_PAGES)
    assert page.evaluate(HAS_QUEUE)

    open_account_menu(page)
    page.get_by_test_id("sign-out").click()
    page.wait_for_url(lambda url: "/visits/" not in url)
    assert page.evaluate(KEPT_PAGES) == []
    assert not page.evaluate(HAS_QUEUE)
    # Signed out: the visit page is no longer served to this phone, nor from its cache.
    page.goto(visit.get_absolute_url())
    assert "/login/" in page.url
    assert ItemFinding.objects.get(visit=visit, item__order=1).result == value


def test_signing_out_with_answers_not_sent_warns_in_thai_and_keeps_them(phone, visit):
    page = open_and_keep(phone, visit)
    value, label = other_result(visit, 1)
    go_offline(phone, page)
    page.get_by_test_id("item-1").get_by_text(label, exact=True).click()
    page.get_by_test_id("pending-summary").get_by_text("รอส่ง 1 รายการ").wait_for()
    page.close()
    phone.set_offline(False)

    page = phone.new_page()
    page.goto("/accounts/profile/")
    assert page.evaluate(KEPT) == 1
    open_account_menu(page)
    page.get_by_test_id("sign-out").click()
    warning = page.get_by_test_id("sign-out-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("ยังไม่ได้ส่ง")
    assert "/accounts/profile/" in page.url  # still signed in

    # Signing out anyway keeps the answer (sent after the next sign-in); pages are cleared.
    open_account_menu(page)
    page.get_by_test_id("sign-out").click()
    page.wait_for_url(lambda url: "/accounts/profile/" not in url)
    assert page.evaluate(KEPT) == 1
    assert page.evaluate(KEPT_PAGES) == []
    assert ItemFinding.objects.get(visit=visit, item__order=1).result != value
