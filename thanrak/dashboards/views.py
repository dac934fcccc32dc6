from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language

from thanrak.accounts.access import get_province_for_user, is_nationwide, readable_districts
from thanrak.core import thai
from thanrak.core.filters import PeriodForm, bad_filter
from thanrak.dashboards import kept, panels, selectors


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
        "visits": selectors.next_visits(codes, today),
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
        **_nation_figures(fy),
    }
    return render(request, "dashboards/nation.html", context)


def _nation_figures(fiscal_year: int) -> dict:
    """The national figures rendered: the same for every nationwide reader (nothing in them
    depends on who asks), kept for DASHBOARD_CACHE_SECONDS while no province's records
    change (``dashboards.kept``); otherwise the provinces that changed are counted again
    and the others' figures read back."""
    today = timezone.localdate()
    seconds = settings.DASHBOARD_CACHE_SECONDS
    stamps = kept.stamps() if seconds else {}
    key = kept.key("nation", fiscal_year, today, get_language(), sorted(stamps.items()))
    if seconds and (figures := cache.get(key)):
        return figures
    rows, fig = selectors.nation(fiscal_year, today, stamps)
    context = {
        "query": urlencode({"fy": fiscal_year}),
        "fig": fig,
        "panels": panels.panels(fig),
        "rows": thai.collate([r for r in rows if r.centers], key=lambda r: r.province.name_th),
        "without_data": sum(1 for row in rows if not row.centers),
        "nation_map": panels.nation_map(rows, fiscal_year),
        "legend": panels.percent_legend(),
    }
    figures = {
        "body": render_to_string("dashboards/_nation_body.html", context),  # a SafeString
        "with_centers": len(context["rows"]),
        "made_at": timezone.localtime(),
    }
    if seconds:
        cache.set(key, figures, seconds)
    return figures
