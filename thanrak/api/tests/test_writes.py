"""Writes through the API: the pages' forms, services, policy and area scoping."""

import datetime as dt
import json
import uuid

import pytest

from conftest import CHAIYA, NAKHON_SI_THAMMARAT, PHUNPHIN
from thanrak.api.tests.factories import make_api_token
from thanrak.areas.models import District
from thanrak.centers.models import Activity, Expense
from thanrak.centers.tests.factories import make_record
from thanrak.monitoring import services as monitoring_services
from thanrak.monitoring.models import ItemFinding, Visit, VisitFinding
from thanrak.monitoring.tests.factories import make_visit

ACTIVITIES = f"/api/v1/districts/{PHUNPHIN}/activities"
GOOD = {"date": "2026-05-01", "title": "อบรมการทำบัญชีครัวเรือน", "kind": "standards"}


def bearer(user) -> dict[str, str]:
    secret = make_api_token(user, f"thr_test-writes-{uuid.uuid4().hex}")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def send(client, method: str, path: str, body: dict | None = None, **headers):
    call = getattr(client, method.lower())
    return call(path, json.dumps(body or {}), content_type="application/json", **headers)


def test_officer_creates_changes_and_deletes_an_activity_with_a_token(client, phunphin_officer):
    auth = bearer(phunphin_officer)
    created = send(client, "POST", ACTIVITIES, {**GOOD, "cost": "1,500", "topics": []}, **auth)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["date"] == "2026-05-01" and body["cost"] == "1500.00"
    activity = Activity.objects.get(pk=body["id"])
    assert activity.center.district_id == PHUNPHIN and activity.date == dt.date(2026, 5, 1)

    patched = send(client, "PATCH", f"{ACTIVITIES}/{activity.pk}", {"title": "อบรมใหม่"}, **auth)
    assert patched.status_code == 200, patched.content
    activity.refresh_from_db()
    # Only the title changed: the date and cost stay as saved.
    assert (activity.title, activity.date, activity.cost) == ("อบรมใหม่", dt.date(2026, 5, 1), 1500)

    put = send(client, "PUT", f"{ACTIVITIES}/{activity.pk}", {**GOOD, "date": "2026-06-02"}, **auth)
    assert put.status_code == 200, put.content
    activity.refresh_from_db()
    assert activity.date == dt.date(2026, 6, 2) and activity.cost == 0

    # The record's history names the token's user, as a page's save does.
    assert {h.history_user for h in activity.history.all()} == {phunphin_officer}

    deleted = send(client, "DELETE", f"{ACTIVITIES}/{activity.pk}", **auth)
    assert deleted.status_code == 204
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert activity.history.filter(history_type="-").get().history_user == phunphin_officer


def test_a_put_without_a_required_field_is_refused_in_thai(client, phunphin_officer):
    activity = make_record("activity", PHUNPHIN)
    auth = bearer(phunphin_officer)
    response = send(client, "PUT", f"{ACTIVITIES}/{activity.pk}", {"title": "ใหม่"}, **auth)
    assert response.status_code == 422
    assert ["body", "date"] in [e["loc"] for e in response.json()["errors"]]
    activity.refresh_from_db()
    assert activity.title == "อบรม"


@pytest.mark.parametrize(
    ("field", "value"),
    [("date", "2026-02-30"), ("date", "2569-13-01"), ("date", "พรุ่งนี้"), ("cost", "-5")],
)
def test_a_bad_date_or_negative_amount_is_422_in_thai_and_writes_nothing(
    client, phunphin_officer, field, value
):
    response = send(client, "POST", ACTIVITIES, {**GOOD, field: value}, **bearer(phunphin_officer))
    assert response.status_code == 422, response.content
    body = response.json()
    assert "ไม่ได้บันทึก" in body["detail"]
    errors = {tuple(e["loc"]): e["msg"] for e in body["errors"]}
    assert ("body", field) in errors
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in errors[("body", field)]), errors
    assert not Activity.objects.exists()


def test_a_negative_expense_is_refused_with_the_pages_message(client, phunphin_officer):
    path = f"/api/v1/districts/{PHUNPHIN}/expenses"
    body = {"date": "2026-05-01", "description": "วัสดุ", "method": "purchase", "amount": -100}
    response = send(client, "POST", path, body, **bearer(phunphin_officer))
    assert response.status_code == 422
    assert "ติดลบ" in str(response.json()["errors"]) or "น้อยกว่า" in str(response.json()["errors"])
    assert not Expense.objects.exists()


@pytest.mark.parametrize("persona", ["viewer", "province_officer", "monitor"])
def test_a_role_that_reads_but_does_not_write_gets_403(client, centers, request, persona):
    activity = make_record("activity", PHUNPHIN)
    user = request.getfixturevalue(persona)
    if persona == "monitor":  # reads Phunphin as a member of its visit's team
        Visit.objects.get(pk=make_visit(PHUNPHIN)).team.members.add(user)
    auth = bearer(user)
    assert client.get(f"{ACTIVITIES}/{activity.pk}", **auth).status_code == 200
    for method, path in (
        ("POST", ACTIVITIES),
        ("PATCH", f"{ACTIVITIES}/{activity.pk}"),
        ("DELETE", f"{ACTIVITIES}/{activity.pk}"),
    ):
        response = send(client, method, path, GOOD, **auth)
        assert response.status_code == 403, (method, response.content)
        assert "บทบาท" in response.json()["detail"]
    assert Activity.objects.get().title == "อบรม"


def test_another_districts_record_is_404(client, phunphin_officer):
    activity = make_record("activity", CHAIYA)
    auth = bearer(phunphin_officer)
    chaiya = f"/api/v1/districts/{CHAIYA}/activities"
    assert send(client, "POST", chaiya, GOOD, **auth).status_code == 404
    assert send(client, "PATCH", f"{chaiya}/{activity.pk}", GOOD, **auth).status_code == 404
    assert send(client, "DELETE", f"{chaiya}/{activity.pk}", **auth).status_code == 404
    # Nor through the officer's own district's path.
    assert send(client, "DELETE", f"{ACTIVITIES}/{activity.pk}", **auth).status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_the_session_needs_the_csrf_token_a_token_does_not(phunphin_officer):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(phunphin_officer)
    response = send(browser, "POST", ACTIVITIES, GOOD)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Activity.objects.exists()
    response = send(
        Client(enforce_csrf_checks=True), "POST", ACTIVITIES, GOOD, **bearer(phunphin_officer)
    )
    assert response.status_code == 201


# --- Findings -----------------------------------------------------------------------


@pytest.fixture
def visit(centers, monitor):
    """The Phunphin visit, its team with the monitor on it."""
    visit = Visit.objects.select_related("team", "round").get(pk=make_visit(PHUNPHIN))
    visit.team.members.add(monitor)
    return visit


def test_the_team_records_a_finding_once_per_key(client, visit, monitor):
    item = visit.round.checklist.first()
    auth = bearer(monitor)
    key = str(uuid.uuid4())
    path = f"/api/v1/visits/{visit.pk}/findings/{item.pk}"
    answer = {"result": "found", "comment": "มีรายงานการประชุมครบ"}
    first = send(client, "PUT", path, answer, HTTP_IDEMPOTENCY_KEY=key, **auth)
    assert first.status_code == 200, first.content
    assert first.json()["comment"] == "มีรายงานการประชุมครบ"
    # The same answer sent again with its key (the phone lost the reply) saves nothing more,
    # even if the text differs.
    again = send(client, "PUT", path, {**answer, "comment": "ซ้ำ"}, HTTP_IDEMPOTENCY_KEY=key, **auth)
    assert again.status_code == 200
    finding = ItemFinding.objects.get(visit=visit, item=item)
    assert finding.comment == "มีรายงานการประชุมครบ" and finding.history.count() == 1

    overall = send(client, "PUT", f"/api/v1/visits/{visit.pk}/finding", {"overall": "ดี"}, **auth)
    assert overall.status_code == 200
    assert overall.json() == {"overall": "ดี", "recommendations": ""}
    assert VisitFinding.objects.get(visit=visit).recorded_by == monitor


def test_a_bad_result_or_key_is_422_in_thai(client, visit, monitor):
    item = visit.round.checklist.first()
    path = f"/api/v1/visits/{visit.pk}/findings/{item.pk}"
    auth = bearer(monitor)
    response = send(client, "PUT", path, {"result": "maybe"}, **auth)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "result"]
    response = send(client, "PUT", path, {"result": "found"}, HTTP_IDEMPOTENCY_KEY="x", **auth)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert not ItemFinding.objects.exists()


def test_another_team_gets_403_and_another_province_404(client, visit, monitor, django_user_model):
    from conftest import make_user
    from thanrak.accounts.models import Role

    other = make_user("other-team", Role.MONITOR, province=visit.round.province_id)
    monitoring_services.team_save(round_=visit.round, name="ทีมบี", lead=other, members=[])
    item = visit.round.checklist.first()
    path = f"/api/v1/visits/{visit.pk}/findings/{item.pk}"
    response = send(client, "PUT", path, {"result": "found"}, **bearer(other))
    assert response.status_code == 403
    assert (
        send(client, "PUT", f"/api/v1/visits/{visit.pk}/finding", {}, **bearer(other)).status_code
        == 403
    )

    far = District.objects.filter(province=NAKHON_SI_THAMMARAT).first()
    far_visit = Visit.objects.get(pk=make_visit(far.pk))
    far_item = far_visit.round.checklist.first()
    path = f"/api/v1/visits/{far_visit.pk}/findings/{far_item.pk}"
    assert send(client, "PUT", path, {"result": "found"}, **bearer(monitor)).status_code == 404
    assert not ItemFinding.objects.exists()
