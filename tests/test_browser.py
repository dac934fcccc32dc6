"""Browser tests: Debian's chromium driven by Playwright against a live server."""

import asyncio

import pytest

from conftest import PASSWORD
from tests.conftest import CHROMIUM, PHONE, open_account_menu
from thanrak.areas.models import Province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phunphin_officer_logs_in_sees_thai_navigation_and_switches_language(
    browser_context, live_server, phunphin_officer
):
    page = browser_context.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "th"
    page.fill("input[name=username]", "phunphin")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/districts/8417/")

    nav = page.locator("nav.main-nav")
    assert "ศูนย์ของฉัน" in nav.inner_text()
    area = page.get_by_test_id("user-area").inner_text()
    assert "อำเภอพุนพิน" in area and "จังหวัดสุราษฎร์ธานี" in area
    # The header keeps one row on a phone: the language, the profile and Log out are
    # behind its menu button, which opens and closes them.
    toggle, sign_out = page.get_by_test_id("menu-toggle"), page.get_by_test_id("sign-out")
    brand = page.locator(".brand").bounding_box()
    assert abs(toggle.bounding_box()["y"] - brand["y"]) < brand["height"]
    assert not sign_out.is_visible()
    tabs = nav.bounding_box()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and sign_out.is_visible()
    # The open menu is a row of the header: it pushes the navigation down, covering none.
    assert (
        sign_out.bounding_box()["y"] + sign_out.bounding_box()["height"] <= nav.bounding_box()["y"]
    )
    assert nav.bounding_box()["y"] > tabs["y"]
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not sign_out.is_visible()

    open_account_menu(page)
    page.get_by_test_id("switch-language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "My center" in page.locator("nav.main-nav").inner_text()
    assert "Phunphin District" in page.get_by_test_id("user-area").inner_text()
    assert page.url.endswith("/districts/8417/")

    open_account_menu(page)
    page.get_by_test_id("switch-language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "th"
    assert "ศูนย์ของฉัน" in page.locator("nav.main-nav").inner_text()
    # nothing overflows the phone's width
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_process_chromium_stays_open_between_tests_without_a_running_loop(
    request, monkeypatch, areas
):
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    browser = CHROMIUM.resume(request.config)
    page = browser.new_page()
    page.set_content("<p>one</p>")
    CHROMIUM.park()  # as after a browser test
    assert browser.is_connected() and not browser.contexts
    # Playwright's loop is not marked running: the ORM runs (it refuses to inside a
    # running loop) and asyncio starts a loop of its own.
    with pytest.raises(RuntimeError):
        asyncio.get_running_loop()
    assert Province.objects.filter(pk="84").exists()
    assert asyncio.run(asyncio.sleep(0, result="ran")) == "ran"

    assert CHROMIUM.resume(request.config) is browser  # the next browser test
    page = browser.new_page()
    page.set_content("<p>two</p>")
    assert page.inner_text("p") == "two"
    CHROMIUM.park()
