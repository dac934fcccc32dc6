"""Writes of the monitoring app: rounds, teams, the schedule and the findings.

Callers fetch the round or visit through monitoring.access first (manage / record).
"""

import datetime as dt
import uuid
from collections.abc import Iterable

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from thanrak.accounts.models import User
from thanrak.areas.models import District, Province
from thanrak.evidence.services import evidence_attach_many
from thanrak.monitoring import schedule, selectors
from thanrak.monitoring.models import (
    ChecklistItem,
    ItemFinding,
    MonitoringRound,
    RoundDay,
    ScheduleVersion,
    SentAnswer,
    Team,
    Visit,
    VisitFinding,
    default_place,
)
from thanrak.monitoring.signals import schedule_changed


def default_checklist() -> list[tuple[str, str]]:
    """The six items of the province's letter, worded as the readiness page words them."""
    from thanrak.rules.selectors import READINESS_TITLES

    with translation.override("th"):
        return [(key, str(title)) for key, title in READINESS_TITLES.items()]


@transaction.atomic
def round_create(
    *,
    province: Province,
    user: User | None,
    title: str,
    fiscal_year: int,
    starts_on,
    ends_on,
    districts: Iterable[District],
) -> MonitoringRound:
    """A round with the default checklist."""
    round_ = MonitoringRound.objects.create(
        province=province,
        title=title,
        fiscal_year=fiscal_year,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=user,
    )
    round_.districts.set(districts)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(round=round_, order=n, text=text, readiness_key=key)
        for n, (key, text) in enumerate(default_checklist(), 1)
    )
    return round_


@transaction.atomic
def team_save(
    *,
    round_: MonitoringRound,
    name: str,
    lead: User,
    members: Iterable[User],
    order: int = 0,
    team: Team | None = None,
) -> Team:
    team = team or Team(round=round_)
    team.name, team.lead, team.order = name, lead, order
    team.save()
    team.members.set(members)
    return team


@transaction.atomic
def schedule_version_freeze(*, round_: MonitoringRound) -> ScheduleVersion:
    """The round's schedule as it is now, kept: the latest version when nothing changed
    since, else a new one numbered after it (a letter issued with it prints it forever)."""
    MonitoringRound.objects.select_for_update().filter(pk=round_.pk).first()
    rows, heading = selectors.schedule_snapshot(round_), round_.schedule_heading
    latest = selectors.latest_version(round_)
    if latest is not None and (latest.rows, latest.heading) == (rows, heading):
        return latest
    return ScheduleVersion.objects.create(
        round=round_, number=(latest.number if latest else 0) + 1, rows=rows, heading=heading
    )


def _schedule_changed(round_: MonitoringRound) -> None:
    # Once a letter froze a version, every change of the visits is a new version.
    if round_.schedule_versions.exists():
        schedule_version_freeze(round_=round_)
    schedule_changed.send(sender=MonitoringRound, round_=round_)


@transaction.atomic
def teams_save(*, round_: MonitoringRound, rows: list[tuple[Team | None, dict]]) -> None:
    """Save the teams form: each existing team (or remove it), and a new one when its row is
    filled."""
    order = 0
    for team, data in rows:
        if data.pop("remove", False):
            team_remove(team=team)
        elif data:
            team_save(round_=round_, team=team, order=order, **data)
            order += 1
    _schedule_changed(round_)  # a team's printed name is part of the schedule


def team_remove(*, team: Team) -> None:
    """Remove a team no visit is planned for (a planned visit keeps its team)."""
    if team.visits.exists():
        raise ValidationError(
            _("A team with planned visits cannot be removed: give them to another team first.")
        )
    team.delete()


@transaction.atomic
def schedule_save(*, round_: MonitoringRound, visits: list[schedule.PlannedVisit]) -> None:
    """Put the planned visits on the round, district by district: a visit already made keeps
    its findings (the row is updated, not replaced)."""
    existing = {v.district_id: v for v in round_.visits.select_related("district")}
    districts = District.objects.in_bulk([v.district for v in visits])
    keep = set()
    for planned in visits:
        visit = existing.get(planned.district) or Visit(
            round=round_, district=districts[planned.district]
        )
        visit.date, visit.time, visit.team_id = planned.date, planned.time, planned.team
        if not visit.place:
            visit.place = default_place(visit.district)
        visit.save()
        keep.add(planned.district)
    round_.visits.exclude(district__in=keep).filter(item_findings__isnull=True).delete()
    _schedule_changed(round_)


PROPOSAL_SALT = "thanrak.monitoring.proposal"
PROPOSAL_MAX_AGE = 24 * 60 * 60  # a proposal left open overnight is generated again


def schedule_proposal_sign(*, round_: MonitoringRound, visits: list[schedule.PlannedVisit]) -> str:
    """The generated schedule as a signed form field, to be saved only when confirmed."""
    rows = [[v.district, v.date.isoformat(), v.time.strftime("%H:%M"), v.team] for v in visits]
    return signing.dumps(
        {"round": round_.pk, "visits": rows}, salt=f"{PROPOSAL_SALT}.{round_.pk}", compress=True
    )


@transaction.atomic
def schedule_confirm(*, round_: MonitoringRound, proposal: str) -> schedule.Outcome:
    """Save a proposed schedule the officer confirmed, after checking it again against the
    round as it is now: its districts, its teams, its days and every other condition."""
    refused = ValidationError(
        _(
            "This proposed schedule cannot be saved: it was altered or it is not a schedule of "
            "this round. Generate the schedule again."
        )
    )
    try:
        data = signing.loads(
            proposal, salt=f"{PROPOSAL_SALT}.{round_.pk}", max_age=PROPOSAL_MAX_AGE
        )
        visits = [
            schedule.PlannedVisit(
                str(code), dt.date.fromisoformat(day), dt.time.fromisoformat(time), int(team)
            )
            for code, day, time, team in data["visits"]
        ]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise refused from None
    problem = selectors.problem_for_round(round_)
    if data.get("round") != round_.pk or any(
        v.district not in problem.districts or v.team not in problem.teams for v in visits
    ):
        raise refused
    outcome = schedule.check(problem, visits)
    if not outcome.ok:
        raise ValidationError(outcome.violations)
    schedule_save(round_=round_, visits=visits)
    return outcome


@transaction.atomic
def _first_send(
    *, visit: Visit, key: uuid.UUID | None, item: ChecklistItem | None, user: User
) -> bool:
    """Whether the phone sends this answer for the first time (then its key is kept).

    Runs inside the caller's transaction: when the save fails, the key goes with it and
    the answer may be sent again. Two sends at once: the second waits for the first and
    finds its key.
    """
    if key is None:
        return True
    try:
        with transaction.atomic():
            SentAnswer.objects.create(visit=visit, key=key, item=item, sent_by=user)
    except IntegrityError:
        return False
    return True


def item_finding_save(
    *,
    visit: Visit,
    item: ChecklistItem,
    user: User,
    result: str | None = None,
    comment: str | None = None,
    files: Iterable[File] = (),
    key: uuid.UUID | None = None,
) -> ItemFinding | None:
    """Save what was answered for one item (only the fields sent) and its photos.

    An answer sent again with the same ``key`` saves nothing: the finding as it is. Photos
    that are refused raise ``ValidationError`` after the answer is saved with its key.
    """
    refusal = None
    with transaction.atomic():
        if not _first_send(visit=visit, key=key, item=item, user=user):
            return ItemFinding.objects.filter(visit=visit, item=item).first()
        values = {"recorded_by": user}
        if result is not None:
            values["result"] = result
        if comment is not None:
            values["comment"] = comment
        # One save per answer, so the finding's history has one row per answer; an answer
        # sent again unchanged saves nothing.
        finding, created = ItemFinding.objects.get_or_create(
            visit=visit, item=item, defaults=values
        )
        answer = {k: v for k, v in values.items() if k != "recorded_by"}
        if not created and any(getattr(finding, k) != v for k, v in answer.items()):
            for name, value in values.items():
                setattr(finding, name, value)
            finding.save()
        files = list(files)
        if files:
            try:
                with transaction.atomic():
                    evidence_attach_many(record=finding, files=files, user=user)
            except ValidationError as exc:
                refusal = exc  # the answer stays saved; the photos are refused
    if refusal is not None:
        raise refusal
    return finding


@transaction.atomic
def visit_finding_save(
    *,
    visit: Visit,
    user: User,
    overall: str | None,
    recommendations: str | None,
    key: uuid.UUID | None = None,
) -> VisitFinding | None:
    """Save the overall finding and recommendations (``None``: the one not sent stays as
    it is); sent again with the same ``key``, nothing is saved."""
    existing = VisitFinding.objects.filter(visit=visit).first()
    if not _first_send(visit=visit, key=key, item=None, user=user):
        return existing
    if overall is None:
        overall = existing.overall if existing else ""
    if recommendations is None:
        recommendations = existing.recommendations if existing else ""
    if existing and (existing.overall, existing.recommendations) == (overall, recommendations):
        return existing  # sent again unchanged: no save, no history row
    finding, _created = VisitFinding.objects.update_or_create(
        visit=visit,
        defaults={"overall": overall, "recommendations": recommendations, "recorded_by": user},
    )
    return finding


def round_day_add(*, round_: MonitoringRound, date: dt.date, reason: str, works: bool) -> RoundDay:
    """Mark a day of the round: no visits on it, or (``works``) visits on a holiday."""
    return RoundDay.objects.create(round=round_, date=date, reason=reason, works=works)


def round_day_remove(*, round_: MonitoringRound, day_id: int) -> None:
    """Remove a marked day of this round (another round's day is left alone)."""
    round_.marked_days.filter(pk=day_id).delete()


@transaction.atomic
def round_update(
    *, round_: MonitoringRound, title: str, fiscal_year: int, starts_on, ends_on, districts
) -> MonitoringRound:
    round_.title, round_.fiscal_year = title, fiscal_year
    round_.starts_on, round_.ends_on = starts_on, ends_on
    round_.save()
    round_.districts.set(districts)
    return round_


@transaction.atomic
def visits_save(*, round_: MonitoringRound, rows: list[tuple[District, dict]]) -> None:
    """Save the schedule grid: a row with date, time and team is a visit; an empty row
    removes the district's visit (refused when findings are recorded for it)."""
    existing = {v.district_id: v for v in round_.visits.all()}
    for district, data in rows:
        visit = existing.get(district.code)
        if not data.get("date"):
            if visit is not None:
                if visit.item_findings.exists():
                    raise ValidationError(
                        _("The visit to %(district)s has findings: it cannot be removed.")
                        % {"district": district.full_name}
                    )
                visit.delete()
            continue
        visit = visit or Visit(round=round_, district=district)
        visit.date, visit.time, visit.team = data["date"], data["time"], data["team"]
        visit.place = data.get("place") or default_place(district)
        visit.note = data.get("note") or ""
        visit.save()
    _schedule_changed(round_)
