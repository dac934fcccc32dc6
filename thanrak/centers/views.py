from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanrak.accounts.access import (
    can_manage_province,
    can_write_district,
    get_province_for_user,
    is_nationwide,
    readable_districts,
)
from thanrak.accounts.policy import sees_personal_data
from thanrak.areas.models import Province
from thanrak.audit.services import record_personal_read
from thanrak.centers import selectors, services
from thanrak.centers.access import get_center_for_user
from thanrak.centers.forms import CenterProfileForm, ProvinceAllocationForm
from thanrak.centers.models import Center, Expense
from thanrak.centers.records import KINDS
from thanrak.core.db import area_name_order
from thanrak.core.filters import PeriodFilter, PeriodForm, bad_filter
from thanrak.core.periods import quarter_reported_on

# The record pages' shared API: the producers' views import the same names.
from thanrak.core.records import (
    RecordKind,
    form_page,
    kind_or_404,
    list_context,
    list_years,
    record_facts,
)
from thanrak.core.spreadsheets import workbook_response
from thanrak.core.thai import current_fiscal_year, format_baht
from thanrak.core.thai import fiscal_year as fiscal_year_of


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Send each user to the home of their work (User.home_url)."""
    return redirect(request.user.home_url())


@login_required
def provinces(request: HttpRequest) -> HttpResponse:
    if not is_nationwide(request.user):
        return redirect("dashboard")
    rows = (
        Province.objects.filter(districts__center__isnull=False)
        .distinct()
        .order_by(area_name_order())
    )
    return render(request, "centers/provinces.html", {"provinces": rows})


@login_required
def province(request: HttpRequest, province: str) -> HttpResponse:
    prov = get_province_for_user(request.user, province)
    centers = (
        Center.objects.filter(district__in=readable_districts(request.user).filter(province=prov))
        .select_related("district")
        .order_by(area_name_order("district__"))
    )
    context = {
        "province": prov,
        "centers": centers,
        # Its reports open on the quarter being reported now, not the year's report.
        "reported": quarter_reported_on(timezone.localdate()),
    }
    return render(request, "centers/province.html", context)


@login_required
def budget(request: HttpRequest, province: str) -> HttpResponse:
    """Every center's allocation of a fiscal year, what it spent and what is left; the
    province officer allocates to the centers that have none yet, all at once."""
    prov = get_province_for_user(request.user, province)
    period = PeriodForm(request.GET, with_quarter=False)
    if not period.is_valid():
        return bad_filter(request, period)
    fiscal_year, _quarter = period.period()
    centers = Center.objects.filter(
        district__in=readable_districts(request.user).filter(province=prov)
    ).order_by(area_name_order("district__"))
    summary = selectors.province_budget(centers, fiscal_year)
    if request.GET.get("format") == "xlsx":
        return _budget_workbook(prov, summary)
    form = None
    if can_manage_province(request.user, prov):
        open_centers = centers.filter(pk__in=[c.pk for c in summary.unallocated])
        form = ProvinceAllocationForm(
            request.POST or None, request.FILES or None, centers=open_centers
        )
        if request.method == "POST" and _allocate(request, form, fiscal_year):
            return redirect(f"{request.path}?fy={fiscal_year}")
    context = {"province": prov, "period": period, "budget": summary, "form": form}
    return render(request, "centers/budget.html", context)


def _budget_workbook(province: Province, summary: selectors.Budget) -> HttpResponse:
    """The budget page as a sheet: amounts and dates as number and date cells, a total row."""
    headers = [
        _("District"),
        _("Allocated (baht)"),
        _("Letter number"),
        _("Letter date"),
        _("Spent (baht)"),
        _("Remaining (baht)"),
    ]
    rows = []
    for row in summary.rows:
        allocation = row.allocation
        rows.append(
            [
                row.center.district.full_name,
                allocation.amount if allocation else None,
                allocation.letter_number if allocation else "",
                allocation.letter_date if allocation else None,
                row.spent,
                row.balance,
            ]
        )
    rows.append([_("Total"), summary.allocated, "", None, summary.spent, summary.left])
    title = _("Budget of the centers, %(province)s, fiscal year %(year)s") % {
        "province": province.full_name,
        "year": summary.fiscal_year,
    }
    filename = f"budget-{province.code}-{summary.fiscal_year}"
    return workbook_response(filename, title, headers, rows)


def _allocate(request: HttpRequest, form: ProvinceAllocationForm, fiscal_year: int) -> bool:
    """Write the form's allocations; False (and the form's errors) when nothing was."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        created = services.allocations_create(
            centers=data["centers"],
            fiscal_year=fiscal_year,
            amount=data["amount"],
            letter_number=data["letter_number"],
            letter_date=data["letter_date"],
            files=data["files"] or [],
            user=request.user,
        )
    except ValidationError as error:
        form.add_error("files", error)
        return False
    except IntegrityError:
        form.add_error(
            "centers",
            _(
                "A district chosen was given an allocation for this year meanwhile. Nothing was saved."
            ),
        )
        return False
    messages.success(
        request,
        _("Fiscal year %(year)s: %(count)s districts were allocated %(amount)s baht each.")
        % {"year": fiscal_year, "count": len(created), "amount": format_baht(data["amount"])},
    )
    return True


@login_required
def district(request: HttpRequest, district: str) -> HttpResponse:
    center = get_center_for_user(request.user, district)
    context = {
        "center": center,
        "district": center.district,
        "current_fiscal_year": current_fiscal_year(),
        "record_kinds": KINDS.values(),
        "can_write": can_write_district(request.user, center.district),
        "materials": center.material_set.all(),
    }
    return render(request, "centers/district.html", context)


@login_required
def profile_edit(request: HttpRequest, district: str) -> HttpResponse:
    center = get_center_for_user(request.user, district, write=True)
    form = CenterProfileForm(request.POST or None, instance=center)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The center's profile is saved."))
        return redirect("centers:district", district)
    return render(request, "centers/profile_form.html", {"center": center, "form": form})


def _audit_list(request: HttpRequest, kind: RecordKind, center: Center, rows) -> None:
    """One audit event for a list that names persons (none for other kinds, nor for a list
    whose rows name none: referrals of groups only)."""
    listed = kind.listed_persons and kind.shows_persons(sees_personal_data(request.user))
    if listed and (persons := sum(kind.listed_persons(r) for r in rows)):
        record_personal_read(request, kind.model, persons=persons, district=center.district_id)


def _audit_record(request: HttpRequest, kind: RecordKind, center: Center, record) -> None:
    shown = kind.persons and kind.shows_persons(sees_personal_data(request.user))
    if shown and (persons := kind.persons(record)):
        record_personal_read(request, record, persons=persons, district=center.district_id)


def _can_write(request: HttpRequest, kind: RecordKind, center: Center) -> bool:
    if kind.writer == "province":
        return can_manage_province(request.user, center.district.province)
    return can_write_district(request.user, center.district)


@login_required
def record_list(request: HttpRequest, district: str, kind: str) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    center = get_center_for_user(request.user, district)
    filters = PeriodFilter(request.GET, allow_all=True)
    if not filters.is_valid():
        return bad_filter(request, filters)
    years = list_years(filters.cleaned_data["fy"], selectors.fiscal_years_of(kind_, center))
    records = selectors.records_of(kind_, center, years.selected)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    context = {
        **_base(center, kind_),
        **list_context(kind_, page, sees_personal_data(request.user)),
        "years": years.years,
        "fiscal_year": years.selected,
        "page": page,
        "can_write": _can_write(request, kind_, center),
        # An empty year points to the years that have records.
        "years_with_records": sorted(selectors.fiscal_years_with_records(kind_, center))
        if years.selected and not page.object_list
        else [],
    }
    _audit_list(request, kind_, center, page.object_list)
    return render(request, "records/list.html", context)


@login_required
def record_detail(request: HttpRequest, district: str, kind: str, **kwargs) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    center = get_center_for_user(request.user, district)
    record = get_object_or_404(selectors.records_of(kind_, center, None), pk=kwargs[kind_.key])
    personal = sees_personal_data(request.user)
    context = {
        **_base(center, kind_),
        "record": record,
        "heading": kind_.heading(record, personal),
        "fields": record_facts(kind_, record, personal),
        "evidence_list": record.evidence.all(),
        # The history quotes old values: not of the persons a user sees hidden.
        "history": selectors.record_history(record) if kind_.shows_persons(personal) else [],
        "personal": personal,
        "can_write": _can_write(request, kind_, center),
    }
    _audit_record(request, kind_, center, record)
    return render(request, "centers/record_detail.html", context)


@login_required
def record_create(request: HttpRequest, district: str, kind: str) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    center = get_center_for_user(request.user, district, write=True, writer=kind_.writer)
    return _record_form(request, kind_, center, kind_.model(center=center))


@login_required
def record_edit(request: HttpRequest, district: str, kind: str, **kwargs) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    center = get_center_for_user(request.user, district, write=True, writer=kind_.writer)
    record = get_object_or_404(kind_.model, center=center, pk=kwargs[kind_.key])
    if request.method == "GET" and not request.headers.get("HX-Request"):
        # The form shows what the record's page shows (once: not again as a field's change
        # redraws part of it).
        _audit_record(request, kind_, center, record)
    return _record_form(request, kind_, center, record)


def _record_form(request: HttpRequest, kind: RecordKind, center: Center, record) -> HttpResponse:
    def save(form, formsets):
        formset = formsets[0] if formsets else None
        saved = services.record_save(form=form, center=center, user=request.user, formset=formset)
        if isinstance(saved, Expense):
            _warn_over_allocation(request, center, saved)
        return saved

    owner = {"center": center}
    context = _base(center, kind)
    return form_page(request, kind, record, owner=owner, save=save, context=context)


def _warn_over_allocation(request: HttpRequest, center: Center, expense: Expense) -> None:
    """Say at once when the year's expenses pass its allocation (rule R7 says it later)."""
    fiscal_year = fiscal_year_of(expense.date)
    (row,) = selectors.province_budget(Center.objects.filter(pk=center.pk), fiscal_year).rows
    spent, allocated = row.spent, row.allocation.amount if row.allocation else None
    if allocated is not None and spent > allocated:
        messages.warning(
            request,
            _(
                "Expenses of fiscal year %(year)s now come to %(spent)s baht, more than the "
                "allocation of %(allocated)s baht."
            )
            % {
                "year": fiscal_year,
                "spent": format_baht(spent),
                "allocated": format_baht(allocated),
            },
        )


def _base(center: Center, kind: RecordKind) -> dict:
    return {
        "center": center,
        "district": center.district,
        "kind": kind,
        "record_kinds": KINDS.values(),
    }


@login_required
@require_POST
def record_delete(request: HttpRequest, district: str, kind: str, **kwargs) -> HttpResponse:
    kind_ = kind_or_404(KINDS, kind)
    center = get_center_for_user(request.user, district, write=True, writer=kind_.writer)
    record = get_object_or_404(kind_.model, center=center, pk=kwargs[kind_.key])
    services.record_delete(record=record, user=request.user)
    messages.success(request, _("Deleted: %(record)s") % {"record": record})
    return redirect(reverse(kind_.url_names["list"], args=[district]))
