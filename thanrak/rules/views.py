from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from thanrak.accounts.access import (
    can_manage_province,
    get_district_for_user,
    get_province_for_user,
    is_nationwide,
    readable_districts,
)
from thanrak.core.db import area_name_order
from thanrak.core.filters import PeriodForm, bad_filter
from thanrak.core.periods import Period
from thanrak.rules import guideline, selectors, text
from thanrak.rules.forms import ComplianceForm, RuleSettingsForm
from thanrak.rules.models import RuleSettings


@login_required
def compliance(request: HttpRequest, province: str) -> HttpResponse:
    """The province's districts against the rules R1–R10 for a fiscal year or quarter."""
    prov = get_province_for_user(request.user, province)
    form = ComplianceForm(request.GET)
    if not form.is_valid():
        return bad_filter(request, form)
    fy, quarter = form.period()
    districts = (
        readable_districts(request.user)
        .filter(province=prov)
        .select_related("province")
        .order_by(area_name_order())
    )
    matrix = guideline.evaluate(districts, fy, quarter)
    if form.worst_first():
        matrix.worst_first()
    thresholds = RuleSettings.for_province(prov, fy)
    context = {
        "province": prov,
        "form": form,
        "fiscal_year": fy,
        "quarter": quarter,
        "query": urlencode({"fy": fy, "quarter": quarter or ""}),
        "matrix": matrix,
        "totals": list(zip(matrix.rules, matrix.totals(), strict=True)),
        "can_manage": can_manage_province(request.user, prov),
        # The legend in the province's own thresholds for the year.
        "legend": [(rule, rule.describe(thresholds)) for rule in matrix.rules],
    }
    return render(request, "rules/compliance.html", context)


@login_required
def nation(request: HttpRequest) -> HttpResponse:
    """Every province against the rules, each a link to its districts (nationwide readers)."""
    if not is_nationwide(request.user):
        return redirect("rules:compliance", request.user.province_id)
    form = ComplianceForm(request.GET)
    if not form.is_valid():
        return bad_filter(request, form)
    fy, quarter = form.period()
    rows = selectors.nation_compliance(fy, quarter)
    if form.worst_first():
        # The largest share of its districts' results failed first; ties in Thai order.
        rows.sort(key=lambda row: -row.failed_share)
    context = {
        "form": form,
        "fiscal_year": fy,
        "quarter": quarter,
        "query": urlencode({"fy": fy, "quarter": quarter or ""}),
        "rules": guideline.RULES,
        "rows": [row for row in rows if row.centers],
        "without_data": [row.province for row in rows if not row.centers],
    }
    return render(request, "rules/nation.html", context)


@login_required
def cell(request: HttpRequest, district: str, rule: str) -> HttpResponse:
    """One district against one rule: the explanation and the records behind it."""
    dist = get_district_for_user(request.user, district)
    definition = guideline.RULES_BY_ID.get(rule)
    if definition is None:
        raise Http404
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return bad_filter(request, form)
    fy, quarter = form.period()
    result = guideline.evaluate_district(dist, fy, quarter).results[rule]
    query = urlencode({"fy": fy, "quarter": quarter or ""})
    context = {
        "district": dist,
        "rule": definition,
        "held_when": definition.describe(RuleSettings.for_province(dist.province_id, fy)),
        "result": result,
        "period": Period(fy, quarter or 0),
        "period_label": text.period(Period(fy, quarter or 0)),
        "form": form,
        "lines": selectors.describe_records(result.records),
        "evidence_template": selectors.evidence_template(),
        # Province-wide users came from the matrix; district officers from their home.
        "matrix_url": None
        if request.user.district_id
        else f"{reverse('rules:compliance', args=[dist.province_id])}?{query}",
    }
    template = "rules/cell.html#details" if getattr(request, "htmx", False) else "rules/cell.html"
    return render(request, template, context)


@login_required
def readiness(request: HttpRequest, district: str) -> HttpResponse:
    """The six items of the province's monitoring letter, ready to show or print."""
    dist = get_district_for_user(request.user, district)
    form = PeriodForm(request.GET, with_quarter=False)
    if not form.is_valid():
        return bad_filter(request, form)
    fy, _quarter = form.period()
    context = {
        "district": dist,
        "form": form,
        "readiness": selectors.readiness(dist, fy),
        "evidence_template": selectors.evidence_template(),
    }
    return render(request, "rules/readiness.html", context)


@login_required
def rule_settings(request: HttpRequest, province: str, fiscal_year: int) -> HttpResponse:
    """The province officer sets the thresholds of the rules for one fiscal year."""
    prov = get_province_for_user(request.user, province, manage=True)
    if not 2500 <= fiscal_year <= 2700:
        raise Http404
    instance = RuleSettings.for_province(prov, fiscal_year)
    form = RuleSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("The thresholds for fiscal year %(year)s are saved.") % {"year": fiscal_year}
        )
        return redirect(f"{reverse('rules:compliance', args=[prov.pk])}?fy={fiscal_year}")
    context = {
        "province": prov,
        "fiscal_year": fiscal_year,
        "form": form,
        "saved": instance.pk is not None,
    }
    return render(request, "rules/settings.html", context)
