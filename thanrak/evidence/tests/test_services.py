"""Attaching files: photos cleaned and shrunk, all-or-nothing batches, deletion."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image
from pypdf.actions import JavaScript

from thanrak.evidence.models import Evidence
from thanrak.evidence.services import evidence_attach, evidence_attach_many, evidence_delete
from thanrak.evidence.tests.factories import (
    docx_bytes,
    image_bytes,
    jpeg_with_gps,
    pdf_bytes,
    pdf_written_by_pypdf,
    upload,
)


def stored_files(media_root) -> list[Path]:
    return [p for p in Path(media_root).rglob("*") if p.is_file()]


def open_image(field) -> Image.Image:
    with field.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_phone_photo_comes_back_upright_without_exif_and_resized(phunphin_record, phunphin_officer):
    photo = upload("IMG_2041.JPG", jpeg_with_gps((3000, 1500)), "image/jpeg")
    evidence = evidence_attach(
        record=phunphin_record, file=photo, user=phunphin_officer, caption="ป้ายศูนย์ฯ"
    )

    image = open_image(evidence.file)
    # Orientation 6 turned the 3000×1500 photo upright, then the long side shrank to 2000.
    assert (image.format, image.size) == ("JPEG", (1000, 2000))
    assert not image.getexif()
    assert "exif" not in image.info
    with evidence.file.open("rb") as handle:
        content = handle.read()
    assert b"Exif" not in content
    assert b"PhoneMaker" not in content
    thumb = open_image(evidence.thumbnail)
    assert (thumb.format, thumb.size) == ("JPEG", (200, 400))
    assert not thumb.getexif()
    assert (evidence.kind, evidence.content_type_name, evidence.extension) == (
        "image",
        "image/jpeg",
        ".jpg",
    )
    assert evidence.original_name == "IMG_2041.JPG"
    assert evidence.download_name == "IMG_2041.jpg"
    assert "IMG_2041" not in evidence.file.name
    assert evidence.size == len(content)
    assert evidence.district_id == "8417"
    assert evidence.record == phunphin_record
    assert evidence.uploaded_by == phunphin_officer
    assert evidence.history.get().history_user == phunphin_officer


def test_png_with_transparency_stays_png(phunphin_record):
    file = upload("logo.png", image_bytes((3000, 600), "PNG", mode="RGBA"))
    evidence = evidence_attach(record=phunphin_record, file=file, user=None)
    image = open_image(evidence.file)
    assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (2000, 400))
    assert evidence.extension == ".png"
    assert open_image(evidence.thumbnail).format == "JPEG"


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF"])
def test_opaque_images_become_jpeg(phunphin_record, fmt):
    file = upload("picture.img", image_bytes((640, 480), fmt))
    evidence = evidence_attach(record=phunphin_record, file=file, user=None)
    assert open_image(evidence.file).format == "JPEG"
    assert evidence.download_name == "picture.jpg"


def test_small_photo_is_not_enlarged(phunphin_record):
    evidence = evidence_attach(
        record=phunphin_record, file=upload("a.jpg", image_bytes((300, 200), "JPEG")), user=None
    )
    assert open_image(evidence.file).size == (300, 200)
    assert open_image(evidence.thumbnail).size == (300, 200)


def test_pdf_and_documents_are_stored_byte_for_byte(phunphin_record):
    pdf = evidence_attach(record=phunphin_record, file=upload("a.pdf", pdf_bytes()), user=None)
    doc = evidence_attach(record=phunphin_record, file=upload("b.bin", docx_bytes()), user=None)
    with pdf.file.open("rb") as handle:
        assert handle.read() == pdf_bytes()
    assert (pdf.kind, pdf.extension, bool(pdf.thumbnail)) == ("pdf", ".pdf", False)
    assert (doc.kind, doc.extension, doc.download_name) == ("document", ".docx", "b.docx")
    assert doc.file.name.endswith(".docx")


def test_district_comes_from_a_record_with_its_own_district(centers):
    center = centers["8406"]
    evidence = evidence_attach(record=center, file=upload("a.pdf", pdf_bytes()), user=None)
    assert evidence.district_id == "8406"
    assert list(center.evidence.all()) == [evidence]


def test_attach_many_writes_nothing_when_one_file_is_bad(phunphin_record, media_root):
    files = [
        upload("photo.png", image_bytes()),
        upload("order.pdf", pdf_bytes()),
        upload("photo2.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
    ]
    with pytest.raises(ValidationError) as caught:
        evidence_attach_many(record=phunphin_record, files=files, user=None)
    assert [e.code for e in caught.value.error_list] == ["unsupported"]
    assert "photo2.jpg" in caught.value.messages[0]
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


def test_attach_many_reports_every_bad_file(phunphin_record):
    files = [upload("a.jpg", b"not a photo"), upload("b.svg", b"<svg/>")]
    with pytest.raises(ValidationError) as caught:
        evidence_attach_many(record=phunphin_record, files=files, user=None)
    assert len(caught.value.messages) == 2


def test_attach_many_attaches_all_good_files(phunphin_record):
    files = [upload("a.png", image_bytes()), upload("b.pdf", pdf_bytes())]
    created = evidence_attach_many(record=phunphin_record, files=files, user=None)
    assert [e.kind for e in created] == ["image", "pdf"]
    assert phunphin_record.evidence.count() == 2


def test_delete_removes_the_row_and_the_stored_files(
    phunphin_photo, phunphin_officer, media_root, django_capture_on_commit_callbacks
):
    assert len(stored_files(media_root)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        evidence_delete(evidence=phunphin_photo, user=phunphin_officer)
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []
    deleted = Evidence.history.filter(history_type="-").get()
    assert deleted.history_user == phunphin_officer


def test_a_failure_while_writing_leaves_no_row_and_no_file(
    phunphin_record, media_root, monkeypatch
):
    original_save = Evidence.save
    saved = []

    def save_then_fail(self, *args, **kwargs):
        saved.append(self)
        if len(saved) == 2:
            raise RuntimeError("disk full")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Evidence, "save", save_then_fail)
    files = [upload("a.png", image_bytes()), upload("b.pdf", pdf_bytes())]
    with pytest.raises(RuntimeError):
        evidence_attach_many(record=phunphin_record, files=files, user=None)
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


def test_pdf_with_javascript_is_refused_in_thai_and_nothing_is_stored(phunphin_record, media_root):
    script = pdf_written_by_pypdf(lambda w: w.add_open_action(JavaScript("app.alert(1)")))
    files = [upload("ภาพ.png", image_bytes()), upload("คำสั่ง.pdf", script, "application/pdf")]
    with translation.override("th"), pytest.raises(ValidationError) as caught:
        evidence_attach_many(record=phunphin_record, files=files, user=None)
    assert caught.value.messages[0].startswith("ไฟล์ PDF คำสั่ง.pdf มีสคริปต์")
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []
