"""The second factor: setup, the two-step sign-in, recovery codes, reset and enforcement."""

import base64

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from thanrak.accounts.mfa import recovery_codes_new
from thanrak.audit.models import AuditEvent

REQUIRED = ["province_officer", "viewer", "admin"]


@pytest.fixture
def mfa_on(settings):
    settings.MFA_REQUIRED_ROLES = REQUIRED


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the phone shows now (or a step later: a code is accepted once only)."""
    return f"{totp(device.bin_key, step=device.step, drift=steps_ahead):06d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return device, recovery_codes_new(user=user)


def log_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# Enforcement


def test_required_role_without_a_device_can_use_only_the_setup(client, mfa_on, province_officer):
    response = log_in(client, "prov84")
    assert response.status_code == 302
    assert signed_in(client)
    for url in [
        reverse("dashboard"),
        reverse("centers:province", args=["84"]),
        reverse("profile"),
        reverse("password_change"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("mfa_setup"), url
    assert client.get(reverse("mfa_setup")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_admin_site_is_held_too(client, mfa_on, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assert response.url == reverse("mfa_setup")


def test_htmx_requests_are_sent_to_setup_by_htmx(client, mfa_on, province_officer):
    client.force_login(province_officer)
    response = client.get(reverse("dashboard"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("mfa_setup")


def test_optional_roles_are_not_held(client, mfa_on, phunphin_officer, monitor):
    for user in [phunphin_officer, monitor]:
        client.force_login(user)
        assert client.get(reverse("profile")).status_code == 200


def test_requirement_is_off_when_no_roles_are_listed(client, province_officer):
    client.force_login(province_officer)
    assert client.get(reverse("profile")).status_code == 200


# Setup


def test_setup_shows_a_qr_code_and_the_key_and_confirms_with_a_code(
    client, mfa_on, province_officer
):
    client.force_login(province_officer)
    page = client.get(reverse("mfa_setup"))
    device = TOTPDevice.objects.get(user=province_officer, confirmed=False)
    assert "<svg " in page.text and 'class="qr"' in page.text
    assert "style=" not in page.text
    secret = "".join(page.context["secret_groups"])
    assert all(group in page.text for group in page.context["secret_groups"])
    # The key on the page is the device's: the app computes the same codes.
    assert base64.b32decode(secret) == device.bin_key
    # A reload keeps the same key (the person may be halfway through typing it).
    assert (
        client.get(reverse("mfa_setup")).context["secret_groups"] == page.context["secret_groups"]
    )

    response = client.post(reverse("mfa_setup"), {"code": "000000"})
    assert "รหัสไม่ถูกต้อง" in response.text
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()

    response = client.post(reverse("mfa_setup"), {"code": code_for(device)})
    assert response.url == reverse("mfa_recovery_codes")
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.MFA_ENROLLED, user=province_officer
    ).exists()

    codes_page = client.get(reverse("mfa_recovery_codes"))
    codes = codes_page.context["codes"]
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=province_officer).values_list("token", flat=True)
    )
    # Shown once.
    again = client.get(reverse("mfa_recovery_codes"))
    assert again.context["codes"] is None
    assert codes[0][:4] not in again.text
    # The session counts as verified: the rest of the site opens.
    assert client.get(reverse("dashboard")).status_code == 302
    assert client.get(reverse("profile")).status_code == 200


def test_thai_digits_are_accepted(client, mfa_on, province_officer):
    client.force_login(province_officer)
    client.get(reverse("mfa_setup"))
    device = TOTPDevice.objects.get(user=province_officer)
    thai = code_for(device).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    response = client.post(reverse("mfa_setup"), {"code": thai})
    assert response.url == reverse("mfa_recovery_codes")


# The two-step sign-in


def test_user_with_a_device_signs_in_in_two_steps(client, province_officer):
    device, _codes = enrol(province_officer)
    response = log_in(client, "prov84")
    assert response.url == reverse("login_code")
    assert not signed_in(client)
    assert client.get(reverse("dashboard")).url.startswith(reverse("login"))

    page = client.get(reverse("login_code"))
    assert "การยืนยันตัวตนสองขั้นตอน" in page.text
    response = client.post(reverse("login_code"), {"code": code_for(device)})
    assert response.url == province_officer.home_url()
    assert signed_in(client)
    assert client.get(reverse("profile")).status_code == 200


def test_the_code_step_keeps_the_next_page(client, province_officer):
    device, _codes = enrol(province_officer)
    target = reverse("centers:province", args=["84"])
    client.post(reverse("login"), {"username": "prov84", "password": PASSWORD, "next": target})
    response = client.post(reverse("login_code"), {"code": code_for(device)})
    assert response.url == target


def test_a_wrong_code_is_refused_and_recorded(client, province_officer):
    enrol(province_officer)
    log_in(client, "prov84")
    response = client.post(reverse("login_code"), {"code": "123456"})
    assert response.status_code == 200
    assert "รหัสไม่ถูกต้องหรือถูกใช้ไปแล้ว" in response.text
    assert not signed_in(client)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.MFA_FAILED)
    assert event.user == province_officer


def test_five_wrong_codes_send_back_to_the_password(client, settings, province_officer):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    enrol(province_officer)
    log_in(client, "prov84")
    for _ in range(4):
        assert client.post(reverse("login_code"), {"code": "123456"}).status_code == 200
    response = client.post(reverse("login_code"), {"code": "123456"})
    assert response.url == reverse("login")
    assert client.get(reverse("login_code")).url == reverse("login")


def test_quick_retries_are_throttled(client, province_officer):
    device, _codes = enrol(province_officer)
    log_in(client, "prov84")
    client.post(reverse("login_code"), {"code": "123456"})
    # Right after a wrong code even the right one waits (1, 2, 4 … seconds).
    response = client.post(reverse("login_code"), {"code": code_for(device)})
    assert "กรุณารอสักครู่" in response.text
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once(client, province_officer):
    _device, codes = enrol(province_officer)
    log_in(client, "prov84")
    response = client.post(reverse("login_code"), {"code": f"{codes[0][:4]} {codes[0][4:]}"})
    assert response.url == province_officer.home_url()
    assert signed_in(client)
    assert "เหลือรหัสกู้คืนอีก 9 รหัส" in client.get(response.url, follow=True).text

    client.post(reverse("logout"))
    log_in(client, "prov84")
    StaticDevice.objects.update(throttling_failure_count=0)
    response = client.post(reverse("login_code"), {"code": codes[0].upper()})
    assert response.status_code == 200
    assert not signed_in(client)


def test_a_password_only_sign_in_elsewhere_still_owes_the_code(client, admin_user):
    # The admin site's own login form checks the password only.
    device, _codes = enrol(admin_user)
    client.post(reverse("admin:login"), {"username": "root", "password": PASSWORD})
    assert signed_in(client)
    response = client.get(reverse("admin:index"))
    assert response.url == reverse("login_code")
    response = client.post(reverse("login_code"), {"code": code_for(device)})
    assert client.get(reverse("admin:index")).status_code == 200


# Reset and turning off


def test_admin_reset_action_removes_the_devices(client, province_officer, admin_user):
    enrol(province_officer)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [province_officer.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=province_officer).exists()
    assert not StaticDevice.objects.filter(user=province_officer).exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.MFA_RESET)
    assert event.user == admin_user and event.object_id == str(province_officer.pk)

    # The next sign-in is one step again, and a required role goes to setup.
    client.logout()
    assert log_in(client, "prov84").url == province_officer.home_url()


def test_district_officer_may_turn_it_off_with_a_code(client, phunphin_officer):
    device, _codes = enrol(phunphin_officer)
    log_in(client, "phunphin")
    client.post(reverse("login_code"), {"code": code_for(device)})
    profile = client.get(reverse("profile"))
    assert "ปิดการยืนยันตัวตนสองขั้นตอน" in profile.text

    response = client.post(reverse("mfa_disable"), {"code": code_for(device, 1)})
    assert response.url == reverse("profile")
    assert not TOTPDevice.objects.filter(user=phunphin_officer).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.MFA_RESET).exists()


def test_required_roles_may_not_turn_it_off(client, mfa_on, province_officer):
    device, _codes = enrol(province_officer)
    log_in(client, "prov84")
    client.post(reverse("login_code"), {"code": code_for(device)})
    assert "ปิดการยืนยันตัวตนสองขั้นตอน" not in client.get(reverse("profile")).text
    response = client.post(reverse("mfa_disable"), {"code": code_for(device, 1)})
    assert response.url == reverse("profile")
    assert TOTPDevice.objects.filter(user=province_officer).exists()


def test_new_recovery_codes_replace_the_old(client, phunphin_officer):
    device, old = enrol(phunphin_officer)
    log_in(client, "phunphin")
    client.post(reverse("login_code"), {"code": code_for(device)})
    response = client.post(reverse("mfa_recovery_codes"))
    new = client.get(response.url).context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
