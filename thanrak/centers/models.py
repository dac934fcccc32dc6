"""The district's Grassroots Economy Promotion Service Center and its records.

Every record belongs to one center (and so to one district); access goes through
centers.access. Section marks (§) quote the department's operating guideline.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thanrak.areas.models import District, Province
from thanrak.core.models import TimeStampedModel
from thanrak.core.thai import fiscal_year
from thanrak.core.validators import validate_be_year
from thanrak.evidence.models import Evidence


class Center(TimeStampedModel):
    """One center per district, housed by default in the district CD office (guideline §7)."""

    district = models.OneToOneField(
        District, on_delete=models.PROTECT, related_name="center", verbose_name=_("district")
    )
    location = models.CharField(
        _("location"),
        max_length=300,
        blank=True,
        help_text=_("Where the center is; by default the district Community Development office."),
    )
    has_dedicated_space = models.BooleanField(
        _("dedicated space"),
        default=False,
        help_text=_("The center has its own clearly separated space (guideline §7)."),
    )
    space_description = models.CharField(_("description of the space"), max_length=300, blank=True)
    staff_on_duty = models.CharField(
        _("staff on duty"),
        max_length=300,
        blank=True,
        help_text=_("Who serves visitors, and when."),
    )
    opening_hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, default="จันทร์–ศุกร์ 08.30–16.30 น."
    )
    phone = models.CharField(_("phone"), max_length=60, blank=True)

    evidence = GenericRelation(Evidence)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("center")
        verbose_name_plural = _("centers")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return gettext("Grassroots Economy Promotion Service Center, %(district)s") % {
            "district": self.district.full_name
        }

    @property
    def office_name(self) -> str:
        """The district Community Development office that houses the center by default."""
        return gettext("Community Development Office, %(district)s") % {
            "district": self.district.full_name
        }

    @property
    def display_location(self) -> str:
        return self.location or self.office_name


class ProvinceOffice(TimeStampedModel):
    """The provincial Community Development office that funds and monitors the centers."""

    province = models.OneToOneField(
        Province, on_delete=models.PROTECT, related_name="office", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(
        _("address"), blank=True, help_text=_("As printed under the issuing office of a letter.")
    )
    unit = models.CharField(_("contact unit"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    book_prefix = models.CharField(
        _("letter number prefix"),
        max_length=60,
        blank=True,
        help_text=_("The ที่ prefix of official letters, e.g. สฎ 0019.03."),
    )

    class Meta:
        verbose_name = _("province office")
        verbose_name_plural = _("province offices")

    def __str__(self) -> str:
        return self.name


# The models below repeat the shape of their declarations (fields, history, Meta, __str__)
# because each field is the schema of its table: Django's convention, kept as it is.
class CenterRecord(TimeStampedModel):
    """A record kept by a center: it belongs to one center and carries evidence files."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, verbose_name=_("center"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    evidence = GenericRelation(Evidence)

    # The URL keyword of the kind (see centers.records): "meeting" -> centers:meeting_detail.
    record_key = ""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse(
            f"centers:{self.record_key}_detail",
            kwargs={"district": self.center.district_id, self.record_key: self.pk},
        )


class Material(CenterRecord):
    """A medium or printed material on offer in the center (report form column; §7)."""

    record_key = "material"

    class Kind(models.TextChoices):
        PRINT = "print", _("Printed matter")
        MANUAL = "manual", _("Handbook or manual")
        VIDEO = "video", _("Video or multimedia")
        BOARD = "board", _("Board or exhibit")
        PRODUCT = "product", _("Product sample")
        EQUIPMENT = "equipment", _("Equipment")
        ONLINE = "online", _("Online medium")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRINT)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medium or material")
        verbose_name_plural = _("media and materials")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class StructurePosition(models.Model):
    """A position in the committee's structure: the §6.2 ones (no center) or a local one."""

    center = models.ForeignKey(
        Center,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_positions",
        verbose_name=_("center"),
        help_text=_("Empty for the positions of the guideline; set for a district's own position."),
    )
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("structure position")
        verbose_name_plural = _("structure positions")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "name"], name="centers_position_unique_per_center"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(center=None),
                name="centers_position_unique_standard",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def open_to(cls, center: Center) -> models.QuerySet:
        """The positions a center's committee and plans may name: the guideline's and its own."""
        return cls.objects.filter(models.Q(center=None) | models.Q(center=center))


class CommitteeTerm(CenterRecord):
    """A committee appointed by district order (คำสั่งอำเภอ), §6.1."""

    record_key = "term"
    order_number = models.CharField(_("order number"), max_length=60, help_text=_("e.g. 123/2562"))
    order_date = models.DateField(_("order date"))
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return gettext("District order %(number)s") % {"number": self.order_number}

    def is_current_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @classmethod
    def in_force_on(cls, center: Center, day: dt.date) -> "CommitteeTerm | None":
        """The committee of the day: the latest term begun by then and not ended (a new
        order replaces the one before, whether or not its end was recorded)."""
        current = [t for t in cls.objects.filter(center=center) if t.is_current_on(day)]
        return max(current, key=lambda t: (t.starts_on, t.pk), default=None)

    @staticmethod
    def dates_problem(starts_on: dt.date | None, ends_on: dt.date | None) -> str | None:
        """Why a term's dates cannot be, or None; the form and the import both ask."""
        if starts_on and ends_on and ends_on < starts_on:
            return gettext("The term cannot end before it starts.")
        return None


class CommitteeMember(TimeStampedModel):
    class Category(models.TextChoices):
        # guideline §6.1 ๑)–๔)
        CHAIR = "chair", _("Chair (district chief or delegate)")
        SECRETARY = "secretary", _("Secretary (district CD officer)")
        AGENCY = "agency", _("Agency or education representative")
        LEADER = "leader", _("Group or network leader")
        OTHER = "other", pgettext_lazy("committee category", "Other")

    term = models.ForeignKey(
        CommitteeTerm, on_delete=models.CASCADE, related_name="members", verbose_name=_("term")
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    position = models.ForeignKey(
        StructurePosition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("structure position"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class CompositionException(CenterRecord):
    """The department's approval to keep the former structure (§6.2 หมายเหตุ)."""

    record_key = "exception"
    letter_number = models.CharField(_("letter number"), max_length=100)
    letter_date = models.DateField(_("letter date"))
    approved = models.BooleanField(_("approved by the department"), default=False)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("composition exception letter")
        verbose_name_plural = _("composition exception letters")
        ordering = ["-letter_date"]

    def __str__(self) -> str:
        return self.letter_number


class Meeting(CenterRecord):
    """A committee meeting (§6.3 ๑: at least once a quarter)."""

    record_key = "meeting"
    date = models.DateField(_("meeting date"))
    title = models.CharField(
        _("title"), max_length=200, help_text=_("The meeting's number in its fiscal year.")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("summary of the minutes"), blank=True)
    attendees = models.ManyToManyField(
        CommitteeMember, blank=True, related_name="meetings", verbose_name=_("attendees")
    )
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.title

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(self.date)


class TargetGroup(models.TextChoices):
    """The center's target groups (§5.3 ๑–๓)."""

    TYPE1 = "1", _("Type 1: interested in turning local wisdom into OTOP products")
    TYPE2 = "2", _("Type 2: making products, not yet registered as OTOP")
    TYPE3 = "3", _("Type 3: registered OTOP producers")
    ALL = "all", _("All target groups")


class Plan(CenterRecord):
    """A plan to strengthen occupational groups and OTOP producers (§6.3 ๒)."""

    record_key = "plan"

    class Kind(models.TextChoices):
        SHORT = "short", _("Short-term (one fiscal year)")
        LONG = "long", _("Long-term (several years)")

    kind = models.CharField(_("kind of plan"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("plan name"), max_length=300)
    first_year = models.PositiveSmallIntegerField(
        _("first fiscal year"), validators=[validate_be_year], help_text=_("B.E., e.g. 2563")
    )
    last_year = models.PositiveSmallIntegerField(
        _("last fiscal year"), validators=[validate_be_year], help_text=_("B.E., e.g. 2565")
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-first_year", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="centers_plan_years_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def covers(self, fy: int) -> bool:
        return self.first_year <= fy <= self.last_year

    @property
    def years(self) -> str:
        """The plan's fiscal years as pages name them: «2570», «2568–2570»."""
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @classmethod
    def years_problems(cls, kind: str | None, first: int | None, last: int | None) -> list[str]:
        """Why a plan's fiscal years cannot be (a short-term plan is one year); the form and
        the import both ask."""
        problems = []
        if first and last and last < first:
            problems.append(gettext("The last fiscal year cannot be before the first."))
        if kind == cls.Kind.SHORT and first and last and first != last:
            problems.append(gettext("A short-term plan covers one fiscal year."))
        return problems


class PlanItem(TimeStampedModel):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    title = models.CharField(_("project or activity"), max_length=300)
    target_group = models.CharField(
        _("target group"), max_length=5, choices=TargetGroup.choices, default=TargetGroup.ALL
    )
    budget = models.DecimalField(_("budget (baht)"), max_digits=12, decimal_places=2, default=0)
    responsible = models.ForeignKey(
        StructurePosition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible position"),
    )
    period = models.CharField(
        _("period"), max_length=100, blank=True, help_text=_("e.g. ม.ค.–มี.ค. 2563")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class ActivityKind(models.TextChoices):
    """The six kinds of activity of §5.2."""

    FORM_GROUPS = "form_groups", _("Forming occupational groups from local wisdom")
    REGISTER_OTOP = "register_otop", _("Bringing groups into OTOP registration")
    STANDARDS = "standards", _("Support for product standards certification")
    SALES_CHANNELS = "sales_channels", _("Sales channels for OTOP products")
    FUNDING = "funding", _("Access to community funds and financial institutions")
    CAPACITY = "capacity", _("Capacity building with provincial and national agencies")


class KnowledgeTopic(models.TextChoices):
    """The five knowledge topics of §5.1."""

    GROUP_MANAGEMENT = "group_management", _("Group management")
    BUSINESS = "business", _("Basic business")
    QUALITY = "quality", _("Product quality and standards")
    VALUE_ADDED = "value_added", _("Adding value (story of the product)")
    MARKETING = "marketing", _("Marketing")


def topics_text(codes: list[str]) -> str:
    """An activity's knowledge topics as their labels, in the order kept."""
    labels = dict(KnowledgeTopic.choices)
    return ", ".join(str(labels[code]) for code in codes if code in labels)


class Activity(CenterRecord):
    """An activity to strengthen groups and producers (§6.3 ๓: at least once a month)."""

    record_key = "activity"
    date = models.DateField(_("date"))
    title = models.CharField(_("activity name"), max_length=300)
    kind = models.CharField(_("kind of activity"), max_length=20, choices=ActivityKind.choices)
    topics = models.JSONField(_("knowledge topics"), default=list, blank=True)
    participants_type1 = models.PositiveIntegerField(_("participants of type 1"), default=0)
    participants_type2 = models.PositiveIntegerField(_("participants of type 2"), default=0)
    participants_type3 = models.PositiveIntegerField(_("participants of type 3"), default=0)
    partners = models.CharField(
        _("partner agencies"),
        max_length=500,
        blank=True,
        help_text=_("The partner agencies that took part, separated by commas."),
    )
    cost = models.DecimalField(_("cost (baht)"), max_digits=12, decimal_places=2, default=0)
    plan_item = models.ForeignKey(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("plan item served"),
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["center", "date"]),
            # The nation's activities of a fiscal year, counted with their participants
            # from the index alone (the public landing page, public.selectors).
            models.Index(
                fields=["date"],
                include=["participants_type1", "participants_type2", "participants_type3"],
                name="centers_activity_date_people",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def participants(self) -> int:
        return self.participants_type1 + self.participants_type2 + self.participants_type3

    @staticmethod
    def plan_item_problem(item: PlanItem | None, day: dt.date | None) -> str | None:
        """Why an activity of that day cannot serve the plan item, or None: the item's plan
        must cover the activity's fiscal year (a 2563–2565 plan serves no activity of 2570)."""
        if not (item and day):
            return None
        plan, year = item.plan, fiscal_year(day)
        if plan.covers(year):
            return None
        return gettext(
            "This item is in a plan of fiscal year %(years)s; the activity is in fiscal year "
            "%(year)s. Choose an item of a plan that covers %(year)s."
        ) % {"years": plan.years, "year": year}


class Publicity(CenterRecord):
    """Publicity of the center's results (§6.3 ๔)."""

    record_key = "publicity"

    class Channel(models.TextChoices):
        FACEBOOK = "facebook", _("Facebook page")
        WEBSITE = "website", _("Website")
        LINE = "line", _("LINE")
        RADIO = "radio", _("Radio")
        PRINT = "print", _("Print")
        BOARD = "board", _("Public board")
        EVENT = "event", _("Event")

    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publicity")
        verbose_name_plural = _("publicity")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title


class BudgetAllocation(CenterRecord):
    """The province's allocation to a center for a fiscal year, with the letter granting it."""

    record_key = "allocation"
    # The province records allocations, and so also manages their files.
    written_by_province = True
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[validate_be_year], help_text=_("B.E., e.g. 2563")
    )
    amount = models.DecimalField(_("amount (baht)"), max_digits=12, decimal_places=2)
    letter_number = models.CharField(_("letter number"), max_length=100, blank=True)
    letter_date = models.DateField(_("letter date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget allocation")
        verbose_name_plural = _("budget allocations")
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "fiscal_year"], name="centers_one_allocation_per_year"
            )
        ]

    def __str__(self) -> str:
        return gettext("Fiscal year %(year)s") % {"year": self.fiscal_year}


class Expense(CenterRecord):
    """Money spent from the allocation, with its procurement evidence (receipt)."""

    record_key = "expense"

    class Method(models.TextChoices):
        PURCHASE = "purchase", _("Purchase")
        HIRE = "hire", _("Hire")

    date = models.DateField(_("date"))
    description = models.CharField(_("what was bought or hired"), max_length=300)
    method = models.CharField(_("procurement method"), max_length=10, choices=Method.choices)
    vendor = models.CharField(_("vendor"), max_length=200)
    amount = models.DecimalField(_("amount (baht)"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.description

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(self.date)


class Referral(CenterRecord):
    """A need beyond the center's capacity, sent on to another agency (§4)."""

    record_key = "referral"

    class WhoKind(models.TextChoices):
        """Who needs it: a person's name is kept from those who do not see personal data
        (an executive); a group's or an organisation's is not a person's."""

        PERSON = "person", _("Person")
        GROUP = "group", _("Group")
        ORGANISATION = "organisation", _("Organisation")

    date = models.DateField(_("date"))
    who_kind = models.CharField(
        _("who needs it is"),
        max_length=20,
        choices=WhoKind.choices,
        default=WhoKind.PERSON,
        help_text=_("A person's name is not shown to executives; a group's or an agency's is."),
    )
    who = models.CharField(_("who needs it"), max_length=300)
    need = models.TextField(_("need"))
    agency = models.CharField(_("agency referred to"), max_length=300)
    result = models.TextField(pgettext_lazy("referral", "result"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.who


class LessonsLearned(CenterRecord):
    """Lessons learned of a fiscal year (§4): results, problems, obstacles, changes."""

    record_key = "lessons"
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[validate_be_year], help_text=_("B.E., e.g. 2563")
    )
    results = models.TextField(_("results"))
    problems = models.TextField(_("problems and obstacles"), blank=True)
    improvements = models.TextField(_("what to change next"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lessons learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "fiscal_year"], name="centers_one_lessons_per_year"
            )
        ]

    def __str__(self) -> str:
        return gettext("Lessons learned, fiscal year %(year)s") % {"year": self.fiscal_year}


class Report(TimeStampedModel):
    """The center's report (แบบรายงานผลการดำเนินงาน) for a period, and where it is in review."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    # Done for its due date: sent to the province, or accepted.
    DONE_STATES = frozenset({Status.SUBMITTED, Status.ACCEPTED})
    # The district may still word it: not yet sent, or sent back with comments.
    EDITABLE_STATES = frozenset({Status.DRAFT, Status.RETURNED})

    center = models.ForeignKey(
        Center, on_delete=models.CASCADE, related_name="reports", verbose_name=_("center")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        default=0,
        choices=[(0, _("Whole fiscal year")), (1, "1"), (2, "2"), (3, "3"), (4, "4")],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # Added for the documents app: the officer's narrative per column of the form
    # (keys: activities, target_groups, committee, materials, evidence, plans), the
    # reviewer's comment, who reviewed it and when, and when it is due.
    narrative = models.JSONField(_("narrative"), default=dict, blank=True)
    comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    # What the form said when it was submitted (the documents app's
    # ``selectors.kept_contents``): a submitted or accepted report reads from it, whatever
    # the records of its period became since. Emptied when the report is returned.
    contents = models.JSONField(_("contents as submitted"), default=dict, blank=True)
    history = HistoricalRecords(excluded_fields=["contents"])

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-fiscal_year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "fiscal_year", "quarter"], name="centers_one_report_per_period"
            )
        ]

    def __str__(self) -> str:
        if self.quarter:
            return gettext("Report, quarter %(quarter)s of fiscal year %(year)s") % {
                "quarter": self.quarter,
                "year": self.fiscal_year,
            }
        return gettext("Report, fiscal year %(year)s") % {"year": self.fiscal_year}

    @property
    def is_done(self) -> bool:
        return self.status in self.DONE_STATES

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES

    @property
    def is_awaiting_review(self) -> bool:
        """Sent by the district and not yet accepted or returned: the province's turn."""
        return self.status == self.Status.SUBMITTED
