"""{% district_compliance district %}: the district's row and what to do next."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.http import urlencode

from thanrak.areas.models import District
from thanrak.centers.models import Center
from thanrak.core.periods import Period
from thanrak.core.thai import fiscal_quarter, fiscal_year
from thanrak.rules import guideline

register = template.Library()


@register.inclusion_tag("rules/_district_compliance.html", takes_context=True)
def district_compliance(context, district: District | Center, today: dt.date | None = None):
    """Render the district's results for the current fiscal year and quarter, with a to-do list."""
    if isinstance(district, Center):
        district = district.district
    today = today or timezone.localdate()
    fy, quarter = fiscal_year(today), fiscal_quarter(today)
    # One load of the year's records serves both rows (and the page's to-do list).
    facts, thresholds = guideline.district_year(district, fy, request=context.get("request"))
    year_row = guideline.check_district(facts, Period(fy), thresholds, today)
    quarter_row = guideline.check_district(facts, Period(fy, quarter), thresholds, today)
    todo = list(dict.fromkeys([*year_row.todo, *quarter_row.todo]))
    return {
        "request": context.get("request"),
        "district": district,
        "rules": guideline.RULES,
        "fiscal_year": fy,
        "quarter": quarter,
        "rows": [
            (year_row, urlencode({"fy": fy}), "year"),
            (quarter_row, urlencode({"fy": fy, "quarter": quarter}), "quarter"),
        ],
        "todo": todo,
    }
