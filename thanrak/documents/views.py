from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanrak.accounts.access import (
    can_manage_province,
    can_write_district,
    get_district_for_user,
    get_province_for_user,
    is_nationwide,
    readable_districts,
)
from thanrak.accounts.policy import allows
from thanrak.audit.services import record_personal_read
from thanrak.centers.access import get_center_for_user
from thanrak.centers.models import Activity, Report
from thanrak.centers.selectors import record_history
from thanrak.core.filters import PeriodFilter, answers_bad_filter, bad_filter, read_period
from thanrak.core.periods import Period
from thanrak.core.thai import current_fiscal_year, fiscal_months
from thanrak.documents import consolidated as consolidated_report
from thanrak.documents import exports as export_lists
from thanrak.documents import letters, selectors, services, tasks
from thanrak.documents import render as docs
from thanrak.documents.access import (
    get_export_for_user,
    get_generated_for_user,
    get_letter_for_user,
    get_letter_to_district,
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


def _period(request: HttpRequest, fiscal_year: int) -> Period:
    """The period of the URL; one that cannot be raises BadFilter (``answers_bad_filter``)."""
    asked = {"fy": fiscal_year, **{k: request.GET.get(k) for k in ("quarter", "month")}}
    period = read_period(asked).cleaned_data
    return selectors.parse_period(fiscal_year, period["quarter"], period["month"])


def _audit_committee(request: HttpRequest, target, contents, **how) -> None:
    """The report form names the committee members: one audit event per page or file."""
    persons = sum(content.counts.get("members", 0) for content in contents)
    record_personal_read(request, target, persons=persons, **how)


def _period_query(period: Period) -> str:
    if period.month:
        return f"?month={period.month}"
    return f"?quarter={period.quarter}" if period.quarter else ""


# --- The district's report ------------------------------------------------------------


@login_required
@answers_bad_filter
def report_list(request: HttpRequest, district: str) -> HttpResponse:
    center = get_center_for_user(request.user, district)
    fy = read_period(request.GET).cleaned_data["fy"] or current_fiscal_year()
    reports = {r.quarter: r for r in Report.objects.filter(center=center, fiscal_year=fy)}
    today = timezone.localdate()
    periods = [Period(fy, q) for q in (1, 2, 3, 4, 0)]
    rows = [
        (
            p,
            reports.get(p.quarter),
            selectors.report_is_late(p, reports.get(p.quarter), today),
            selectors.report_due_on(p, reports.get(p.quarter)),
        )
        for p in periods
    ]
    months = [Period(fy, 0, m) for _y, m in fiscal_months(fy)]
    context = {
        "center": center,
        "district": center.district,
        "fiscal_year": fy,
        # The year shown is always one of the choices, even an older one from a link.
        "years": sorted({*range(current_fiscal_year(), current_fiscal_year() - 6, -1), fy})[::-1],
        "rows": rows,
        "months": months,
        # A year with no report points to the years that have some.
        "years_with_records": [] if reports else selectors.report_years(center),
    }
    return render(request, "documents/report_list.html", context)


@login_required
@answers_bad_filter
def report(request: HttpRequest, district: str, fiscal_year: int) -> HttpResponse:
    center = get_center_for_user(request.user, district)
    period = _period(request, fiscal_year)
    content = selectors.report_content(center, period)
    can_write = can_write_district(request.user, center.district)
    saved = (content.report.narrative if content.report else None) or {}
    form = NarrativeForm(request.POST or None, initial=saved, summary=content.summary)
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
        and selectors.has_review(period)
        and (report_obj is None or report_obj.is_editable)
    )
    today = timezone.localdate()
    started = period.start <= today
    context = {
        "center": center,
        "district": center.district,
        "period": period,
        "query": _period_query(period),
        "content": content,
        "report": report_obj,
        "history": selectors.report_history(report_obj) if report_obj else [],
        "form": form,
        "has_review": selectors.has_review(period),
        "editable": editable,
        # A period not begun has nothing to submit yet; one not ended is said so.
        "started": started,
        "ended": period.end < today,
        "days_left": (period.end - today).days + 1,  # today counted
        # The province may ask for a period's report before it ends (the quarter so far).
        "due_on": selectors.report_due_on(period, report_obj),
        # The province officer reviews from here too.
        "can_review": can_manage_province(request.user, center.district.province),
    }
    _audit_committee(request, center, [content], district=district, period=period.slug)
    return render(request, "documents/report.html", context)


@login_required
@require_POST
@answers_bad_filter
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


# The report's files: how each is drawn, and its content type.
REPORT_FILES = {"pdf": (docs.report_pdf, PDF), "xlsx": (docs.report_xlsx, XLSX)}


def _report_file(request: HttpRequest, district: str, fiscal_year: int, fmt: str) -> HttpResponse:
    """The district's report of the period as a file of ``REPORT_FILES``."""
    center = get_center_for_user(request.user, district)
    period = _period(request, fiscal_year)
    draw, content_type = REPORT_FILES[fmt]
    # A document is Thai whatever the page's language: its contents are made so too.
    with translation.override("th"):
        content = selectors.report_content(center, period)
        data = draw([content])
    _audit_committee(request, center, [content], district=district, period=period.slug, export=True)
    return _file(data, f"report-{district}-{period.slug}.{fmt}", content_type)


@login_required
@answers_bad_filter
def report_pdf(request: HttpRequest, district: str, fiscal_year: int) -> HttpResponse:
    return _report_file(request, district, fiscal_year, "pdf")


@login_required
@answers_bad_filter
def report_xlsx(request: HttpRequest, district: str, fiscal_year: int) -> HttpResponse:
    return _report_file(request, district, fiscal_year, "xlsx")


# --- The province: review, consolidation, background documents ------------------------


@login_required
@answers_bad_filter
def province_reports(request: HttpRequest, province: str, fiscal_year: int) -> HttpResponse:
    prov = get_province_for_user(request.user, province)
    period = _period(request, fiscal_year)
    centers = selectors.province_centers(prov.pk, readable_districts(request.user))
    rows = selectors.review_rows(centers, period, timezone.localdate())
    can_manage = can_manage_province(request.user, prov)
    context = {
        "province": prov,
        "period": period,
        "query": _period_query(period),
        "rows": rows,
        # What waits for the reviewer: only those who review are shown it.
        "awaiting": can_manage and selectors.awaiting_review(centers, period.fiscal_year),
        "late": sum(r.late for r in rows),
        "can_manage": can_manage,
        # Buttons only for those who may open them (a monitoring team reads the list).
        "may_consolidate": allows(request.user, "documents:consolidated_pdf"),
        "may_export": allows(request.user, "documents:province_exports"),
        # The province-wide documents, for those who may open them (not monitors).
        "generated": allows(request.user, "documents:generated")
        and GeneratedDocument.objects.filter(
            province=prov,
            kind__in=GeneratedDocument.CONSOLIDATED,
            fiscal_year=period.fiscal_year,
            quarter=period.quarter,
            month=period.month,
        )[:10],
    }
    return render(request, "documents/province_reports.html", context)


@login_required
def review(request: HttpRequest, report: int) -> HttpResponse:
    report_obj = get_report_for_reviewer(request.user, report)
    period = Period(report_obj.fiscal_year, report_obj.quarter)
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
        "history": selectors.report_history(report_obj),
        "form": form,
    }
    return render(request, "documents/review.html", context)


@login_required
@answers_bad_filter
def consolidated(request: HttpRequest, province: str, fiscal_year: int, fmt: str) -> HttpResponse:
    """The consolidated report straight away; a workbook of many activities is made in the
    background (its list has one row per activity)."""
    prov = get_province_for_user(request.user, province)
    period = _period(request, fiscal_year)
    centers = selectors.province_centers(prov.pk, readable_districts(request.user))
    if fmt == "xlsx":
        rows = Activity.objects.filter(center__in=centers, date__range=period.range).count()
        if rows > settings.EXPORT_INLINE_MAX_ROWS:
            messages.info(
                request,
                _(
                    "The workbook lists %(rows)s activities: it is made in the background. "
                    "Ask for it below and download it when it is ready."
                )
                % {"rows": f"{rows:,}"},
            )
            return redirect("documents:generated_list", province=prov.pk)
    with translation.override("th"):
        data, filename = consolidated_report.consolidated_file(
            prov, centers, period, fmt, timezone.localdate()
        )
    return _file(data, filename, XLSX if fmt == "xlsx" else PDF)


@login_required
def generated_list(request: HttpRequest, province: str) -> HttpResponse:
    """Documents made in the background: ask for one (POST), watch it, download it again."""
    prov = get_province_for_user(request.user, province)
    if request.method == "POST":
        asked = PeriodFilter(
            {k: request.POST.get(k) for k in ("quarter", "month")}
            | {"fy": request.POST.get("fiscal_year")}
        )
        if not asked.is_valid():
            for field in asked:
                for error in field.errors:
                    messages.error(request, error)
            return redirect("documents:generated_list", province=prov.pk)
        fy = asked.cleaned_data["fy"] or current_fiscal_year()
        period = selectors.parse_period(
            fy, asked.cleaned_data["quarter"], asked.cleaned_data["month"]
        )
        kind = request.POST.get("kind")
        # Only the consolidated report is asked for here; exports have their own pages.
        if kind not in GeneratedDocument.CONSOLIDATED:
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
    documents = GeneratedDocument.objects.filter(
        province=prov, kind__in=GeneratedDocument.CONSOLIDATED
    ).select_related("requested_by")[:30]
    context = {"province": prov, "documents": documents, "fiscal_year": current_fiscal_year()}
    return render(request, "documents/generated_list.html", context)


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
        **letters.letter_checks(obj),
        "version": obj.schedule_version,
        "schedule_rows": letters.version_schedule_rows(obj.schedule_version)
        if obj.schedule_version_id
        else [],
    }
    return render(request, "documents/letter.html", context)


@login_required
def letter_pdf(request: HttpRequest, letter: int) -> HttpResponse:
    obj = get_letter_for_user(request.user, letter)
    with translation.override("th"):
        data = letters.letter_pdf(obj)
    return _file(data, f"letter-{obj.pk}.pdf", PDF)


@login_required
def district_letter(request: HttpRequest, district: str, issued_letter: int) -> HttpResponse:
    """The letter as its district reads it: the text, its own visits, the schedule, the PDF."""
    area, obj = get_letter_to_district(request.user, district, issued_letter)
    context = {
        "district": area,
        "letter": obj,
        "version": obj.schedule_version,
        "own_rows": letters.version_schedule_rows(obj.schedule_version, area.code),
        "schedule_rows": letters.version_schedule_rows(obj.schedule_version),
    }
    return render(request, "documents/district_letter.html", context)


@login_required
def district_letter_pdf(request: HttpRequest, district: str, issued_letter: int) -> HttpResponse:
    _area, obj = get_letter_to_district(request.user, district, issued_letter)
    with translation.override("th"):
        data = letters.letter_pdf(obj)
    return _file(data, f"letter-{obj.pk}.pdf", PDF)


@login_required
def letterhead(request: HttpRequest, province: str) -> HttpResponse:
    prov = get_province_for_user(request.user, province, manage=True)
    head, _created = Letterhead.objects.get_or_create(province=prov)
    form = LetterheadForm(request.POST or None, request.FILES or None, instance=head)
    if request.method == "POST" and form.is_valid():
        changed, emblem = form.new_emblem()
        if changed:
            services.letterhead_set_emblem(letterhead=head, emblem=emblem)
        changed, guideline = form.new_guideline()
        if changed:
            services.letterhead_set_guideline(letterhead=head, guideline=guideline)
        messages.success(request, _("The letterhead has been saved."))
        return redirect("documents:letters", province=prov.pk)
    return render(
        request, "documents/letterhead.html", {"province": prov, "form": form, "head": head}
    )


# The printed schedule's files: how each is drawn, and its content type.
SCHEDULE_FILES = {"pdf": (docs.schedule_pdf, PDF), "xlsx": (docs.schedule_xlsx, XLSX)}


def _schedule_file(request: HttpRequest, round_pk: int, fmt: str) -> HttpResponse:
    rnd = get_round_for_user(request.user, round_pk)
    draw, content_type = SCHEDULE_FILES[fmt]
    with translation.override("th"):
        title, subtitle = letters.schedule_titles(rnd)
        data = draw(title, subtitle, letters.round_schedule_rows(rnd))
    return _file(data, f"schedule-{rnd.pk}.{fmt}", content_type)


@login_required
def schedule_pdf(request: HttpRequest, round: int) -> HttpResponse:  # noqa: A002 - URL keyword
    return _schedule_file(request, round, "pdf")


@login_required
def schedule_xlsx(request: HttpRequest, round: int) -> HttpResponse:  # noqa: A002 - URL keyword
    return _schedule_file(request, round, "xlsx")


# --- Lists exported by the worker -----------------------------------------------------


def _export_form(request: HttpRequest, scope: str, *, district=None, province=None):
    """Queue the export the POST asks for (a list of the scope, a valid year), or None
    with the reason as a message."""
    what = request.POST.get("what", "")
    listed = export_lists.LISTS.get(what)
    if listed is None or scope not in listed.scopes:
        messages.error(request, _("Choose a list to export."))
        return None
    asked = PeriodFilter({"fy": request.POST.get("fy")})
    if not asked.is_valid():
        for error in asked["fy"].errors:
            messages.error(request, error)
        return None
    year = asked.cleaned_data["fy"] or 0
    if listed.dated and not year and what == "activities":
        year = current_fiscal_year()
    return services.export_request(
        user=request.user,
        what=what,
        fiscal_year=year if listed.dated else 0,
        district=district,
        province=province,
    )


def _exports_page(request, scope: str, area_name: str, mine, **area) -> HttpResponse:
    if request.method == "POST":
        document = _export_form(request, scope, **area)
        if document is not None:
            return redirect("documents:export", export=document.pk)
    filters = PeriodFilter(request.GET, allow_all=True)
    if not filters.is_valid():
        return bad_filter(request, filters)
    chosen = export_lists.LISTS.get(request.GET.get("what", ""))
    documents = list(mine.filter(requested_by=request.user)[:20])
    for document in documents:
        listed = export_lists.LISTS.get(document.what)
        document.title = listed.title if listed else document.what
    context = {
        "scope": scope,
        "area_name": area_name,
        "lists": [x for x in export_lists.LISTS.values() if scope in x.scopes],
        "chosen": chosen,
        "fy": request.GET.get("fy", ""),
        "years": range(current_fiscal_year(), current_fiscal_year() - 6, -1),
        "threshold": settings.EXPORT_INLINE_MAX_ROWS,
        "documents": documents,
        **area,
    }
    return render(request, "documents/exports.html", context)


EXPORTS = GeneratedDocument.objects.filter(kind=GeneratedDocument.Kind.EXPORT)


@login_required
def district_exports(request: HttpRequest, district: str) -> HttpResponse:
    """Ask for a district's long list (the list's own export sends here); one's exports."""
    area = get_district_for_user(request.user, district)
    mine = EXPORTS.filter(district=area)
    return _exports_page(request, export_lists.DISTRICT, area.full_name, mine, district=area)


@login_required
def province_exports(request: HttpRequest, province: str) -> HttpResponse:
    """The lists of a whole province: its producers, its centers' activities of a year."""
    prov = get_province_for_user(request.user, province)
    mine = EXPORTS.filter(province=prov, district=None)
    return _exports_page(request, export_lists.PROVINCE, prov.full_name, mine, province=prov)


@login_required
def national_exports(request: HttpRequest) -> HttpResponse:
    """The lists of the whole country, for nationwide executives and administrators."""
    if not is_nationwide(request.user):
        # An executive of one province exports that province.
        return redirect("documents:province_exports", province=request.user.province_id)
    mine = EXPORTS.filter(province=None)
    return _exports_page(request, export_lists.NATION, _("Thailand"), mine)


@login_required
def export(request: HttpRequest, export: int) -> HttpResponse:
    doc = get_export_for_user(request.user, export)
    template = "documents/_generated_status.html" if request.htmx else "documents/export.html"
    listed = export_lists.LISTS.get(doc.what)
    return render(request, template, {"document": doc, "list": listed})


@login_required
def export_download(request: HttpRequest, export: int) -> HttpResponse:
    doc = get_export_for_user(request.user, export)
    if not doc.file:
        raise Http404
    if export_lists.names_persons(doc):
        record_personal_read(
            request,
            doc,
            persons=doc.persons,
            export=True,
            district=doc.district_id or "",
            province=doc.province_id or "",
            what=doc.what,
        )
    return FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=doc.file.name.split("/")[-1]
    )
