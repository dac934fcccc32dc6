"""The letterhead's emblem: checked like an evidence photo, stored as a freshly encoded PNG."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from PIL import Image

from thanrak.documents import letters
from thanrak.documents.models import Letterhead
from thanrak.documents.tests.factories import make_letter
from thanrak.evidence.tests.factories import image_bytes, zip_bytes

pytestmark = pytest.mark.django_db

URL = reverse("documents:letterhead", args=["84"])


def post_emblem(client, name: str, content: bytes, content_type: str = "image/png"):
    with translation.override("th"):
        return client.post(URL, {"emblem": SimpleUploadedFile(name, content, content_type)})


def stored_files(media_root) -> list[Path]:
    return [p for p in Path(media_root).rglob("*") if p.is_file()]


def stored_emblem() -> bytes:
    with Letterhead.objects.get(province="84").emblem.open("rb") as handle:
        return handle.read()


def png_chunks(data: bytes) -> list[bytes]:
    """The chunk types of a PNG, in order, and whatever follows IEND as b"<trailing>"."""
    kinds, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        kinds.append(kind)
        position += 12 + length
        if kind == b"IEND":
            break
    if position < len(data):
        kinds.append(b"<trailing>")
    return kinds


def with_text_chunk(png: bytes, text: bytes) -> bytes:
    """Insert a tEXt chunk right after IHDR."""
    chunk = b"tEXt" + text
    packed = struct.pack(">I", len(text)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return png[:33] + packed + png[33:]


def garuda_png(size=(300, 400)) -> bytes:
    """A transparent emblem: a gold disc on a clear background."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((180, 140, 40, 255), (50, 50, size[0] - 50, size[1] - 50))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def officer_client(client, province_officer):
    client.force_login(province_officer)
    return client


def test_normal_png_emblem_is_accepted_re_encoded_and_printed(officer_client, media_root):
    upload = garuda_png()
    response = post_emblem(officer_client, "ครุฑ garuda.png", upload)
    assert response.status_code == 302
    head = Letterhead.objects.get(province="84")
    assert head.emblem.name.startswith("letterhead/84/")
    assert "garuda" not in head.emblem.name and head.emblem.name.endswith(".png")
    stored = stored_emblem()
    assert stored != upload
    image = Image.open(io.BytesIO(stored))
    assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (300, 400))
    assert image.getpixel((0, 0))[3] == 0  # the background stays transparent
    context = letters.letter_context(make_letter("84"))
    assert context["emblem_uri"].startswith("data:image/png;base64,")


def test_png_with_a_script_in_a_text_chunk_and_a_zip_after_it_keeps_only_its_pixels(
    officer_client,
):
    # A polyglot: a valid PNG that is also an archive, with HTML in its metadata.
    polyglot = with_text_chunk(garuda_png(), b"Comment\0<script>alert(document.cookie)</script>")
    polyglot += zip_bytes(**{"index.html": b"<script>alert(1)</script>"})
    assert Image.open(io.BytesIO(polyglot)).info["Comment"].startswith("<script>")

    assert post_emblem(officer_client, "emblem.png", polyglot).status_code == 302
    stored = stored_emblem()
    assert b"<script>" not in stored and b"PK\x03\x04" not in stored
    assert b"tEXt" not in png_chunks(stored) and b"<trailing>" not in png_chunks(stored)
    assert Image.open(io.BytesIO(stored)).info == {}


def test_jpeg_emblem_becomes_a_png_no_larger_than_needed_for_print(officer_client):
    photo = image_bytes((3000, 4000), "JPEG")
    assert post_emblem(officer_client, "scan.jpg", photo, "image/jpeg").status_code == 302
    image = Image.open(io.BytesIO(stored_emblem()))
    assert (image.format, image.size) == ("PNG", (900, 1200))


def test_144_megapixel_png_is_refused_in_thai(officer_client, media_root):
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000  # tiny on disk, 144 MP once decoded

    response = post_emblem(officer_client, "ครุฑ.png", buffer.getvalue())
    assert response.status_code == 200
    assert response.context["form"].errors["emblem"] == [
        "รูปภาพ ครุฑ.png มีความละเอียดเกิน 50 ล้านพิกเซล กรุณาย่อขนาดแล้วอัปโหลดใหม่"
    ]
    assert not Letterhead.objects.get(province="84").emblem
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "ครุฑ.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b"<script>alert(1)</script></svg>",
        ),
        ("ครุฑ.png", b"<html><script>alert(1)</script></html>"),
        ("ครุฑ.png", image_bytes(fmt="GIF")),
    ],
    ids=["svg", "html-named-png", "gif"],
)
def test_what_is_not_a_png_or_jpeg_is_refused_in_thai(officer_client, media_root, name, content):
    response = post_emblem(officer_client, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["emblem"] == [f"ไฟล์ {name} ไม่ใช่รูปภาพ PNG หรือ JPEG"]
    assert stored_files(media_root) == []


@override_settings(EVIDENCE_MAX_BYTES=50_000)
def test_emblem_over_the_size_limit_is_refused_in_thai(officer_client):
    large = image_bytes((400, 400), "PNG", mode="RGB") + b"\0" * 60_000
    response = post_emblem(officer_client, "ครุฑ.png", large)
    assert response.context["form"].errors["emblem"][0].startswith("ไฟล์ ครุฑ.png มีขนาด")


def test_a_new_emblem_replaces_the_old_file_and_clearing_removes_it(
    officer_client, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_emblem(officer_client, "first.png", garuda_png())
    first = Letterhead.objects.get(province="84").emblem.name
    with django_capture_on_commit_callbacks(execute=True):
        post_emblem(officer_client, "second.png", garuda_png((200, 300)))
    second = Letterhead.objects.get(province="84").emblem.name
    assert first != second
    assert [p.relative_to(media_root).as_posix() for p in stored_files(media_root)] == [second]

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(URL, {"remove": "on"})
    assert not Letterhead.objects.get(province="84").emblem
    assert stored_files(media_root) == []


def test_a_district_officer_cannot_upload_the_emblem(client, phunphin_officer):
    client.force_login(phunphin_officer)
    response = client.post(URL, {"emblem": SimpleUploadedFile("a.png", garuda_png())})
    assert response.status_code in (403, 404)
    assert not Letterhead.objects.filter(province="84").exclude(emblem="").exists()
