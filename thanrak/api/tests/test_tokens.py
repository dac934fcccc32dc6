"""Personal API tokens: made on the profile page, kept hashed, shown once, refused when
expired or revoked; a role that needs a second factor makes one only after passing it."""

import datetime as dt
import hashlib

from django.urls import reverse
from django.utils import timezone

from conftest import CHAIYA, PASSWORD, PHUNPHIN
from thanrak.accounts.models import ApiToken, Role, User
from thanrak.audit.models import AuditEvent


def make_token(client, user, name="ระบบรายงานของกรม", days=30) -> str:
    client.force_login(user)
    expires = timezone.localdate() + dt.timedelta(days=days)
    be = f"{expires.day}/{expires.month}/{expires.year + 543}"
    response = client.post(reverse("api_token_create"), {"name": name, "expires_on": be})
    assert response.status_code == 302
    page = client.get(reverse("profile"))
    secret = page.context["new_token"]["secret"]
    client.logout()
    return secret


def api_get(client, secret, path="/api/v1/provinces"):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_token_is_kept_hashed_and_shown_once(client, phunphin_officer):
    secret = make_token(client, phunphin_officer)
    token = ApiToken.objects.get(user=phunphin_officer)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(token.prefix) < 16
    assert not ApiToken.objects.filter(digest=secret).exists()
    client.force_login(phunphin_officer)
    again = client.get(reverse("profile"))
    assert again.context["new_token"] is None
    assert secret not in again.text and token.prefix in again.text
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.TOKEN_CREATED, user=phunphin_officer)


def test_token_reads_the_api_without_a_session(client, phunphin_officer):
    secret = make_token(client, phunphin_officer)
    response = api_get(client, secret, f"/api/v1/districts/{PHUNPHIN}/center")
    assert response.status_code == 200
    assert response.json()["district"]["code"] == PHUNPHIN
    assert "sessionid" not in response.cookies
    assert ApiToken.objects.get().last_used_at is not None


def test_expired_and_revoked_tokens_are_refused_in_thai(client, phunphin_officer):
    secret = make_token(client, phunphin_officer)
    token = ApiToken.objects.get()
    token.expires_on = timezone.localdate() - dt.timedelta(days=1)
    token.save(update_fields=["expires_on"])
    response = api_get(client, secret)
    assert response.status_code == 401
    assert "โทเค็น" in response.json()["detail"]

    token.expires_on = timezone.localdate()
    token.save(update_fields=["expires_on"])
    assert api_get(client, secret).status_code == 200
    client.force_login(phunphin_officer)
    client.post(reverse("api_token_revoke"), {"token": token.pk})
    client.logout()
    assert api_get(client, secret).status_code == 401
    assert api_get(client, "thr_not-a-token").status_code == 401
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.TOKEN_REVOKED, user=phunphin_officer)


def test_another_users_token_cannot_be_revoked(client, phunphin_officer, chaiya_officer):
    make_token(client, phunphin_officer)
    token = ApiToken.objects.get()
    client.force_login(chaiya_officer)
    assert client.post(reverse("api_token_revoke"), {"token": token.pk}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expiry_beyond_a_year_is_refused(client, phunphin_officer):
    client.force_login(phunphin_officer)
    later = timezone.localdate() + dt.timedelta(days=400)
    client.post(
        reverse("api_token_create"),
        {"name": "x", "expires_on": f"{later.day}/{later.month}/{later.year + 543}"},
    )
    assert not ApiToken.objects.exists()


def test_a_role_needing_a_second_factor_makes_tokens_only_after_it(
    client, province_officer, settings
):
    settings.MFA_REQUIRED_ROLES = ["province_officer"]
    client.force_login(province_officer)
    expires = timezone.localdate() + dt.timedelta(days=10)
    client.post(
        reverse("api_token_create"),
        {"name": "x", "expires_on": f"{expires.day}/{expires.month}/{expires.year + 543}"},
    )
    assert not ApiToken.objects.exists()


def test_a_token_opens_the_api_only(client, admin_user):
    # Sent to the admin site, a page or the profile, the header is ignored: the request is
    # anonymous there, and a token cannot make another token.
    secret = make_token(client, admin_user)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/admin/accounts/user/", **bearer).status_code == 302
    assert client.get(reverse("profile"), **bearer).status_code == 302
    expires = timezone.localdate() + dt.timedelta(days=10)
    made = client.post(
        reverse("api_token_create"),
        {"name": "อีกอัน", "expires_on": f"{expires.day}/{expires.month}/{expires.year + 543}"},
        **bearer,
    )
    assert made.status_code == 302 and reverse("login") in made["Location"]
    assert ApiToken.objects.count() == 1
    assert api_get(client, secret).status_code == 200


def test_an_address_under_the_api_that_names_no_operation_answers_json(client):
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "ไม่พบข้อมูล หรือข้อมูลนี้ไม่อยู่ในพื้นที่ของท่าน"}
    assert not response.cookies
    assert "<html" in client.get("/nowhere/").content.decode()


def test_a_token_request_keeps_no_session_and_sets_no_cookie(client, phunphin_officer):
    secret = make_token(client, phunphin_officer)
    docs = reverse("api:openapi-view")
    for path in ("/api/v1/provinces", f"/api/v1/districts/{PHUNPHIN}/center", docs):
        response = api_get(client, secret, path)
        assert response.status_code == 200 and not response.cookies, (path, response.cookies)
    # A browser signed in to the site that calls the API with a token stays signed in.
    client.force_login(phunphin_officer)
    response = api_get(client, secret)
    assert response.status_code == 200 and not response.cookies
    assert client.get(reverse("profile")).status_code == 200


def profile_pill(client, user) -> str:
    client.force_login(user)
    row = client.get(reverse("profile")).text.split('data-testid="api-token-table"')[1]
    client.logout()
    return row


def test_a_new_password_revokes_the_tokens_and_a_rehash_does_not(client, phunphin_officer):
    from django.contrib.auth.hashers import make_password

    secret = make_token(client, phunphin_officer)
    # Signing in with a password kept by an older hasher keeps it anew: not a new password.
    phunphin_officer.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    phunphin_officer.save(update_fields=["password"])
    assert phunphin_officer.check_password(PASSWORD)
    assert not phunphin_officer.password.startswith("pbkdf2_sha256")
    assert api_get(client, secret).status_code == 200
    phunphin_officer.set_password("another-horse-battery-staple")
    phunphin_officer.save()
    assert api_get(client, secret).status_code == 401
    assert "ยกเลิกแล้ว" in profile_pill(client, phunphin_officer)
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.TOKEN_REVOKED).get()
    assert event.user == phunphin_officer and event.detail["reason"] == "password"


def test_a_disabled_password_or_a_deactivated_account_ends_the_tokens_for_good(
    client, phunphin_officer, chaiya_officer
):
    secret = make_token(client, phunphin_officer)
    phunphin_officer.set_unusable_password()  # the admin's «password-based: disabled»
    phunphin_officer.save()
    assert api_get(client, secret).status_code == 401
    other = make_token(client, chaiya_officer)
    chaiya_officer.is_active = False
    chaiya_officer.save()
    chaiya_officer.is_active = True
    chaiya_officer.save()
    assert api_get(client, other).status_code == 401
    assert ApiToken.objects.filter(revoked_at=None).count() == 0


def test_a_reset_of_the_second_factor_revokes_the_tokens(client, province_officer):
    from thanrak.accounts.mfa import mfa_reset

    secret = make_token(client, province_officer)
    mfa_reset(user=province_officer)
    assert api_get(client, secret).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_another_role_or_area_ends_the_tokens(client, phunphin_officer):
    secret = make_token(client, phunphin_officer)
    phunphin_officer.district_id = CHAIYA
    phunphin_officer.save()
    assert api_get(client, secret).status_code == 401
    assert "ยกเลิกแล้ว" in profile_pill(client, phunphin_officer)
    # Back where it was made, the token stays revoked.
    phunphin_officer.district_id = PHUNPHIN
    phunphin_officer.save()
    assert api_get(client, secret).status_code == 401
    # A bulk update saves no user: its token is refused, and the profile says why.
    other = make_token(client, phunphin_officer)
    User.objects.filter(pk=phunphin_officer.pk).update(role=Role.VIEWER)
    assert api_get(client, other).status_code == 401
    phunphin_officer.refresh_from_db()
    assert "ใช้ไม่ได้แล้ว" in profile_pill(client, phunphin_officer)
