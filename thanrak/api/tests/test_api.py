"""The API reads what the pages show, under the same policy and area scoping."""

import re

import pytest
from django.urls import reverse

from conftest import CHAIYA, PHUNPHIN, SURAT_THANI
from thanrak.audit.models import AuditEvent
from thanrak.centers.records import KINDS
from thanrak.centers.tests.factories import make_record
from thanrak.producers.models import Producer
from thanrak.producers.records import KINDS as PRODUCER_KINDS
from thanrak.producers.tests.factories import URL_OBJECTS, make_producer


def test_anonymous_gets_401_json_in_thai(client, centers):
    response = client.get(f"/api/v1/districts/{PHUNPHIN}/activities")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "โทเค็น" in response.json()["detail"]


def test_another_districts_record_is_404(client, phunphin_officer):
    meeting = make_record("meeting", CHAIYA)
    client.force_login(phunphin_officer)
    response = client.get(f"/api/v1/districts/{CHAIYA}/meetings/{meeting.pk}")
    assert response.status_code == 404
    assert "ไม่พบ" in response.json()["detail"]
    # Nor through its own district's path.
    assert client.get(f"/api/v1/districts/{PHUNPHIN}/meetings/{meeting.pk}").status_code == 404
    assert client.get(f"/api/v1/districts/{CHAIYA}/meetings").status_code == 404


def test_role_not_granted_is_403_json(client, phunphin_officer):
    client.force_login(phunphin_officer)
    response = client.get(f"/api/v1/provinces/{SURAT_THANI}/compliance")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_viewer_cannot_write(client, viewer):
    client.force_login(viewer)
    response = client.post(reverse("api_token_revoke"), {"token": 1})
    assert response.status_code in (302, 404)  # own tokens only: none here
    response = client.post(
        f"/api/v1/districts/{PHUNPHIN}/meetings", {}, content_type="application/json"
    )
    # The district's officer writes meetings; the executive reads them.
    assert response.status_code == 403
    assert response.json()["detail"]


@pytest.mark.parametrize("key", list(KINDS))
def test_every_kind_of_district_record_lists_with_a_count(client, phunphin_officer, key):
    record = make_record(key, PHUNPHIN)
    client.force_login(phunphin_officer)
    response = client.get(f"/api/v1/districts/{PHUNPHIN}/{KINDS[key].slug}?limit=5&offset=0")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] >= 1
    assert record.pk in [item["id"] for item in body["items"]]
    detail = client.get(f"/api/v1/districts/{PHUNPHIN}/{KINDS[key].slug}/{record.pk}")
    assert detail.status_code == 200


@pytest.mark.parametrize("key", list(PRODUCER_KINDS))
def test_every_kind_of_producer_record_lists_as_its_detail_reads(client, phunphin_officer, key):
    # A product names its producer (a foreign key): the list answered 500 for any product.
    pk = URL_OBJECTS[key](PHUNPHIN)
    client.force_login(phunphin_officer)
    url = f"/api/v1/districts/{PHUNPHIN}/{PRODUCER_KINDS[key].slug}"
    response = client.get(f"{url}?limit=5&offset=0")
    assert response.status_code == 200, response.content
    detail = client.get(f"{url}/{pk}")
    assert detail.status_code == 200
    assert [item for item in response.json()["items"] if item["id"] == pk] == [detail.json()]


def test_executive_sees_sole_owners_masked_and_reads_are_audited(client, viewer, phunphin_officer):
    producer = make_producer(PHUNPHIN)
    Producer.objects.filter(pk=producer.pk).update(
        kind=Producer.Kind.SOLE, name_public=False, contact_phone="0812345678"
    )
    client.force_login(viewer)
    item = client.get(f"/api/v1/districts/{PHUNPHIN}/producers/{producer.pk}").json()
    assert "0812345678" not in str(item) and item["name"] != producer.name
    client.force_login(phunphin_officer)
    item = client.get(f"/api/v1/districts/{PHUNPHIN}/producers/{producer.pk}").json()
    assert item["contact_phone"] == "0812345678"
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.PERSONAL_READ, user=phunphin_officer, district=PHUNPHIN
    ).exists()


def test_citizen_ids_are_taken_on_write_and_in_no_answer(client, centers):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    taking = {name for name, schema in schemas.items() if "citizen_id" in str(schema)}
    # A group member's citizen ID is written by the district officer (a request body)...
    assert "MemberRowIn" in taking and all(name.endswith("In") for name in taking)
    # ...and no answer names a schema that holds it, nor through the schemas it names.
    answers = [
        response
        for operations in document["paths"].values()
        for operation in operations.values()
        for response in operation.get("responses", {}).values()
    ]
    named = set(re.findall(r"#/components/schemas/(\w+)", str(answers)))
    seen: set[str] = set()
    while named - seen:
        name = (named - seen).pop()
        seen.add(name)
        named |= set(re.findall(r"#/components/schemas/(\w+)", str(schemas[name])))
    assert seen and not seen & taking
    assert "citizen_id" not in str(answers)


def test_district_compliance_explains_in_thai(client, phunphin_officer):
    client.force_login(phunphin_officer)
    body = client.get(f"/api/v1/districts/{PHUNPHIN}/compliance?fy=2563").json()
    assert [r["rule"] for r in body["results"]][:3] == ["R1", "R2", "R3"]
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in body["results"][0]["explanation"])


def test_session_writes_need_the_csrf_token(centers, phunphin_officer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(phunphin_officer)
    assert client.get(f"/api/v1/districts/{PHUNPHIN}/center").status_code == 200


def test_docs_page_loads_swagger_from_this_site(client, centers):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page.text
    assert "/static/api/docs.js" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    from tests.test_csp import assert_strict_policy, inline_code

    assert_strict_policy(page)
    assert not inline_code(page.text)
