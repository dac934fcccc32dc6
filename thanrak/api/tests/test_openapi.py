"""The OpenAPI document against the running app (schemathesis): for every read operation,
generated requests with a token get no 5xx, and every answer conforms to the document."""

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings

from conftest import PHUNPHIN
from thanrak.accounts.models import ApiToken
from thanrak.accounts.tokens import digest_of
from thanrak.centers.records import KINDS
from thanrak.centers.tests.factories import make_record
from thanrak.monitoring.tests.factories import make_visit
from thanrak.producers.tests.factories import URL_OBJECTS as PRODUCER_OBJECTS


def token_for(user) -> str:
    secret = "thr_schemathesis-" + user.username
    ApiToken.objects.create(
        user=user,
        name="schemathesis",
        prefix=secret[:10],
        digest=digest_of(secret),
        expires_on=timezone.localdate() + dt.timedelta(days=1),
    )
    return secret


@pytest.fixture
def wsgi_app():
    """The app as a server runs it, but keeping the test's database connection: a server
    closes it after each request, which would end the test's transaction (as Django's own
    test client, it is left open)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_answers_as_documented(province_officer, monitor, wsgi_app):
    for key in KINDS:
        make_record(key, PHUNPHIN)
    for key in ("wisdom", "group", "producer", "product", "service"):
        PRODUCER_OBJECTS[key](PHUNPHIN)
    make_visit(PHUNPHIN)
    secret = token_for(province_officer)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    # Reads only: the writes are tested by test_writes.py (random bodies would write).
    operations = [
        result.ok() for result in schema.get_all_operations() if result.ok().method == "get"
    ]
    assert len(operations) >= 40
    # The WSGI client does not unzip: ask for the JSON as it is.
    headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(headers=headers)

        check()


def test_the_document_is_valid_openapi_3(client, centers):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    for slug in (
        "committee",
        "meetings",
        "plans",
        "activities",
        "publicity",
        "budget",
        "expenses",
        "referrals",
        "wisdom",
        "groups",
        "producers",
        "products",
        "services",
    ):
        assert f"/api/v1/districts/{{district}}/{slug}" in paths, slug
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
