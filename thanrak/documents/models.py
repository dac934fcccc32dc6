"""Official letters of a province, its letterhead, and documents generated in the background."""

import re
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from thanrak.areas.models import Province
from thanrak.core.models import TimeStampedModel

# An empty line (spaces allowed), after LF or CR LF line ends.
PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*\r?\n")


def _emblem_path(instance: "Letterhead", filename: str) -> str:
    # A generated name, never the uploader's: the file is always a re-encoded PNG.
    return f"letterhead/{instance.province_id}/{uuid.uuid4().hex}.png"


def _guideline_path(instance: "Letterhead", filename: str) -> str:
    return f"letterhead/{instance.province_id}/guideline-{uuid.uuid4().hex}.pdf"


class Letterhead(TimeStampedModel):
    """What a province prints with its letters: the emblem, and the guideline it encloses.

    No emblem is bundled with Thanrak; without one the letter shows a box where the Garuda
    goes, with a warning in it, and the letter's page warns too. The guideline
    (แนวทางการดำเนินงานฯ, enclosure ๒ of a round's letter) is a PDF appended to the letters
    that list it.
    """

    province = models.OneToOneField(
        Province, on_delete=models.CASCADE, related_name="letterhead", verbose_name=_("province")
    )
    emblem = models.ImageField(
        _("Garuda emblem"),
        upload_to=_emblem_path,
        blank=True,
        help_text=_("A PNG or JPEG of the emblem, about 3 cm high when printed."),
    )
    guideline = models.FileField(
        _("guideline (enclosure 2)"),
        upload_to=_guideline_path,
        blank=True,
        help_text=_("The guideline as a PDF, appended to every letter that lists it."),
    )

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return str(self.province)


class Letter(TimeStampedModel):
    """An external official letter (หนังสือภายนอก) of the province, circulars (ว.) included."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="letters", verbose_name=_("province")
    )
    number = models.CharField(
        _("letter number"), max_length=100, help_text=_("e.g. สฎ 0019.03/ว.6555")
    )
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=500)
    to = models.CharField(
        pgettext_lazy("letter", "to"), max_length=300, help_text=_("e.g. นายอำเภอทุกอำเภอ")
    )
    reference = models.TextField(_("reference"), blank=True)
    enclosures = models.TextField(
        _("enclosures"),
        blank=True,
        help_text=_("One per line: what, then the quantity, e.g. กำหนดการฯ จำนวน 1 ฉบับ"),
    )
    body = models.TextField(_("body"), help_text=_("Paragraphs separated by an empty line."))
    closing_line = models.CharField(
        _("last line of the body"), max_length=300, default="จึงเรียนมาเพื่อพิจารณาดำเนินการ"
    )
    signer_name = models.CharField(_("signer"), max_length=200)
    signer_position = models.TextField(
        _("signer's position"),
        help_text=_("One per line, with the ปฏิบัติราชการแทน lines."),
    )
    contact_unit = models.TextField(_("contact unit"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=100, blank=True)
    round = models.ForeignKey(
        "monitoring.MonitoringRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("monitoring round"),
    )
    # The round's schedule as it was when the letter was saved: printed with the letter
    # whatever the visits become afterwards.
    schedule_version = models.ForeignKey(
        "monitoring.ScheduleVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("schedule version"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official letter")
        verbose_name_plural = _("official letters")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("documents:letter", kwargs={"letter": self.pk})

    @property
    def enclosure_rows(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.enclosures.splitlines():
            if line.strip():
                # A tab separates what from how many; typed in a browser, "จำนวน" does.
                what, sep, qty = line.partition("\t")
                if not sep and "จำนวน" in line:
                    what, sep, qty = line.partition("จำนวน")
                    qty = sep + qty
                rows.append((what.strip(), qty.strip()))
        return rows

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs: parted by an empty line, whichever line ends the browser
        sent (a textarea sends CR LF)."""
        return [p.strip() for p in PARAGRAPH_BREAK.split(self.body) if p.strip()]


class GeneratedDocument(TimeStampedModel):
    """A document made in the background, kept to download again.

    Either a province's consolidated report, or an export (``Kind.EXPORT``): a list of
    records of one district, one province (``district`` empty) or the whole country (no
    province either), made for the user who asked, masked as their role sees it
    (``personal`` False: people's names and phones hidden).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", pgettext_lazy("generated document", "Ready")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        CONSOLIDATED_PDF = "consolidated_pdf", _("Consolidated report (PDF)")
        CONSOLIDATED_XLSX = "consolidated_xlsx", _("Consolidated report (Excel)")
        EXPORT = "export", _("List (Excel)")

    CONSOLIDATED = (Kind.CONSOLIDATED_PDF, Kind.CONSOLIDATED_XLSX)

    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    district = models.ForeignKey(
        "areas.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # An export: which list (exports.EXPORTS key) and whether it shows people's data.
    what = models.CharField(_("list"), max_length=40, blank=True)
    personal = models.BooleanField(_("with personal data"), default=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    persons = models.PositiveIntegerField(_("persons named"), default=0)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    month = models.PositiveSmallIntegerField(_("month"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="documents/generated/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.fiscal_year}"

    @property
    def is_export(self) -> bool:
        return self.kind == self.Kind.EXPORT

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
