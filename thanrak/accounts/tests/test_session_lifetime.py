"""Session lifetime: idle timeout for privileged roles, an absolute limit for everyone."""

from django.urls import reverse
from django.utils import timezone

from thanrak.accounts.session_lifetime import SEEN_AT, SIGNED_IN_AT

MINUTE = 60
HOUR = 60 * MINUTE


def set_clocks(client, *, signed_in_ago: int, seen_ago: int) -> None:
    """Move the session's clocks back, as if that much time had passed."""
    now = int(timezone.now().timestamp())
    session = client.session
    session[SIGNED_IN_AT] = now - signed_in_ago
    session[SEEN_AT] = now - seen_ago
    session.save()


def test_sign_in_starts_the_clocks(client, province_officer):
    client.force_login(province_officer)
    now = timezone.now().timestamp()
    assert abs(client.session[SIGNED_IN_AT] - now) < 5
    assert abs(client.session[SEEN_AT] - now) < 5


def test_privileged_session_ends_after_thirty_idle_minutes(client, province_officer):
    client.force_login(province_officer)
    set_clocks(client, signed_in_ago=HOUR, seen_ago=31 * MINUTE)
    url = reverse("centers:province", args=["84"])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert "ไม่มีการใช้งานนาน 30 นาที" in page.text


def test_activity_keeps_a_privileged_session(client, viewer):
    client.force_login(viewer)
    set_clocks(client, signed_in_ago=HOUR, seen_ago=29 * MINUTE)
    assert client.get(reverse("profile")).status_code == 200
    assert timezone.now().timestamp() - client.session[SEEN_AT] < 5
    assert client.get(reverse("profile")).status_code == 200


def test_district_officer_is_not_timed_out_when_idle(client, phunphin_officer):
    client.force_login(phunphin_officer)
    set_clocks(client, signed_in_ago=3 * HOUR, seen_ago=3 * HOUR)
    assert client.get(reverse("profile")).status_code == 200


def test_every_session_ends_twelve_hours_after_sign_in_even_when_active(client, phunphin_officer):
    client.force_login(phunphin_officer)
    set_clocks(client, signed_in_ago=12 * HOUR + 1, seen_ago=MINUTE)
    response = client.get(reverse("profile"))
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert "ครบ 12 ชั่วโมง" in client.get(response.url).text


def test_idle_timeout_is_a_setting(client, settings, admin_user):
    settings.SESSION_IDLE_TIMEOUT_PRIVILEGED = 5 * MINUTE
    client.force_login(admin_user)
    set_clocks(client, signed_in_ago=HOUR, seen_ago=6 * MINUTE)
    assert client.get(reverse("profile")).url.startswith(reverse("login"))
