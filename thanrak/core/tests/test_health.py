"""Health checks (thanrak/core/health.py): what a load balancer and a monitor are told."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from thanrak.notifications.tasks import notifications_scan


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_app_check_names_the_database_and_the_cache(client, db, settings):
    response = client.get("/healthz/", HTTP_ACCEPT="text/html")
    # A browser is answered in plain text: the library's page has an inline style.
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text.splitlines() == [
        "Database(alias='default'): OK",
        "Cache(alias='default'): OK",
    ]
    assert "no-store" in response["Cache-Control"]
    json = client.get("/healthz/", HTTP_ACCEPT="application/json").json()
    assert json == {"Database(alias='default')": "OK", "Cache(alias='default')": "OK"}
    # Nothing is written under MEDIA_ROOT, where a backup may be reading.
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.iterdir())


def test_only_text_or_json_whatever_is_asked(client, db, settings):
    # The library's feeds would answer 200 whatever the checks found, and an Accept
    # header it cannot read would be a 500.
    settings.HEALTH_WORKER_STALL_MINUTES = 15
    for query, accept in [("?format=rss", "*/*"), ("", "bad;;;"), ("?format=openmetrics", "")]:
        response = client.get(f"/healthz/worker/{query}", HTTP_ACCEPT=accept)
        assert response.status_code == 200
        assert response.text == "Worker(): OK\n"


def test_a_load_balancer_probing_over_plain_http_is_not_redirected(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz/").status_code == 200
    assert client.head("/healthz/worker/").status_code == 200


def test_the_worker_check_fails_when_a_task_waited_past_the_limit(client, db, settings):
    settings.HEALTH_WORKER_STALL_MINUTES = 15
    result = notifications_scan.enqueue()
    # Just queued: the worker has time yet.
    assert client.get("/healthz/worker/").status_code == 200
    waited = timezone.now() - dt.timedelta(minutes=16)
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=waited)
    response = client.get("/healthz/worker/", HTTP_ACCEPT="application/json")
    assert response.status_code == 500
    assert response.json() == {
        "Worker()": "Unavailable: A background task has waited over 15 minutes: is a worker running?"
    }
    # Asked for as a feed, it still fails (the library's feeds answered 200).
    assert client.get("/healthz/worker/?format=rss").status_code == 500
    # Taken by a worker, it no longer waits.
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING")
    assert client.get("/healthz/worker/").status_code == 200
