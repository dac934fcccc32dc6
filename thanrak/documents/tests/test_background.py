"""Long documents in the background: queued in the database, made by the db worker,
with progress, and kept to be downloaded again."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from thanrak.documents.models import GeneratedDocument

pytestmark = pytest.mark.django_db


# The worker closes its database connection after the batch, as a real worker does: on
# PostgreSQL that would end the transaction a plain django_db test runs in.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["consolidated_xlsx", "consolidated_pdf"])
def test_the_worker_makes_the_consolidated_report_and_keeps_it(
    client, province_officer, kind, centers
):
    client.force_login(province_officer)
    response = client.post(
        reverse("documents:generated_list", args=["84"]),
        {"fiscal_year": "2563", "quarter": "1", "kind": kind},
    )
    document = GeneratedDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:generated", args=[document.pk])
    assert document.status == GeneratedDocument.Status.QUEUED and document.progress == 0

    # The progress fragment polls while the document is queued.
    fragment = client.get(
        reverse("documents:generated", args=[document.pk]), HTTP_HX_REQUEST="true"
    )
    assert b"hx-trigger" in fragment.content

    call_command(
        "db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO()
    )

    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.DONE and document.progress == 100
    assert document.quarter == 1
    fragment = client.get(
        reverse("documents:generated", args=[document.pk]), HTTP_HX_REQUEST="true"
    )
    assert b"hx-trigger" not in fragment.content
    download = client.get(reverse("documents:generated_download", args=[document.pk]))
    data = b"".join(download.streaming_content)
    if kind == "consolidated_xlsx":
        assert load_workbook(io.BytesIO(data)).sheetnames[0] == "สรุป"
    else:
        assert data.startswith(b"%PDF")
    # Downloadable again, from the list.
    page = client.get(reverse("documents:generated_list", args=["84"]))
    assert reverse("documents:generated_download", args=[document.pk]) in page.content.decode()


def test_other_provinces_and_districts_cannot_see_the_document(
    client, province_officer, other_province_officer, phunphin_officer, centers
):
    document = GeneratedDocument.objects.create(
        province_id="84", kind=GeneratedDocument.Kind.CONSOLIDATED_PDF, fiscal_year=2563
    )
    # Another province's officer does not find it; a district officer may not open any.
    for user, status in ((other_province_officer, 404), (phunphin_officer, 403)):
        client.force_login(user)
        assert client.get(reverse("documents:generated", args=[document.pk])).status_code == status
        assert (
            client.get(reverse("documents:generated_download", args=[document.pk])).status_code
            == status
        )
    client.force_login(phunphin_officer)
    client.post(reverse("documents:generated_list", args=["84"]), {"fiscal_year": "2563"})
    assert GeneratedDocument.objects.count() == 1


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ({"fiscal_year": "2020"}, "พุทธศักราช"),
        ({"fiscal_year": "2563", "quarter": "5"}, "ไตรมาส"),
        ({"fiscal_year": "2563", "month": "13"}, "เดือน"),
    ],
)
def test_an_impossible_period_queues_nothing_and_says_why_in_thai(
    client, province_officer, asked, message
):
    client.force_login(province_officer)
    url = reverse("documents:generated_list", args=["84"])
    response = client.post(url, {**asked, "kind": "consolidated_pdf"}, follow=True)
    assert not GeneratedDocument.objects.exists()
    assert message in response.content.decode()
