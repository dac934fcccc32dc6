"""Sign-ins, sign-outs, passwords and roles reach the audit trail through the real pages."""

import re

import pytest
from django.core import mail
from django.forms.models import model_to_dict
from django.urls import reverse

from conftest import PASSWORD
from thanrak.accounts.models import Role
from thanrak.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

Kind = AuditEvent.Kind
IP = "203.0.113.7"


def events(kind: str):
    return AuditEvent.objects.filter(kind=kind)


def test_login_writes_who_and_from_where(client, phunphin_officer):
    response = client.post(
        reverse("login"), {"username": "phunphin", "password": PASSWORD}, REMOTE_ADDR=IP
    )
    assert response.status_code == 302
    event = events(Kind.LOGIN).get()
    assert (event.user, event.username, event.ip) == (phunphin_officer, "phunphin", IP)
    assert event.path == reverse("login")


def test_failed_login_keeps_the_name_typed_and_never_the_password(client, phunphin_officer):
    typed_password = "Wr0ng-but-secret-2563"
    client.post(
        reverse("login"), {"username": "PhunPhin", "password": typed_password}, REMOTE_ADDR=IP
    )
    event = events(Kind.LOGIN_FAILED).get()
    assert (event.username, event.ip, event.user) == ("PhunPhin", IP, None)
    assert not events(Kind.LOGIN).exists()
    stored = repr(model_to_dict(event)) + repr(event.detail)
    assert typed_password not in stored and PASSWORD not in stored


def test_failed_login_for_a_name_that_is_no_account_is_kept_as_typed(client, centers):
    client.post(reverse("login"), {"username": "nobody-here", "password": "x"})
    assert events(Kind.LOGIN_FAILED).get().username == "nobody-here"


def test_logout_is_written(client, phunphin_officer):
    client.post(reverse("login"), {"username": "phunphin", "password": PASSWORD})
    client.post(reverse("logout"))
    assert events(Kind.LOGOUT).get().user == phunphin_officer


def test_password_change_is_written(client, phunphin_officer):
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-pass-2563",
            "new_password2": "a-new-pass-2563",
        },
    )
    assert response.status_code == 302
    event = events(Kind.PASSWORD_CHANGED).get()
    assert event.user == phunphin_officer
    assert event.object_id == str(phunphin_officer.pk)


def test_refused_password_change_writes_nothing(client, phunphin_officer):
    client.force_login(phunphin_officer)
    client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "a-new-pass-2563", "new_password2": "x"},
    )
    assert not events(Kind.PASSWORD_CHANGED).exists()


def test_password_reset_request_and_new_password_are_written(client, phunphin_officer):
    client.post(reverse("password_reset"), {"email": "phunphin@example.go.th"}, REMOTE_ADDR=IP)
    requested = events(Kind.PASSWORD_RESET).get()
    assert (requested.user, requested.ip) == (phunphin_officer, IP)
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    form_url = client.get(link.group(1)).url
    client.post(form_url, {"new_password1": "a-new-pass-2563", "new_password2": "a-new-pass-2563"})
    changed = events(Kind.PASSWORD_CHANGED).get()
    assert (changed.user, changed.detail) == (phunphin_officer, {"via": "reset"})


def test_password_reset_for_an_unknown_address_keeps_no_address(client, centers):
    client.post(reverse("password_reset"), {"email": "someone@example.com"})
    event = events(Kind.PASSWORD_RESET).get()
    assert (event.user, event.username) == (None, "")
    assert "someone" not in repr(model_to_dict(event))


def user_form(user, **changes) -> dict:
    """The admin's change form for a user, as the page would post it."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "role": user.role,
        "province": user.province_id or "",
        "district": user.district_id or "",
        "position": "",
        "phone": "",
        "language": user.language,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_admin_changing_a_role_writes_who_changed_whom_from_what_to_what(
    client, admin_user, phunphin_officer
):
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[phunphin_officer.pk])
    response = client.post(
        url,
        user_form(phunphin_officer, role=Role.PROVINCE_OFFICER, province="84", district=""),
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = events(Kind.ROLE_CHANGED).get()
    assert (event.user, event.ip, event.object_id) == (admin_user, IP, str(phunphin_officer.pk))
    assert event.detail["subject"] == "phunphin"
    assert event.detail["changes"] == {
        "role": ["district_officer", "province_officer"],
        "district_id": ["8417", None],
    }


def test_admin_saving_a_user_unchanged_writes_no_role_change(client, admin_user, phunphin_officer):
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[phunphin_officer.pk])
    response = client.post(url, user_form(phunphin_officer, first_name="กนกพร ใหม่"))
    assert response.status_code == 302
    assert not events(Kind.ROLE_CHANGED).exists()


def test_admin_granting_admin_rights_is_a_role_change(client, admin_user, phunphin_officer):
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[phunphin_officer.pk])
    client.post(url, user_form(phunphin_officer, is_staff="on"))
    assert events(Kind.ROLE_CHANGED).get().detail["changes"] == {"is_staff": [False, True]}


def test_admin_creating_a_user_writes_the_role_given(client, admin_user, centers):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newofficer",
            "usable_password": "true",
            "password1": "a-new-pass-2563",
            "password2": "a-new-pass-2563",
            "email": "new@example.go.th",
            "role": Role.DISTRICT_OFFICER,
            "district": "8406",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    # Named as what it is in the trail's list, not as a change of an account's role.
    assert not events(Kind.ROLE_CHANGED).exists()
    event = events(Kind.ACCOUNT_CREATED).get()
    assert event.detail["created"] is True
    assert event.detail["changes"]["role"] == [None, "district_officer"]
    assert event.district == "8406"


def test_admin_setting_a_password_is_written(client, admin_user, phunphin_officer):
    client.force_login(admin_user)
    url = reverse("admin:auth_user_password_change", args=[phunphin_officer.pk])
    response = client.post(
        url,
        {
            "usable_password": "true",
            "password1": "set-by-admin-2563",
            "password2": "set-by-admin-2563",
        },
    )
    assert response.status_code == 302
    event = events(Kind.PASSWORD_CHANGED).get()
    assert (event.user, event.object_id, event.detail) == (
        admin_user,
        str(phunphin_officer.pk),
        {"via": "admin"},
    )
