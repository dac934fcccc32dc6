"""Evidence files (photos, PDFs, office documents) attached to any district record."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from thanrak.areas.models import District


def _stored_name(instance: "Evidence", filename: str) -> str:
    # Never the uploader's file name: a generated one under the district and year.
    return f"evidence/{instance.district_id}/{instance.uploaded_at:%Y}/{uuid.uuid4().hex}{instance.extension}"


def _thumbnail_name(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.district_id}/thumbs/{uuid.uuid4().hex}.jpg"


class Purpose(models.TextChoices):
    """What a file shows, chosen at upload: the rules ask for minutes, receipts and plans."""

    MINUTES = "minutes", _("Minutes of the meeting")
    PHOTO = "photo", pgettext_lazy("evidence purpose", "Photo")
    RECEIPT = "receipt", _("Receipt or procurement document")
    ORDER = "order", _("Order or official letter")
    PLAN = "plan", pgettext_lazy("evidence purpose", "Plan")
    OTHER = "other", pgettext_lazy("evidence purpose", "Other")


# The purpose a record's files have unless the uploader says otherwise, by the record's
# model ("app_label.model_name"; evidence does not import the apps above it).
RECORD_PURPOSES = {
    "centers.meeting": Purpose.MINUTES,
    "centers.expense": Purpose.RECEIPT,
    "centers.committeeterm": Purpose.ORDER,
    "centers.compositionexception": Purpose.ORDER,
    "centers.budgetallocation": Purpose.ORDER,
    "centers.plan": Purpose.PLAN,
    "centers.activity": Purpose.PHOTO,
    "centers.publicity": Purpose.PHOTO,
    "centers.material": Purpose.PHOTO,
}


def default_purpose(model: type[models.Model] | models.Model) -> str:
    """The purpose an upload form offers first for a kind of record."""
    return RECORD_PURPOSES.get(model._meta.label_lower, Purpose.OTHER)


def guessed_purpose(model: type[models.Model] | models.Model, kind: str) -> str:
    """The purpose of a file attached without one: the record's, else a photo is a photo."""
    found = RECORD_PURPOSES.get(model._meta.label_lower)
    if found is not None and found != Purpose.PHOTO:
        return found
    return Purpose.PHOTO if kind == Evidence.Kind.IMAGE else Purpose.OTHER


class Evidence(models.Model):
    # The file's type, found from its content. What it shows is its ``purpose``.
    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo")
        PDF = "pdf", _("PDF")
        DOCUMENT = "document", _("Office document")

    Purpose = Purpose

    # The district the file belongs to, copied from its record: downloads are checked
    # against it without loading the record.
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    file = models.FileField(_("file"), upload_to=_stored_name, max_length=300)
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to=_thumbnail_name, blank=True, max_length=300
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    purpose = models.CharField(
        _("what the file is"), max_length=10, choices=Purpose.choices, default=Purpose.OTHER
    )
    content_type_name = models.CharField(_("MIME type"), max_length=100)
    extension = models.CharField(max_length=10)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]
        # The rules probe "has this record a file of this purpose?" per record.
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "purpose"], name="evidence_record_purpose"
            )
        ]

    def __str__(self) -> str:
        return self.caption or self.original_name

    @property
    def download_name(self) -> str:
        """The uploaded name with the extension of what the file really is."""
        stem = PurePath(self.original_name).stem or "evidence"
        return f"{stem}{self.extension}"

    @property
    def label(self) -> str:
        """The file type as people know it: PDF, DOCX, JPG."""
        return self.extension.removeprefix(".").upper()
