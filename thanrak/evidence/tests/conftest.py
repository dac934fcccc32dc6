import pytest

from thanrak.evidence.services import evidence_attach
from thanrak.evidence.tests.factories import (
    docx_bytes,
    jpeg_with_gps,
    make_record,
    pdf_bytes,
    upload,
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of each test go to its own folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def phunphin_record(centers):
    return make_record("8417")


@pytest.fixture
def phunphin_photo(phunphin_record, phunphin_officer):
    photo = upload("IMG_2041.jpg", jpeg_with_gps((1200, 900)), "image/jpeg")
    return evidence_attach(
        record=phunphin_record, file=photo, user=phunphin_officer, caption="ป้ายศูนย์ฯ"
    )


@pytest.fixture
def phunphin_pdf(phunphin_record, phunphin_officer):
    file = upload("คำสั่งอำเภอ.pdf", pdf_bytes(), "application/pdf")
    return evidence_attach(record=phunphin_record, file=file, user=phunphin_officer)


@pytest.fixture
def phunphin_docx(phunphin_record, phunphin_officer):
    file = upload("รายงานการประชุม.docx", docx_bytes())
    return evidence_attach(record=phunphin_record, file=file, user=phunphin_officer)
