"""Writes of records with rows (committee terms, plans, producers' records) and the audit
trail of every API write."""

import json

import pytest

from conftest import CHAIYA, PHUNPHIN
from thanrak.api.tests.test_writes import bearer, send
from thanrak.audit.models import AuditEvent
from thanrak.centers.models import CommitteeMember, CommitteeTerm, Plan
from thanrak.monitoring.models import Visit
from thanrak.monitoring.tests.factories import make_visit
from thanrak.producers.models import Group, Member, Producer
from thanrak.producers.tests.factories import FAKE_CITIZEN_ID, make_group

COMMITTEE = f"/api/v1/districts/{PHUNPHIN}/committee"
PLANS = f"/api/v1/districts/{PHUNPHIN}/plans"
GROUPS = f"/api/v1/districts/{PHUNPHIN}/groups"
TERM = {"order_number": "12/2569", "order_date": "2026-01-10", "starts_on": "2026-01-10"}
CHAIR = {"name": "นายอำเภอพุนพิน", "category": "chair"}
SECRETARY = {"name": "นางสาวพัฒนา ชุมชน", "category": "secretary"}


def api_writes(user):
    return AuditEvent.objects.filter(kind=AuditEvent.Kind.API_WRITE, user=user)


def test_officer_writes_a_committee_term_with_its_members(client, phunphin_officer):
    auth = bearer(phunphin_officer)
    created = send(client, "POST", COMMITTEE, {**TERM, "members": [CHAIR, SECRETARY]}, **auth)
    assert created.status_code == 201, created.content
    body = created.json()
    assert [m["name"] for m in body["members"]] == [CHAIR["name"], SECRETARY["name"]]
    term = CommitteeTerm.objects.get(pk=body["id"])
    assert term.center.district_id == PHUNPHIN and term.members.count() == 2
    chair_id = body["members"][0]["id"]

    # The list sent is the whole list: the chair changed, a leader added, the secretary gone.
    leader = {"name": "นายผู้นำ กลุ่มอาชีพ", "category": "leader"}
    rows = [{"id": chair_id, "organisation": "ที่ว่าการอำเภอพุนพิน"}, leader]
    patched = send(client, "PATCH", f"{COMMITTEE}/{term.pk}", {"members": rows}, **auth)
    assert patched.status_code == 200, patched.content
    members = {m.name: m for m in term.members.all()}
    assert set(members) == {CHAIR["name"], leader["name"]}
    assert members[CHAIR["name"]].organisation == "ที่ว่าการอำเภอพุนพิน"
    assert members[CHAIR["name"]].category == "chair"  # not sent: kept
    # A PATCH without the list keeps the rows.
    send(client, "PATCH", f"{COMMITTEE}/{term.pk}", {"note": "แต่งตั้งใหม่"}, **auth)
    assert term.members.count() == 2
    history_users = {h.history_user for h in CommitteeMember.history.all()}
    assert history_users == {phunphin_officer}


def test_a_bad_member_is_refused_per_row_and_nothing_is_written(client, phunphin_officer):
    rows = [CHAIR, {"name": "", "category": "boss"}]
    response = send(
        client, "POST", COMMITTEE, {**TERM, "members": rows}, **bearer(phunphin_officer)
    )
    assert response.status_code == 422, response.content
    errors = {tuple(e["loc"]): e["msg"] for e in response.json()["errors"]}
    assert ("body", "members", "1", "category") in errors
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in errors[("body", "members", "1", "category")])
    assert not CommitteeTerm.objects.exists() and not CommitteeMember.objects.exists()
    assert not api_writes(phunphin_officer).exists()


def test_an_unknown_row_id_is_422(client, phunphin_officer):
    auth = bearer(phunphin_officer)
    term = send(client, "POST", COMMITTEE, {**TERM, "members": [CHAIR]}, **auth).json()
    rows = [{"id": 999999, "name": "ใครก็ไม่รู้"}]
    response = send(client, "PATCH", f"{COMMITTEE}/{term['id']}", {"members": rows}, **auth)
    assert response.status_code == 422
    assert ["body", "members", "0", "id"] in [e["loc"] for e in response.json()["errors"]]
    assert CommitteeMember.objects.get().name == CHAIR["name"]


def test_officer_writes_a_plan_with_its_items(client, phunphin_officer):
    auth = bearer(phunphin_officer)
    plan = {
        "kind": "short",
        "title": "แผนปฏิบัติการประจำปี 2569",
        "first_year": 2569,
        "last_year": 2569,
        "items": [{"title": "อบรมบัญชีครัวเรือน", "budget": "5,000"}, {"title": "ตลาดนัด"}],
    }
    created = send(client, "POST", PLANS, plan, **auth)
    assert created.status_code == 201, created.content
    items = created.json()["items"]
    assert [(i["title"], i["budget"]) for i in items] == [
        ("อบรมบัญชีครัวเรือน", "5000.00"),
        ("ตลาดนัด", "0.00"),
    ]
    saved = Plan.objects.get(pk=created.json()["id"])
    assert saved.items.count() == 2
    bad = send(client, "PATCH", f"{PLANS}/{saved.pk}", {"items": [{"budget": "-1"}]}, **auth)
    assert bad.status_code == 422
    assert saved.items.count() == 2


def test_the_officer_writes_a_group_with_citizen_ids_never_sent_back(client, phunphin_officer):
    auth = bearer(phunphin_officer)
    body = {
        "name": "กลุ่มจักสานบ้านท่าข้าม",
        "members": [
            {"name": "นางจักสาน ฝีมือดี", "citizen_id": FAKE_CITIZEN_ID, "phone": "0812345678"}
        ],
    }
    created = send(client, "POST", GROUPS, body, **auth)
    assert created.status_code == 201, created.content
    assert FAKE_CITIZEN_ID not in created.text and "citizen_id" not in created.text
    group = Group.objects.get(pk=created.json()["id"])
    assert group.district_id == PHUNPHIN and group.created_by == phunphin_officer
    assert Member.objects.get(group=group).citizen_id == FAKE_CITIZEN_ID
    read = client.get(f"{GROUPS}/{group.pk}", **auth)
    assert read.status_code == 200 and FAKE_CITIZEN_ID not in read.text

    bad_id = [{"name": "นายเลขผิด", "citizen_id": "1234567890123"}]
    refused = send(client, "PUT", f"{GROUPS}/{group.pk}", {**body, "members": bad_id}, **auth)
    assert refused.status_code == 422
    assert ["body", "members", "0", "citizen_id"] in [e["loc"] for e in refused.json()["errors"]]
    assert Member.objects.get(group=group).name == "นางจักสาน ฝีมือดี"


def test_producers_and_products_are_written_and_deleted(client, phunphin_officer):
    auth = bearer(phunphin_officer)
    producer = send(
        client,
        "POST",
        f"/api/v1/districts/{PHUNPHIN}/producers",
        {
            "name": "วิสาหกิจชุมชนไข่เค็ม",
            "kind": "community",
            "incomes": [{"fiscal_year": 2568, "amount": "120000"}],
        },
        **auth,
    )
    assert producer.status_code == 201, producer.content
    assert producer.json()["incomes"][0]["amount"] == "120000.00"
    product = send(
        client,
        "POST",
        f"/api/v1/districts/{PHUNPHIN}/products",
        {"producer": producer.json()["id"], "name": "ไข่เค็มพุนพิน", "category": "food"},
        **auth,
    )
    assert product.status_code == 201, product.content
    gone = send(
        client, "DELETE", f"/api/v1/districts/{PHUNPHIN}/products/{product.json()['id']}", **auth
    )
    assert gone.status_code == 204


@pytest.mark.parametrize("persona", ["viewer", "province_officer"])
def test_readers_get_403_on_producers_records(client, centers, request, persona):
    group = make_group(PHUNPHIN)
    auth = bearer(request.getfixturevalue(persona))
    assert send(client, "POST", GROUPS, {"name": "ใหม่"}, **auth).status_code == 403
    assert send(client, "PATCH", f"{GROUPS}/{group.pk}", {"name": "x"}, **auth).status_code == 403
    assert Group.objects.get().name == group.name


def test_another_districts_producers_records_are_404(client, phunphin_officer):
    group = make_group(CHAIYA)
    auth = bearer(phunphin_officer)
    chaiya = f"/api/v1/districts/{CHAIYA}/groups"
    assert send(client, "POST", chaiya, {"name": "ใหม่"}, **auth).status_code == 404
    assert send(client, "DELETE", f"{chaiya}/{group.pk}", **auth).status_code == 404
    assert send(client, "DELETE", f"{GROUPS}/{group.pk}", **auth).status_code == 404
    assert not Producer.objects.exists() and Group.objects.filter(pk=group.pk).exists()


def test_every_api_write_is_in_the_audit_trail(client, phunphin_officer, monitor):
    auth = bearer(phunphin_officer)
    path = f"/api/v1/districts/{PHUNPHIN}/activities"
    created = send(
        client, "POST", path, {"date": "2026-05-01", "title": "อบรม", "kind": "standards"}, **auth
    )
    pk = created.json()["id"]
    send(client, "PATCH", f"{path}/{pk}", {"title": "อบรมใหม่"}, **auth)
    send(client, "DELETE", f"{path}/{pk}", **auth)
    events = list(api_writes(phunphin_officer).order_by("pk"))
    assert [(e.method, e.status, e.path) for e in events] == [
        ("POST", 201, path),
        ("PATCH", 200, f"{path}/{pk}"),
        ("DELETE", 204, f"{path}/{pk}"),
    ]
    for event in events:
        assert (event.username, event.object_type, event.object_id) == (
            phunphin_officer.username,
            "centers.Activity",
            str(pk),
        )
        assert event.district == PHUNPHIN and event.detail["token"]
    assert events[0].detail["operation"] == "centers_activity_list"

    visit = Visit.objects.select_related("round").get(pk=make_visit(PHUNPHIN))
    visit.team.members.add(monitor)
    item = visit.round.checklist.first()
    finding = f"/api/v1/visits/{visit.pk}/findings/{item.pk}"
    assert send(client, "PUT", finding, {"result": "found"}, **bearer(monitor)).status_code == 200
    event = api_writes(monitor).get()
    assert (event.method, event.path, event.object_type) == (
        "PUT",
        finding,
        "monitoring.ItemFinding",
    )
    # A refused write is not a write (the refusal is its own event).
    send(client, "POST", path, {"title": "ไม่มีวันที่"}, **auth)
    assert api_writes(phunphin_officer).count() == 3


def test_the_document_describes_the_new_writes(client, centers):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    for slug, key in (
        ("committee", "term"),
        ("plans", "plan"),
        ("groups", "group"),
        ("producers", "producer"),
        ("products", "product"),
    ):
        operations = document["paths"][f"/api/v1/districts/{{district}}/{slug}/{{{key}}}"]
        assert {"get", "put", "patch", "delete"} <= set(operations), slug
        assert {"200", "403", "404", "422"} <= set(operations["put"]["responses"])
        assert "204" in operations["delete"]["responses"]
        create = document["paths"][f"/api/v1/districts/{{district}}/{slug}"]["post"]
        assert "201" in create["responses"] and "requestBody" in create
    term_in = document["components"]["schemas"]["CommitteeTermIn"]["properties"]
    assert "members" in term_in
    assert "citizen_id" not in json.dumps(document["components"]["schemas"]["MemberRowOut"])


# --- Evidence files -------------------------------------------------------------------


def test_officer_adds_photos_and_files_checked_as_on_the_page(client, phunphin_officer):
    from thanrak.centers.models import Expense
    from thanrak.centers.tests.factories import make_record
    from thanrak.evidence.models import Evidence
    from thanrak.evidence.tests.factories import (
        ensure_temporary_media_root,
        image_bytes,
        jpeg_with_gps,
        upload,
    )

    ensure_temporary_media_root()
    expense = make_record("expense", PHUNPHIN)
    assert isinstance(expense, Expense)
    path = f"/api/v1/districts/{PHUNPHIN}/expenses/{expense.pk}/files"
    auth = bearer(phunphin_officer)
    photos = [
        upload("ใบเสร็จ.jpg", jpeg_with_gps(), "image/jpeg"),
        upload("ภาพ.png", image_bytes(), "image/png"),
    ]
    response = client.post(path, {"files": photos, "purpose": "receipt"}, **auth)
    assert response.status_code == 201, response.content
    body = response.json()
    assert [f["name"] for f in body] == ["ใบเสร็จ.jpg", "ภาพ.png"]
    assert {f["purpose"] for f in body} == {"receipt"}
    stored = Evidence.objects.get(pk=body[0]["id"])
    assert stored.uploaded_by == phunphin_officer and stored.district_id == PHUNPHIN
    # Re-encoded as the page does: the phone's GPS position is gone.
    assert b"GPS" not in stored.file.read()
    event = api_writes(phunphin_officer).get()
    assert event.detail["files"] == [f["id"] for f in body] and event.path == path

    # A program renamed as a photo is refused in Thai, and nothing is kept.
    fake = upload("ภาพ.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg")
    good = upload("ภาพ2.png", image_bytes(), "image/png")
    refused = client.post(path, {"files": [good, fake]}, **auth)
    assert refused.status_code == 422, refused.content
    errors = refused.json()["errors"]
    assert errors[0]["loc"] == ["body", "files"]
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in errors[0]["msg"])
    assert Evidence.objects.count() == 2
    # No file at all.
    assert client.post(path, {}, **auth).status_code == 422


def test_files_of_another_district_or_by_a_reader_are_refused(client, phunphin_officer, viewer):
    from thanrak.centers.tests.factories import make_record
    from thanrak.evidence.models import Evidence
    from thanrak.evidence.tests.factories import ensure_temporary_media_root, image_bytes, upload

    ensure_temporary_media_root()
    chaiya = make_record("activity", CHAIYA)
    photo = upload("ภาพ.png", image_bytes(), "image/png")
    path = f"/api/v1/districts/{CHAIYA}/activities/{chaiya.pk}/files"
    assert client.post(path, {"files": [photo]}, **bearer(phunphin_officer)).status_code == 404
    mine = make_record("activity", PHUNPHIN)
    path = f"/api/v1/districts/{PHUNPHIN}/activities/{mine.pk}/files"
    assert client.post(path, {"files": [photo]}, **bearer(viewer)).status_code == 403
    assert not Evidence.objects.exists()
