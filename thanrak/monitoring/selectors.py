"""Reads for monitoring: a round's schedule problem, its printed table and its summary."""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from thanrak.areas.models import District
from thanrak.core.db import area_name_order
from thanrak.core.thai import format_date_text
from thanrak.monitoring import schedule
from thanrak.monitoring.days_off import thai_holidays
from thanrak.monitoring.models import (
    ChecklistItem,
    DistrictOffice,
    DistrictTie,
    FerryLink,
    ItemFinding,
    MonitoringRound,
    Result,
    RoundDay,
    ScheduleVersion,
    Team,
    TravelSettings,
    Visit,
    VisitFinding,
    default_place,
)


def travel_settings(province_id: str) -> TravelSettings:
    """The province's travel settings, or unsaved defaults leaving from its capital district."""
    found = TravelSettings.objects.filter(province_id=province_id).first()
    if found:
        return found
    base = District.objects.filter(province_id=province_id).order_by("code").first()
    return TravelSettings(province_id=province_id, base=base)


def rules_of(travel: TravelSettings) -> schedule.Rules:
    m = schedule.minutes
    return schedule.Rules(
        day_start=m(travel.day_starts_at),
        morning_from=m(travel.morning_from),
        morning_until=m(travel.morning_until),
        afternoon_from=m(travel.afternoon_from),
        afternoon_until=m(travel.afternoon_until),
        visit_minutes=travel.visit_minutes,
        round_to=travel.round_to_minutes or 1,
        road_factor=float(travel.road_factor),
        speed_kmh=float(travel.speed_kmh),
    )


def problem_for_round(round_: MonitoringRound) -> schedule.Problem:
    """The round's districts, teams, working days, ties and travel times."""
    travel = travel_settings(round_.province_id)
    rules = rules_of(travel)
    districts = list(round_.districts.order_by("code"))
    codes = [d.code for d in districts]
    offices = {
        o.district_id: schedule.Office(
            o.district_id, o.district.name_th, float(o.latitude), float(o.longitude), o.island
        )
        for o in DistrictOffice.objects.filter(
            district__province=round_.province_id
        ).select_related("district")
    }
    ferries = [
        (f.from_district_id, f.to_district_id, f.minutes)
        for f in FerryLink.objects.filter(province=round_.province_id)
    ]
    ties = [
        frozenset(tie.districts.values_list("code", flat=True))
        for tie in DistrictTie.objects.filter(province=round_.province_id)
    ]
    teams = list(round_.teams.all())
    return schedule.Problem(
        districts=codes,
        names={d.code: d.full_name for d in districts},
        teams=[t.pk for t in teams],
        team_names={t.pk: t.name for t in teams},
        days=round_.visit_days(),
        base=travel.base_id,
        travel=schedule.travel_matrix(offices, ferries, rules),
        rules=rules,
        ties=ties,
        positions={c: (o.latitude, o.longitude) for c, o in offices.items()},
        holidays=round_.holidays(),
        unavailable=round_.unavailable_days(),
    )


def planned_visits(round_: MonitoringRound) -> list[schedule.PlannedVisit]:
    return [
        schedule.PlannedVisit(v.district_id, v.date, v.time, v.team_id) for v in round_.visits.all()
    ]


def check_round(round_: MonitoringRound) -> tuple[schedule.Problem, schedule.Outcome]:
    problem = problem_for_round(round_)
    return problem, schedule.check(problem, planned_visits(round_))


@dataclass
class RoundDayLine:
    """A day of the round's list of days off: a holiday on a working day, a day the province
    marked, or both (a holiday the teams work on)."""

    date: dt.date
    holiday: str  # the holiday's name, or "" for a day that is not one
    marked: RoundDay | None  # the province's marking, which it may remove

    @property
    def visits(self) -> bool:
        """Whether the teams visit on it: only a holiday the province opened for work."""
        return bool(self.marked and self.marked.works)


def round_days(round_: MonitoringRound) -> dict:
    """The round's days off, one line per date: Thailand's holidays on its working days and
    the days the province marked (a holiday the teams work on is one line, with its name
    and the province's reason)."""
    marked = {day.date: day for day in round_.marked_days.all()}
    holidays = {
        day: name
        for day, name in thai_holidays(round_.starts_on, round_.ends_on).items()
        if day.weekday() < 5
    }
    days = [
        RoundDayLine(day, holidays.get(day, ""), marked.get(day))
        for day in sorted(holidays.keys() | marked.keys())
    ]
    return {"days": days}


# --- The printed schedule -----------------------------------------------------------------


@dataclass
class ScheduleRow:
    visit: Visit
    date_text: str  # on the first row of a team's day only
    time_text: str
    team_text: str  # on the first row of a team only

    @property
    def day_text(self) -> str:
        """The row's date whether or not the table writes it (a card on a phone does)."""
        return format_date_text(self.visit.date)


def schedule_rows(round_: MonitoringRound) -> list[ScheduleRow]:
    """The seed's table: by team, then date and time; the date on a day's first row and
    the team on its first row; B.E. dates and times in Arabic digits, as pages write them
    (the printed schedule is ``documents``' own, in Thai digits)."""
    visits = round_.visits.select_related("district", "team").order_by(
        "team__order", "team_id", "date", "time"
    )
    rows, last_team, last_day = [], None, None
    for visit in visits:
        new_team = visit.team_id != last_team
        new_day = new_team or visit.date != last_day
        rows.append(
            ScheduleRow(
                visit=visit,
                date_text=format_date_text(visit.date) if new_day else "",
                time_text=schedule.clock_text(visit.time),
                team_text=visit.team.name if new_team else "",
            )
        )
        last_team, last_day = visit.team_id, visit.date
    return rows


# --- A generated schedule beside the current one --------------------------------------------


@dataclass
class ProposalRow:
    """One district: where it stands now and where the proposal puts it (text as printed)."""

    district: str
    now: tuple[str, str, str]  # date, time, team; empty strings when not scheduled
    proposed: tuple[str, str, str]

    @property
    def changed(self) -> tuple[bool, bool, bool]:
        return tuple(a != b for a, b in zip(self.now, self.proposed, strict=True))

    @property
    def any_change(self) -> bool:
        return any(self.changed)


def proposal_rows(
    problem: schedule.Problem, current: schedule.Outcome, proposal: schedule.Outcome
) -> list[ProposalRow]:
    """Every district of the round, in the proposal's order (date, time, team)."""

    def text(visit: schedule.PlannedVisit | None) -> tuple[str, str, str]:
        if visit is None:
            return ("", "", "")
        return (
            format_date_text(visit.date),
            schedule.clock_text(visit.time),
            problem.team_names.get(visit.team, ""),
        )

    now = {v.district: v for v in current.visits}
    new = {v.district: v for v in proposal.visits}
    never = (dt.date.max, dt.time.max, 0)
    order = sorted(
        problem.districts,
        key=lambda c: (new[c].date, new[c].time, new[c].team) if c in new else never,
    )
    return [ProposalRow(problem.name(c), text(now.get(c)), text(new.get(c))) for c in order]


# --- Frozen schedules ---------------------------------------------------------------------


def schedule_snapshot(round_: MonitoringRound) -> list[dict]:
    """The schedule as a letter prints it (team by team, then date and time), as JSON rows."""
    visits = round_.visits.select_related("team", "district").order_by(
        "team__order", "team_id", "date", "time", "id"
    )
    return [
        {
            "district": v.district_id,
            "team_key": v.team_id,
            "team": v.team.name,
            "date": v.date.isoformat(),
            "time": v.time.strftime("%H:%M") if v.time else None,
            "place": v.place or default_place(v.district),
            "note": v.note,
        }
        for v in visits
    ]


def latest_version(round_: MonitoringRound) -> ScheduleVersion | None:
    return round_.schedule_versions.order_by("-number").first()


@dataclass
class FrozenChange:
    """The round's latest letter, whose schedule is no longer the live one."""

    letter: object  # documents.Letter, reached through the reverse relation
    version: ScheduleVersion
    current_number: int


def frozen_change(round_: MonitoringRound) -> FrozenChange | None:
    """The latest letter issued with a schedule, when the visits have changed since."""
    letter = (
        round_.letters.filter(schedule_version__isnull=False)
        .select_related("schedule_version")
        .order_by("-date", "-id")
        .first()
    )
    if letter is None or letter.schedule_version.rows == schedule_snapshot(round_):
        return None
    latest = latest_version(round_)
    return FrozenChange(letter, letter.schedule_version, latest.number if latest else 0)


# --- A team member's visits -----------------------------------------------------------------


@dataclass
class MyVisit:
    visit: Visit
    answered: int
    items: int

    @property
    def time_text(self) -> str:
        return schedule.clock_text(self.visit.time)

    @property
    def status(self) -> str:
        """``not_started``, ``partly`` (N of M answered) or ``done``."""
        if not self.answered:
            return "not_started"
        return "done" if self.answered >= self.items else "partly"

    def _where(self) -> tuple[str, str]:
        office = getattr(self.visit.district, "monitoring_office", None)
        if office is not None:
            return f"{office.latitude},{office.longitude}", f"{office.latitude},{office.longitude}"
        district = self.visit.district
        text = f"{self.visit} {district.full_name} {district.province.name_th}"
        return quote(text), "0,0"

    @property
    def map_url(self) -> str:
        query, _point = self._where()
        return f"https://www.google.com/maps/search/?api=1&query={query}"

    @property
    def geo_uri(self) -> str:
        """For the phone's own maps app (Android opens its chooser)."""
        query, point = self._where()
        label = quote(str(self.visit))
        return f"geo:{point}?q={query}({label})" if point != "0,0" else f"geo:0,0?q={query}"


@dataclass
class MyPlan:
    today: list[MyVisit]
    this_week: list[MyVisit]
    later: list[MyVisit]
    earlier: list[MyVisit]  # the most recent first


EARLIER_SHOWN = 10


def my_visits(user, today: dt.date) -> MyPlan:
    """The visits of the teams the user leads or belongs to, with how far the findings are
    recorded (one query)."""
    teams = Team.objects.filter(Q(lead=user) | Q(members=user)).values("pk")
    answered = (
        ItemFinding.objects.filter(visit=OuterRef("pk"))
        .exclude(result="")
        .values("visit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    items = (
        ChecklistItem.objects.filter(round=OuterRef("round"))
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    visits = (
        Visit.objects.filter(team__in=teams)
        .select_related("round", "team", "district__province", "district__monitoring_office")
        .annotate(
            answered=Coalesce(Subquery(answered, output_field=IntegerField()), Value(0)),
            items=Coalesce(Subquery(items, output_field=IntegerField()), Value(0)),
        )
        .order_by("date", "time", "id")
    )
    week_ends = today + dt.timedelta(days=6 - today.weekday())
    plan = MyPlan([], [], [], [])
    for visit in visits:
        mine = MyVisit(visit, visit.answered, visit.items)
        if visit.date < today:
            plan.earlier.insert(0, mine)
        elif visit.date == today:
            plan.today.append(mine)
        elif visit.date <= week_ends:
            plan.this_week.append(mine)
        else:
            plan.later.append(mine)
    plan.earlier = plan.earlier[:EARLIER_SHOWN]
    return plan


# --- The round summary --------------------------------------------------------------------


@dataclass
class DistrictSummary:
    district: District
    visit: Visit | None
    results: list[ItemFinding | None] = field(default_factory=list)
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[ChecklistItem, ItemFinding | None]]:
        """Each item with its finding, for a cell labelled with its item on a phone."""
        return list(zip(self.items, self.results, strict=True))

    @property
    def recorded(self) -> bool:
        return any(f is not None and f.result for f in self.results)

    @property
    def complete(self) -> bool:
        return bool(self.results) and all(f is not None and f.result for f in self.results)

    def visited(self, now: dt.datetime) -> bool:
        """Whether the visit has taken place: a finding is recorded, or its day and hour
        have come (a visit at 09.30 today is still to come at 08.00)."""
        if self.visit is None:
            return False
        return self.recorded or self.visit.starts_at <= now


@dataclass
class RoundSummary:
    round: MonitoringRound
    items: list[ChecklistItem]
    rows: list[DistrictSummary]
    per_item: list[dict[str, int]]  # counts of each result per item
    not_visited: list[DistrictSummary]
    not_recorded: list[DistrictSummary]


def round_summary(round_: MonitoringRound, now: dt.datetime) -> RoundSummary:
    """Findings per district and per item, and the districts not yet visited or recorded
    (``now``: an aware local time, as ``timezone.localtime()`` gives).

    A fixed number of queries whatever the number of districts and visits.
    """
    items = list(round_.checklist.all())
    visits = {
        v.district_id: v
        for v in round_.visits.select_related("team", "finding").prefetch_related(
            Prefetch("item_findings", queryset=ItemFinding.objects.all())
        )
    }
    rows = []
    per_item = [{r.value: 0 for r in Result} for _item in items]
    for district in round_.districts.order_by(area_name_order()):
        visit = visits.get(district.code)
        found = {f.item_id: f for f in visit.item_findings.all()} if visit else {}
        results = [found.get(item.pk) for item in items]
        for counts, finding in zip(per_item, results, strict=True):
            if finding is not None and finding.result:
                counts[finding.result] += 1
        rows.append(DistrictSummary(district, visit, results, items))
    return RoundSummary(
        round=round_,
        items=items,
        rows=rows,
        per_item=per_item,
        not_visited=[r for r in rows if not r.visited(now)],
        not_recorded=[r for r in rows if r.visited(now) and not r.complete],
    )


# --- The visit page -------------------------------------------------------------------------


@dataclass
class ChecklistLine:
    item: ChecklistItem
    finding: ItemFinding | None
    photos: list
    can_record: bool

    @property
    def result(self) -> str:
        return self.finding.result if self.finding else ""

    @property
    def comment(self) -> str:
        return self.finding.comment if self.finding else ""

    @property
    def missing(self) -> bool:
        """Whether the item holds a comment or photos and no result: not answered yet."""
        return not self.result and bool(self.comment or self.photos)

    @property
    def choices(self) -> list[tuple[str, str, bool]]:
        return [(value, label, value == self.result) for value, label in Result.choices]


def checklist_line(visit: Visit, item: ChecklistItem, can_record: bool) -> ChecklistLine:
    finding = ItemFinding.objects.filter(visit=visit, item=item).first()
    photos = list(finding.evidence.all()) if finding else []
    return ChecklistLine(item, finding, photos, can_record)


def visit_page(visit: Visit, can_record: bool) -> dict:
    """The checklist with what is already answered, and the overall finding."""
    findings = {
        f.item_id: f for f in ItemFinding.objects.filter(visit=visit).prefetch_related("evidence")
    }
    lines = [
        ChecklistLine(
            item,
            findings.get(item.pk),
            list(findings[item.pk].evidence.all()) if item.pk in findings else [],
            can_record,
        )
        for item in visit.round.checklist.all()
    ]
    return {
        "visit": visit,
        "lines": lines,
        "answered": sum(1 for line in lines if line.result),
        "finding": VisitFinding.objects.filter(visit=visit).first(),
        "can_record": can_record,
        "history": visit_history(visit),
    }


@dataclass
class FindingChange:
    """One saved change of a visit's findings, as the visit page lists it."""

    when: dt.datetime
    who: object  # the user, or None for the system
    finding: tuple[str, int]  # ("item", id) or ("overall", id): which finding changed
    item: ChecklistItem | None  # None for the overall finding
    result: str  # the item's result after the change, as its label


# Saves by the same person to the same finding within this time are one change on the page:
# the form saves as one types.
SAME_CHANGE = dt.timedelta(minutes=10)


def visit_history(visit: Visit, limit: int = 15) -> list[FindingChange]:
    """Who changed the visit's findings and when, newest first (two queries)."""
    labels = dict(Result.choices)
    items = (
        ItemFinding.history.filter(visit_id=visit.pk)
        .select_related("history_user", "item")
        .order_by("-history_date")[: limit * 5]
    )
    overall = (
        VisitFinding.history.filter(visit_id=visit.pk)
        .select_related("history_user")
        .order_by("-history_date")[: limit * 5]
    )
    changes = [
        FindingChange(
            h.history_date, h.history_user, ("item", h.id), h.item, str(labels.get(h.result, ""))
        )
        for h in items
    ] + [
        FindingChange(h.history_date, h.history_user, ("overall", h.id), None, "") for h in overall
    ]
    changes.sort(key=lambda c: c.when, reverse=True)
    shown: list[FindingChange] = []
    for change in changes:
        last = next((c for c in reversed(shown) if c.finding == change.finding), None)
        if last and last.who == change.who and last.when - change.when <= SAME_CHANGE:
            continue
        shown.append(change)
    return shown[:limit]
