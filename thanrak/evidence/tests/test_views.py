"""Downloads and deletion through the URLs: by area, with headers that keep files inert."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from thanrak.evidence.models import Evidence
from thanrak.evidence.services import evidence_attach
from thanrak.evidence.tests.factories import image_bytes, upload
from thanrak.rules.models import RulesStamp


def urls(evidence: Evidence) -> dict[str, str]:
    return {
        name: reverse(f"evidence:{name}", args=[evidence.pk])
        for name in ("download", "thumbnail", "delete")
    }


def test_chaiya_officer_gets_404_on_a_phunphin_file(login, chaiya_officer, phunphin_photo):
    client = login(chaiya_officer)
    url = urls(phunphin_photo)
    assert client.get(url["download"]).status_code == 404
    assert client.get(url["thumbnail"]).status_code == 404
    assert client.post(url["delete"]).status_code == 404
    assert Evidence.objects.filter(pk=phunphin_photo.pk).exists()


def test_other_province_officer_gets_404(login, other_province_officer, phunphin_photo):
    assert login(other_province_officer).get(urls(phunphin_photo)["download"]).status_code == 404


def test_phunphin_officer_gets_the_photo_inline_with_safe_headers(
    login, phunphin_officer, phunphin_photo
):
    response = login(phunphin_officer).get(urls(phunphin_photo)["download"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "private"
    assert response["Content-Disposition"] == 'inline; filename="IMG_2041.jpg"'
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")


def test_thumbnail_is_served_and_pdf_has_none(
    login, phunphin_officer, phunphin_photo, phunphin_pdf
):
    client = login(phunphin_officer)
    response = client.get(urls(phunphin_photo)["thumbnail"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(urls(phunphin_pdf)["thumbnail"]).status_code == 404


def test_pdf_opens_inline_and_office_document_downloads(
    login, phunphin_officer, phunphin_pdf, phunphin_docx
):
    client = login(phunphin_officer)
    pdf = client.get(urls(phunphin_pdf)["download"])
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline; filename*=utf-8''")
    docx = client.get(urls(phunphin_docx)["download"])
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    # Thai names travel RFC 5987-encoded.
    assert docx["Content-Disposition"] == (
        "attachment; filename*=utf-8''"
        "%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99"
        "%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1.docx"
    )
    assert docx["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_province_officer_downloads_but_cannot_delete(login, province_officer, phunphin_photo):
    client = login(province_officer)
    assert client.get(urls(phunphin_photo)["download"]).status_code == 200
    assert client.post(urls(phunphin_photo)["delete"]).status_code == 403
    assert Evidence.objects.filter(pk=phunphin_photo.pk).exists()


def test_signed_out_visitor_is_sent_to_log_in(client, phunphin_photo):
    response = client.get(urls(phunphin_photo)["download"])
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_delete_is_post_only(login, phunphin_officer, phunphin_photo):
    assert login(phunphin_officer).get(urls(phunphin_photo)["delete"]).status_code == 405


def test_officer_deletes_and_returns_to_the_page(
    login, phunphin_officer, phunphin_photo, media_root, django_capture_on_commit_callbacks
):
    client = login(phunphin_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(urls(phunphin_photo)["delete"], {"next": "/districts/8417/"})
    assert response.status_code == 302
    assert response.url == "/districts/8417/"
    assert not Evidence.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_delete_ignores_a_next_on_another_site(login, phunphin_officer, phunphin_photo):
    response = login(phunphin_officer).post(
        urls(phunphin_photo)["delete"], {"next": "https://evil.example/phish"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response.url


@pytest.mark.parametrize(
    ("persona", "can_write"), [("phunphin_officer", True), ("province_officer", False)]
)
def test_list_template_shows_thumbnails_and_delete_only_to_writers(
    request, persona, can_write, phunphin_photo, phunphin_docx
):
    user = request.getfixturevalue(persona)
    http_request = RequestFactory().get("/districts/8417/")
    http_request.user = user
    html = render_to_string(
        "evidence/_list.html",
        {
            "evidence_list": [phunphin_photo, phunphin_docx],
            "can_write": can_write,
            "purposes": True,
        },
        request=http_request,
    )
    assert reverse("evidence:thumbnail", args=[phunphin_photo.pk]) in html
    assert reverse("evidence:download", args=[phunphin_docx.pk]) in html
    assert "ป้ายศูนย์ฯ" in html
    assert "DOCX" in html
    assert (reverse("evidence:delete", args=[phunphin_photo.pk]) in html) is can_write
    assert (reverse("evidence:purpose", args=[phunphin_photo.pk]) in html) is can_write
    # Files whose purpose nothing reads (a visit's photos, a producer's) offer no change,
    # and their writer may still delete them (a wrong photo taken on a visit).
    html = render_to_string(
        "evidence/_list.html",
        {"evidence_list": [phunphin_photo], "can_write": can_write},
        request=http_request,
    )
    assert reverse("evidence:purpose", args=[phunphin_photo.pk]) not in html
    assert (reverse("evidence:delete", args=[phunphin_photo.pk]) in html) is can_write
    assert "/media-not-served/" not in html


def test_empty_list_says_so(rf):
    html = render_to_string(
        "evidence/_list.html", {"evidence_list": [], "can_write": False}, request=rf.get("/")
    )
    assert "evidence-grid" not in html


def test_admin_lists_evidence_read_only(login, admin_user, phunphin_photo):
    client = login(admin_user)
    assert client.get(reverse("admin:evidence_evidence_changelist")).status_code == 200
    assert client.get(reverse("admin:evidence_evidence_add")).status_code == 403


def test_the_province_officer_deletes_files_of_an_allocation_it_keeps(
    client, province_officer, phunphin_officer, centers
):
    from decimal import Decimal

    from thanrak.centers.models import BudgetAllocation
    from thanrak.evidence.services import evidence_attach
    from thanrak.evidence.tests.factories import image_bytes, upload

    allocation = BudgetAllocation.objects.create(
        center=centers["8417"], fiscal_year=2563, amount=Decimal(1500)
    )
    item = evidence_attach(
        record=allocation, file=upload("letter.png", image_bytes()), user=province_officer
    )
    delete = reverse("evidence:delete", args=[item.pk])
    client.force_login(phunphin_officer)
    assert client.post(delete).status_code == 403
    client.force_login(province_officer)
    assert client.post(delete).status_code == 302
    assert not allocation.evidence.exists()


def test_the_officer_says_what_a_file_shows_and_the_rules_read_it(
    login, phunphin_officer, phunphin_photo
):
    client = login(phunphin_officer)
    url = reverse("evidence:purpose", args=[phunphin_photo.pk])
    assert client.get(url).status_code == 405
    token = RulesStamp.objects.filter(province="84").values_list("token", flat=True).first()
    response = client.post(
        url, {"purpose": Evidence.Purpose.RECEIPT, "next": "/districts/8417/"}, follow=True
    )
    assert response.redirect_chain == [("/districts/8417/", 302)]
    phunphin_photo.refresh_from_db()
    assert phunphin_photo.purpose == Evidence.Purpose.RECEIPT
    assert phunphin_photo.history.first().history_user == phunphin_officer
    with translation.override("th"):
        label = str(Evidence.Purpose.RECEIPT.label)
    assert f"บันทึกไฟล์ {phunphin_photo.original_name} เป็นหลักฐานประเภท {label} แล้ว" in (response.text)
    # The rules count receipts: their kept results of the province are forgotten.
    assert RulesStamp.objects.get(province="84").token != token


@pytest.mark.parametrize("chosen", ["", "selfie", "PHOTO"])
def test_an_unknown_purpose_changes_nothing_and_says_so_in_thai(
    login, phunphin_officer, phunphin_photo, chosen
):
    before = phunphin_photo.purpose
    response = login(phunphin_officer).post(
        reverse("evidence:purpose", args=[phunphin_photo.pk]), {"purpose": chosen}, follow=True
    )
    assert response.status_code == 200
    assert "ยังไม่มีการเปลี่ยนแปลงใด" in response.text
    phunphin_photo.refresh_from_db()
    assert phunphin_photo.purpose == before
    assert phunphin_photo.history.count() == 1


def test_a_reader_who_does_not_write_the_record_cannot_change_a_file(
    login, province_officer, chaiya_officer, phunphin_photo
):
    url = reverse("evidence:purpose", args=[phunphin_photo.pk])
    assert login(province_officer).post(url, {"purpose": "receipt"}).status_code == 403
    assert login(chaiya_officer).post(url, {"purpose": "receipt"}).status_code == 404
    phunphin_photo.refresh_from_db()
    assert phunphin_photo.purpose != "receipt"


def test_a_centers_record_page_offers_the_change_and_a_producers_does_not(
    login, phunphin_officer, phunphin_photo
):
    from thanrak.producers.tests.factories import make_product

    client = login(phunphin_officer)
    record = phunphin_photo.record
    html = client.get(record.get_absolute_url()).text
    assert reverse("evidence:purpose", args=[phunphin_photo.pk]) in html
    product = make_product("8417")
    photo = evidence_attach(
        record=product, file=upload("p.png", image_bytes(), "image/png"), user=phunphin_officer
    )
    html = client.get(product.get_absolute_url()).text
    assert reverse("evidence:thumbnail", args=[photo.pk]) in html
    assert reverse("evidence:purpose", args=[photo.pk]) not in html
