"""The national figures rendered once for every nationwide reader, and counted ahead of
the first reader of the day (``warm``, run by ``manage.py warm_figures``)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import get_language

from thanrak.core import thai
from thanrak.dashboards import kept, panels, selectors
from thanrak.rules import cache as rules_cache
from thanrak.rules.selectors import nation_compliance


def nation_figures(fiscal_year: int) -> dict:
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


def warm(fiscal_years: list[int]) -> list[tuple[str, float]]:
    """Count today's figures before anyone asks, in every language of the site: the rules
    of every district with a center, evaluated again and kept anew (the nationwide and
    province compliance pages, the dashboards), each province's dashboard figures and the
    national page's. Returns what was done with its seconds."""
    done = []
    languages = [code for code, _name in settings.LANGUAGES]
    for fiscal_year in fiscal_years:
        for language in languages:
            with translation.override(language), rules_cache.refreshing():
                started = time.perf_counter()
                nation_compliance(fiscal_year)
                done.append((f"rules {fiscal_year} {language}", time.perf_counter() - started))
        for language in languages:
            with translation.override(language):
                started = time.perf_counter()
                nation_figures(fiscal_year)
                done.append((f"dashboards {fiscal_year} {language}", time.perf_counter() - started))
    return done
