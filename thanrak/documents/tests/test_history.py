"""Official letters and generated documents keep a history of who changed them."""

import pytest
from django.urls import reverse

from thanrak.documents.models import GeneratedDocument
from thanrak.documents.services import generated_document_store
from thanrak.documents.tests.factories import make_letter

pytestmark = pytest.mark.django_db


def test_a_letter_change_is_in_its_history_and_on_its_page(client, province_officer, centers):
    letter = make_letter("84")
    client.force_login(province_officer)
    url = reverse("documents:letter", args=[letter.pk])
    form = client.get(url).context["form"]
    data = {k: form[k].value() or "" for k in form.fields}
    data |= {"date": "20/08/2563", "subject": "เรื่องที่แก้ไขแล้ว"}
    assert client.post(url, data).status_code == 302
    latest = letter.history.latest("history_date")
    assert (latest.history_type, latest.subject, latest.history_user) == (
        "~",
        "เรื่องที่แก้ไขแล้ว",
        province_officer,
    )
    assert letter.history.count() == 2
    page = client.get(url).content.decode()
    history = page[page.index('data-testid="letter-history"') :]
    assert "เรื่องที่แก้ไขแล้ว" in history and "ศิริพร เกษมสุข" in history


def test_a_generated_document_keeps_its_history(province_officer, centers):
    document = GeneratedDocument.objects.create(
        province_id="84",
        kind=GeneratedDocument.Kind.CONSOLIDATED_XLSX,
        fiscal_year=2563,
        requested_by=province_officer,
    )
    generated_document_store(document=document, data=b"PK", filename="consolidated.xlsx")
    statuses = list(document.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == [GeneratedDocument.Status.QUEUED, GeneratedDocument.Status.DONE]
