"""Browser test: the meeting form offers the roster of the committee of the meeting's date."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import DESKTOP, signed_in_page
from thanrak.centers.models import CommitteeMember, Meeting
from thanrak.rules.tests.factories import term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_term(center, number: str, starts_on: dt.date):
    return term(center, [], starts_on=starts_on, order_number=number)


def type_date(page, day: str) -> None:
    """Type the meeting's date and leave the field: the page asks for the day's roster."""
    with page.expect_response(lambda response: "date=" in response.url):
        page.locator("#id_date").fill(day)
        page.locator("#id_date").blur()


def test_typing_the_meetings_date_offers_that_days_committee_and_keeps_the_ticks(
    browser_context, live_server, phunphin_officer, centers
):
    old = make_term(centers["8417"], "247/2562", dt.date(2019, 10, 1))
    new = make_term(centers["8417"], "323/2569", dt.date(2026, 6, 1))
    former = CommitteeMember.objects.create(term=old, name="นายเก่า ก่อนหน้า", category="leader")
    CommitteeMember.objects.create(term=new, name="นางใหม่ ปัจจุบัน", category="leader")
    page = signed_in_page(browser_context, live_server, phunphin_officer, DESKTOP)
    page.goto(live_server.url + reverse("centers:meeting_create", args=["8417"]))
    roster = page.locator("#id_attendees")
    assert "นางใหม่ ปัจจุบัน" in roster.inner_text() and "นายเก่า" not in roster.inner_text()

    page.locator("#id_title").fill("ครั้งที่ 1/2563")
    type_date(page, "14/11/2562")  # a change: the roster is drawn again for that day
    expect(roster).to_contain_text("นายเก่า ก่อนหน้า")
    assert "คำสั่งอำเภอที่ 247/2562" in roster.inner_text()
    assert "นางใหม่ ปัจจุบัน" not in roster.inner_text()
    assert page.locator("#id_date").input_value() == "14/11/2562"  # the field kept as typed
    page.get_by_label("นายเก่า ก่อนหน้า", exact=False).check()
    # Changed again and back: what was ticked stays ticked.
    type_date(page, "14/11/2569")
    expect(roster).to_contain_text("นางใหม่ ปัจจุบัน")
    assert page.get_by_label("นายเก่า ก่อนหน้า", exact=False).is_checked()
    page.get_by_label("นายเก่า ก่อนหน้า", exact=False).uncheck()
    type_date(page, "14/11/2562")
    # The roster of 2569 is gone (the one ticked then stays listed until it is swapped).
    expect(roster).not_to_contain_text("323/2569")
    page.get_by_label("นายเก่า ก่อนหน้า", exact=False).check()
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    meeting = Meeting.objects.get()
    assert list(meeting.attendees.all()) == [former]


def test_a_box_ticked_while_the_new_roster_is_on_its_way_stays_ticked(
    browser_context, live_server, phunphin_officer, centers
):
    make_term(centers["8417"], "247/2562", dt.date(2019, 10, 1))
    new = make_term(centers["8417"], "323/2569", dt.date(2026, 6, 1))
    current = CommitteeMember.objects.create(term=new, name="นางใหม่ ปัจจุบัน", category="leader")
    page = signed_in_page(browser_context, live_server, phunphin_officer, DESKTOP)
    page.goto(live_server.url + reverse("centers:meeting_create", args=["8417"]))
    roster = page.locator("#id_attendees")
    # The answer for the new date is held until a box of today's roster has been ticked.
    held = []
    page.route(lambda url: "date=" in url and "attendees=" not in url, lambda r: held.append(r))
    page.locator("#id_date").fill("14/11/2562")
    page.locator("#id_date").blur()
    while not held:
        page.wait_for_timeout(20)
    page.get_by_label("นางใหม่ ปัจจุบัน", exact=False).check()
    # The roster is asked for again with the tick, and keeps it under its order's name.
    with page.expect_response(
        lambda response: f"attendees={current.pk}" in response.url, timeout=10_000
    ):
        held[0].continue_()
    expect(roster).to_contain_text("247/2562")
    expect(roster).to_contain_text("ไม่อยู่ในวาระ ณ วันประชุม")
    assert page.get_by_label("นางใหม่ ปัจจุบัน", exact=False).is_checked()


def test_a_roster_redrawn_after_the_session_ended_stays_in_place(
    browser_context, live_server, phunphin_officer, centers
):
    sitting = make_term(centers["8417"], "323/2569", dt.date(2026, 6, 1))
    CommitteeMember.objects.create(term=sitting, name="นางใหม่ ปัจจุบัน", category="leader")
    page = signed_in_page(browser_context, live_server, phunphin_officer, DESKTOP)
    page.goto(live_server.url + reverse("centers:meeting_create", args=["8417"]))
    page.context.clear_cookies()  # signed out elsewhere: the page answers with the sign-in
    type_date(page, "14/11/2569")
    page.wait_for_timeout(300)  # what htmx would swap, it swaps within a frame or two
    assert "นางใหม่ ปัจจุบัน" in page.locator("#id_attendees").inner_text()
