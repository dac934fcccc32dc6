from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thanrak.accounts.access import can_manage_province, get_province_for_user
from thanrak.accounts.policy import allows
from thanrak.core.thai import format_date_numeric
from thanrak.monitoring import exports, schedule, selectors, services
from thanrak.monitoring.access import (
    can_record,
    get_round_for_user,
    get_team_for_user,
    get_visit_for_user,
    is_round_member,
    rounds_for_user,
)
from thanrak.monitoring.forms import (
    ChecklistFormSet,
    ItemFindingForm,
    RoundDayForm,
    RoundForm,
    TeamForm,
    VisitFindingForm,
    VisitRowForm,
    people_in_two_teams,
)
from thanrak.monitoring.models import default_place

OFFLINE_WORKER = Path(__file__).resolve().parent / "static" / "monitoring" / "offline-worker.js"


def offline_worker(request: HttpRequest) -> HttpResponse:
    """The service worker that opens the visit pages without a signal.

    Served here rather than from /static/ so that it may control the whole site's paths
    (the visits under /visits/ and the team's list under /monitoring/my-visits/), and never
    under a cached, versioned name: the browser must see a new one when it changes.
    """
    response = HttpResponse(OFFLINE_WORKER.read_bytes(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@login_required
def my_visits(request: HttpRequest) -> HttpResponse:
    """The monitoring team's home on a phone: its visits today, this week and after."""
    context = {"plan": selectors.my_visits(request.user, timezone.localdate())}
    return render(request, "monitoring/my_visits.html", context)


@login_required
def rounds(request: HttpRequest, province: str) -> HttpResponse:
    """The province's monitoring rounds (those the user may read)."""
    prov = get_province_for_user(request.user, province)
    context = {
        "province": prov,
        "rounds": rounds_for_user(request.user).filter(province=prov),
        "can_manage": can_manage_province(request.user, prov),
    }
    return render(request, "monitoring/rounds.html", context)


@login_required
def round_create(request: HttpRequest, province: str) -> HttpResponse:
    prov = get_province_for_user(request.user, province, manage=True)
    initial = {"districts": list(prov.districts.all())}
    form = RoundForm(request.POST or None, province=prov, initial=initial)
    if request.method == "POST" and form.is_valid():
        round_ = services.round_create(province=prov, user=request.user, **form.cleaned_data)
        messages.success(request, _("The round is created. Now add its teams."))
        return redirect("monitoring:teams", round_.pk)
    return render(request, "monitoring/round_form.html", {"province": prov, "form": form})


@login_required
def round_edit(request: HttpRequest, round: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, round, manage=True)
    form = RoundForm(
        request.POST or None, province=round_.province, initial=RoundForm.initial_for(round_)
    )
    if request.method == "POST" and form.is_valid():
        services.round_update(round_=round_, **form.cleaned_data)
        messages.success(request, _("The round is saved."))
        return redirect(round_)
    context = {"province": round_.province, "round": round_, "form": form}
    return render(request, "monitoring/round_form.html", context)


@login_required
def round_detail(request: HttpRequest, round: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, round)
    problem, outcome = selectors.check_round(round_)
    context = {
        "round": round_,
        "rows": selectors.schedule_rows(round_),
        "teams": round_.teams.select_related("lead").prefetch_related("members"),
        "checklist": round_.checklist.all(),
        "outcome": outcome,
        "can_manage": can_manage_province(request.user, round_.province),
        "is_member": is_round_member(request.user, round_),
        "frozen": selectors.frozen_change(round_),
        "day_form": RoundDayForm(round_=round_),
        **selectors.round_days(round_),
    }
    return render(request, "monitoring/round.html", context)


@login_required
def round_days(request: HttpRequest, round: int) -> HttpResponse:
    """The round's holidays and marked days; the province officer adds and removes them."""
    round_ = get_round_for_user(request.user, round, manage=True)
    form = RoundDayForm(request.POST or None, round_=round_)
    if request.method == "POST" and "remove" in request.POST:
        day_id = request.POST["remove"]
        services.round_day_remove(round_=round_, day_id=int(day_id) if day_id.isdigit() else 0)
        messages.success(request, _("The day is removed."))
        return redirect(round_)
    if request.method == "POST" and form.is_valid():
        services.round_day_add(round_=round_, **form.cleaned_data)
        messages.success(request, _("The day is saved."))
        return redirect(round_)
    context = {"round": round_, "form": form, **selectors.round_days(round_)}
    return render(request, "monitoring/round_days.html", context)


@login_required
def schedule_print(request: HttpRequest, round: int) -> HttpResponse:
    """The schedule exactly as the seed's table, to print or attach."""
    round_ = get_round_for_user(request.user, round)
    context = {"round": round_, "rows": selectors.schedule_rows(round_)}
    return render(request, "monitoring/schedule.html", context)


@login_required
def teams_edit(request: HttpRequest, round: int) -> HttpResponse:
    """The round's teams, and an empty form to add one."""
    round_ = get_round_for_user(request.user, round, manage=True)
    teams = [*round_.teams.select_related("lead").prefetch_related("members"), None]
    forms_ = [
        TeamForm(
            request.POST or None,
            prefix=f"team{n}",
            province=round_.province,
            initial=None
            if team is None
            else {"name": team.name, "lead": team.lead, "members": list(team.members.all())},
            empty_permitted=team is None,
            use_required_attribute=team is not None,
            title=_("Add a team") if team is None else _("Team %(n)s") % {"n": n + 1},
            team=team,
        )
        for n, team in enumerate(teams)
    ]
    valid = request.method == "POST" and all(f.is_valid() for f in forms_)
    if valid and not people_in_two_teams(forms_):
        rows = [(team, form.cleaned_data) for team, form in zip(teams, forms_, strict=True)]
        services.teams_save(round_=round_, rows=rows)
        messages.success(request, _("The teams are saved."))
        return redirect(round_)
    context = {"round": round_, "forms": forms_, "error_forms": [f for f in forms_ if f.errors]}
    return render(request, "monitoring/teams.html", context)


@login_required
def checklist_edit(request: HttpRequest, round: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, round, manage=True)
    # The empty rows to add items come numbered after the last item.
    last = max((item.order for item in round_.checklist.all()), default=0)
    extra = [{"order": last + n} for n in range(1, ChecklistFormSet.extra + 1)]
    formset = ChecklistFormSet(request.POST or None, instance=round_, initial=extra)
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("The checklist is saved."))
        return redirect(round_)
    return render(request, "monitoring/checklist.html", {"round": round_, "formset": formset})


@login_required
def visits_edit(request: HttpRequest, round: int) -> HttpResponse:
    """The schedule as one grid: a row per district in scope."""
    round_ = get_round_for_user(request.user, round, manage=True)
    visits = {v.district_id: v for v in round_.visits.all()}
    rows = [
        VisitRowForm(
            request.POST or None,
            prefix=district.code,
            round_=round_,
            district=district,
            initial=_visit_initial(visits.get(district.code), district),
        )
        for district in round_.districts.order_by("code")
    ]
    if request.method == "POST" and all(form.is_valid() for form in rows):
        try:
            services.visits_save(round_=round_, rows=[(f.district, f.cleaned_data) for f in rows])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The schedule is saved."))
            return redirect(round_)
    context = {
        "round": round_,
        "rows": rows,
        # How a date is typed, shown with today's.
        "date_example": format_date_numeric(timezone.localdate()),
    }
    return render(request, "monitoring/visits.html", context)


def _visit_initial(visit, district) -> dict:
    if visit is None:
        return {"place": default_place(district)}
    return {
        "date": visit.date,
        "time": visit.time.strftime("%H.%M"),
        "team": visit.team_id,
        "place": visit.place,
        "note": visit.note,
    }


@login_required
def generate(request: HttpRequest, round: int) -> HttpResponse:
    """Propose the schedule with the least travel beside the current one; save it only when
    the officer confirms the proposal (checked again against the round)."""
    round_ = get_round_for_user(request.user, round, manage=True)
    problem, current = selectors.check_round(round_)
    context = {"round": round_, "current": current, "problem": problem}
    if request.method == "POST" and "proposal" in request.POST:
        try:
            outcome = services.schedule_confirm(round_=round_, proposal=request.POST["proposal"])
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("The schedule is saved: %(travel)s of travel in all.")
                % {"travel": outcome.travel_text},
            )
            return redirect(round_)
    elif request.method == "POST":
        try:
            outcome = schedule.generate(problem)
        except schedule.Infeasible as error:
            context["error"] = str(error)
        else:
            context |= {
                "proposal": outcome,
                "signed": services.schedule_proposal_sign(round_=round_, visits=outcome.visits),
                "rows": selectors.proposal_rows(problem, current, outcome),
            }
    return render(request, "monitoring/generate.html", context)


@login_required
def team_calendar(request: HttpRequest, team: int) -> HttpResponse:
    """The team's visits as an iCalendar file (Asia/Bangkok), for the phone's calendar."""
    team_ = get_team_for_user(request.user, team)
    response = HttpResponse(exports.team_ics(team_), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="round-{team_.round_id}-team-{team_.pk}.ics"'
    )
    return response


@login_required
def summary(request: HttpRequest, round: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, round)
    summary_ = selectors.round_summary(round_, timezone.localtime())
    context = {
        "round": round_,
        "summary": summary_,
        "per_item": list(zip(summary_.items, summary_.per_item, strict=True)),
    }
    return render(request, "monitoring/summary.html", context)


@login_required
def summary_xlsx(request: HttpRequest, round: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, round)
    data = exports.summary_xlsx(selectors.round_summary(round_, timezone.localtime()))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="round-{round_.pk}-summary.xlsx"'
    return response


@login_required
def visit(request: HttpRequest, visit: int) -> HttpResponse:
    """The visit on a phone: each checklist item saves as it is answered (htmx, or a plain POST)."""
    visit_ = get_visit_for_user(request.user, visit, record=request.method == "POST")
    if request.method == "POST":
        return _visit_post(request, visit_)
    context = selectors.visit_page(visit_, can_record(request.user, visit_))
    # The district visited reads its visit, not the province's round.
    context["may_open_round"] = allows(request.user, "monitoring:round")
    return render(request, "monitoring/visit.html", context)


def _visit_post(request: HttpRequest, visit_) -> HttpResponse:
    if "item" in request.POST:
        return _item_post(request, visit_)
    return _finding_post(request, visit_)


def _finding_post(request: HttpRequest, visit_) -> HttpResponse:
    """The visit's overall finding or recommendations."""
    form = VisitFindingForm(request.POST)
    finding = None
    if form.is_valid():
        data = form.cleaned_data
        finding = services.visit_finding_save(
            visit=visit_,
            user=request.user,
            # The page sends only the answer that changed; the other stays as saved.
            overall=data["overall"] if "overall" in request.POST else None,
            recommendations=(
                data["recommendations"] if "recommendations" in request.POST else None
            ),
            key=data["key"],
        )
    if request.htmx:
        # The page marks an answer saved only when the saved text comes back.
        context = {
            "saved_at": timezone.localtime(),
            "finding": finding,
            "key": form.cleaned_data.get("key") if finding else None,
        }
        return render(request, "monitoring/_saved.html", context)
    messages.success(request, _("Saved."))
    return redirect(visit_)


def _item_post(request: HttpRequest, visit_) -> HttpResponse:
    """One checklist item's result, comment or photos."""
    item_id = request.POST["item"]
    item = get_object_or_404(visit_.round.checklist, pk=item_id if item_id.isdigit() else None)
    form = ItemFindingForm(request.POST, request.FILES)
    form.is_valid()
    # Files refused by the form leave the answer sent with them to be saved, as files
    # refused by the service do; anything else wrong saves nothing, nor do refused files
    # sent alone (no finding, and the key left for the send to be tried again).
    error = " ".join(str(e) for errors in form.errors.values() for e in errors) or None
    answered = {"result", "comment"} & set(request.POST)
    if not set(form.errors) - {"files"} and (answered or "files" not in form.errors):
        data = form.cleaned_data
        try:
            services.item_finding_save(
                visit=visit_,
                item=item,
                user=request.user,
                result=data["result"] if "result" in request.POST else None,
                comment=data["comment"] if "comment" in request.POST else None,
                files=data.get("files", []),
                key=data["key"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        line = selectors.checklist_line(visit_, item, can_record=True)
        return render(
            request,
            "monitoring/_item.html",
            {
                "line": line,
                "visit": visit_,
                "error": error,
                "saved": error is None,
                # The key of the answer this reply is for: the page drops what it kept
                # (a refusal too: the server has answered for it).
                "key": form.cleaned_data.get("key"),
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(f"{visit_.get_absolute_url()}#item-{item.pk}")
