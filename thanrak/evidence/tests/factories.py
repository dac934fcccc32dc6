"""Real files made in the test, and evidence attached to a record of a district."""

import atexit
import io
import shutil
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import ExifTags, Image

from thanrak.centers.models import Center, Material
from thanrak.evidence.services import evidence_attach


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def image_bytes(
    size: tuple[int, int] = (40, 30), fmt: str = "PNG", mode: str = "RGB", **save
) -> bytes:
    color = (200, 40, 40, 120) if mode == "RGBA" else "red"
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, **save)
    return buffer.getvalue()


def jpeg_with_gps(size: tuple[int, int] = (3000, 1500)) -> bytes:
    """A phone photo: rotated by its EXIF orientation and carrying the GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # turn 90° clockwise to show upright
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (9.0, 8.0, 24.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (99.0, 19.0, 48.0),
    }
    return image_bytes(size, "JPEG", exif=exif)


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims the given size (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )


def pdf_bytes(catalog: bytes = b"", *extra: bytes) -> bytes:
    """A real one-page PDF with a correct cross-reference table.

    catalog is added to the document catalog's entries; extra objects are numbered
    from 4 on (refer to them as «4 0 R», …).
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_with_object_stream(catalog: bytes, hidden: bytes) -> bytes:
    """A PDF 1.5 whose object 4 (hidden) is compressed inside an object stream.

    Nothing of object 4 shows in the file's bytes: only a parser that reads the
    cross-reference stream and inflates the object stream finds it.
    """
    header = b"4 0 "
    packed = zlib.compress(header + hidden)
    bodies = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        5: b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(header), len(packed), packed),
    }
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in bodies.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[6] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    for number in range(1, 7):
        if number == 4:
            rows.append(struct.pack(">BIH", 2, 5, 0))  # in object stream 5, index 0
        else:
            rows.append(struct.pack(">BIH", 1, offsets[number], 0))
    table = b"".join(rows)
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(
        table
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[6]
    return bytes(out)


def pdf_written_by_pypdf(change=None) -> bytes:
    """A one-page PDF from pypdf's writer, after change(writer) adds what a test needs."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_by_weasyprint() -> bytes:
    """An ordinary Thai document as the system itself prints them, with a web link."""
    from weasyprint import HTML

    html = (
        '<html lang="th"><body style="font-family: Laksaman">'
        "<h1>รายงานการประชุมคณะกรรมการศูนย์ฯ</h1>"
        '<p>ดูรายละเอียดที่ <a href="https://www.cdd.go.th/">กรมการพัฒนาชุมชน</a></p>'
        "</body></html>"
    )
    return HTML(string=html).write_pdf()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.{main}+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
)


def docx_bytes(text: str = "รายงานการประชุมคณะกรรมการศูนย์ฯ", macros: bool = False) -> bytes:
    """A real Word document (the smallest that Word and LibreOffice open)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        main = "document.macroEnabled.main" if macros else "document.main"
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=main))
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", DOCUMENT.format(text=text))
        if macros:
            archive.writestr("word/vbaProject.bin", b"\0" * 64)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def zip_bytes(**entries: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# An entry is (name, None) for a stream or (name, [children]) for a storage.
OleTree = list[tuple[str, "OleTree | None"]]


def ole_bytes(tree: OleTree) -> bytes:
    """A valid compound file (MS-CFB version 3) with the given empty streams."""
    entries: list[bytes | None] = [None]

    def entry(name: str, kind: int, right: int = NO_STREAM, child: int = NO_STREAM) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB3I", len(encoded), kind, 1, NO_STREAM, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", END if kind else 0, 0)
        )

    def siblings(items: OleTree) -> int:
        indexes = []
        for _item in items:
            indexes.append(len(entries))
            entries.append(None)
        for position, (index, (name, children)) in enumerate(zip(indexes, items, strict=True)):
            right = indexes[position + 1] if position + 1 < len(indexes) else NO_STREAM
            child = siblings(children) if children is not None else NO_STREAM
            entries[index] = entry(name, 1 if children is not None else 2, right, child)
        return indexes[0] if indexes else NO_STREAM

    entries[0] = entry("Root Entry", 5, child=siblings(tree))
    while len(entries) % 4:
        entries.append(entry("", 0))
    directory = b"".join(entries)
    dir_sectors = len(directory) // 512
    fat = [FAT_SECTOR, *range(2, dir_sectors + 1), END]
    fat += [FREE] * (128 - len(fat))
    header = struct.pack(
        "<8s16s5H6s9I",
        OLE_SIGNATURE,
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,
        1,
        0,
        4096,
        END,
        0,
        END,
        0,
    ) + struct.pack("<109I", 0, *[FREE] * 108)
    return header + struct.pack("<128I", *fat) + directory


def ensure_temporary_media_root() -> None:
    """Keep uploads of tests that lack the media_root fixture out of var/media."""
    if Path(settings.MEDIA_ROOT).resolve().is_relative_to(Path(tempfile.gettempdir()).resolve()):
        return
    root = tempfile.mkdtemp(prefix="thanrak-test-media-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    # Left enabled for the rest of the run: the files must outlive the factory call.
    override_settings(MEDIA_ROOT=root).enable()


def make_record(district_code: str, title: str = "แผ่นพับความรู้การออม") -> Material:
    center, _created = Center.objects.get_or_create(district_id=district_code)
    return Material.objects.create(center=center, title=title)


def make_evidence(district_code: str) -> int:
    """The pk of a small real PNG attached to a record of the district."""
    ensure_temporary_media_root()
    record = make_record(district_code)
    photo = upload("ภาพกิจกรรม.png", image_bytes(), "image/png")
    return evidence_attach(record=record, file=photo, user=None, caption="ภาพกิจกรรม").pk
