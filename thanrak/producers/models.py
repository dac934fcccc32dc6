"""Local wisdom, occupational groups, OTOP producers and their products, the development
pipeline and the center's services (guideline §3–§5, SPEC §3).

Every record belongs to one district (directly, or through its group, producer or
product); access goes through producers.access. Citizen IDs are stored as 13 digits and
only ever shown masked.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thanrak.areas.models import District, Subdistrict
from thanrak.centers.models import TargetGroup
from thanrak.core.models import TimeStampedModel
from thanrak.core.validators import validate_be_year, validate_be_year_passed
from thanrak.evidence.models import Evidence


class WisdomBranch(models.TextChoices):
    """The 11 branches of Thai local wisdom."""

    AGRICULTURE = "agriculture", _("Agriculture")
    INDUSTRY = "industry", _("Industry and handicraft")
    MEDICINE = "medicine", _("Thai traditional medicine")
    NATURE = "nature", _("Natural resources and environment")
    FUNDS = "funds", _("Community funds and business")
    WELFARE = "welfare", _("Welfare")
    ARTS = "arts", _("Arts")
    ORGANISATION = "organisation", _("Organisation management")
    LANGUAGE = "language", _("Language and literature")
    RELIGION = "religion", _("Religion and tradition")
    NUTRITION = "nutrition", _("Nutrition")


class Stage(models.TextChoices):
    """The development path (SPEC §3) in order; the first two letters order the stages."""

    WISDOM = "1_wisdom", _("Wisdom found")
    GROUP = "2_group", _("Group formed")
    PRODUCING = "3_producing", _("Producing, not registered")
    REGISTERED = "4_registered", _("Registered OTOP")
    CERTIFIED = "5_certified", _("Certified")
    ENTERPRISE = "6_enterprise", _("SME or social enterprise")


def target_group_of(stage: str | None) -> str:
    """The §5.3 target-group type a stage puts its group or producer in."""
    if stage in (None, "", Stage.WISDOM, Stage.GROUP):
        return TargetGroup.TYPE1
    if stage == Stage.PRODUCING:
        return TargetGroup.TYPE2
    return TargetGroup.TYPE3


class OnThePath:
    """A group or producer on the development path: its target group follows its stage."""

    stage: str

    @property
    def target_group(self) -> str:
        return target_group_of(self.stage)

    def get_target_group_display(self) -> str:
        return str(TargetGroup(self.target_group).label)


# The models below repeat the shape of their declarations (fields, history, Meta, __str__)
# because each field is the schema of its table: Django's convention, kept as it is.
class DistrictRecord(TimeStampedModel):
    """A record of a district's center: belongs to one district, carries evidence files."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, verbose_name=_("district"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # Segmented Thai words, space-separated and space-padded (" ผ้า ทอ "), kept on save
    # so that search is a plain ORM filter on SQLite and PostgreSQL alike.
    search_title = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")
    evidence = GenericRelation(Evidence)

    record_key = ""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse(
            f"producers:{self.record_key}_detail",
            kwargs={"district": self.district_id, self.record_key: self.pk},
        )

    def search_texts(self) -> tuple[str, str]:
        """The title and body the search index is made of."""
        return str(self), ""

    def index_search(self) -> None:
        """Keep the search words of ``search_texts`` (also for records made in bulk)."""
        from thanrak.producers.search import index_text

        title, body = self.search_texts()
        self.search_title, self.search_body = index_text(title), index_text(body)

    def save(self, *args, **kwargs):
        self.index_search()
        super().save(*args, **kwargs)


class Wisdom(DistrictRecord):
    """An entry of the district's local-wisdom catalogue (คลังภูมิปัญญาท้องถิ่น)."""

    record_key = "wisdom"
    title = models.CharField(_("title"), max_length=300)
    branch = models.CharField(_("branch"), max_length=20, choices=WisdomBranch.choices)
    holder = models.CharField(_("holder (village sage)"), max_length=200, blank=True)
    holder_public = models.BooleanField(
        _("holder's name may be shown publicly"),
        default=False,
        help_text=_("Only with the holder's consent."),
    )
    subdistrict = models.ForeignKey(
        Subdistrict,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subdistrict"),
    )
    village_no = models.PositiveSmallIntegerField(_("village no. (หมู่ที่)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("local wisdom entry")
        verbose_name_plural = _("local wisdom")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    def search_texts(self) -> tuple[str, str]:
        return self.title, self.description


class Group(OnThePath, DistrictRecord):
    """An occupational group (กลุ่มอาชีพ) and the wisdom it builds on."""

    record_key = "group"
    name = models.CharField(_("name"), max_length=300)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    subdistrict = models.ForeignKey(
        Subdistrict,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subdistrict"),
    )
    village_no = models.PositiveSmallIntegerField(_("village no. (หมู่ที่)"), null=True, blank=True)
    wisdom = models.ManyToManyField(
        Wisdom, blank=True, related_name="groups", verbose_name=_("local wisdom it builds on")
    )
    description = models.TextField(_("description"), blank=True)
    stage = models.CharField(
        _("development stage"), max_length=20, choices=Stage.choices, default=Stage.GROUP
    )
    history = HistoricalRecords(m2m_fields=[wisdom])

    class Meta:
        verbose_name = _("occupational group")
        verbose_name_plural = _("occupational groups")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def search_texts(self) -> tuple[str, str]:
        return self.name, self.description


class Member(TimeStampedModel):
    """A member of an occupational group. The citizen ID is never shown unmasked."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="members", verbose_name=_("group")
    )
    name = models.CharField(_("name"), max_length=200)
    citizen_id = models.CharField(_("citizen ID"), max_length=13, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    role = models.CharField(_("role in the group"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Producer(OnThePath, DistrictRecord):
    """An OTOP producer (ผู้ผลิต ผู้ประกอบการ OTOP)."""

    record_key = "producer"

    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Community producer group")
        SOLE = "sole", _("Sole-owner community producer")
        SME = "sme", _("SME producer")

    name = models.CharField(_("producer name"), max_length=300)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="producers",
        verbose_name=_("occupational group"),
    )
    name_public = models.BooleanField(
        _("name may be shown publicly"),
        default=True,
        help_text=_("Untick for a sole owner who has not agreed to publication."),
    )
    registration_number = models.CharField(_("OTOP registration number"), max_length=40, blank=True)
    registration_year = models.PositiveSmallIntegerField(
        _("registration year (B.E.)"), null=True, blank=True, validators=[validate_be_year_passed]
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    sales_channels = models.TextField(
        _("sales channels"),
        blank=True,
        help_text=_("Where to buy: markets, fairs, shops, online pages… one a line."),
    )
    description = models.TextField(_("description"), blank=True)
    stage = models.CharField(
        _("development stage"), max_length=20, choices=Stage.choices, default=Stage.REGISTERED
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("OTOP producer")
        verbose_name_plural = _("OTOP producers")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def search_texts(self) -> tuple[str, str]:
        return self.name, f"{self.description} {self.sales_channels}"


class Product(DistrictRecord):
    """A product of a producer, with its OTOP category and star level."""

    record_key = "product"

    class Category(models.TextChoices):
        FOOD = "food", _("Food")
        DRINK = "drink", _("Drinks")
        TEXTILE = "textile", _("Textiles and garments")
        ARTICLE = "article", _("Household articles, decorations and souvenirs")
        HERBAL = "herbal", _("Herbal products other than food")

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="products", verbose_name=_("producer")
    )
    name = models.CharField(_("name"), max_length=300)
    category = models.CharField(_("OTOP category"), max_length=10, choices=Category.choices)
    stars = models.PositiveSmallIntegerField(
        _("star level"),
        null=True,
        blank=True,
        choices=[(n, "★" * n) for n in range(1, 6)],
    )
    wisdom = models.ForeignKey(
        Wisdom,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("local wisdom it comes from"),
    )
    price = models.CharField(_("price"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def search_texts(self) -> tuple[str, str]:
        return self.name, self.description


class CertificationQuerySet(models.QuerySet):
    def not_renewed(self) -> "CertificationQuerySet":
        """Without those renewed: the product holds a later one of the same standard (one
        that expires after it, or never)."""
        later = Certification.objects.filter(
            product=models.OuterRef("product"), kind=models.OuterRef("kind")
        ).filter(
            models.Q(expires_on__gt=models.OuterRef("expires_on"))
            | models.Q(expires_on__isnull=True, issued_on__gt=models.OuterRef("issued_on"))
        )
        return self.exclude(models.Exists(later))

    def held_on(self, day: dt.date) -> "CertificationQuerySet":
        """Those in force on the day: not expired (a certification without an end date
        counts as held)."""
        return self.filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=day))


class Certification(TimeStampedModel):
    """A standard a product holds (มผช., อย., …)."""

    class Kind(models.TextChoices):
        MPC = "mpc", _("Community product standard (มผช.)")
        FDA = "fda", _("Food and Drug Administration (อย.)")
        TIS = "tis", _("Thai industrial standard (มอก.)")
        ORGANIC = "organic", _("Organic agriculture")
        HALAL = "halal", _("Halal")
        GAP = "gap", "GAP"
        GMP = "gmp", "GMP"
        HACCP = "haccp", "HACCP"
        QMARK = "qmark", _("Q mark")
        OTHER = "other", _("Other")

    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        related_name="certifications",
        verbose_name=_("product"),
    )
    kind = models.CharField(_("standard"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["expires_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


class Funding(TimeStampedModel):
    """Money a producer received (§5.2 ๕)."""

    class Source(models.TextChoices):
        SAVINGS = "savings", _("Savings group for production")
        VILLAGE_FUND = "village_fund", _("Village and urban community fund")
        BAAC = "baac", _("Bank for Agriculture and Agricultural Cooperatives")
        GSB = "gsb", _("Government Savings Bank")
        OTHER = "other", _("Other source")

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="funding", verbose_name=_("producer")
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    amount = models.DecimalField(_("amount (baht)"), max_digits=12, decimal_places=2)
    date = models.DateField(_("date"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return self.get_source_display()


class Income(TimeStampedModel):
    """A producer's income of a fiscal year (§2.3: the outcome the program exists for)."""

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="incomes", verbose_name=_("producer")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[validate_be_year], help_text=_("B.E., e.g. 2563")
    )
    amount = models.DecimalField(_("income (baht)"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("income")
        verbose_name_plural = _("income")
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "fiscal_year"], name="producers_one_income_per_year"
            )
        ]

    def __str__(self) -> str:
        return str(self.fiscal_year)


class StageChange(TimeStampedModel):
    """A dated move of a group or producer along the development path.

    The group's or producer's current stage is the latest change (kept on the record
    by services.stage_record), so the target-group type is never typed twice.
    """

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stage_changes",
        verbose_name=_("group"),
    )
    producer = models.ForeignKey(
        Producer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stage_changes",
        verbose_name=_("producer"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group__isnull=True) ^ models.Q(producer__isnull=True),
                name="producers_stage_of_group_or_producer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.date}"


class Service(DistrictRecord):
    """A service the center gave (การให้บริการ): who came, what for, who served."""

    record_key = "service"

    class Visitor(models.TextChoices):
        PERSON = "person", _("Person")
        GROUP = "group", _("Group")
        ORGANISATION = "organisation", _("Organisation")

    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice and information")
        KNOWLEDGE = "knowledge", _("Knowledge and training")
        STANDARDS = "standards", _("Product quality and standards")
        PACKAGING = "packaging", _("Packaging and design")
        MARKETING = "marketing", _("Marketing and sales channels")
        FUNDING = "funding", _("Access to funding")
        REGISTRATION = "registration", _("OTOP registration")
        OTHER = "other", _("Other")

    date = models.DateField(_("date"))
    visitor = models.CharField(_("who came"), max_length=15, choices=Visitor.choices)
    visitor_name = models.CharField(
        _("name of the visitor"),
        max_length=300,
        blank=True,
        help_text=_("For a person or organisation that is not a recorded group or producer."),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("group"),
    )
    producer = models.ForeignKey(
        Producer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("producer"),
    )
    target_group = models.CharField(
        _("target group"),
        max_length=5,
        choices=TargetGroup.choices[:3],
        blank=True,
        help_text=_("Derived from the stage when a recorded group or producer came."),
    )
    kind = models.CharField(_("kind of service"), max_length=15, choices=Kind.choices)
    detail = models.TextField(_("detail"), blank=True)
    officer = models.CharField(_("officer"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["-date", "-id"]
        # The nation's services of a fiscal year (the public landing page).
        indexes = [models.Index(fields=["date"], name="producers_service_date")]

    def __str__(self) -> str:
        return self.who

    @property
    def who(self) -> str:
        if self.producer_id:
            return self.producer.name
        if self.group_id:
            return self.group.name
        return self.visitor_name

    def search_texts(self) -> tuple[str, str]:
        return "", ""


class ImportJobQuerySet(models.QuerySet):
    def stale(self, now: dt.datetime) -> "ImportJobQuerySet":
        """Jobs being checked or written with no sign of work for IMPORT_STALE_MINUTES."""
        cutoff = now - dt.timedelta(minutes=settings.IMPORT_STALE_MINUTES)
        return self.filter(status__in=ImportJob.WORKING).filter(
            models.Q(heartbeat_at__lt=cutoff)
            | models.Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
        )

    def file_expired(self, now: dt.datetime) -> "ImportJobQuerySet":
        """Ended jobs still holding a file, IMPORT_FILE_RETENTION_DAYS after their last work."""
        cutoff = now - dt.timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS)
        return (
            self.filter(status__in=ImportJob.ENDED)
            .exclude(file="")
            .alias(last_work=Coalesce("heartbeat_at", "created_at"))
            .filter(last_work__lt=cutoff)
        )

    def fail_stale(self, now: dt.datetime) -> list["ImportJob"]:
        """Fail every job whose worker stopped; returns them."""
        # Read first and write only what is stale: on SQLite even an UPDATE that matches
        # nothing waits for the lock a live import holds while it writes.
        return [job for job in self.stale(now) if job.fail_if_stale(now)]


class ImportJob(TimeStampedModel):
    """An Excel or CSV import: checked first, written only when every row is valid.

    The worker records a sign of work (``heartbeat_at``) as it goes. A job being checked
    or written with none for IMPORT_STALE_MINUTES lost its worker and is failed; writing is
    one transaction, so nothing of it was kept and the job may be retried from the check.
    ``attempt`` numbers the runs: the late end of an earlier run changes nothing.
    """

    class Kind(models.TextChoices):
        # What a file holds: thanrak.producers.imports.KINDS declares each, in this order.
        COMMITTEE = "committee", _("Committee (one row per member)")
        MEETINGS = "meetings", _("Committee meetings")
        PLANS = "plans", _("Plans (one row per item)")
        ACTIVITIES = "activities", _("Activities")
        PUBLICITY = "publicity", _("Publicity")
        BUDGET = "budget", _("Budget allocations")
        EXPENSES = "expenses", _("Expenses")
        SERVICES = "services", _("Services")
        REFERRALS = "referrals", _("Referrals")
        PRODUCERS = "producers", _("OTOP producers")
        GROUPS = "groups", _("Groups with members")
        WISDOM = "wisdom", _("Local wisdom")
        MEMBERS = "members", _("Members of recorded groups")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        CHECKING = "checking", _("Checking")
        INVALID = "invalid", _("Errors found")
        READY = "ready", _("Ready to import")
        # The officer confirmed; waiting for a worker to take it and write.
        CONFIRMED = "confirmed", _("Waiting to import")
        WRITING = "writing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        # Checked but never imported: its file is gone after IMPORT_FILE_RETENTION_DAYS.
        ABANDONED = "abandoned", _("Not imported")

    class Failure(models.TextChoices):
        STOPPED = "stopped", _("The work stopped")
        ERROR = "error", _("An error occurred")

    WORKING = (Status.CHECKING, Status.WRITING)
    # The jobs whose file is deleted IMPORT_FILE_RETENTION_DAYS after their last work.
    ENDED = (Status.DONE, Status.FAILED, Status.INVALID, Status.READY, Status.ABANDONED)

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="+", verbose_name=_("district")
    )
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    # Emptied by `manage.py purge_imports` once the job has ended and been kept a while.
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    preview = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of work"), null=True, blank=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    failure = models.CharField(
        _("why it failed"), max_length=10, choices=Failure.choices, blank=True
    )

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.CONFIRMED, *self.WORKING)

    def confirm(self) -> bool:
        """Mark a checked job to be written by the worker; True when it was (once only)."""
        changed = ImportJob.objects.filter(
            pk=self.pk, status=self.Status.READY, attempt=self.attempt
        ).update(status=self.Status.CONFIRMED)
        if changed:
            self.status = self.Status.CONFIRMED
        return bool(changed)

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED and bool(self.file)

    @property
    def waiting_long(self) -> bool:
        """Waiting for the worker (queued, or confirmed) for IMPORT_STALE_MINUTES: the
        background worker may be stopped, which only an administrator can see to. The job
        stays as it is and is taken when a worker runs again."""
        if self.status not in (self.Status.QUEUED, self.Status.CONFIRMED):
            return False
        since = self.heartbeat_at or self.created_at
        return since < timezone.now() - dt.timedelta(minutes=settings.IMPORT_STALE_MINUTES)

    def is_stale(self, now: dt.datetime) -> bool:
        """Being checked or written, with no sign of work for IMPORT_STALE_MINUTES."""
        cutoff = now - dt.timedelta(minutes=settings.IMPORT_STALE_MINUTES)
        return self.status in self.WORKING and (self.heartbeat_at or self.created_at) < cutoff

    def fail_if_stale(self, now: dt.datetime) -> bool:
        """Fail the job if its worker stopped; True when it did."""
        if not self.is_stale(now):
            return False
        changed = (
            ImportJob.objects.stale(now)
            .filter(pk=self.pk)
            .update(status=self.Status.FAILED, failure=self.Failure.STOPPED, finished_at=now)
        )
        if changed:
            self.status, self.failure, self.finished_at = (
                self.Status.FAILED,
                self.Failure.STOPPED,
                now,
            )
        return bool(changed)

    def delete_file(self) -> str:
        """Delete the uploaded file and its preview, keep the job; returns the file's name.

        A job checked but never imported becomes abandoned: it cannot be imported any more.
        """
        name = self.file.name
        status = self.Status.ABANDONED if self.status == self.Status.READY else self.status
        # The row first, on the status read: a job confirmed meanwhile keeps its file.
        if not name or not ImportJob.objects.filter(
            pk=self.pk, status=self.status, file=name
        ).update(file="", status=status, preview=[]):
            return ""
        self.file.storage.delete(name)
        self.file.name, self.status, self.preview = "", status, []
        return name

    def retry(self, now: dt.datetime) -> bool:
        """Queue a failed job again from the check; True when it was queued."""
        if not self.can_retry:
            return False
        changed = ImportJob.objects.filter(
            pk=self.pk, status=self.Status.FAILED, attempt=self.attempt
        ).update(
            status=self.Status.QUEUED,
            attempt=models.F("attempt") + 1,
            failure="",
            errors=[],
            preview=[],
            done=0,
            total=0,
            finished_at=None,
            heartbeat_at=now,
        )
        self.refresh_from_db()
        return bool(changed)
