from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanrak.accounts.access import (
    can_manage_province,
    can_write_district,
    get_province_for_user,
    readable_districts,
)
from thanrak.accounts.policy import allows
from thanrak.audit.services import record_personal_read
from thanrak.centers.access import get_center_for_user
from thanrak.centers.models import Report
from thanrak.centers.selectors import record_history
from thanrak.core.thai import current_fiscal_year, fiscal_months
from thanrak.documents import letters, selectors, services, tasks
from thanrak.documents import render as docs
from thanrak.documents.access import (
    get_generated_for_user,
    get_letter_for_user,
    get_report_for_reviewer,
    get_round_for_user,
)
from thanrak.documents.forms import LetterForm, LetterheadForm, NarrativeForm, ReviewForm
from thanrak.documents.models import GeneratedDocument, Letter, Letterhead

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _period(request: HttpRequest, fiscal_year: int) -> selectors.Period:
    return selectors.parse_period(fiscal_year, request.GET.get("quarter"), request.GET.get("month"))


def _audit_committee(request: HttpRequest, target, contents, **how) -> None:
    """The report form names the committee members: one audit event per page or file."""
    persons = sum(content.counts.get("members", 0) for content in contents)
    record_personal_read(request, target, persons=persons, **how)


def _period_query(period: selectors.Period) -> str:
    if period.month:
        return f"?month={period.month}"
    return f"?quarter={period.quarter}" if period.quarter else ""


# --- The district's report ------------------------------------------------------------


@login_required
def report_list(request: HttpRequest, district: str) -> HttpResponse:
    center = get_center_for_user(request.user, district)
    try:
        fy = int(request.GET.get("fy") or current_fiscal_year())
    except ValueError:
        fy = current_fiscal_year()
    reports = {r.quarter: r for r in Report.objects.filter(center=center, fiscal_year=fy)}
    today = timezone.localdate()
    periods = [selectors.Period(fy, q) for q in (1, 2, 3, 4, 0)]
    rows = [
        (p, reports.get(p.quarter), selectors.report_is_late(p, reports.get(p.quarter), today))
        for p in periods
    ]
    months = [selectors.Period(fy, 0, m) for _y, m in fiscal_months(fy)]
    context = {
        "center": center,
        "district": center.district,
        "fiscal_year": fy,
        "years": range(current_fiscal_year(), current_fiscal_year() - 6, -1),
        "rows": rows,
        "months": months,
        # A year with no report points to the years that have some.
        "years_with_records": [] if reports else selectors.report_years(center),
    }
    return render(request, "documents/report_list.html", context)


@login_required
def report(request: HttpRequest, district: str, fiscal_year: int) -> HttpResponse:
    center = get_center_for_user(request.user, district)
    period = _period(request, fiscal_year)
    content = selectors.report_content(center, period)
    can_write = can_write_district(request.user, center.district)
    form = NarrativeForm(request.POST or None, initial=content.narrative)
    if request.method == "POST":
        if not can_write:
            raise Http404
        if form.is_valid():
            try:
                services.report_save_narrative(
                    center=center, period=period, user=request.user, narrative=form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The narrative has been saved."))
            return redirect(request.get_full_path())
    report_obj = content.report
    editable = (
        can_write
        and period.has_review
        and (
            report_obj is None or report_obj.status in (Report.Status.DRAFT, Report.Status.RETURNED)
        )
    )
    context = {
        "center": center,
        "district": center.district,
        "period": period,
        "query": _period_query(period),
        "content": content,
        "report": report_obj,
        "history": report_obj.history.select_related("history_user")[:20] if report_obj else [],
        "form": form,
        "editable": editable,
    }
    _audit_committee(request, center, [content], district=district, period=period.slug)
    return render(request, "documents/report.html", context)


@login_required
@require_POST
def report_submit(request: HttpRequest, district: str, fiscal_year: int) -> HttpResponse:
    center = get_center_for_user(request.user, district)
    period = _period(request, fiscal_year)
    try:
        services.report_submit(center=center, period=period, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report has been submitted to the province."))
    url = reverse("documents:report", args=[district, fiscal_year])
    return redirect(url + _period_query(period))


@login_required
def report_pdf(request: HttpRequest, district: str, fiscal_year: int) -> HttpResponse:
    center = get_center_for_user(request.user, district)
    period = _period(request, fiscal_year)
    content = selectors.report_content(center, period)
    data = docs.report_pdf([content])
    _audit_committee(request, center, [content], district=district, period=period.slug, export=True)
    return _file(data, f"report-{district}-{period.slug}.pdf", PDF)


@login_required
def report_xlsx(request: HttpRequest, district: str, fiscal_year: int) -> HttpResponse:
    center = get_center_for_user(request.user, district)
    period = _period(request, fiscal_year)
    content = selectors.report_content(center, period)
    data = docs.report_xlsx([content])
    _audit_committee(request, center, [content], district=district, period=period.slug, export=True)
    return _file(data, f"report-{district}-{period.slug}.xlsx", XLSX)


# --- The province: review, consolidation, background documents ------------------------


@login_required
def province_reports(request: HttpRequest, province: str, fiscal_year: int) -> HttpResponse:
    prov = get_province_for_user(request.user, province)
    period = _period(request, fiscal_year)
    centers = selectors.province_centers(prov.pk, readable_districts(request.user))
    rows = selectors.review_rows(centers, period, timezone.localdate())
    context = {
        "province": prov,
        "period": period,
        "query": _period_query(period),
        "rows": rows,
        "late": sum(r.late for r in rows),
        "can_manage": can_manage_province(request.user, prov),
        # The province-wide documents, for those who may open them (not monitors).
        "generated": allows(request.user, "documents:generated")
        and GeneratedDocument.objects.filter(
            province=prov,
            fiscal_year=period.fiscal_year,
            quarter=period.quarter,
            month=period.month,
        )[:10],
    }
    return render(request, "documents/province_reports.html", context)


@login_required
def review(request: HttpRequest, report: int) -> HttpResponse:
    report_obj = get_report_for_reviewer(request.user, report)
    period = selectors.Period(report_obj.fiscal_year, report_obj.quarter)
    form = ReviewForm(request.POST or None, initial={"due_on": report_obj.due_on})
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        comment = form.cleaned_data["comment"]
        try:
            if action == "accept":
                services.report_accept(report=report_obj, user=request.user, comment=comment)
                messages.success(request, _("The report has been accepted."))
            elif action == "return":
                services.report_return(report=report_obj, user=request.user, comment=comment)
                messages.success(request, _("The report has been returned to the district."))
            elif action == "due":
                services.report_set_due(
                    report=report_obj, user=request.user, due_on=form.cleaned_data["due_on"]
                )
                messages.success(request, _("The due date has been saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("documents:review", report=report_obj.pk)
    content = selectors.report_content(report_obj.center, period)
    _audit_committee(request, report_obj, [content], district=report_obj.center.district_id)
    context = {
        "report": report_obj,
        "period": period,
        "query": _period_query(period),
        "content": content,
        "district": report_obj.center.district,
        "history": report_obj.history.select_related("history_user")[:20],
        "form": form,
    }
    return render(request, "documents/review.html", context)


@login_required
def consolidated(request: HttpRequest, province: str, fiscal_year: int, fmt: str) -> HttpResponse:
    """The consolidated report straight away (the page offers the background way too)."""
    prov = get_province_for_user(request.user, province)
    period = _period(request, fiscal_year)
    centers = selectors.province_centers(prov.pk, readable_districts(request.user))
    contents = selectors.report_contents(centers, period)
    name = f"consolidated-{prov.pk}-{period.slug}"
    _audit_committee(request, Report, contents, export=True, province=prov.pk, period=period.slug)
    if fmt == "xlsx":
        return _file(docs.report_xlsx(contents, summary=True), f"{name}.xlsx", XLSX)
    return _file(docs.consolidated_pdf(contents, period), f"{name}.pdf", PDF)


@login_required
def generated_list(request: HttpRequest, province: str) -> HttpResponse:
    """Documents made in the background: ask for one (POST), watch it, download it again."""
    prov = get_province_for_user(request.user, province)
    if request.method == "POST":
        try:
            fy = int(request.POST.get("fiscal_year") or current_fiscal_year())
        except ValueError:
            fy = current_fiscal_year()
        period = selectors.parse_period(fy, request.POST.get("quarter"), request.POST.get("month"))
        kind = request.POST.get("kind")
        if kind not in GeneratedDocument.Kind.values:
            kind = GeneratedDocument.Kind.CONSOLIDATED_PDF
        document = GeneratedDocument.objects.create(
            province=prov,
            kind=kind,
            fiscal_year=period.fiscal_year,
            quarter=period.quarter,
            month=period.month,
            requested_by=request.user,
        )
        tasks.make_document.enqueue(document.pk)
        return redirect("documents:generated", document=document.pk)
    documents = GeneratedDocument.objects.filter(province=prov).select_related("requested_by")[:30]
    return render(
        request, "documents/generated_list.html", {"province": prov, "documents": documents}
    )


@login_required
def generated(request: HttpRequest, document: int) -> HttpResponse:
    doc = get_generated_for_user(request.user, document)
    template = "documents/_generated_status.html" if request.htmx else "documents/generated.html"
    return render(request, template, {"document": doc, "province": doc.province})


@login_required
def generated_download(request: HttpRequest, document: int) -> HttpResponse:
    doc = get_generated_for_user(request.user, document)
    if not doc.file:
        raise Http404
    # The consolidated report names every district's committee members.
    record_personal_read(request, doc, persons=None, export=True, province=doc.province_id)
    return FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=doc.file.name.split("/")[-1]
    )


# --- Letters and the schedule ---------------------------------------------------------


@login_required
def letter_list(request: HttpRequest, province: str) -> HttpResponse:
    prov = get_province_for_user(request.user, province)
    from thanrak.monitoring.models import MonitoringRound

    context = {
        "province": prov,
        "letters": Letter.objects.filter(province=prov).select_related("round"),
        "rounds": MonitoringRound.objects.filter(province=prov),
        "can_manage": can_manage_province(request.user, prov),
        "letterhead": Letterhead.objects.filter(province=prov).first(),
    }
    return render(request, "documents/letter_list.html", context)


@login_required
def letter_create(request: HttpRequest, province: str) -> HttpResponse:
    prov = get_province_for_user(request.user, province, manage=True)
    rnd = None
    if request.GET.get("round"):
        try:
            rnd = get_round_for_user(request.user, int(request.GET["round"]))
        except ValueError:
            raise Http404 from None
        if rnd.province_id != prov.pk:
            raise Http404
    draft = (
        letters.letter_from_round(rnd, user=request.user)
        if rnd
        else Letter(province=prov, date=timezone.localdate(), created_by=request.user)
    )
    form = LetterForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        letter = services.letter_save(letter=form.save(commit=False), user=request.user)
        messages.success(request, _("The letter has been saved."))
        return redirect(letter)
    return render(
        request, "documents/letter_form.html", {"province": prov, "form": form, "round": rnd}
    )


@login_required
def letter(request: HttpRequest, letter: int) -> HttpResponse:
    obj = get_letter_for_user(request.user, letter)
    can_manage = can_manage_province(request.user, obj.province)
    form = LetterForm(request.POST or None, instance=obj)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            services.letter_save(letter=form.save(commit=False), user=request.user)
            messages.success(request, _("The letter has been saved."))
            return redirect(obj)
    context = {
        "letter": obj,
        "province": obj.province,
        "form": form,
        "can_manage": can_manage,
        "history": record_history(obj),
        "version": obj.schedule_version,
        "schedule_rows": letters.version_schedule_rows(obj.schedule_version)
        if obj.schedule_version_id
        else [],
    }
    return render(request, "documents/letter.html", context)


@login_required
def letter_pdf(request: HttpRequest, letter: int) -> HttpResponse:
    obj = get_letter_for_user(request.user, letter)
    return _file(letters.letter_pdf(obj), f"letter-{obj.pk}.pdf", PDF)


@login_required
def letterhead(request: HttpRequest, province: str) -> HttpResponse:
    prov = get_province_for_user(request.user, province, manage=True)
    head, _created = Letterhead.objects.get_or_create(province=prov)
    form = LetterheadForm(request.POST or None, request.FILES or None, instance=head)
    if request.method == "POST" and form.is_valid():
        changed, emblem = form.new_emblem()
        if changed:
            services.letterhead_set_emblem(letterhead=head, emblem=emblem)
        messages.success(request, _("The emblem has been saved."))
        return redirect("documents:letters", province=prov.pk)
    return render(
        request, "documents/letterhead.html", {"province": prov, "form": form, "head": head}
    )


@login_required
def schedule_pdf(request: HttpRequest, round: int) -> HttpResponse:  # noqa: A002 - URL keyword
    rnd = get_round_for_user(request.user, round)
    title, subtitle = letters.schedule_titles(rnd)
    data = docs.schedule_pdf(title, subtitle, letters.round_schedule_rows(rnd))
    return _file(data, f"schedule-{rnd.pk}.pdf", PDF)


@login_required
def schedule_xlsx(request: HttpRequest, round: int) -> HttpResponse:  # noqa: A002 - URL keyword
    rnd = get_round_for_user(request.user, round)
    title, subtitle = letters.schedule_titles(rnd)
    data = docs.schedule_xlsx(title, subtitle, letters.round_schedule_rows(rnd))
    return _file(data, f"schedule-{rnd.pk}.xlsx", XLSX)
