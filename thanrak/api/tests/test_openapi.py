"""The OpenAPI document against the running app (schemathesis): for every read operation,
generated requests with a token get no 5xx, and every answer conforms to the document."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from conftest import PHUNPHIN
from thanrak.api.tests.factories import make_api_token
from thanrak.centers.records import KINDS
from thanrak.centers.tests.factories import make_record
from thanrak.monitoring.tests.factories import make_visit
from thanrak.producers.tests.factories import URL_OBJECTS as PRODUCER_OBJECTS


def token_for(user) -> str:
    return make_api_token(user, "thr_schemathesis-" + user.username)


@pytest.fixture(scope="module")
def wsgi_app():
    """The app as a server runs it, but keeping the test's database connection: a server
    closes it after each request, which would end the test's transaction (as Django's own
    test client, it is left open)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def schema(wsgi_app, django_db_setup, django_db_blocker):
    """The document as the app serves it, loaded once for the module's tests."""
    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)


def run_examples(operation, max_examples: int, check) -> None:
    """Hypothesis draws the operation's requests (the same ones each run); check each."""
    cache.clear()  # the rate limit is tested elsewhere: here, every answer is read

    @given(case=operation.as_strategy())
    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        check(case)

    run()


def test_every_operation_answers_as_documented(province_officer, monitor, schema):
    for key in KINDS:
        make_record(key, PHUNPHIN)
    for key in ("wisdom", "group", "producer", "product", "service"):
        PRODUCER_OBJECTS[key](PHUNPHIN)
    make_visit(PHUNPHIN)
    secret = token_for(province_officer)
    # Reads only: the writes are tested by test_writes.py (random bodies would write).
    operations = [
        result.ok() for result in schema.get_all_operations() if result.ok().method == "get"
    ]
    assert len(operations) >= 40
    # The WSGI client does not unzip: ask for the JSON as it is.
    headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}
    for operation in operations:
        run_examples(operation, 8, lambda case: case.call_and_validate(headers=headers))


WRITES = {"post", "put", "patch", "delete"}
# Not positive_data_acceptance: a body the document allows may still be refused by the
# page's form (a required field, a date in the future), which the document cannot say.
WRITE_CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


def test_every_write_operation_answers_as_documented(phunphin_officer, schema):
    """Generated bodies against every write, as the district's officer: no 5xx, every answer
    (201, 200, 204, 404 for a record a generated DELETE took, 422 in Thai) as documented.
    The test's transaction is rolled back after it; files go to a temporary folder."""
    from thanrak.evidence.tests.factories import ensure_temporary_media_root

    ensure_temporary_media_root()
    # The officer's own records: the path keywords point at them (a generated id is a 404).
    records = {key: make_record(key, PHUNPHIN).pk for key in KINDS}
    for key in ("wisdom", "group", "producer", "product", "service"):
        records[key] = PRODUCER_OBJECTS[key](PHUNPHIN)
    secret = token_for(phunphin_officer)
    operations = sorted(
        (
            result.ok()
            for result in schema.get_all_operations()
            if result.ok().method in WRITES and "/districts/" in result.ok().path
        ),
        key=lambda operation: operation.method == "delete",  # deletes last
    )
    assert len(operations) >= 60
    headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}

    def check(case):
        keywords = {"district": PHUNPHIN}
        keywords |= {k: pk for k, pk in records.items() if k in (case.path_parameters or {})}
        case.path_parameters = {**(case.path_parameters or {}), **keywords}
        case.call_and_validate(headers=headers, checks=WRITE_CHECKS)

    for operation in operations:
        run_examples(operation, 4, check)
    # Some generated writes were taken (each is in the audit trail), not only refused.
    from thanrak.audit.models import AuditEvent

    written = AuditEvent.objects.filter(kind=AuditEvent.Kind.API_WRITE)
    assert {event.method for event in written} >= {"PATCH", "DELETE"}


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
