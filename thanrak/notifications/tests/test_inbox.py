"""The inbox, the unread badge, marking read, the e-mail preference on the profile page."""

import datetime as dt
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from thanrak.notifications.context_processors import unread
from thanrak.notifications.models import EmailPreference, Notification

pytestmark = pytest.mark.django_db


def notify(user, title: str, *, read: bool = False, minutes: int = 0) -> Notification:
    n = Notification.objects.create(
        user=user,
        kind=Notification.Kind.REPORT_ACCEPTED,
        title=title,
        url=reverse("documents:report_list", args=[user.district_id or "8417"]),
        event_key=f"test:{title}",
        read_at=timezone.now() if read else None,
    )
    Notification.objects.filter(pk=n.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes)
    )
    return n


def test_the_inbox_lists_the_users_notifications_newest_first_unread_marked(
    client, phunphin_officer, chaiya_officer
):
    notify(phunphin_officer, "เก่าที่อ่านแล้ว", read=True, minutes=30)
    notify(phunphin_officer, "ใหม่ที่สุด", minutes=1)
    notify(chaiya_officer, "ของอำเภอไชยา")
    client.force_login(phunphin_officer)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert page.index("ใหม่ที่สุด") < page.index("เก่าที่อ่านแล้ว")
    assert "ของอำเภอไชยา" not in page
    assert page.count('class="inbox-item unread"') == 1
    assert 'data-testid="unread-count"' in page


def test_the_header_badge_counts_unread_in_one_query(
    client, phunphin_officer, django_assert_num_queries
):
    notify(phunphin_officer, "หนึ่ง")
    notify(phunphin_officer, "สอง")
    notify(phunphin_officer, "สาม", read=True)
    request = RequestFactory().get("/")
    request.user = phunphin_officer
    with django_assert_num_queries(1):
        assert unread(request) == {"unread_notifications": 2}
    client.force_login(phunphin_officer)
    page = client.get(reverse("centers:district", args=["8417"])).content.decode()
    assert '<span class="visually-hidden">ยังไม่อ่าน: </span>2</span>' in page


def test_no_badge_when_all_are_read_and_none_for_visitors(client, phunphin_officer):
    notify(phunphin_officer, "อ่านแล้ว", read=True)
    client.force_login(phunphin_officer)
    assert b'data-testid="unread-count"' not in client.get(reverse("profile")).content
    client.logout()
    assert b'data-testid="inbox-link"' not in client.get(reverse("landing")).content


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, phunphin_officer):
    n = notify(phunphin_officer, "หนึ่ง")
    other = notify(phunphin_officer, "สอง")
    client.force_login(phunphin_officer)
    response = client.post(reverse("notifications:read"), {"notification": n.pk, "next": n.url})
    assert response.status_code == 302 and response["Location"] == n.url
    n.refresh_from_db()
    other.refresh_from_db()
    assert n.read_at is not None and other.read_at is None


def test_a_link_to_another_site_is_not_followed(client, phunphin_officer):
    n = notify(phunphin_officer, "หนึ่ง")
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("notifications:read"), {"notification": n.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("notifications:inbox")


def test_mark_all_read(client, phunphin_officer, chaiya_officer):
    notify(phunphin_officer, "หนึ่ง")
    notify(phunphin_officer, "สอง")
    theirs = notify(chaiya_officer, "ของไชยา")
    client.force_login(phunphin_officer)
    response = client.post(reverse("notifications:read"))
    assert response["Location"] == reverse("notifications:inbox")
    assert not Notification.objects.filter(user=phunphin_officer, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_another_users_notification_is_404_and_stays_unread(
    client, phunphin_officer, chaiya_officer
):
    theirs = notify(chaiya_officer, "ของไชยา")
    client.force_login(phunphin_officer)
    response = client.post(reverse("notifications:read"), {"notification": theirs.pk})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_profile_page_sets_the_email_preference(client, phunphin_officer):
    client.force_login(phunphin_officer)
    page = client.get(reverse("profile")).content.decode()
    assert re.search(r'value="each"[^>]*checked', page)
    response = client.post(reverse("notifications:preference"), {"email": "digest"})
    assert response["Location"] == reverse("profile")
    assert EmailPreference.objects.get(user=phunphin_officer).email == "digest"
    page = client.get(reverse("profile")).content.decode()
    assert re.search(r'value="digest"[^>]*checked', page)
    assert not re.search(r'value="each"[^>]*checked', page)
    client.post(reverse("notifications:preference"), {"email": "nonsense"})
    assert EmailPreference.objects.get(user=phunphin_officer).email == "digest"
