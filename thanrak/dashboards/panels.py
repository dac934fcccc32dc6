"""What the dashboards draw: the figures turned into charts, maps and the rows of their tables.

Each panel's table rows are the chart's bars themselves, so the numbers a screen reader
hears (and the printed table shows) are the numbers drawn.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from thanrak.areas.models import Province
from thanrak.centers.models import Report
from thanrak.core.thai import format_baht
from thanrak.dashboards import charts, maps, tiles
from thanrak.dashboards.charts import Bar
from thanrak.dashboards.selectors import Figures, ProvinceRow, RuleCount
from thanrak.dashboards.tiles import PROVINCE_TILES
from thanrak.rules.guideline import RULES


def panels(fig: Figures) -> dict:
    """The charts every dashboard shows, each with the bars its table lists."""
    total = fig.district_count
    rules = [_rule_bar(r) for r in fig.rules]
    statuses = fig.reports.by_status
    # The statuses as the reports pages name them (the model's labels).
    Status = Report.Status
    reports = [
        Bar(Status.ACCEPTED.label, statuses[Status.ACCEPTED], css="tone-good"),
        Bar(Status.SUBMITTED.label, statuses[Status.SUBMITTED], css="tone-mid"),
        Bar(Status.RETURNED.label, statuses[Status.RETURNED], css="tone-warn"),
        Bar(Status.DRAFT.label, statuses[Status.DRAFT], css="tone-pale"),
        # Not begun: past the due date (late), or not due yet (nothing is wrong).
        Bar(_("Past due, not begun"), fig.reports.overdue_not_started, css="tone-late"),
        Bar(pgettext("reports", "Not due yet"), fig.reports.not_due, css="tone-none"),
    ]
    budget = _budget_bars(fig.allocated, fig.spent)
    activities = [Bar(m.label, m.activities, css="tone-good") for m in fig.months]
    people = [Bar(m.label, m.people, css="tone-mid") for m in fig.months]
    stages = [Bar(str(stage.label), n, css="tone-good") for stage, n in fig.stages]
    return {
        "rules": (
            rules,
            charts.horizontal_bars("rules", _("Districts meeting each rule"), rules, top=total),
        ),
        "reports": (reports, charts.stacked_bar("reports", _("The year's reports"), reports)),
        "budget": (budget, charts.stacked_bar("budget", _("Budget spent"), budget)),
        "activities": (
            activities,
            charts.columns("activities", _("Activities per month"), activities),
        ),
        "people": (people, charts.columns("people", _("People served per month"), people)),
        "months": list(zip(fig.months, activities, people, strict=True)),
        "stages": (
            stages,
            charts.horizontal_bars("stages", _("Groups and producers by stage"), stages),
        ),
    }


def _budget_bars(allocated, spent) -> list[Bar]:
    """Spent and remaining; spent beyond the allocation, when it is, as a bar of its own
    (never «remaining 0» hiding it)."""
    if spent <= allocated:
        remaining = allocated - spent
        return [
            Bar(_("Spent"), float(spent), format_baht(spent), "tone-good"),
            Bar(_("Remaining"), float(remaining), format_baht(remaining), "tone-none"),
        ]
    over = spent - allocated
    return [
        Bar(
            _("Spent within the allocation"), float(allocated), format_baht(allocated), "tone-good"
        ),
        Bar(_("Spent beyond the allocation"), float(over), format_baht(over), "tone-late"),
    ]


def _rule_bar(count: RuleCount) -> Bar:
    """The rule's bar: its number as drawn («12/19»; «12/17» of the districts it is due for,
    «–» where it is due for none yet) and the table's note of the districts it is not due
    for yet, so that a rule due later is not read as districts failing it."""
    label = f"{count.rule.id} {count.rule.title}"
    if not count.not_due:
        return Bar(label, count.held, f"{count.held}/{count.total}", "tone-good")
    if not count.due:
        return Bar(label, 0, "–", "tone-good", note=_("not due yet"))
    # Counted and drawn on the districts it is due for: «18/18» is a full bar, not «18/19»
    # read as one failing.
    note = _("not due yet for %(count)s") % {"count": count.not_due}
    return Bar(
        label, count.held, f"{count.held}/{count.due}", "tone-good", note=note, top=count.due
    )


def district_map(fig: Figures, offices: dict[str, tuple[float, float]], query: str):
    """The province's districts coloured by the rules they hold; dots when the offices are
    known, tiles in code order otherwise. Returns (svg, drawn as dots)."""
    places = [
        maps.Place(
            code=row.district.pk,
            name=row.district.name,
            href=f"{reverse('rules:readiness', args=[row.district.pk])}?{query}",
            value=str(row.held) if row.due else "–",
            css=failed_level(row.failed) if row.due else "level-none",
            label=_district_label(row),
        )
        for row in fig.district_rows
    ]
    title = _("Districts by rules met")
    if places and all(p.code in offices for p in places):
        return maps.district_dots(places, offices, title), True
    grid = maps.district_grid(places)
    return maps.tiles("districts", places, grid, title, width=96), False


def _province_label(row: ProvinceRow, percent: int | None) -> str:
    name = row.province.full_name
    if percent is not None:
        return _("%(province)s: %(percent)s%% of the rules due met") % {
            "province": name,
            "percent": percent,
        }
    if row.centers:  # centers, but a year none of whose rules is due yet
        return _("%(province)s: no rule is due yet") % {"province": name}
    return _("%(province)s: no data") % {"province": name}


def nation_map(rows: list[ProvinceRow], fiscal_year: int):
    query = urlencode({"fy": fiscal_year})
    english = tiles.english_abbreviations({row.province.pk: row.province.name_en for row in rows})
    places = []
    for row in rows:
        percent = row.rules_percent
        places.append(
            maps.Place(
                code=row.province.pk,
                name=_short_name(row.province, english),
                href=f"{reverse('dashboards:province', args=[row.province.pk])}?{query}",
                value="–" if percent is None else f"{percent}%",
                css=maps.level(None if percent is None else percent / 100),
                label=_province_label(row, percent),
            )
        )
    return maps.tiles("provinces", places, maps.province_grid(), _("Provinces by rules met"))


def _short_name(province: Province, english: dict[str, str]) -> str:
    """The official Thai abbreviation; in English, its English one (``english``)."""
    thai_abbr = PROVINCE_TILES[province.pk][2]
    return thai_abbr if province.name == province.name_th else english[province.pk]


def _district_label(row) -> str:
    if not row.due:  # a year not begun: nothing met, nothing failed
        return _("%(district)s: no rule due yet") % {"district": row.district.full_name}
    return _("%(district)s: %(held)s of the %(due)s rules due met") % {
        "district": row.district.full_name,
        "held": row.held,
        "due": row.due,
    }


# The district map's colours by the rules due a district fails (a rule due later is not
# counted against it): none is the best level, five or more the worst.
FAILED_STEPS = ((5, 10), (3, 4), (2, 2), (1, 1), (0, 0))


def failed_level(failed: int) -> str:
    return next(f"level-{i}" for i, (low, high) in enumerate(FAILED_STEPS) if failed >= low)


def rules_legend() -> list[tuple[str, str]]:
    """The colours of the district map, from the best: the rules due it fails."""
    legend = []
    for i, (low, high) in reversed(list(enumerate(FAILED_STEPS))):
        if not high:
            text = _("meets every rule due")
        elif low == high:
            text = ngettext("fails %(count)s rule due", "fails %(count)s rules due", low) % {
                "count": low
            }
        elif high == len(RULES):
            text = _("fails %(count)s or more rules due") % {"count": low}
        else:
            text = _("fails %(low)s–%(high)s rules due") % {"low": low, "high": high}
        legend.append((f"level-{i}", text))
    return [*legend, ("level-none", _("no rule due yet"))]


def percent_legend() -> list[tuple[str, str]]:
    steps = [(0, 19), (20, 39), (40, 59), (60, 79), (80, 100)]
    return [
        *((f"level-{i}", f"{low}–{high}%") for i, (low, high) in enumerate(steps)),
        ("level-none", _("No data")),
    ]
