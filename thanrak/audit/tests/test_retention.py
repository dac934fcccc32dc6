"""Keeping the trail: `manage.py purge_audit` removes what is past its time, and on
PostgreSQL the database itself refuses to change an event."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from thanrak.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

Kind = AuditEvent.Kind


def event_days_ago(days: int, username: str) -> AuditEvent:
    return AuditEvent.objects.create(
        kind=Kind.LOGIN, username=username, created_at=timezone.now() - dt.timedelta(days=days)
    )


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_audit", *args, stdout=out)
    return out.getvalue()


@override_settings(AUDIT_RETENTION_DAYS=730)
def test_purge_removes_old_events_and_keeps_recent_ones():
    event_days_ago(800, "old")
    event_days_ago(731, "just-past")
    event_days_ago(729, "just-within")
    event_days_ago(0, "today")
    assert purge() == "Deleted 2 audit events older than 730 days.\n"
    assert set(AuditEvent.objects.values_list("username", flat=True)) == {"just-within", "today"}


@override_settings(AUDIT_RETENTION_DAYS=30)
def test_purge_follows_the_setting_or_the_days_given():
    event_days_ago(40, "forty")
    event_days_ago(10, "ten")
    assert purge("--days", "60") == "Deleted 0 audit events older than 60 days.\n"
    assert purge() == "Deleted 1 audit events older than 30 days.\n"
    assert list(AuditEvent.objects.values_list("username", flat=True)) == ["ten"]


def test_purge_refuses_to_keep_nothing():
    event_days_ago(0, "today")
    with pytest.raises(CommandError):
        purge("--days", "0")
    assert AuditEvent.objects.count() == 1


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)


@postgresql_only
def test_database_refuses_to_change_an_event():
    event = event_days_ago(0, "phunphin")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(username="someone-else")
    event.refresh_from_db()
    assert event.username == "phunphin"


@postgresql_only
def test_deleting_a_user_keeps_their_events_by_name(phunphin_officer):
    AuditEvent.objects.create(kind=Kind.LOGIN, user=phunphin_officer, username="phunphin")
    phunphin_officer.delete()
    event = AuditEvent.objects.get()
    assert (event.user, event.username) == (None, "phunphin")
