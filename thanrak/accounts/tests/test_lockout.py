"""Login protection: lockouts by account and by address, unlocking, throttled reset e-mails."""

import datetime as dt
import re

from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from thanrak.accounts.models import PasswordResetRequest
from thanrak.audit.models import AuditEvent

LOCKED = "มีการเข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป กรุณาลองใหม่อีกครั้งในอีก 15 นาที"
# Documentation addresses (RFC 5737): only strings here, no traffic.
ADDRESS = "192.0.2.10"
OTHER_ADDRESS = "198.51.100.7"


def log_in(client, username, password, address=ADDRESS):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def age_attempts(minutes: int) -> None:
    """Move every counted failure back in time, as if the minutes had passed."""
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=minutes))


def test_five_wrong_passwords_lock_the_account_until_the_cool_off(client, phunphin_officer):
    for _ in range(4):
        response = log_in(client, "phunphin", "wrong")
        assert response.status_code == 200
        assert LOCKED not in response.text
    response = log_in(client, "phunphin", "wrong")
    assert response.status_code == 429
    assert LOCKED in response.text

    response = log_in(client, "phunphin", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.text
    assert response.templates[0].name == "registration/login.html"
    assert not signed_in(client)

    age_attempts(14)
    assert log_in(client, "phunphin", PASSWORD).status_code == 429
    age_attempts(16)
    response = log_in(client, "phunphin", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_failures_count_whether_the_username_or_the_email_was_typed(client, phunphin_officer):
    for login in ["phunphin", "PHUNPHIN@example.go.th", "Phunphin", "phunphin@example.go.th"]:
        log_in(client, login, "wrong")
    assert AccessAttempt.objects.get().username == "phunphin"
    assert log_in(client, "phunphin@EXAMPLE.go.th", "wrong").status_code == 429
    # Locked whichever way the person types the account, from any address.
    assert log_in(client, "phunphin@example.go.th", PASSWORD, OTHER_ADDRESS).status_code == 429
    assert log_in(client, "phunphin", PASSWORD, OTHER_ADDRESS).status_code == 429


def test_other_accounts_on_the_same_address_are_not_locked(
    client, phunphin_officer, chaiya_officer
):
    for _ in range(5):
        log_in(client, "phunphin", "wrong")
    assert log_in(client, "chaiya", PASSWORD).status_code == 302


def test_unknown_account_is_locked_out_the_same_way(client, areas):
    for _ in range(5):
        response = log_in(client, "nobody@example.go.th", "wrong")
    assert response.status_code == 429
    assert LOCKED in response.text


def test_twenty_failures_from_one_address_lock_the_address(client, phunphin_officer):
    # Four tries at each of five names: no account reaches its own limit of five.
    for n in range(20):
        response = log_in(client, f"guess{n % 5}", "wrong")
    assert response.status_code == 429
    assert log_in(client, "phunphin", PASSWORD).status_code == 429
    assert not signed_in(client)
    assert log_in(client, "phunphin", PASSWORD, OTHER_ADDRESS).status_code == 302


def test_nineteen_failures_from_one_address_do_not(client, phunphin_officer):
    for n in range(19):
        log_in(client, f"guess{n % 5}", "wrong")
    assert log_in(client, "phunphin", PASSWORD).status_code == 302


def test_lockout_is_written_to_the_audit_trail_once(client, phunphin_officer):
    for _ in range(7):
        log_in(client, "PHUNPHIN@example.go.th", "wrong")
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOCKED_OUT)
    assert event.user == phunphin_officer
    assert event.username == "phunphin"
    assert event.ip == ADDRESS
    assert event.detail["failures_account"] == 5


def test_admin_unlocks_a_user_from_the_user_list(client, phunphin_officer, admin_user):
    for _ in range(5):
        log_in(client, "phunphin", "wrong")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock", "_selected_action": [phunphin_officer.pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="phunphin").exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.UNLOCKED)
    assert event.user == admin_user
    assert event.object_id == str(phunphin_officer.pk)

    client.logout()
    assert log_in(client, "phunphin", PASSWORD).status_code == 302


def test_admin_sees_access_attempts(client, phunphin_officer, admin_user):
    log_in(client, "phunphin", "wrong")
    client.force_login(admin_user)
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    assert "phunphin" in response.text


# Password-reset e-mails


def ask_reset(client, email, address=ADDRESS):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_reset_emails_are_throttled_per_address_from_one_ip_with_the_same_answer(
    client, phunphin_officer
):
    answers = [ask_reset(client, "phunphin@example.go.th") for _ in range(4)]
    assert {(r.status_code, r.url) for r in answers} == {(302, reverse("password_reset_done"))}
    assert len(mail.outbox) == 3
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.PASSWORD_RESET).order_by("pk")
    assert [e.detail["throttled"] for e in events] == [False, False, False, True]
    assert {e.user for e in events} == {phunphin_officer}

    # Another place still may.
    ask_reset(client, "phunphin@example.go.th", OTHER_ADDRESS)
    assert len(mail.outbox) == 4

    # After the hour, the first place may ask again.
    PasswordResetRequest.objects.update(created_at=timezone.now() - dt.timedelta(minutes=61))
    ask_reset(client, "phunphin@example.go.th")
    assert len(mail.outbox) == 5


def signed_in_from(user, address: str, days_ago: int = 0) -> None:
    """The audit trail's sign-in of the user from the address (it is append-only: written so)."""
    AuditEvent.objects.create(
        kind=AuditEvent.Kind.LOGIN,
        user=user,
        username=user.username,
        ip=address,
        created_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_others_asking_for_an_address_cannot_keep_its_owner_from_a_reset(client, phunphin_officer):
    """Strangers from many IPs use up what an address may be sent from unknown places; the
    owner, asking from where they signed in before, still gets the e-mail."""
    signed_in_from(phunphin_officer, ADDRESS)
    strangers = [f"203.0.113.{n}" for n in range(10)]
    for address in strangers:
        ask_reset(client, "phunphin@example.go.th", address)
    assert len(mail.outbox) == 6  # PASSWORD_RESET_LIMIT_PER_EMAIL_TOTAL
    ask_reset(client, "phunphin@example.go.th", OTHER_ADDRESS)
    assert len(mail.outbox) == 6

    ask_reset(client, "phunphin@example.go.th", ADDRESS)
    assert len(mail.outbox) == 7
    assert PasswordResetRequest.objects.filter(sent=True).count() == 7


def test_a_sign_in_from_an_ip_long_ago_does_not_make_it_known(client, settings, phunphin_officer):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL_TOTAL = 1
    signed_in_from(phunphin_officer, ADDRESS, days_ago=91)
    ask_reset(client, "phunphin@example.go.th", OTHER_ADDRESS)
    ask_reset(client, "phunphin@example.go.th", ADDRESS)
    assert len(mail.outbox) == 1


def test_reset_emails_are_throttled_per_ip(client, phunphin_officer):
    for n in range(10):
        ask_reset(client, f"someone{n}@example.go.th")
    response = ask_reset(client, "phunphin@example.go.th")
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []
    ask_reset(client, "phunphin@example.go.th", OTHER_ADDRESS)
    assert len(mail.outbox) == 1


def test_reset_requests_keep_no_email_address(client, phunphin_officer):
    ask_reset(client, "phunphin@example.go.th")
    stored = PasswordResetRequest.objects.get()
    assert "phunphin" not in stored.email_digest
    assert stored.ip == ADDRESS


def set_password_by_reset(client, email: str, password: str):
    assert ask_reset(client, email).status_code == 302
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[-1].body)
    form_url = client.get(link.group(1)).url  # Django swaps the token for a session key
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_a_new_password_from_the_reset_email_ends_the_accounts_lockout(
    client, phunphin_officer, chaiya_officer
):
    for _ in range(5):
        log_in(client, "phunphin", "wrong")
    # The same address also tried another account: those failures are not the reset's to clear.
    for _ in range(3):
        log_in(client, "chaiya", "wrong")
    assert log_in(client, "phunphin", PASSWORD).status_code == 429

    response = set_password_by_reset(client, "phunphin@example.go.th", "a-new-pass-2563")
    assert response.status_code == 302

    assert log_in(client, "phunphin", "a-new-pass-2563").status_code == 302
    assert signed_in(client)
    assert AccessAttempt.objects.get().username == "chaiya"
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.UNLOCKED)
    assert (event.user, event.detail) == (
        phunphin_officer,
        {"unlocked": "phunphin", "via": "reset"},
    )


def test_a_reset_without_a_lockout_writes_no_unlock(client, phunphin_officer):
    log_in(client, "chaiya-typo", "wrong")
    assert (
        set_password_by_reset(client, "phunphin@example.go.th", "a-new-pass-2563").status_code
        == 302
    )
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.UNLOCKED).exists()
    assert AccessAttempt.objects.count() == 1
