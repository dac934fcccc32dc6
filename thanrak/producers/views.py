from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanrak.accounts.access import (
    can_write_district,
    get_district_for_user,
    get_province_for_user,
    readable_districts,
)
from thanrak.accounts.policy import sees_personal_data
from thanrak.areas.models import District
from thanrak.audit.services import record_personal_read
from thanrak.centers.records import KINDS as CENTER_KINDS
from thanrak.centers.selectors import record_history
from thanrak.core import thai
from thanrak.core.filters import PeriodFilter, bad_filter
from thanrak.core.records import (
    RecordKind,
    form_page,
    kind_or_404,
    list_context,
    list_years,
    record_facts,
)
from thanrak.core.spreadsheets import workbook_response
from thanrak.producers import exports, imports, selectors, services, tasks
from thanrak.producers.access import get_record_in_district
from thanrak.producers.forms import ImportForm
from thanrak.producers.models import ImportJob, Stage
from thanrak.producers.records import KINDS, display_value, preview_persons
from thanrak.producers.search import Query


def _base(district: District, kind: RecordKind | None = None, **extra) -> dict:
    return {"district": district, "kind": kind, "record_kinds": KINDS.values(), **extra}


def _audit_list(request: HttpRequest, kind: RecordKind, area: District, rows, **how) -> None:
    """One audit event for a list or export that names persons (none for other kinds, nor
    for a user who sees them hidden)."""
    if kind.listed_persons and kind.shows_persons(sees_personal_data(request.user)):
        persons = sum(kind.listed_persons(r) for r in rows)
        record_personal_read(request, kind.model, persons=persons, district=area.code, **how)


def _audit_record(request: HttpRequest, kind: RecordKind, area: District, record) -> None:
    shown = kind.persons and kind.shows_persons(sees_personal_data(request.user))
    if shown and (persons := kind.persons(record)):
        record_personal_read(request, record, persons=persons, district=area.code)


@login_required
def home(request: HttpRequest, district: str) -> HttpResponse:
    """The district's wisdom, groups, producers and services at a glance."""
    area = get_district_for_user(request.user, district)
    fy = thai.current_fiscal_year()
    # A register (wisdom, groups, producers, products) counts every entry; a kind of dated
    # records (services) this fiscal year's, as the report does.
    counts = []
    for k in KINDS.values():
        rows = k.model.objects.filter(district=area)
        if k.fiscal_filter is not None:
            rows = rows.filter(k.fiscal_filter(fy))
        counts.append((k, rows.count(), fy if k.fiscal_filter else None))
    expiring = selectors.expiring_certifications(District.objects.filter(pk=area.pk))
    context = _base(
        area,
        counts=counts,
        expiring=_producers_shown(request, expiring[:20]),
        can_write=can_write_district(request.user, area),
        fiscal_year=thai.current_fiscal_year(),
    )
    return render(request, "producers/home.html", context)


def _list_rows(filters: PeriodFilter, kind: RecordKind, area: District):
    years = list_years(filters.cleaned_data["fy"], selectors.fiscal_years_of(kind, area))
    return years, selectors.records_of(kind, area, years.selected)


@login_required
def record_list(request: HttpRequest, district: str, kind: str) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    area = get_district_for_user(request.user, district)
    filters = PeriodFilter(request.GET, allow_all=True)
    if not filters.is_valid():
        return bad_filter(request, filters)
    years, records = _list_rows(filters, kind_, area)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    context = _base(
        area,
        kind_,
        **list_context(kind_, page, sees_personal_data(request.user)),
        years=years.years,
        fiscal_year=years.selected,
        page=page,
        can_write=can_write_district(request.user, area),
        # An empty year points to the years that have records.
        years_with_records=sorted(selectors.fiscal_years_with_records(kind_, area))
        if years.selected and not page.object_list
        else [],
    )
    _audit_list(request, kind_, area, page.object_list)
    return render(request, "records/list.html", context)


@login_required
def record_export(request: HttpRequest, district: str, kind: str) -> HttpResponse:
    """The list as Excel (the same rows as the page, every page)."""
    kind_ = kind_or_404(KINDS, kind)
    area = get_district_for_user(request.user, district)
    filters = PeriodFilter(request.GET, allow_all=True)
    if not filters.is_valid():
        return bad_filter(request, filters)
    years, records = _list_rows(filters, kind_, area)
    fiscal_year = years.selected
    if records.count() > settings.EXPORT_INLINE_MAX_ROWS:
        # A long list is made by the worker (the documents app keeps it to download).
        query = urlencode({"what": kind_.key, "fy": fiscal_year or "all"})
        return redirect(reverse("documents:district_exports", args=[area.code]) + "?" + query)
    headers = [kind_.column_label(c) for c in kind_.columns]
    personal = sees_personal_data(request.user)
    rows = [[exports.cell_value(r, c, personal) for c in kind_.columns] for r in records]
    title = f"{kind_.title} {area.full_name}"
    _audit_list(request, kind_, area, records, export=True)
    return workbook_response(f"{kind_.slug}-{area.code}", title, headers, rows)


@login_required
def record_detail(request: HttpRequest, district: str, kind: str, **kwargs) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    area = get_district_for_user(request.user, district)
    record = get_record_in_district(selectors.records_of(kind_, area), area, kwargs[kind_.key])
    personal = sees_personal_data(request.user)
    context = _base(
        area,
        kind_,
        record=record,
        heading=kind_.heading(record, personal),
        fields=record_facts(kind_, record, personal),
        evidence_list=record.evidence.all(),
        # The history quotes old values, names and phones included: not for executives.
        history=record_history(record) if personal else [],
        personal=personal,
        can_write=can_write_district(request.user, area),
    )
    _audit_record(request, kind_, area, record)
    return render(request, "producers/record_detail.html", context)


@login_required
def record_create(request: HttpRequest, district: str, kind: str) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    area = get_district_for_user(request.user, district, write=True)
    return _record_form(request, kind_, area, kind_.model(district=area))


@login_required
def record_edit(request: HttpRequest, district: str, kind: str, **kwargs) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    area = get_district_for_user(request.user, district, write=True)
    record = get_record_in_district(kind_.model.objects.all(), area, kwargs[kind_.key])
    if request.method == "GET":
        # The form shows what the record's page shows.
        _audit_record(request, kind_, area, record)
    return _record_form(request, kind_, area, record)


def _record_form(request: HttpRequest, kind: RecordKind, area: District, record) -> HttpResponse:
    def save(form, formsets):
        return services.record_save(form=form, district=area, user=request.user, formsets=formsets)

    owner = {"district": area}
    context = _base(area, kind)
    return form_page(request, kind, record, owner=owner, save=save, context=context)


@login_required
@require_POST
def record_delete(request: HttpRequest, district: str, kind: str, **kwargs) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    area = get_district_for_user(request.user, district, write=True)
    record = get_record_in_district(kind_.model.objects.all(), area, kwargs[kind_.key])
    services.record_delete(record=record, user=request.user)
    messages.success(request, _("Deleted: %(record)s") % {"record": record})
    return redirect(reverse(kind_.url_names["list"], args=[district]))


# --- Certifications, funnel, search ------------------------------------------------


@login_required
def expiring(request: HttpRequest, district: str) -> HttpResponse:
    area = get_district_for_user(request.user, district)
    rows = _producers_shown(
        request, selectors.expiring_certifications(District.objects.filter(pk=area.pk))
    )
    if request.GET.get("format") == "xlsx":
        return _expiring_export(rows, area.full_name, area.code)
    return render(
        request,
        "producers/expiring.html",
        _base(area, rows=rows, today=timezone.localdate(), scope=area.full_name),
    )


def _producers_shown(request: HttpRequest, certifications) -> list:
    """The certifications, each with ``producer_shown``: its product's producer as the user
    may see it (a sole owner who did not agree to be named is hidden from an executive)."""
    personal = sees_personal_data(request.user)
    rows = list(certifications)
    for certification in rows:
        certification.producer_shown = display_value(certification.product, "producer", personal)
    return rows


def _expiring_export(rows, scope: str, code: str) -> HttpResponse:
    headers = [
        _("District"),
        _("Product"),
        _("Producer"),
        _("Standard"),
        _("Number"),
        _("Expires on"),
    ]
    data = [
        [
            c.product.district.name_th,
            c.product.name,
            c.producer_shown,
            c.get_kind_display(),
            c.number,
            c.expires_on,
        ]
        for c in rows
    ]
    title = _("Certifications to renew, %(scope)s") % {"scope": scope}
    return workbook_response(f"expiring-{code}", title, headers, data)


@login_required
def district_funnel(request: HttpRequest, district: str) -> HttpResponse:
    area = get_district_for_user(request.user, district)
    filters = PeriodFilter(request.GET)
    if not filters.is_valid():
        return bad_filter(request, filters)
    fy = filters.cleaned_data["fy"] or thai.current_fiscal_year()
    rows, total = selectors.funnel(District.objects.filter(pk=area.pk), fy)
    return render(
        request,
        "producers/funnel.html",
        _base(
            area,
            rows=rows,
            total=total,
            fiscal_year=fy,
            stages=list(Stage),
            years=range(thai.current_fiscal_year(), 2559, -1),
            scope=area.full_name,
        ),
    )


@login_required
def province_overview(request: HttpRequest, province: str) -> HttpResponse:
    """The province's funnel per district and the certifications to renew."""
    prov = get_province_for_user(request.user, province)
    districts = readable_districts(request.user).filter(province=prov)
    filters = PeriodFilter(request.GET)
    if not filters.is_valid():
        return bad_filter(request, filters)
    fy = filters.cleaned_data["fy"] or thai.current_fiscal_year()
    rows, total = selectors.funnel(districts, fy)
    expiring_rows = _producers_shown(request, selectors.expiring_certifications(districts))
    if request.GET.get("format") == "xlsx":
        return _expiring_export(expiring_rows, prov.full_name, prov.code)
    context = {
        "province": prov,
        "rows": rows,
        "total": total,
        "fiscal_year": fy,
        "stages": list(Stage),
        "years": range(thai.current_fiscal_year(), 2559, -1),
        "expiring": expiring_rows,
        "scope": prov.full_name,
    }
    return render(request, "producers/province.html", context)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = Query.parse(request.GET.get("q", ""))
    hits = selectors.search(request.user, query) if query else []
    return render(request, "producers/search.html", {"query": query, "hits": hits})


# --- Import -----------------------------------------------------------------------


def _importable() -> list[tuple[str, str]]:
    """The kinds a district's officer imports (budget allocations are the province's)."""
    return [
        (value, label)
        for value, label in ImportJob.Kind.choices
        if imports.KINDS[value].writer == "district"
    ]


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", ImportJob.Kind.PRODUCERS)
    if kind not in imports.KINDS:
        raise Http404
    response = HttpResponse(
        imports.template_workbook(kind),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="template-{kind}.xlsx"'
    return response


@login_required
def import_new(request: HttpRequest, district: str) -> HttpResponse:
    area = get_district_for_user(request.user, district, write=True)
    kinds = _importable()
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") else None
    form = ImportForm(request.POST or None, request.FILES or None, kinds=kinds, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            district=area,
            kind=form.cleaned_data["kind"],
            file=upload,
            original_name=upload.name,
            created_by=request.user,
        )
        tasks.import_check.enqueue(job.pk)
        return redirect("producers:import_detail", district, job.pk)
    ImportJob.objects.filter(district=area).fail_stale(timezone.now())
    recent = ImportJob.objects.filter(district=area)[:10]
    kind = form["kind"].value() if request.method == "POST" else request.GET.get("kind")
    return render(
        request,
        "producers/import_new.html",
        _base(area, form=form, recent=recent, kinds=kinds) | _import_nav(kind),
    )


def _import_nav(kind: str | None) -> dict:
    """The record nav of the list an import fills, that list current: the center's for its
    records (meetings, plans …), OTOP's for producers' kinds; OTOP's, none current, when no
    kind is chosen yet."""
    import_kind = imports.KINDS.get(kind or "")
    if import_kind is None:
        return {"record_nav": "producers/_record_nav.html", "page_key": "import"}
    app, _colon, name = import_kind.list_url.partition(":")
    kinds = CENTER_KINDS if app == "centers" else KINDS
    return {
        "record_nav": f"{app}/_record_nav.html",
        "kind": kinds.get(name.removesuffix("_list")),
        "record_kinds": kinds.values(),
    }


def _job(request: HttpRequest, district: str, job: int) -> tuple[District, ImportJob]:
    area = get_district_for_user(request.user, district, write=True)
    return area, get_object_or_404(ImportJob, district=area, pk=job)


@login_required
def import_detail(request: HttpRequest, district: str, job: int) -> HttpResponse:
    area, job_ = _job(request, district, job)
    job_.fail_if_stale(timezone.now())  # its worker died: say so rather than poll forever
    template = "producers/_import_status.html" if request.htmx else "producers/import_detail.html"
    polling = job_.running
    # The preview shows the file's rows as typed; htmx polls while the job runs repeat
    # what the page already shows, so only the page and the last poll are written.
    if job_.preview and job_.status != ImportJob.Status.DONE and not (request.htmx and polling):
        record_personal_read(request, job_, district=area.code, **preview_persons(job_))
    context = _base(
        area, job=job_, polling=polling, poll_interval=settings.IMPORT_POLL_INTERVAL
    ) | _import_nav(job_.kind)
    if job_.status == ImportJob.Status.DONE:
        context["list_url"] = reverse(imports.KINDS[job_.kind].list_url, args=[area.code])
    return render(request, template, context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, district: str, job: int) -> HttpResponse:
    """Import a checked file, or (``action=retry``) check a failed job's file again."""
    _area, job_ = _job(request, district, job)
    if request.POST.get("action") == "retry":
        if job_.retry(timezone.now()):
            tasks.import_check.enqueue(job_.pk)
    elif job_.confirm():
        tasks.import_write.enqueue(job_.pk)
    return redirect("producers:import_detail", district, job_.pk)
