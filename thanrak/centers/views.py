from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from thanrak.accounts.access import get_province_for_user, is_nationwide, readable_districts
from thanrak.areas.models import Province
from thanrak.centers.access import get_center_for_user
from thanrak.centers.models import Center
from thanrak.core.db import thai_order
from thanrak.core.thai import current_fiscal_year


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Send each user to the home of their area."""
    user = request.user
    if user.district_id:
        return redirect("centers:district", user.district_id)
    if user.province_id:
        return redirect("centers:province", user.province_id)
    return redirect("centers:provinces")


@login_required
def provinces(request: HttpRequest) -> HttpResponse:
    if not is_nationwide(request.user):
        return redirect("dashboard")
    rows = (
        Province.objects.filter(districts__center__isnull=False)
        .distinct()
        .order_by(thai_order("name_th"))
    )
    return render(request, "centers/provinces.html", {"provinces": rows})


@login_required
def province(request: HttpRequest, province: str) -> HttpResponse:
    prov = get_province_for_user(request.user, province)
    centers = (
        Center.objects.filter(district__in=readable_districts(request.user).filter(province=prov))
        .select_related("district")
        .order_by(thai_order("district__name_th"))
    )
    return render(request, "centers/province.html", {"province": prov, "centers": centers})


@login_required
def district(request: HttpRequest, district: str) -> HttpResponse:
    center = get_center_for_user(request.user, district)
    context = {
        "center": center,
        "district": center.district,
        "current_fiscal_year": current_fiscal_year(),
    }
    return render(request, "centers/district.html", context)
