"""At phone width (390 px) no monitoring page scrolls sideways: long tables become cards."""

import pytest
from django.urls import reverse

from tests.conftest import DESKTOP, PHONE, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scroll_width(page, live_server, url: str) -> int:
    response = page.goto(f"{live_server.url}{url}")
    assert response.status == 200, url
    return page.evaluate("document.documentElement.scrollWidth")


def test_no_monitoring_page_scrolls_sideways_on_a_phone_nor_the_summary_on_a_desktop(
    browser_context, live_server, demo_round, team_users, province_officer
):
    member = team_users["pichai.team"]
    visit = demo_round.visits.get(district="8417")
    officer_pages = [
        reverse("monitoring:rounds", args=["84"]),
        reverse("monitoring:round", args=[demo_round.pk]),
        reverse("monitoring:schedule", args=[demo_round.pk]),
        reverse("monitoring:summary", args=[demo_round.pk]),
        reverse("monitoring:visits", args=[demo_round.pk]),
        visit.get_absolute_url(),
        reverse("monitoring:generate", args=[demo_round.pk]),  # last: its button is used next
    ]
    page = signed_in_page(browser_context, live_server, province_officer, PHONE)
    for url in officer_pages:
        assert scroll_width(page, live_server, url) <= PHONE["width"], url
    # A district's card on the summary names the findings recorded, not a «–» per item.
    scroll_width(page, live_server, reverse("monitoring:summary", args=[demo_round.pk]))
    blank = page.locator("table.summary td.off-card")
    assert blank.count() > 0 and not blank.first.is_visible()
    assert page.locator("table.summary td .result").first.is_visible()
    # Each district of the schedule's form is a card whose fields stay inside it.
    page.goto(f"{live_server.url}{reverse('monitoring:visits', args=[demo_round.pk])}")
    outside = page.evaluate(
        """() => Array.from(document.querySelectorAll("table.visit-grid tbody tr")).flatMap(
          (row) => Array.from(row.querySelectorAll("input, select")).filter(
            (field) => field.getBoundingClientRect().right > row.getBoundingClientRect().right
          ).map((field) => field.name))"""
    )
    assert outside == []
    page.goto(f"{live_server.url}{reverse('monitoring:generate', args=[demo_round.pk])}")
    # The proposal beside the schedule now.
    page.get_by_test_id("generate").click()
    page.get_by_test_id("proposal").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # A table row is a card: its cells carry their column's name.
    assert page.locator("table.proposal td[data-label]").first.is_visible()
    # Each card of the schedule names its day and team, which the table writes once.
    page.goto(f"{live_server.url}{reverse('monitoring:schedule', args=[demo_round.pk])}")
    named = page.evaluate(
        """() => Array.from(document.querySelectorAll("table.schedule tbody tr")).map(
          (row) => [row.cells[0].innerText.trim(), row.cells[3].innerText.trim()])"""
    )
    assert len(named) == demo_round.visits.count() and all(day and team for day, team in named)
    # A card's fields are not ruled off: the next team's first card has its own top edge.
    ruled = page.evaluate(
        """() => Array.from(document.querySelectorAll("table.schedule tbody td")).filter(
          (cell) => getComputedStyle(cell).borderTopWidth !== "0px").length"""
    )
    second_team = page.locator("table.schedule tbody tr.team-start").nth(1)
    assert (
        ruled == 0 and second_team.evaluate("row => getComputedStyle(row).borderTopWidth") == "3px"
    )
    # On a desktop the summary shows every item and the overall finding without scrolling.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}{reverse('monitoring:summary', args=[demo_round.pk])}")
    box = page.locator("table.summary").evaluate(
        "table => [table.parentElement.scrollWidth, table.parentElement.clientWidth]"
    )
    assert box[0] <= box[1]
    page.close()

    page = signed_in_page(browser_context, live_server, member, PHONE)
    for url in [reverse("monitoring:my_visits"), visit.get_absolute_url()]:
        assert scroll_width(page, live_server, url) <= PHONE["width"], url
    # A refused photo is said in a sentence that wraps within the item's card.
    item = page.get_by_test_id("item-1")
    refused = {"name": "รูปภาพ.jpg", "mimeType": "image/jpeg", "buffer": b"not a photo" * 20}
    with page.expect_response(lambda r: r.request.method == "POST"):
        item.locator("input[type=file]").set_input_files(files=[refused])
    page.locator("[data-testid=item-1] .item-status[data-error]").wait_for(state="attached")
    # Said once, under the photos; not again beside the Save button.
    said = item.locator('[data-answer-state="files"]').inner_text()
    assert said and item.inner_text().count(said) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(f"{live_server.url}{reverse('dashboard')}")
    assert page.url.endswith(reverse("monitoring:my_visits"))  # the team's home
