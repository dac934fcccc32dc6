"""Browser test: a record list on a phone is a stack of cards and never scrolls sideways."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import DESKTOP, PHONE, signed_in_page
from thanrak.centers.models import Expense

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click_middle_of(page, cell) -> None:
    """A click where a person would click: the middle of the cell, whatever lies over it."""
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def assert_the_tabs_row_scrolls_and_says_so(page) -> None:
    """The row of the center's tabs on a phone: it scrolls sideways, the page's own tab in
    sight; the side with more tabs beyond it fades out; each tab's words on one line."""
    tab = page.locator(".record-nav [aria-current=page]")
    nav = page.locator(".record-nav").bounding_box()
    box = tab.bounding_box()
    assert page.locator(".record-nav").evaluate("n => n.scrollWidth > n.clientWidth")
    assert nav["x"] <= box["x"] and box["x"] + box["width"] <= nav["x"] + nav["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # It says so: the side with more tabs beyond it fades out, the other not once scrolled
    # to its end.
    edges = "n => [n.hasAttribute('data-more-left'), n.hasAttribute('data-more-right')]"
    assert any(page.locator(".record-nav").evaluate(edges))
    page.locator(".record-nav").evaluate("n => n.scrollTo({left: 0})")
    page.locator(".record-nav:not([data-more-left])").wait_for()  # no eval: the page's CSP
    assert page.locator(".record-nav").evaluate(edges) == [False, True]
    page.locator(".record-nav").evaluate("n => n.scrollTo({left: n.scrollWidth})")
    page.locator(".record-nav:not([data-more-right])").wait_for()
    assert page.locator(".record-nav").evaluate(edges) == [True, False]
    # Each tab keeps its words on one line (white-space: nowrap), though the page's Thai
    # text may end a line between two words elsewhere (core.linebreaks).
    lines = page.locator(".record-nav a thai-words").evaluate_all(
        "labels => labels.map(label => [label.textContent,"
        " new Set(Array.from(label.getClientRects(), r => Math.round(r.top))).size])"
    )
    assert page.locator(".record-nav thai-wbr").count()
    assert [text for text, count in lines if count != 1] == []


def test_a_record_list_on_a_phone_is_cards_without_sideways_scrolling(
    browser_context, live_server, phunphin_officer, centers
):
    for n in range(6):
        Expense.objects.create(
            center=centers["8417"],
            date=dt.date(2020, 2, 20),
            description=f"ค่าวัสดุอุปกรณ์สำหรับการอบรมพัฒนาบรรจุภัณฑ์ผลิตภัณฑ์ชุมชนรอบที่ {n}",
            method="purchase",
            vendor="ห้างหุ้นส่วนจำกัดวัสดุภัณฑ์การพิมพ์และเครื่องเขียนสุราษฎร์ธานี",
            amount=Decimal("12500.50"),
        )
    page = signed_in_page(browser_context, live_server, phunphin_officer, PHONE)
    page.goto(f"{live_server.url}{reverse('centers:expense_list', args=['8417'])}?fy=2563")
    table = page.get_by_test_id("record-table")
    assert table.locator("tbody tr").count() == 6
    assert_the_tabs_row_scrolls_and_says_so(page)
    # The last tab, the longest, is in sight too once the page's fonts have widened it.
    page.goto(f"{live_server.url}{reverse('centers:material_list', args=['8417'])}")
    page.wait_for_load_state("load")
    page.locator(".record-nav:not([data-more-right])").wait_for()
    nav = page.locator(".record-nav").bounding_box()
    box = page.locator(".record-nav [aria-current=page]").bounding_box()
    assert box["x"] + box["width"] <= nav["x"] + nav["width"] + 1
    page.goto(f"{live_server.url}{reverse('centers:expense_list', args=['8417'])}?fy=2563")
    # Each row is a card: its header row is hidden and each cell shows its column label.
    assert table.locator("thead").bounding_box()["height"] <= 1
    cell = table.locator("tbody tr").first.locator("td").nth(1).element_handle()
    label = page.evaluate("td => getComputedStyle(td, '::before').content", cell)
    assert label == '"รายการ"' or label.startswith('"')

    page.set_viewport_size(DESKTOP)
    assert table.locator("thead th").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]

    # A row opens its record wherever it is clicked (tapped, on a phone), and keeps one link.
    last = Expense.objects.order_by("pk").last()
    row = table.locator("tbody tr", has_text="รอบที่ 5")
    assert row.locator("a").count() == 1
    with page.expect_navigation():
        click_middle_of(page, row.locator("td").nth(2))
    assert page.url.endswith(reverse("centers:expense_detail", args=["8417", last.pk]))
    page.go_back()
    # From the keyboard the row is one stop, its ring drawn around the whole row.
    row.locator("a.row-link").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = row.locator("a.row-link").evaluate(
        "a => a === document.activeElement && getComputedStyle(a, '::after').outlineStyle"
    )
    assert ring == "solid"
    page.set_viewport_size(PHONE)
    with page.expect_navigation():
        click_middle_of(page, table.locator("tbody tr", has_text="รอบที่ 5").locator("td").nth(3))
    assert page.url.endswith(reverse("centers:expense_detail", args=["8417", last.pk]))
