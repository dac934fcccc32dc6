"""Uploads are identified by their bytes: the name and the browser's type are ignored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation
from openpyxl import Workbook
from PIL import Image

from thanrak.evidence.tests.factories import (
    docx_bytes,
    image_bytes,
    odt_bytes,
    ole_bytes,
    pdf_bytes,
    png_header_claiming,
    upload,
    zip_bytes,
)
from thanrak.evidence.validation import identify_upload


def refusal(name: str, content: bytes, content_type: str = "application/octet-stream"):
    with pytest.raises(ValidationError) as caught:
        identify_upload(upload(name, content, content_type))
    error = caught.value.error_list[0]
    return error.code, error.messages[0]


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("JPEG", "image/jpeg", ".jpg"),
        ("PNG", "image/png", ".png"),
        ("WEBP", "image/webp", ".webp"),
        ("GIF", "image/gif", ".gif"),
    ],
)
def test_photos_are_identified_by_content(fmt, content_type, extension):
    found = identify_upload(upload("photo.bin", image_bytes(fmt=fmt)))
    assert (found.kind, found.content_type, found.extension) == ("image", content_type, extension)


def test_real_pdf_is_accepted():
    assert identify_upload(upload("scan.PDF", pdf_bytes())).extension == ".pdf"


def test_docx_keeps_the_extension_of_its_content_not_its_name():
    found = identify_upload(upload("report.pdf", docx_bytes(), "application/pdf"))
    assert (found.kind, found.extension) == ("document", ".docx")


def test_xlsx_written_by_openpyxl_is_accepted():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    assert identify_upload(upload("budget.xlsx", buffer.getvalue())).extension == ".xlsx"


def test_odt_is_accepted():
    assert identify_upload(upload("minutes.odt", odt_bytes())).extension == ".odt"


def test_legacy_word_and_excel_files_are_accepted():
    doc = ole_bytes([("1Table", None), ("WordDocument", None)])
    xls = ole_bytes([("Workbook", None)])
    assert identify_upload(upload("a.doc", doc)).content_type == "application/msword"
    assert identify_upload(upload("b.xls", xls)).extension == ".xls"


def test_word_file_embedding_a_workbook_stays_a_word_file():
    doc = ole_bytes([("ObjectPool", [("_1", [("Workbook", None)])]), ("WordDocument", None)])
    assert identify_upload(upload("a.doc", doc)).extension == ".doc"


def test_installer_in_a_compound_file_is_refused():
    msi = ole_bytes([("_StringPool", None), ("_StringData", None)])
    assert refusal("setup.doc", msi)[0] == "unsupported"


def test_password_protected_office_file_is_refused():
    locked = ole_bytes([("EncryptionInfo", None), ("EncryptedPackage", None)])
    assert refusal("budget.xlsx", locked)[0] == "encrypted"


def test_html_renamed_jpg_is_refused():
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    code, message = refusal("photo.jpg", html, "image/jpeg")
    assert code == "unsupported"
    assert "photo.jpg" in message


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_svg_with_script_is_refused(name):
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
    )
    assert refusal(name, svg, "image/svg+xml")[0] == "unsupported"


@pytest.mark.parametrize(
    "content",
    [
        b"#!/bin/sh\nrm -rf ~\n",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\0" * 64,
        b"\x7fELF\x02\x01\x01" + b"\0" * 64,
        b"<?php system($_GET['c']); ?>",
    ],
    ids=["shell", "windows-exe", "elf", "php"],
)
def test_scripts_and_executables_are_refused(content):
    assert refusal("document.pdf", content)[0] == "unsupported"


def test_plain_zip_archive_is_refused():
    assert refusal("photos.zip", zip_bytes(**{"a.txt": b"hello"}))[0] == "unsupported"


def test_macro_enabled_word_file_is_refused():
    assert refusal("letter.docx", docx_bytes(macros=True))[0] == "macros"


@override_settings(EVIDENCE_MAX_BYTES=10_000)
def test_zip_bomb_is_refused_without_expanding_it():
    bomb = docx_bytes(text=" " * 300_000)
    assert len(bomb) < 10_000
    assert refusal("big.docx", bomb)[0] == "zip_too_large"


def test_truncated_pdf_is_refused():
    assert refusal("scan.pdf", pdf_bytes()[:200])[0] == "damaged_pdf"


def test_broken_docx_is_refused():
    assert refusal("a.docx", docx_bytes()[:300])[0] == "damaged_document"


def test_damaged_photo_is_refused():
    png = image_bytes((200, 200))
    assert refusal("photo.png", png[:60])[0] == "damaged_image"


def test_empty_file_is_refused():
    assert refusal("empty.pdf", b"")[0] == "empty"


@override_settings(EVIDENCE_MAX_BYTES=1024)
def test_oversize_file_is_refused_in_thai():
    with translation.override("th"):
        code, message = refusal("ภาพงาน.jpg", image_bytes((40, 30)) + b"\0" * 4000)
    assert code == "too_large"
    assert message.startswith("ไฟล์ ภาพงาน.jpg มีขนาด")
    assert "เกินกำหนด" in message


def test_png_header_claiming_30000_by_30000_is_refused():
    with translation.override("th"):
        code, message = refusal("bomb.png", png_header_claiming(30000, 30000))
    assert code == "too_many_pixels"
    assert "bomb.png" in message


@override_settings(EVIDENCE_MAX_PIXELS=1_000_000)
def test_tiny_file_with_huge_dimensions_is_refused_before_decoding():
    buffer = io.BytesIO()
    Image.new("1", (2000, 1000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 2000
    assert refusal("scan.png", buffer.getvalue())[0] == "too_many_pixels"


@override_settings(EVIDENCE_MAX_PIXELS=10**10)
def test_pillows_decompression_bomb_warning_is_a_refusal():
    # 100 megapixels: under the (raised) setting, but over Pillow's own warning limit.
    assert refusal("bomb.png", png_header_claiming(10000, 10000))[0] == "too_many_pixels"


class UnreadableHugeUpload:
    """An upload that fails the test if anything reads it."""

    name = "C:\\fakepath\\วิดีโอกิจกรรม.mp4"
    size = 13_002_342

    def read(self, *args):
        raise AssertionError("read before the size check")

    seek = read


def test_oversize_upload_is_refused_before_reading_with_the_exact_thai_message():
    with translation.override("th"), pytest.raises(ValidationError) as caught:
        identify_upload(UnreadableHugeUpload())
    assert caught.value.messages == ["ไฟล์ วิดีโอกิจกรรม.mp4 มีขนาด 12.4 MB เกินกำหนด 10 MB"]


def test_refusal_is_worded_in_thai():
    with translation.override("th"):
        message = refusal("page.jpg", b"<html></html>")[1]
    assert message == "ไฟล์ page.jpg ไม่ใช่รูปภาพ PDF หรือเอกสารสำนักงานที่ระบบรับ"
