"""Photos of a visit's checklist items through the API, and one evidence file deleted."""

import uuid

import pytest

from conftest import NAKHON_SI_THAMMARAT, PHUNPHIN, make_user
from thanrak.accounts.models import Role
from thanrak.api.tests.test_writes import bearer
from thanrak.areas.models import District
from thanrak.audit.models import AuditEvent
from thanrak.centers.tests.factories import make_record
from thanrak.evidence.models import Evidence
from thanrak.evidence.services import evidence_attach
from thanrak.evidence.tests.factories import (
    ensure_temporary_media_root,
    image_bytes,
    jpeg_with_gps,
    pdf_bytes,
    upload,
)
from thanrak.monitoring import services as monitoring_services
from thanrak.monitoring.models import ItemFinding, SentAnswer, Visit
from thanrak.monitoring.tests.factories import make_visit


@pytest.fixture(autouse=True)
def media():
    ensure_temporary_media_root()


@pytest.fixture
def visit(centers, monitor):
    """The Phunphin visit, its team with the monitor on it."""
    visit = Visit.objects.select_related("team", "round").get(pk=make_visit(PHUNPHIN))
    visit.team.members.add(monitor)
    return visit


def photos_path(visit, item) -> str:
    return f"/api/v1/visits/{visit.pk}/findings/{item.pk}/photos"


def png(name: str = "ภาพ.png"):
    return upload(name, image_bytes(), "image/png")


def api_writes(user):
    return AuditEvent.objects.filter(kind=AuditEvent.Kind.API_WRITE, user=user)


def test_the_team_adds_photos_once_per_key_and_readers_list_them(
    client, visit, monitor, phunphin_officer
):
    item = visit.round.checklist.first()
    path = photos_path(visit, item)
    auth = {**bearer(monitor), "HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    photos = [upload("ป้ายศูนย์.jpg", jpeg_with_gps(), "image/jpeg"), png()]
    first = client.post(path, {"files": photos}, **auth)
    assert first.status_code == 201, first.content
    body = first.json()
    assert [p["name"] for p in body] == ["ป้ายศูนย์.jpg", "ภาพ.png"]
    finding = ItemFinding.objects.get(visit=visit, item=item)
    stored = finding.evidence.order_by("pk")
    assert [p.pk for p in stored] == [p["id"] for p in body]
    # Stored as the visit page stores them: re-encoded, the phone's GPS position gone.
    assert b"GPS" not in stored[0].file.read() and stored[0].uploaded_by == monitor
    event = api_writes(monitor).get()
    assert event.status == 201 and event.detail["files"] == [p["id"] for p in body]

    # The same send again with its key (the reply was lost): nothing more is kept.
    again = client.post(path, {"files": [png()]}, **auth)
    assert again.status_code == 200, again.content
    assert [p["id"] for p in again.json()] == [p["id"] for p in body]
    assert finding.evidence.count() == 2

    # The district reads them back, and downloads them through the access-checked view.
    listed = client.get(path, **bearer(phunphin_officer))
    assert listed.status_code == 200
    assert listed.json() == body
    client.force_login(phunphin_officer)
    download = client.get(body[0]["download"])
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"


def test_photos_are_checked_as_on_the_visit_page(client, visit, monitor):
    item = visit.round.checklist.first()
    path = photos_path(visit, item)
    auth = bearer(monitor)
    key = str(uuid.uuid4())
    fake = upload("ภาพ.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg")
    refused = client.post(path, {"files": [png(), fake]}, HTTP_IDEMPOTENCY_KEY=key, **auth)
    assert refused.status_code == 422, refused.content
    error = refused.json()["errors"][0]
    assert error["loc"] == ["body", "files"]
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in error["msg"])
    assert client.post(path, {}, **auth).status_code == 422
    bad_key = client.post(path, {"files": [png()]}, HTTP_IDEMPOTENCY_KEY="x", **auth)
    assert bad_key.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    # Nothing kept, not even the key: the same send may be tried again.
    assert not Evidence.objects.exists() and not ItemFinding.objects.exists()
    assert not SentAnswer.objects.exists() and not api_writes(monitor).exists()
    retried = client.post(path, {"files": [png()]}, HTTP_IDEMPOTENCY_KEY=key, **auth)
    assert retried.status_code == 201


def test_an_item_is_sent_photos_only(client, visit, monitor):
    path = photos_path(visit, visit.round.checklist.first())
    minutes = upload("บันทึก.pdf", pdf_bytes(), "application/pdf")
    refused = client.post(path, {"files": [png(), minutes]}, **bearer(monitor))
    assert refused.status_code == 422, refused.content
    assert "ไฟล์ บันทึก.pdf ไม่ใช่รูปภาพ" in refused.json()["errors"][0]["msg"]
    assert not Evidence.objects.exists()


def test_photos_only_by_the_visits_team_and_in_the_area(
    client, visit, monitor, phunphin_officer, chaiya_officer
):
    item = visit.round.checklist.first()
    path = photos_path(visit, item)
    other = make_user("other-team", Role.MONITOR, province=visit.round.province_id)
    monitoring_services.team_save(round_=visit.round, name="ทีมบี", lead=other, members=[])
    assert client.post(path, {"files": [png()]}, **bearer(other)).status_code == 403
    assert client.post(path, {"files": [png()]}, **bearer(phunphin_officer)).status_code == 403
    assert client.get(path, **bearer(chaiya_officer)).status_code == 404

    far = District.objects.filter(province=NAKHON_SI_THAMMARAT).first()
    far_visit = Visit.objects.get(pk=make_visit(far.pk))
    far_path = photos_path(far_visit, far_visit.round.checklist.first())
    assert client.post(far_path, {"files": [png()]}, **bearer(monitor)).status_code == 404
    # An item of another round's checklist is not this visit's.
    foreign_item = photos_path(visit, far_visit.round.checklist.first())
    assert client.get(foreign_item, **bearer(monitor)).status_code == 404
    assert not Evidence.objects.exists()


def test_the_team_deletes_a_photo_and_no_one_else_does(
    client, visit, monitor, phunphin_officer, django_capture_on_commit_callbacks
):
    first, second = visit.round.checklist.all()[:2]
    finding, other_finding = (
        monitoring_services.item_finding_save(visit=visit, item=item, user=monitor, files=[png()])
        for item in (first, second)
    )
    photo = finding.evidence.get()
    path = f"{photos_path(visit, first)}/{photo.pk}"

    # The district cannot delete the team's photos; a photo of another item is a 404.
    assert client.delete(path, **bearer(phunphin_officer)).status_code == 403
    elsewhere = f"{photos_path(visit, first)}/{other_finding.evidence.get().pk}"
    assert client.delete(elsewhere, **bearer(monitor)).status_code == 404

    stored = photo.file.name
    storage = photo.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        deleted = client.delete(path, **bearer(monitor))
    assert deleted.status_code == 204
    assert not finding.evidence.exists() and not storage.exists(stored)
    assert Evidence.history.filter(id=photo.pk, history_type="-").get().history_user == monitor
    event = api_writes(monitor).get()
    assert event.status == 204 and event.detail["files"] == [photo.pk]
    assert client.delete(path, **bearer(monitor)).status_code == 404


def test_the_writer_deletes_one_file_of_a_record(
    client, phunphin_officer, province_officer, viewer, chaiya_officer
):
    expense = make_record("expense", PHUNPHIN)
    receipt, extra = (
        evidence_attach(record=expense, file=png(name), user=phunphin_officer)
        for name in ("ใบเสร็จ.png", "ภาพ.png")
    )
    path = f"/api/v1/districts/{PHUNPHIN}/expenses/{expense.pk}/files/{extra.pk}"
    assert client.delete(path, **bearer(viewer)).status_code == 403
    assert client.delete(path, **bearer(province_officer)).status_code == 403
    assert client.delete(path, **bearer(chaiya_officer)).status_code == 404
    # A file of another record of the district is not this record's.
    activity = make_record("activity", PHUNPHIN)
    theirs = evidence_attach(record=activity, file=png(), user=phunphin_officer)
    wrong = f"/api/v1/districts/{PHUNPHIN}/expenses/{expense.pk}/files/{theirs.pk}"
    assert client.delete(wrong, **bearer(phunphin_officer)).status_code == 404
    assert Evidence.objects.count() == 3

    response = client.delete(path, **bearer(phunphin_officer))
    assert response.status_code == 204
    assert set(Evidence.objects.values_list("pk", flat=True)) == {receipt.pk, theirs.pk}
    history = Evidence.history.filter(id=extra.pk, history_type="-").get()
    assert history.history_user == phunphin_officer
    event = api_writes(phunphin_officer).get()
    assert (event.object_id, event.detail["files"]) == (str(expense.pk), [extra.pk])


def test_the_province_officer_deletes_a_file_of_an_allocation(
    client, province_officer, phunphin_officer
):
    allocation = make_record("allocation", PHUNPHIN)
    order = evidence_attach(record=allocation, file=png(), user=province_officer)
    path = f"/api/v1/districts/{PHUNPHIN}/budget/{allocation.pk}/files/{order.pk}"
    assert client.delete(path, **bearer(phunphin_officer)).status_code == 403
    assert client.delete(path, **bearer(province_officer)).status_code == 204
    assert not Evidence.objects.exists()


def test_the_document_describes_photos_and_file_deletes(client, centers):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    photos = paths["/api/v1/visits/{visit}/findings/{checklist_item}/photos"]
    assert set(photos["get"]["responses"]) >= {"200", "403", "404"}
    assert set(photos["post"]["responses"]) >= {"200", "201", "403", "404", "422"}
    names = [p["name"] for p in photos["post"]["parameters"]]
    assert "Idempotency-Key" in names
    assert "multipart/form-data" in photos["post"]["requestBody"]["content"]
    one = paths["/api/v1/visits/{visit}/findings/{checklist_item}/photos/{photo}"]
    assert set(one["delete"]["responses"]) >= {"204", "403", "404"}
    record_file = paths["/api/v1/districts/{district}/expenses/{expense}/files/{expense_file}"]
    assert set(record_file["delete"]["responses"]) >= {"204", "403", "404"}
