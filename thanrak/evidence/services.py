"""Attach evidence files to a district record, and delete them.

Callers fetch the record through its access helper with write=True first: these
functions trust that the user may change it.
"""

import io
import logging
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from PIL import Image, ImageCms, ImageOps

from thanrak.accounts.models import User
from thanrak.evidence.models import Evidence, guessed_purpose
from thanrak.evidence.validation import (
    IMAGE_FORMATS,
    FileType,
    display_name,
    identify_upload,
    refuse,
)

logger = logging.getLogger(__name__)

MAX_SIDE = 2000
THUMBNAIL_SIDE = 400
JPEG = FileType(Evidence.Kind.IMAGE, "image/jpeg", ".jpg")
PNG = FileType(Evidence.Kind.IMAGE, "image/png", ".png")
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass
class PreparedFile:
    """An upload checked and ready to store: re-encoded content for photos."""

    upload: File
    original_name: str
    file_type: FileType
    content: bytes | None = None  # None: store the upload as it is
    thumbnail: bytes | None = None


def evidence_attach(
    *,
    record: Model,
    file: File,
    user: User | None,
    caption: str = "",
    purpose: str | None = None,
) -> Evidence:
    """Check one upload and attach it to the record; raise ValidationError if refused.

    Without a ``purpose`` the file takes its record's (``models.guessed_purpose``).
    """
    prepared = prepare_upload(file)
    return store_prepared(
        record=record, prepared=[prepared], user=user, caption=caption, purpose=purpose
    )[0]


def evidence_attach_many(
    *, record: Model, files: Iterable[File], user: User | None, purpose: str | None = None
) -> list[Evidence]:
    """Attach every upload, or none: all are checked before the first is written."""
    prepared, errors = [], []
    for file in files:
        try:
            prepared.append(prepare_upload(file))
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return store_prepared(record=record, prepared=prepared, user=user, purpose=purpose)


def evidence_delete(*, evidence: Evidence, user: User | None) -> None:
    """Delete the row (kept in its history) and, once committed, the stored files."""
    storage = evidence.file.storage
    names = [f.name for f in (evidence.file, evidence.thumbnail) if f]
    with transaction.atomic():
        evidence._history_user = user
        evidence.delete()
        transaction.on_commit(lambda: delete_stored(storage, names))


def evidence_set_purpose(*, evidence: Evidence, purpose: str, user: User | None) -> None:
    """Say what the file shows (a receipt, not a photo): the rules read it, the history
    keeps who changed it."""
    if purpose not in Evidence.Purpose.values:
        raise ValueError(f"unknown purpose {purpose!r}")
    evidence.purpose = purpose
    evidence._history_user = user
    evidence.save(update_fields=["purpose"])


def record_district_id(record: Model) -> str:
    """The district a record belongs to: through its center, or its own district."""
    center = getattr(record, "center", None)
    if center is not None:
        return center.district_id
    district_id = getattr(record, "district_id", None)
    if district_id is None:
        raise TypeError(f"{type(record).__name__} has neither a center nor a district")
    return district_id


def prepare_upload(file: File) -> PreparedFile:
    file_type = identify_upload(file)
    prepared = PreparedFile(upload=file, original_name=display_name(file), file_type=file_type)
    if file_type.kind == Evidence.Kind.IMAGE:
        reencode_image(prepared)
    return prepared


def reencode_image(prepared: PreparedFile) -> None:
    """Turn a photo upright, drop every metadata (GPS!), shrink it and make a thumbnail."""
    clean, has_alpha = clean_image(prepared.upload, prepared.original_name, max_side=MAX_SIDE)
    output = io.BytesIO()
    if has_alpha:
        clean.save(output, "PNG")
        prepared.file_type = PNG
    else:
        clean.save(output, "JPEG", quality=85, optimize=True, progressive=True)
        prepared.file_type = JPEG
    prepared.content = output.getvalue()
    prepared.thumbnail = make_thumbnail(clean)


def reencode_png(file: File, *, max_side: int) -> bytes:
    """A checked image (validation.identify_image) as a fresh PNG: pixels only, upright,
    in sRGB, at most max_side on its long side; transparency is kept."""
    clean, _has_alpha = clean_image(file, display_name(file), max_side=max_side)
    output = io.BytesIO()
    clean.save(output, "PNG", optimize=True)
    return output.getvalue()


def clean_image(file: File, name: str, *, max_side: int) -> tuple[Image.Image, bool]:
    """Decode a checked image into a new one with its pixels only, and whether it has
    transparency: turned upright (EXIF orientation), converted to sRGB, shrunk to
    max_side. Raise ValidationError if the pixels cannot be decoded."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=IMAGE_FORMATS) as source:
                # JPEG only: decode at a reduced scale when the photo is far larger.
                source.draft("RGB", (max_side, max_side))
                source.load()
                icc_profile = source.info.get("icc_profile")
                # In place: a copy of every photo without orientation would cost a frame.
                ImageOps.exif_transpose(source, in_place=True)
                upright = source
        has_alpha = transparent(upright)
        image = to_srgb(upright, icc_profile, "RGBA" if has_alpha else "RGB")
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
        # A fresh image carries pixels only: no EXIF, XMP, ICC, comments or text chunks.
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
    except (OSError, SyntaxError, ValueError, EOFError):
        raise refuse("damaged_image", name) from None
    finally:
        file.seek(0)
    return clean, has_alpha


def transparent(image: Image.Image) -> bool:
    """Whether some pixel is not fully opaque (an unused alpha channel does not count)."""
    if not image.has_transparency_data:
        return False
    return image.convert("RGBA").getchannel("A").getextrema()[0] < 255


def to_srgb(image: Image.Image, icc_profile: bytes | None, mode: str) -> Image.Image:
    """Convert to mode, through the embedded colour profile when there is one."""
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # an odd or broken profile: plain conversion is close enough
    # Already in the mode: the caller copies the pixels into a fresh image anyway.
    return image if image.mode == mode else image.convert(mode)


def make_thumbnail(image: Image.Image) -> bytes:
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    if thumb.mode == "RGBA":
        background = Image.new("RGB", thumb.size, "white")
        background.paste(thumb, mask=thumb.getchannel("A"))
        thumb = background
    output = io.BytesIO()
    thumb.save(output, "JPEG", quality=80, optimize=True)
    return output.getvalue()


def store_prepared(
    *,
    record: Model,
    prepared: list[PreparedFile],
    user: User | None,
    caption: str = "",
    purpose: str | None = None,
) -> list[Evidence]:
    if record.pk is None:
        raise ValueError("Save the record before attaching evidence to it.")
    if purpose and purpose not in Evidence.Purpose.values:
        raise ValueError(f"Unknown evidence purpose {purpose!r}")
    district_id = record_district_id(record)
    stored: list[str] = []
    created = []
    try:
        with transaction.atomic():
            for item in prepared:
                evidence = Evidence(
                    record=record,
                    district_id=district_id,
                    kind=item.file_type.kind,
                    purpose=purpose or guessed_purpose(record, item.file_type.kind),
                    content_type_name=item.file_type.content_type,
                    extension=item.file_type.extension,
                    original_name=item.original_name[:255],
                    caption=caption[:300],
                    uploaded_by=user,
                    uploaded_at=timezone.now(),
                    size=0,
                )
                # upload_to names the stored files: never the uploader's name.
                content = ContentFile(item.content) if item.content is not None else item.upload
                evidence.file.save(item.file_type.extension, content, save=False)
                stored.append(evidence.file.name)
                if item.thumbnail:
                    evidence.thumbnail.save(".jpg", ContentFile(item.thumbnail), save=False)
                    stored.append(evidence.thumbnail.name)
                evidence.size = evidence.file.size
                evidence._history_user = user
                evidence.save()
                created.append(evidence)
    except BaseException:
        # The rows are rolled back; the files written so far must go too.
        delete_stored(Evidence._meta.get_field("file").storage, stored)
        raise
    return created


def delete_stored(storage: Storage, names: list[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete the evidence file %s", name)
