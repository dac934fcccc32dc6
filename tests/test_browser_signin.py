"""Browser tests of signing in: the lockout page, setting up and using two-step verification.

With SCREENSHOT_DIR set, each page is also saved there at phone and desktop width
(the phone shots are docs/images/security-*.png).
"""

import base64
import os
from pathlib import Path

import pytest
from django_otp.oath import totp

from conftest import PASSWORD
from tests.conftest import DESKTOP, PHONE, open_account_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def screenshot(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(Path(folder) / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)


def log_in(page, url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def log_out(page) -> None:
    # The sign-out form first clears what visit pages kept offline (offline-signout.js),
    # then submits: wait for that navigation, not for the page already loaded.
    open_account_menu(page)
    with page.expect_navigation():
        page.click("header form[action$='/logout/'] button")
    page.wait_for_load_state()


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_province_officer_sets_up_two_step_and_signs_in_with_a_code_and_a_recovery_code(
    browser_context, live_server, settings, province_officer
):
    settings.MFA_REQUIRED_ROLES = ["province_officer", "viewer", "admin"]
    page = browser_context.new_page(viewport=PHONE)
    log_in(page, live_server.url, "prov84")

    # Held at setup, whatever page is asked for.
    page.wait_for_url("**/accounts/two-step/setup/")
    page.goto(f"{live_server.url}/provinces/84/")
    page.wait_for_url("**/accounts/two-step/setup/")
    assert page.locator("svg.qr").is_visible()
    assert fits_phone(page)
    screenshot(page, "security-mfa-enrol")
    secret = page.get_by_test_id("mfa-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret)
    page.fill("input[name=code]", f"{totp(key):06d}")
    page.click("main button[type=submit]")

    page.wait_for_url("**/accounts/two-step/recovery-codes/")
    codes = [c.replace(" ", "") for c in page.get_by_test_id("recovery-codes").inner_text().split()]
    codes = ["".join(pair) for pair in zip(codes[::2], codes[1::2], strict=True)]
    assert len(codes) == 10
    assert fits_phone(page)
    screenshot(page, "security-mfa-recovery-codes")
    page.click("main a.button")
    page.wait_for_url("**/provinces/84/dashboard/")

    # Again: the password, then a code (the next step's: each code is accepted once).
    log_out(page)
    log_in(page, live_server.url, "prov84")
    page.wait_for_url("**/accounts/login/code/")
    assert "การยืนยันตัวตนสองขั้นตอน" in page.locator("main h1").inner_text()
    screenshot(page, "security-mfa-code")
    page.fill("input[name=code]", f"{totp(key, drift=1):06d}")
    page.click("main button[type=submit]")
    page.wait_for_url("**/provinces/84/dashboard/")

    # And with a recovery code, as typed from paper.
    log_out(page)
    log_in(page, live_server.url, "prov84")
    page.wait_for_url("**/accounts/login/code/")
    page.fill("input[name=code]", f"{codes[3][:4]} {codes[3][4:]}".upper())
    page.click("main button[type=submit]")
    page.wait_for_url("**/provinces/84/dashboard/")
    assert "เหลือรหัสกู้คืนอีก 9 รหัส" in page.locator(".messages").inner_text()
    page.goto(f"{live_server.url}/accounts/profile/")
    assert "เหลือรหัสกู้คืน 9 รหัส" in page.locator("#two-step").inner_text()
    assert fits_phone(page)
    screenshot(page, "security-profile")


def test_five_wrong_passwords_show_the_lockout_in_thai(
    browser_context, live_server, phunphin_officer
):
    page = browser_context.new_page(viewport=PHONE)
    for _ in range(5):
        log_in(page, live_server.url, "phunphin", "wrong-password")
    log_in(page, live_server.url, "phunphin")
    notice = page.get_by_test_id("lockout")
    assert "กรุณาลองใหม่อีกครั้งในอีก 15 นาที" in notice.inner_text()
    assert page.url.endswith("/accounts/login/")
    assert fits_phone(page)
    screenshot(page, "security-lockout")
