"""Evidence files (photos, PDFs, office documents) attached to any district record."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thanrak.areas.models import District


def _stored_name(instance: "Evidence", filename: str) -> str:
    # Never the uploader's file name: a generated one under the district and year.
    return f"evidence/{instance.district_id}/{instance.uploaded_at:%Y}/{uuid.uuid4().hex}{instance.extension}"


def _thumbnail_name(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.district_id}/thumbs/{uuid.uuid4().hex}.jpg"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo")
        PDF = "pdf", _("PDF")
        DOCUMENT = "document", _("Office document")

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
        indexes = [models.Index(fields=["content_type", "object_id"])]

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
