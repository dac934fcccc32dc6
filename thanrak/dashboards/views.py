from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode

from thanrak.accounts.access import get_province_for_user, is_nationwide, readable_districts
from thanrak.core.filters import PeriodForm, bad_filter
from thanrak.dashboards import panels, rendered, selectors


@login_required
def province(request: HttpRequest, province: str) -> HttpResponse:
    """A province at a glance for a fiscal year: the districts the user may read."""
    prov = get_province_for_user(request.user, province)
    form = PeriodForm(request.GET, with_quarter=False)
    if not form.is_valid():
        return bad_filter(request, form)
    fy, _quarter = form.period()
    today = timezone.localdate()
    districts = list(
        readable_districts(request.user)
        .filter(province=prov)
        .select_related("province")
        .order_by("code")
    )
    fig = selectors.figures(districts, fy, today)
    codes = [d.pk for d in districts]
    query = urlencode({"fy": fy})
    district_map, dots = panels.district_map(fig, selectors.office_positions(codes), query)
    context = {
        "province": prov,
        "form": form,
        "fiscal_year": fy,
        "query": query,
        "fig": fig,
        "panels": panels.panels(fig),
        "district_map": district_map,
        "map_is_dots": dots,
        "legend": panels.rules_legend(),
        "expiring": selectors.expiring_count(codes, today),
        "visits": selectors.next_visits(codes, timezone.localtime()),
        "behind": selectors.furthest_behind(fig.matrix),
    }
    return render(request, "dashboards/province.html", context)


@login_required
def nation(request: HttpRequest) -> HttpResponse:
    """Every province at a glance; a province-scoped executive goes to their own."""
    if not is_nationwide(request.user):
        return redirect("dashboard")
    form = PeriodForm(request.GET, with_quarter=False)
    if not form.is_valid():
        return bad_filter(request, form)
    fy, _quarter = form.period()
    context = {
        "form": form,
        "fiscal_year": fy,
        "query": urlencode({"fy": fy}),
        **rendered.nation_figures(fy),
    }
    return render(request, "dashboards/nation.html", context)
