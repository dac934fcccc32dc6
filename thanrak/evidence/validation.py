"""Identify an uploaded evidence file by its content, and refuse anything else.

The uploaded name's extension and the browser's content type are never trusted: a file
is a photo (JPEG, PNG, WebP, GIF), a PDF or an office document (OOXML, ODF, legacy
OLE2) because its bytes say so. Everything else — SVG, HTML, scripts, executables,
installers, archives — is refused with a message naming the file. PDFs are parsed
(pypdf) and refused when they carry scripts, actions that run by themselves or
attached files; legacy compound files (olefile) when they carry macros or a password.
"""

import io
import logging
import re
import struct
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

logger = logging.getLogger(__name__)

MB = 1024 * 1024

# Pillow may only try these decoders: other plugins (EPS runs Ghostscript, for one)
# are never reached by an upload.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# Images that go into printed documents (the letterhead's emblem).
PRINT_IMAGE_FORMATS = ("PNG", "JPEG")
IMAGE_SIGNATURES = {"JPEG": b"\xff\xd8\xff", "PNG": b"\x89PNG\r\n\x1a\n"}

# An office document is a zip of XML that expands to far more than its size; beyond
# this many times the upload limit it is refused as a possible zip bomb.
ZIP_EXPANSION_LIMIT = 20
ZIP_MAX_ENTRIES = 5000

MESSAGES = {
    "empty": _("The file %(name)s is empty."),
    "too_large": _("The file %(name)s is %(size)s MB, over the limit of %(limit)s MB."),
    "unsupported": _(
        "The file %(name)s is not a photo, PDF or office document that the system accepts."
    ),
    "too_many_pixels": _(
        "The photo %(name)s has more than %(limit)s megapixels; "
        "reduce its size and upload it again."
    ),
    "damaged_image": _(
        "The file %(name)s looks like a photo but cannot be read; it may be damaged."
    ),
    "damaged_pdf": _("The file %(name)s starts like a PDF but is not a complete PDF document."),
    "pdf_active": _(
        "The PDF file %(name)s contains scripts or actions that run by themselves; "
        "print it to a new PDF file (or scan the paper copy) and upload that file."
    ),
    "pdf_attachments": _(
        "The PDF file %(name)s has other files attached inside it; "
        "remove the attachments and upload it again."
    ),
    "not_image": _("The file %(name)s is not a PNG or JPEG image."),
    "not_photo": _(
        "The file %(name)s is not a photo; only photos are taken here (JPEG, PNG, WebP or GIF)."
    ),
    "damaged_document": _(
        "The file %(name)s is not a complete office document; it may be damaged."
    ),
    "zip_too_large": _(
        "The file %(name)s expands to more than %(limit)s MB when opened and is refused."
    ),
    "macros": _(
        "The file %(name)s contains macros; save it as a document without macros "
        "and upload it again."
    ),
    "encrypted": _(
        "The file %(name)s is protected by a password; remove the password and upload it again."
    ),
}


@dataclass(frozen=True)
class FileType:
    """What an upload is: its Evidence kind, content type and extension (with the dot)."""

    kind: str
    content_type: str
    extension: str


PDF = FileType("pdf", "application/pdf", ".pdf")

IMAGE_TYPES = {
    "JPEG": FileType("image", "image/jpeg", ".jpg"),
    "MPO": FileType("image", "image/jpeg", ".jpg"),  # how Pillow names many phones' JPEGs
    "PNG": FileType("image", "image/png", ".png"),
    "WEBP": FileType("image", "image/webp", ".webp"),
    "GIF": FileType("image", "image/gif", ".gif"),
}

# OOXML: the main part that must exist -> the type.
OOXML_TYPES = {
    "word/document.xml": FileType(
        "document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "xl/workbook.xml": FileType(
        "document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
    ),
    "ppt/presentation.xml": FileType(
        "document",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".pptx",
    ),
}

# ODF: the content of the `mimetype` entry -> the type.
ODF_TYPES = {
    mime: FileType("document", mime, ext)
    for mime, ext in [
        ("application/vnd.oasis.opendocument.text", ".odt"),
        ("application/vnd.oasis.opendocument.spreadsheet", ".ods"),
        ("application/vnd.oasis.opendocument.presentation", ".odp"),
    ]
}

# Legacy OLE2 (compound file): a stream at the root of the file -> the type, first match
# wins. Only root streams count: a Word file may embed a workbook deeper down.
OLE_TYPES = [
    ("WordDocument", FileType("document", "application/msword", ".doc")),
    ("Workbook", FileType("document", "application/vnd.ms-excel", ".xls")),
    ("Book", FileType("document", "application/vnd.ms-excel", ".xls")),
    ("PowerPoint Document", FileType("document", "application/vnd.ms-powerpoint", ".ppt")),
]

# The `accept` attribute of upload inputs; `image/*` lets phones offer the camera.
ACCEPT = ",".join(
    [
        "image/*",
        ".jpg,.jpeg,.png,.webp,.gif,.pdf",
        ".doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp",
        "application/pdf",
        *sorted({t.content_type for t in [*OOXML_TYPES.values(), *ODF_TYPES.values()]}),
        *sorted({t.content_type for _stream, t in OLE_TYPES}),
    ]
)

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")


def refuse(code: str, name: str, **params: object) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params={"name": name, **params})


def display_name(file: File) -> str:
    """The uploaded file's own name, without any folder, for messages."""
    name = PurePath(str(file.name or "").replace("\\", "/")).name or "-"
    return name if len(name) <= 80 else f"{name[:77]}…"


def megabytes(size: int) -> str:
    """Format a size in MB for messages: 12.4, 10, or 0.05 for small test limits."""
    value = size / MB
    return f"{value:.1f}".removesuffix(".0") if value >= 0.1 else f"{value:.2g}"


def identify_upload(file: File) -> FileType:
    """Return what the upload is, or raise ValidationError saying why it is refused."""
    name = display_name(file)
    head = read_head(file, name)
    if looks_like_image(head):
        return check_image(file, name)
    if head.startswith(b"%PDF-"):
        return check_pdf(file, name)
    if head.startswith(ZIP_SIGNATURE):
        return check_zip_document(file, name)
    if head.startswith(OLE_SIGNATURE):
        return check_ole_document(file, name)
    raise refuse("unsupported", name)


def identify_image(file: File) -> FileType:
    """Return the type of an upload that must be a PNG or JPEG image, or refuse it.

    The same checks as a photo among evidence files: size, content, pixel count.
    """
    name = display_name(file)
    head = read_head(file, name)
    if not head.startswith(tuple(IMAGE_SIGNATURES[f] for f in PRINT_IMAGE_FORMATS)):
        raise refuse("not_image", name)
    return check_image(file, name, formats=PRINT_IMAGE_FORMATS)


def read_head(file: File, name: str) -> bytes:
    """Refuse an empty or oversize upload, then return its first bytes."""
    limit = settings.EVIDENCE_MAX_BYTES
    # The size is known from the upload before a byte of it is read.
    if file.size > limit:
        raise refuse("too_large", name, size=megabytes(file.size), limit=megabytes(limit))
    if file.size == 0:
        raise refuse("empty", name)
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    return head


def looks_like_image(head: bytes) -> bool:
    return head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    )


def check_pixels(width: int, height: int, name: str) -> None:
    limit = settings.EVIDENCE_MAX_PIXELS
    if width * height > limit:
        raise refuse("too_many_pixels", name, limit=f"{limit / 1_000_000:g}")
    if width < 1 or height < 1:
        raise refuse("damaged_image", name)


def check_image(file: File, name: str, formats: tuple[str, ...] = IMAGE_FORMATS) -> FileType:
    """Check the header's size before any decoding, then let Pillow verify the file."""
    # Pillow warns (and beyond twice its limit refuses) on huge images: a warning here
    # is a refusal too.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(file, formats=formats) as image:
                check_pixels(*image.size, name)
                image_format = image.format
                image.verify()
            file.seek(0)
            # verify() leaves the image unusable: open it again to be sure it still reads.
            with Image.open(file, formats=formats) as image:
                if image.format != image_format:
                    raise refuse("damaged_image", name)
                check_pixels(*image.size, name)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise refuse(
                "too_many_pixels", name, limit=f"{settings.EVIDENCE_MAX_PIXELS / 1_000_000:g}"
            ) from None
        except (OSError, SyntaxError, ValueError, struct.error, EOFError):
            raise refuse("damaged_image", name) from None
        finally:
            file.seek(0)
    return IMAGE_TYPES[image_format]


def check_pdf(file: File, name: str) -> FileType:
    """Accept a complete PDF that pypdf reads, without scripts, automatic actions or attachments."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    if not PDF_HEADER.match(data[:1024]) or b"%%EOF" not in data[-2048:]:
        raise refuse("damaged_pdf", name)
    findings = pdf_raw_findings(data)
    try:
        findings = findings or pdf_findings(data)
    except PdfLocked:
        raise refuse("encrypted", name) from None
    except Exception:  # noqa: BLE001 - whatever pypdf cannot read is refused
        logger.info("Refused a PDF that pypdf cannot read", exc_info=True)
        raise refuse("damaged_pdf", name) from None
    if "active" in findings:
        raise refuse("pdf_active", name)
    if "attachments" in findings:
        raise refuse("pdf_attachments", name)
    return PDF


# What a PDF must not carry (ISO 32000-2 §12.6 actions, §7.11.4 embedded files). Names are
# compared after parsing, so «/J#61vaScript» is «/JavaScript». Links the reader clicks
# (/URI, /GoTo) are fine.
PDF_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/AA", "/XFA"})
PDF_ACTIVE_NAMES = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/GoToE", "/RichMedia", "/RichMediaExecute"}
)
PDF_ATTACHMENT_KEYS = frozenset({"/EmbeddedFiles", "/EF"})
PDF_ATTACHMENT_NAMES = frozenset({"/EmbeddedFile", "/FileAttachment"})
# Dictionaries whose keys are names the producer chose (a font called /F1 …): their
# keys are not checked, their values are.
PDF_NAME_MAPS = frozenset(
    {
        "/Font",
        "/XObject",
        "/ExtGState",
        "/ColorSpace",
        "/Pattern",
        "/Shading",
        "/Properties",
        "/Dests",
        "/RoleMap",
        "/ClassMap",
        "/CharProcs",
    }
)
# A second look at the bytes outside streams, in case a viewer finds an object that
# the parser skipped: long names only, which no producer uses for anything else.
PDF_RAW_NAMES = {
    b"/JavaScript": "active",
    b"/Launch": "active",
    b"/EmbeddedFile": "attachments",
    b"/EmbeddedFiles": "attachments",
    b"/FileAttachment": "attachments",
}
PDF_STREAM_BODY = re.compile(rb">>\s*stream\r?\n.*?endstream", re.DOTALL)
PDF_NAME_TOKEN = re.compile(rb"/[^\s/\[\]<>(){}%]*")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


class PdfLocked(Exception):
    """A PDF that opens only with a password."""


def pdf_raw_findings(data: bytes) -> set[str]:
    outside_streams = PDF_STREAM_BODY.sub(b">>", data)
    found = set()
    for token in PDF_NAME_TOKEN.findall(outside_streams):
        name = PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), token)
        if name in PDF_RAW_NAMES:
            found.add(PDF_RAW_NAMES[name])
    return found


def pdf_findings(data: bytes) -> set[str]:
    """Parse the PDF and return what it carries: "active" content, "attachments".

    Every object is looked at: those reached from the trailer (knowing which keys are
    names a producer chose), then every other object of the cross-reference tables,
    object streams included. Raises PdfLocked, or whatever pypdf raises on a PDF it
    cannot read.
    """
    reader = PdfReader(io.BytesIO(data), strict=False)
    # An owner password alone (no printing, no copying) still opens with "", RC4 or AES.
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise PdfLocked
    if len(reader.pages) < 1:
        raise ValueError("a PDF without pages")
    visited: set[tuple[int, int, bool]] = set()
    found = set(walk_pdf(reader, reader.trailer, visited))
    references = [(num, gen) for gen, nums in reader.xref.items() for num in nums]
    references += [(num, 0) for num in reader.xref_objStm]
    for num, gen in references:
        if (num, gen, False) in visited or (num, gen, True) in visited:
            continue
        found.update(walk_pdf(reader, IndirectObject(num, gen, reader), visited))
    return found


def walk_pdf(
    reader: PdfReader, start: object, visited: set[tuple[int, int, bool]]
) -> Iterator[str]:
    """Yield "active" or "attachments" for each finding under start (no recursion)."""
    pending: list[tuple[object, bool]] = [(start, False)]
    while pending:
        obj, name_map = pending.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation, name_map)
            if key in visited:
                continue
            visited.add(key)
            pending.append((reader.get_object(obj), name_map))
        elif isinstance(obj, DictionaryObject):
            for key, value in dict.items(obj):
                if not name_map:
                    if key in PDF_ACTIVE_KEYS:
                        yield "active"
                    elif key in PDF_ATTACHMENT_KEYS:
                        yield "attachments"
                    elif key == "/OpenAction" and isinstance(value.get_object(), DictionaryObject):
                        # A destination (an array or a name) only opens at a page; an
                        # action dictionary runs by itself, whatever it does.
                        yield "active"
                pending.append((value, not name_map and key in PDF_NAME_MAPS))
        elif isinstance(obj, ArrayObject):
            pending.extend((item, False) for item in obj)
        elif isinstance(obj, NameObject):
            if obj in PDF_ACTIVE_NAMES:
                yield "active"
            elif obj in PDF_ATTACHMENT_NAMES:
                yield "attachments"


def check_zip_document(file: File, name: str) -> FileType:
    """Accept a zip only when it is an OOXML or ODF document of a known kind."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            # Nothing is decompressed beyond a few small entries, but whoever opens the
            # document later will: refuse what would expand to far more than it weighs.
            expanded = sum(entry.file_size for entry in entries)
            limit = settings.EVIDENCE_MAX_BYTES * ZIP_EXPANSION_LIMIT
            if expanded > limit or len(entries) > ZIP_MAX_ENTRIES:
                raise refuse("zip_too_large", name, limit=megabytes(limit))
            names = {entry.filename for entry in entries}
            if "mimetype" in names:
                mimetype = read_small(archive, "mimetype").decode("ascii", "replace").strip()
                if mimetype in ODF_TYPES:
                    return ODF_TYPES[mimetype]
                raise refuse("unsupported", name)
            if "[Content_Types].xml" not in names:
                raise refuse("unsupported", name)
            content_types = read_small(archive, "[Content_Types].xml")
            if b"macroenabled" in content_types.lower() or any(
                n.lower().endswith("vbaproject.bin") for n in names
            ):
                raise refuse("macros", name)
            for part, file_type in OOXML_TYPES.items():
                if part in names:
                    return file_type
            raise refuse("unsupported", name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError):
        raise refuse("damaged_document", name) from None
    finally:
        file.seek(0)


def read_small(archive: zipfile.ZipFile, entry: str, limit: int = MB) -> bytes:
    with archive.open(entry) as stream:
        return stream.read(limit)


def check_ole_document(file: File, name: str) -> FileType:
    """Accept a compound file only when a Word, Excel or PowerPoint stream is at its root."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        streams = ole_root_streams(data)
    except Exception:  # noqa: BLE001 - whatever olefile cannot read is refused
        logger.info("Refused a compound file that olefile cannot read", exc_info=True)
        raise refuse("damaged_document", name) from None
    # A password-protected OOXML file is a compound file holding the encrypted package.
    if "encryptedpackage" in streams:
        raise refuse("encrypted", name)
    # Word keeps its macros in a `Macros` storage, Excel in `_VBA_PROJECT_CUR`.
    if "_vba_project_cur" in streams or "macros" in streams:
        raise refuse("macros", name)
    for stream, file_type in OLE_TYPES:
        if stream.lower() in streams:
            return file_type
    # Installers (.msi), Outlook messages and the rest of the compound-file family.
    raise refuse("unsupported", name)


def ole_root_streams(data: bytes) -> set[str]:
    """Return the lower-cased names of the streams and storages at a compound file's root.

    Names compare without regard to case, as in MS-CFB. Raises what olefile raises on a
    malformed file.
    """
    # A file object, never bytes: olefile takes short bytes for a file name to open.
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        return {
            path[0].lower() for path in ole.listdir(streams=True, storages=True) if len(path) == 1
        }
