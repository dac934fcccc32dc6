"""Uploads are identified by their bytes: the name and the browser's type are ignored."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation
from openpyxl import Workbook
from PIL import Image
from pypdf.actions import JavaScript, PageTrigger
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from thanrak.evidence.tests.factories import (
    docx_bytes,
    image_bytes,
    odt_bytes,
    ole_bytes,
    pdf_by_weasyprint,
    pdf_bytes,
    pdf_with_object_stream,
    pdf_written_by_pypdf,
    png_header_claiming,
    upload,
    zip_bytes,
)
from thanrak.evidence.validation import identify_image, identify_upload

FIXTURES = Path(__file__).parent / "fixtures"


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


def test_workbook_written_by_libreoffice_is_accepted():
    found = identify_upload(upload("budget.bin", FIXTURES.joinpath("budget.xls").read_bytes()))
    assert (found.content_type, found.extension) == ("application/vnd.ms-excel", ".xls")


def test_truncated_legacy_workbook_is_refused_as_damaged():
    workbook = FIXTURES.joinpath("budget.xls").read_bytes()
    assert refusal("budget.xls", workbook[:1000])[0] == "damaged_document"


@pytest.mark.parametrize(
    "tree",
    [
        [("Macros", [("VBA", [("dir", None)])]), ("WordDocument", None)],
        [("_VBA_PROJECT_CUR", [("VBA", [("dir", None)])]), ("Workbook", None)],
        [("MACROS", [("VBA", None)]), ("WordDocument", None)],
    ],
    ids=["word", "excel", "any-case"],
)
def test_legacy_office_file_with_macros_is_refused(tree):
    code, message = refusal("minutes.doc", ole_bytes(tree))
    assert code == "macros"
    assert "minutes.doc" in message


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
    assert message == ("ไฟล์ page.jpg ไม่ใช่ไฟล์ที่ระบบรับได้ (ระบบรับเฉพาะรูปภาพ ไฟล์ PDF และเอกสารสำนักงาน)")


# PDFs: scripts, actions that run by themselves and attached files are refused.

PDF_ACTIVE_TH = (
    "ไฟล์ PDF {name} มีสคริปต์หรือคำสั่งที่ทำงานได้เอง กรุณาสั่งพิมพ์เป็นไฟล์ PDF ใหม่ "
    "(หรือสแกนจากเอกสารต้นฉบับ) แล้วอัปโหลดไฟล์นั้น"
)
PDF_ATTACHMENTS_TH = "ไฟล์ PDF {name} มีไฟล์อื่นแนบอยู่ภายใน กรุณานำไฟล์แนบออกแล้วอัปโหลดใหม่"


def thai_refusal(name: str, content: bytes):
    with translation.override("th"):
        return refusal(name, content, "application/pdf")


def name(value: str) -> NameObject:
    return NameObject(value)


def action(kind: str, **entries) -> DictionaryObject:
    found = DictionaryObject({name("/Type"): name("/Action"), name("/S"): name(kind)})
    found.update({name(f"/{key}"): TextStringObject(value) for key, value in entries.items()})
    return found


def with_annotation(annotation: DictionaryObject):
    def change(writer):
        annotation.update({name("/Type"): name("/Annot"), name("/Rect"): ArrayObject()})
        writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(annotation)])

    return change


def test_pdf_with_document_javascript_is_refused_in_thai():
    pdf = pdf_written_by_pypdf(lambda w: w.add_open_action(JavaScript("app.alert('hi')")))
    code, message = thai_refusal("คำสั่ง.pdf", pdf)
    assert code == "pdf_active"
    assert message == PDF_ACTIVE_TH.format(name="คำสั่ง.pdf")


def test_pdf_running_javascript_when_a_page_opens_is_refused():
    def change(writer):
        writer.pages[0].add_action(PageTrigger.OPEN, JavaScript("this.print()"))

    assert thai_refusal("scan.pdf", pdf_written_by_pypdf(change))[0] == "pdf_active"


def test_pdf_that_opens_a_web_address_by_itself_is_refused():
    def change(writer):
        writer.root_object[name("/OpenAction")] = action("/URI", URI="https://evil.example/")

    assert thai_refusal("scan.pdf", pdf_written_by_pypdf(change))[0] == "pdf_active"


def test_pdf_that_only_opens_at_its_first_page_is_accepted():
    def change(writer):
        writer.open_destination = writer.pages[0]

    assert identify_upload(upload("scan.pdf", pdf_written_by_pypdf(change))).kind == "pdf"


def test_pdf_with_a_launch_action_is_refused():
    link = DictionaryObject(
        {name("/Subtype"): name("/Link"), name("/A"): action("/Launch", F="cmd.exe")}
    )
    assert thai_refusal("scan.pdf", pdf_written_by_pypdf(with_annotation(link)))[0] == "pdf_active"


def test_pdf_with_an_embedded_file_is_refused_in_thai():
    pdf = pdf_written_by_pypdf(lambda w: w.add_attachment("invoice.exe", b"MZ\x90\x00"))
    code, message = thai_refusal("ใบเสร็จ.pdf", pdf)
    assert code == "pdf_attachments"
    assert message == PDF_ATTACHMENTS_TH.format(name="ใบเสร็จ.pdf")


def test_pdf_with_a_file_attachment_annotation_is_refused():
    note = DictionaryObject(
        {
            name("/Subtype"): name("/FileAttachment"),
            name("/FS"): DictionaryObject({name("/F"): TextStringObject("run.bat")}),
        }
    )
    pdf = pdf_written_by_pypdf(with_annotation(note))
    assert thai_refusal("scan.pdf", pdf)[0] == "pdf_attachments"


@pytest.mark.parametrize(
    "pdf",
    [
        # /J#61vaScript is /JavaScript, /J#53 is /JS: hex escapes in names.
        pdf_bytes(
            b"/Names << /J#61vaScript 4 0 R >>",
            b"<< /Names [(x) 5 0 R] >>",
            b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>",
        ),
        # /A#41 is /AA: additional actions of the catalog.
        pdf_bytes(b"/A#41 << /WC 4 0 R >>", b"<< /S /URI /URI (https://evil.example/) >>"),
        # /Open#41ction is /OpenAction.
        pdf_bytes(b"/Open#41ction 4 0 R", b"<< /S /GoTo /D [3 0 R /Fit] >>"),
    ],
    ids=["javascript", "additional-actions", "open-action"],
)
def test_names_hidden_with_hex_escapes_are_read_as_what_they_are(pdf):
    assert thai_refusal("scan.pdf", pdf)[0] == "pdf_active"


@pytest.mark.parametrize(
    ("hidden", "code"),
    [
        (
            b"<< /JavaScript << /Names [(x) << /S /JavaScript /JS (app.alert(1)) >>] >> >>",
            "pdf_active",
        ),
        (b"<< /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec >>] >> >>", "pdf_attachments"),
    ],
    ids=["javascript", "embedded-files"],
)
def test_what_hides_inside_a_compressed_object_stream_is_found(hidden, code):
    pdf = pdf_with_object_stream(b"/Names 4 0 R", hidden)
    assert b"JavaScript" not in pdf and b"Embedded" not in pdf
    assert thai_refusal("scan.pdf", pdf)[0] == code


def test_an_object_left_out_of_the_cross_reference_is_still_looked_at():
    # Viewers that repair a file may find it; the parser alone would not.
    pdf = pdf_bytes()
    startxref = pdf[pdf.rindex(b"startxref") :]
    pdf += b"9 0 obj\n<< /S /Launch /F (calc.exe) >>\nendobj\n" + startxref
    assert thai_refusal("scan.pdf", pdf)[0] == "pdf_active"


def test_pdf_that_cannot_be_parsed_is_refused():
    garbage = b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\ntrailer << /Root 9 0 R >>\n%%EOF\n"
    assert thai_refusal("scan.pdf", garbage)[0] == "damaged_pdf"


ALGORITHMS = ["RC4-128", "AES-128", "AES-256"]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_pdf_locked_with_a_password_is_refused(algorithm):
    pdf = pdf_written_by_pypdf(lambda w: w.encrypt("secret", algorithm=algorithm))
    assert thai_refusal("scan.pdf", pdf)[0] == "encrypted"


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_pdf_with_only_an_owner_password_is_read_and_accepted(algorithm):
    # Offices' PDFs often forbid editing with an owner password, AES-encrypted.
    pdf = pdf_written_by_pypdf(lambda w: w.encrypt("", "owner-only", algorithm=algorithm))
    assert identify_upload(upload("scan.pdf", pdf)).kind == "pdf"


def test_an_owner_password_does_not_hide_active_content():
    def launch_and_lock(writer):
        writer.add_open_action(JavaScript("app.alert('x')"))
        writer.encrypt("", "owner-only", algorithm="AES-256")

    assert thai_refusal("scan.pdf", pdf_written_by_pypdf(launch_and_lock))[0] == "pdf_active"


def test_pdf_printed_by_weasyprint_with_a_link_is_accepted():
    found = identify_upload(upload("รายงาน.pdf", pdf_by_weasyprint()))
    assert (found.kind, found.extension) == ("pdf", ".pdf")


# Images that go into printed documents (the letterhead's emblem).


def test_identify_image_accepts_png_and_jpeg():
    assert identify_image(upload("a.png", image_bytes())).extension == ".png"
    assert identify_image(upload("a.bin", image_bytes(fmt="JPEG"))).extension == ".jpg"


@pytest.mark.parametrize(
    "content",
    [image_bytes(fmt="GIF"), pdf_bytes(), b'<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ids=["gif", "pdf", "svg"],
)
def test_identify_image_refuses_anything_else_in_thai(content):
    with translation.override("th"), pytest.raises(ValidationError) as caught:
        identify_image(upload("ตรา.png", content))
    assert caught.value.messages == ["ไฟล์ ตรา.png ไม่ใช่รูปภาพ PNG หรือ JPEG"]
