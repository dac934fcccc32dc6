"""Long lists exported by the worker: queued past EXPORT_INLINE_MAX_ROWS, made by the db
worker with progress, downloaded by readers of the same area only, masked by role."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from conftest import CHAIYA, PHUNPHIN, make_user
from thanrak.accounts.models import Role
from thanrak.audit.models import AuditEvent
from thanrak.documents.models import GeneratedDocument
from thanrak.documents.tests.factories import make_export
from thanrak.producers.tests.factories import make_producer

pytestmark = pytest.mark.django_db


def _work() -> None:
    call_command(
        "db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO()
    )


def _rows(response) -> list[tuple]:
    data = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=3, values_only=True))


def test_a_short_list_is_exported_straight_away(client, phunphin_officer, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 5
    make_producer(PHUNPHIN)
    client.force_login(phunphin_officer)
    response = client.get(reverse("producers:producer_export", args=[PHUNPHIN]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert not GeneratedDocument.objects.exists()


# The worker closes its database connection after the batch, as a real worker does.
@pytest.mark.django_db(transaction=True)
def test_a_long_list_is_made_by_the_worker_for_its_district_only(
    client, phunphin_officer, chaiya_officer, settings
):
    settings.EXPORT_INLINE_MAX_ROWS = 2
    for i in range(3):
        make_producer(PHUNPHIN, name=f"ผู้ผลิต {i}", contact_phone="0812345678")
    client.force_login(phunphin_officer)
    response = client.get(reverse("producers:producer_export", args=[PHUNPHIN]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("documents:district_exports", args=[PHUNPHIN]))
    page = client.get(response["Location"])
    assert page.status_code == 200 and page.context["chosen"].key == "producer"

    response = client.post(
        reverse("documents:district_exports", args=[PHUNPHIN]), {"what": "producer"}
    )
    document = GeneratedDocument.objects.get()
    assert response["Location"] == reverse("documents:export", args=[document.pk])
    assert document.status == GeneratedDocument.Status.QUEUED and document.rows == 3
    assert document.personal and document.requested_by == phunphin_officer
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert b"hx-trigger" in fragment.content

    _work()

    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.DONE and document.progress == 100
    download = client.get(reverse("documents:export_download", args=[document.pk]))
    names = {row[0] for row in _rows(download)}
    assert names == {"ผู้ผลิต 0", "ผู้ผลิต 1", "ผู้ผลิต 2"}
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.PERSONAL_EXPORT).exists()

    client.force_login(chaiya_officer)
    assert client.get(reverse("documents:export", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:export_download", args=[document.pk])).status_code == 404


def test_an_export_with_personal_data_is_not_for_an_executive(client, centers):
    document = make_export(PHUNPHIN, personal=True)
    executive = make_user("exec84", Role.VIEWER, province="84")
    client.force_login(executive)
    assert client.get(reverse("documents:export_download", args=[document.pk])).status_code == 404
    masked = make_export(PHUNPHIN, personal=False)
    assert client.get(reverse("documents:export_download", args=[masked.pk])).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_province_and_the_country_export_producers_masked_for_executives(client, centers):
    make_producer(PHUNPHIN, name="ผู้ผลิตพุนพิน", contact_phone="0812345678")
    make_producer(CHAIYA, name="ผู้ผลิตไชยา", contact_phone="0812345679")
    make_producer("8001", name="ผู้ผลิตนครศรี", contact_phone="0812345670")
    nation = make_user("exec-th", Role.VIEWER)
    client.force_login(nation)
    client.post(reverse("documents:national_exports"), {"what": "producer"})
    province = make_user("exec84", Role.VIEWER, province="84")
    client.force_login(province)
    client.post(reverse("documents:province_exports", args=["84"]), {"what": "producer"})
    assert client.get(reverse("documents:national_exports")).status_code == 302
    _work()

    mine = GeneratedDocument.objects.get(requested_by=province)
    assert not mine.personal and mine.rows == 2
    rows = _rows(client.get(reverse("documents:export_download", args=[mine.pk])))
    assert {(r[0], r[1]) for r in rows} == {("สุราษฎร์ธานี", "พุนพิน"), ("สุราษฎร์ธานี", "ไชยา")}
    country = GeneratedDocument.objects.get(requested_by=nation)
    assert country.province is None and country.rows == 3
    # The country's file is not the province executive's to take.
    assert client.get(reverse("documents:export", args=[country.pk])).status_code == 404
    client.force_login(nation)
    rows = _rows(client.get(reverse("documents:export_download", args=[country.pk])))
    assert len(rows) == 3


@pytest.mark.django_db(transaction=True)
def test_the_province_officer_exports_the_activities_of_a_year(
    client, province_officer, phunphin_officer
):
    from thanrak.centers.models import Activity, Center

    center = Center.objects.get(district=PHUNPHIN)
    Activity.objects.create(
        center=center, date="2020-01-15", title="อบรมการทำไข่เค็ม", kind="capacity"
    )
    client.force_login(province_officer)
    client.post(
        reverse("documents:province_exports", args=["84"]), {"what": "activities", "fy": "2563"}
    )
    _work()
    document = GeneratedDocument.objects.get()
    assert document.status == GeneratedDocument.Status.DONE and document.rows == 1
    data = b"".join(
        client.get(reverse("documents:export_download", args=[document.pk])).streaming_content
    )
    sheet = load_workbook(io.BytesIO(data))["กิจกรรม"]
    assert [r[2] for r in sheet.iter_rows(min_row=3, values_only=True)] == ["อบรมการทำไข่เค็ม"]


def test_an_export_of_an_impossible_year_queues_nothing_and_says_why(client, province_officer):
    client.force_login(province_officer)
    url = reverse("documents:province_exports", args=["84"])
    response = client.post(url, {"what": "activities", "fy": "2020"})
    assert response.status_code == 200
    assert not GeneratedDocument.objects.exists()
    assert "พุทธศักราช" in response.content.decode()
