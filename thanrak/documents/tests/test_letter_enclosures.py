"""A letter says what it still lacks: no emblem is a warning on its page and in its PDF; the
guideline it lists as enclosure ๒ is the province's uploaded PDF, appended to the letter."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from thanrak.documents import letters, render
from thanrak.documents.models import Letterhead
from thanrak.documents.tests.factories import make_letter
from thanrak.documents.tests.helpers import one_line, pdf_pages, pdf_text
from thanrak.documents.tests.test_emblem import garuda_png
from thanrak.evidence.tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db

LETTERHEAD = reverse("documents:letterhead", args=["84"])
NO_EMBLEM_PDF = "ยังไม่มีตราครุฑ — ฉบับนี้ยังส่งเป็นหนังสือราชการไม่ได้"
GUIDELINE_TEXT = "แนวทางการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานราก"


def guideline_pdf() -> bytes:
    """Two pages, as the department's guideline would come."""
    html = (
        "<html><body>"
        f"<h1>{GUIDELINE_TEXT}</h1><p>หน้าแรก</p>"
        '<p style="break-before: page">หน้าที่สอง</p>'
        "</body></html>"
    )
    return render.html_to_pdf(html)


@pytest.fixture
def letter(centers):
    letter = make_letter("84")
    letter.enclosures = letters.ENCLOSURES
    letter.save()
    return letter


def upload(client, **files):
    with translation.override("th"):
        return client.post(LETTERHEAD, files)


def test_without_an_emblem_the_page_and_the_pdf_warn_in_thai(letter, login, province_officer):
    page = login(province_officer).get(letter.get_absolute_url()).content.decode()
    assert 'data-testid="emblem-missing"' in page
    assert "จังหวัดยังไม่ได้อัปโหลดภาพตราครุฑ" in page
    pdf = one_line(pdf_text(letters.letter_pdf(letter)))
    assert one_line(NO_EMBLEM_PDF) in pdf
    # Whoever reads the PDF (an executive cannot upload) is told who can.
    assert one_line("เจ้าหน้าที่จังหวัดอัปโหลดภาพตราครุฑได้ที่") in pdf


def test_with_an_emblem_neither_warns(letter, login, province_officer, media_root):
    client = login(province_officer)
    assert upload(client, emblem=SimpleUploadedFile("ครุฑ.png", garuda_png())).status_code == 302
    page = client.get(letter.get_absolute_url()).content.decode()
    assert 'data-testid="emblem-missing"' not in page
    assert "ยังไม่มีตราครุฑ" not in pdf_text(letters.letter_pdf(letter))


def test_the_uploaded_guideline_is_appended_to_the_letter_that_lists_it(
    letter, login, province_officer, media_root
):
    client = login(province_officer)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert 'data-testid="guideline-missing"' in page
    alone = letters.letter_pdf(letter)

    pdf = SimpleUploadedFile("แนวทาง.pdf", guideline_pdf(), "application/pdf")
    assert upload(client, guideline=pdf).status_code == 302
    head = Letterhead.objects.get(province="84")
    assert head.guideline.name.startswith("letterhead/84/guideline-")

    page = client.get(letter.get_absolute_url()).content.decode()
    assert 'data-testid="guideline-missing"' not in page
    assert 'data-testid="guideline-attached"' in page
    data = letters.letter_pdf(letter)
    assert pdf_pages(data) == pdf_pages(alone) + 2
    text = pdf_text(data)
    # Listed in the letter as enclosure ๒, and its own pages after the letter.
    assert "๒. แนวทางการดำเนินงานฯ จำนวน ๑ ชุด" in text
    flat = one_line(text)
    assert flat.index("ขอแสดงความนับถือ") < flat.index(GUIDELINE_TEXT)
    assert "หน้าที่สอง" in text


def test_a_letter_not_listing_the_guideline_goes_without_it(letter, province_officer, media_root):
    head = Letterhead.objects.create(province_id="84")
    head.guideline.save("g.pdf", SimpleUploadedFile("g.pdf", guideline_pdf()))
    letter.enclosures = "กำหนดการฯ\tจำนวน 1 ฉบับ"
    letter.save()
    assert GUIDELINE_TEXT not in pdf_text(letters.letter_pdf(letter))
    assert letters.letter_checks(letter)["guideline_missing"] is False


def test_a_guideline_that_is_not_a_pdf_is_refused_in_thai(login, province_officer, media_root):
    client = login(province_officer)
    image = SimpleUploadedFile("แนวทาง.png", garuda_png(), "image/png")
    response = upload(client, guideline=image)
    assert response.status_code == 200
    assert "แนวทางการดำเนินงานต้องเป็นไฟล์ PDF" in response.content.decode()
    assert not Letterhead.objects.filter(province="84").exclude(guideline="").exists()


def test_a_pdf_with_a_script_is_refused_as_evidence_pdfs_are(login, province_officer, media_root):
    client = login(province_officer)
    active = pdf_bytes(b"/OpenAction 4 0 R", b"<< /S /JavaScript /JS (app.alert(1)) >>")
    response = upload(client, guideline=SimpleUploadedFile("g.pdf", active, "application/pdf"))
    assert response.status_code == 200
    assert "สคริปต์" in response.content.decode()
    assert not Letterhead.objects.filter(province="84").exclude(guideline="").exists()
