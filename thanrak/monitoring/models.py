"""Monitoring rounds: teams, the visit schedule, the checklist and what the teams found.

Travel data (district offices, ferries, ties, speeds) is editable per province: the
schedule checker and generator (schedule.py) read it.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from thanrak.areas.models import District, Province
from thanrak.core.thai import starts_in_thai
from thanrak.evidence.models import Evidence
from thanrak.monitoring.days_off import thai_holidays

# --- Travel data ----------------------------------------------------------------------


class TravelSettings(models.Model):
    """How a province's teams travel and when they visit (one row per province)."""

    province = models.OneToOneField(
        Province, on_delete=models.CASCADE, related_name="monitoring_travel"
    )
    base = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("teams leave from"),
        help_text=_("The district of the provincial office the teams leave from each morning."),
    )
    road_factor = models.DecimalField(
        _("road factor"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.30"),
        help_text=_("Road distance as a multiple of the straight-line distance."),
    )
    speed_kmh = models.PositiveSmallIntegerField(_("average speed (km/h)"), default=60)
    day_starts_at = models.TimeField(_("teams leave at"), default=dt.time(7, 0))
    morning_from = models.TimeField(_("morning visits from"), default=dt.time(9, 0))
    morning_until = models.TimeField(_("morning visits start by"), default=dt.time(11, 30))
    afternoon_from = models.TimeField(_("afternoon visits from"), default=dt.time(13, 0))
    afternoon_until = models.TimeField(_("afternoon visits start by"), default=dt.time(15, 0))
    visit_minutes = models.PositiveSmallIntegerField(
        _("minutes a visit takes"),
        default=150,
        help_text=_("From the start of a morning visit to leaving, lunch included."),
    )
    round_to_minutes = models.PositiveSmallIntegerField(
        _("times rounded up to (minutes)"), default=30
    )

    class Meta:
        verbose_name = _("travel settings")
        verbose_name_plural = _("travel settings")

    def __str__(self) -> str:
        return str(self.province)


class DistrictOffice(models.Model):
    """Where a district office is (the visit's place): coordinates for travel times."""

    district = models.OneToOneField(
        District, on_delete=models.CASCADE, related_name="monitoring_office"
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    approximate = models.BooleanField(
        _("approximate"), default=True, help_text=_("The position is an estimate, not surveyed.")
    )
    island = models.BooleanField(
        _("on an island"), default=False, help_text=_("Reached only by the ferries listed.")
    )

    class Meta:
        verbose_name = _("district office")
        verbose_name_plural = _("district offices")

    def __str__(self) -> str:
        return self.district.full_name


class FerryLink(models.Model):
    """A ferry between two district offices, both ways, in minutes pier to pier and on."""

    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+")
    from_district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="+", verbose_name=_("from")
    )
    to_district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="+", verbose_name=_("to")
    )
    minutes = models.PositiveSmallIntegerField(_("minutes"))

    class Meta:
        verbose_name = _("ferry")
        verbose_name_plural = _("ferries")

    def __str__(self) -> str:
        return f"{self.from_district} – {self.to_district}"


class DistrictTie(models.Model):
    """Districts the province visits together: on one day, by one team."""

    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    districts = models.ManyToManyField(District, related_name="+", verbose_name=_("districts"))

    class Meta:
        verbose_name = _("tie between districts")
        verbose_name_plural = _("ties between districts")

    def __str__(self) -> str:
        return self.name


# --- Rounds ---------------------------------------------------------------------------


# The first word of a printed schedule's heading.
SCHEDULE = "กำหนดการ"


class MonitoringRound(models.Model):
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="monitoring_rounds",
        verbose_name=_("province"),
    )
    title = models.CharField(_("title"), max_length=300)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    districts = models.ManyToManyField(
        District, related_name="monitoring_rounds", verbose_name=_("districts in scope")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("monitoring round")
        verbose_name_plural = _("monitoring rounds")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:round", args=[self.pk])

    @property
    def schedule_subject(self) -> str:
        """What the printed schedule is of: the title, without a «กำหนดการ» typed before it."""
        return self.title.removeprefix(SCHEDULE).strip()

    @property
    def schedule_heading(self) -> str:
        """The printed schedule's heading: «กำหนดการ» and the title (the seed's
        «กำหนดการติดตามโครงการพัฒนาศักยภาพ…» for «ติดตามโครงการพัฒนาศักยภาพ…»)."""
        subject = self.schedule_subject
        if starts_in_thai(subject):
            return f"{SCHEDULE}{subject}"
        return f"{SCHEDULE} {subject}".strip()

    def working_days(self) -> list[dt.date]:
        """Monday to Friday from the first day to the last."""
        days, day = [], self.starts_on
        while day <= self.ends_on:
            if day.weekday() < 5:
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def holidays(self) -> dict[dt.date, str]:
        """Thailand's holidays on the round's working days that its teams do not work."""
        opened = {d.date for d in self.marked_days.all() if d.works}
        return {
            day: name
            for day, name in thai_holidays(self.starts_on, self.ends_on).items()
            if day.weekday() < 5 and day not in opened
        }

    def unavailable_days(self) -> dict[dt.date, str]:
        """The working days the province marked as no visits, each with its reason."""
        return {d.date: d.reason for d in self.marked_days.all() if not d.works}

    def visit_days(self) -> list[dt.date]:
        """The working days on which teams visit: neither a holiday nor marked unavailable."""
        off = self.holidays() | self.unavailable_days()
        return [day for day in self.working_days() if day not in off]


class RoundDay(models.Model):
    """A day the province marks for a round: no visits, or visits although it is a holiday."""

    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="marked_days")
    date = models.DateField(_("date"))
    works = models.BooleanField(
        _("the teams work on this holiday"),
        default=False,
        help_text=_("Leave unticked to mark a day without visits."),
    )
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("marked day")
        verbose_name_plural = _("marked days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["round", "date"], name="monitoring_roundday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"


class ChecklistItem(models.Model):
    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="checklist")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("item"), max_length=300)
    # The readiness item (rules.selectors) it checks, to link the district's files.
    readiness_key = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Team(models.Model):
    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("team"), max_length=100, help_text=_("As printed, e.g. ผอ.พิชัย"))
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="monitoring_teams_led",
        verbose_name=_("lead"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="monitoring_teams",
        blank=True,
        verbose_name=_("members"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def labelled(self) -> str:
        """The team in a sentence: «ทีม ผอ.พิชัย»; a name that says it is a team already
        («ทีมที่ 1», «ทีม ผอ.พิชัย» typed so) as it is."""
        if self.name.casefold().startswith(("ทีม", "team")):
            return self.name
        return _("Team %(name)s") % {"name": self.name}


def default_place(district: District) -> str:
    # The seed writes «ที่ว่าการอำเภอเมืองฯ» for the province's capital district.
    name = "เมืองฯ" if district.name_th.startswith("เมือง") else district.name_th
    return f"ที่ว่าการอำเภอ{name}"


class Visit(models.Model):
    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="visits")
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="monitoring_visits",
        verbose_name=_("district"),
    )
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("team"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["date", "time", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "district"], name="monitoring_visit_once"),
        ]

    def __str__(self) -> str:
        return self.place or default_place(self.district)

    def get_absolute_url(self) -> str:
        return reverse("monitoring:visit", args=[self.pk])

    @property
    def starts_at(self) -> dt.datetime:
        """When the visit begins: its day and hour in the site's time zone (Bangkok)."""
        return dt.datetime.combine(self.date, self.time, tzinfo=timezone.get_default_timezone())

    def is_team_member(self, user) -> bool:
        """Whether the user leads or belongs to the team that makes this visit."""
        if not user.is_authenticated:
            return False
        return self.team.lead_id == user.pk or self.team.members.filter(pk=user.pk).exists()


# --- Findings -------------------------------------------------------------------------


class Result(models.TextChoices):
    FOUND = "found", _("Found")
    PARTLY = "partly", _("Partly found")
    NOT_FOUND = "not_found", _("Not found")


class ItemFinding(models.Model):
    """What the team found for one checklist item at one visit."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="item_findings")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="findings")
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence = GenericRelation(Evidence)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finding for an item")
        verbose_name_plural = _("findings for items")
        constraints = [
            models.UniqueConstraint(fields=["visit", "item"], name="monitoring_finding_once"),
        ]

    def __str__(self) -> str:
        return f"{self.visit} · {self.item}"

    @property
    def district_id(self) -> str:
        # Evidence files are filed under the visited district.
        return self.visit.district_id

    def files_writable_by(self, user) -> bool:
        """The photos a team attached belong to the team, not to the visited district."""
        return self.visit.is_team_member(user)


class VisitFinding(models.Model):
    """The overall finding and recommendations of one visit."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="finding")
    overall = models.TextField(_("overall finding"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    # Alike in every model (TravelSettings above too): Django's names for the admin and
    # its history, and how a row prints; nothing to share.
    class Meta:
        verbose_name = _("visit finding")
        verbose_name_plural = _("visit findings")

    def __str__(self) -> str:
        return str(self.visit)


class SentAnswer(models.Model):
    """One answer or batch of photos sent from a phone, by the key the phone made for it.

    The visit page keeps what it could not send and sends it again when the signal returns;
    a reply lost on the way makes it send the same thing twice. The key it sent is kept
    here, so the second send saves nothing and is answered as the first was.
    """

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="sent_answers")
    key = models.UUIDField(_("key"))
    # The checklist item it answered; empty for the overall finding and recommendations.
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer sent from a phone")
        verbose_name_plural = _("answers sent from a phone")
        constraints = [
            models.UniqueConstraint(fields=["visit", "key"], name="monitoring_sent_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.visit} · {self.key}"


# --- Frozen schedules -----------------------------------------------------------------


class ScheduleVersion(models.Model):
    """The round's schedule as it stood when a letter was issued with it, and each change
    after that: a letter prints the rows of its own version, never the live visits."""

    round = models.ForeignKey(
        MonitoringRound, on_delete=models.CASCADE, related_name="schedule_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    # The heading it was printed under (``MonitoringRound.schedule_heading`` then): a round
    # renamed later does not change the letters already issued.
    heading = models.CharField(_("heading"), max_length=320, blank=True)
    # [{"district", "team_key", "team", "date", "time", "place", "note"}, …] in printed order
    rows = models.JSONField(pgettext_lazy("schedule", "rows"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="monitoring_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.number}"
