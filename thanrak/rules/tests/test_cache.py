"""The rules' results kept per province: read again for nothing, forgotten on any write."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from conftest import NAKHON_DISTRICT
from thanrak.areas.models import District
from thanrak.centers.models import Activity
from thanrak.core.periods import Period
from thanrak.rules import cache as rules_cache
from thanrak.rules import guideline
from thanrak.rules.guideline import HELD, NOT_HELD
from thanrak.rules.models import RuleSettings
from thanrak.rules.tests import factories as f

FY = 2563
TODAY = dt.date(2020, 10, 15)


@pytest.fixture(autouse=True)
def kept(settings):
    settings.RULES_CACHE_SECONDS = 3600
    cache.clear()
    with translation.override("th"):
        yield
    cache.clear()


@pytest.fixture
def districts(centers):
    return list(
        District.objects.filter(pk__in=[*centers]).select_related("province").order_by("code")
    )


def evaluate(districts):
    return guideline.evaluate(districts, FY, today=TODAY)


def statuses(matrix, rule="R5"):
    return {row.district.pk: row.results[rule].status for row in matrix.rows}


def queries(action) -> int:
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def test_a_second_evaluation_reads_only_the_tokens_and_the_centers(districts):
    first = evaluate(districts)
    assert queries(lambda: evaluate(districts)) == 2
    again = evaluate(districts)
    assert [r.district.pk for r in again.rows] == [r.district.pk for r in first.rows]
    assert [r.center.pk for r in again.rows] == [r.center.pk for r in first.rows]
    assert [[c.explanation for c in r.cells] for r in again.rows] == [
        [c.explanation for c in r.cells] for r in first.rows
    ]


def test_kept_results_equal_fresh_ones(settings, districts, phunphin):
    f.every_month_but(phunphin, skip={(2020, 2)})
    kept = evaluate(districts)
    kept = evaluate(districts)
    settings.RULES_CACHE_SECONDS = 0
    fresh = evaluate(districts)
    assert [[(c.status, c.explanation, c.todo) for c in r.cells] for r in kept.rows] == [
        [(c.status, c.explanation, c.todo) for c in r.cells] for r in fresh.rows
    ]


def test_a_record_saved_in_the_province_is_seen_at_once(districts, phunphin):
    f.every_month_but(phunphin, skip={(2020, 2)})
    assert statuses(evaluate(districts))[phunphin.district_id] == NOT_HELD
    f.activity(phunphin, dt.date(2020, 2, 10))  # with its evidence file
    assert statuses(evaluate(districts))[phunphin.district_id] == HELD


def test_a_deleted_record_and_a_new_threshold_are_seen_at_once(districts, phunphin):
    f.every_month_but(phunphin)
    assert statuses(evaluate(districts))[phunphin.district_id] == HELD
    Activity.objects.filter(center=phunphin, date__month=2).delete()
    assert statuses(evaluate(districts))[phunphin.district_id] == NOT_HELD
    f.every_month_but(phunphin, skip=[(y, m) for y, m in Period(FY).months if m != 2])
    assert statuses(evaluate(districts))[phunphin.district_id] == HELD
    RuleSettings.objects.create(province_id="84", fiscal_year=FY, activities_per_month=2)
    assert statuses(evaluate(districts))[phunphin.district_id] == NOT_HELD


def test_a_write_elsewhere_keeps_the_provinces_results(districts, centers, phunphin):
    evaluate(districts)
    assert rules_cache.Kept(districts, (FY, None, TODAY)).missing == []
    f.activity(centers[NAKHON_DISTRICT], dt.date(2020, 2, 10))
    missing = rules_cache.Kept(districts, (FY, None, TODAY)).missing
    assert [d.pk for d in missing] == [NAKHON_DISTRICT]


def test_each_language_keeps_its_own_sentences(districts, phunphin):
    f.every_month_but(phunphin, skip={(2020, 2)})

    def explanation():
        rows = {r.district.pk: r for r in evaluate(districts).rows}
        return rows[phunphin.district_id].results["R5"].explanation

    thai = explanation()
    with translation.override("en"):
        english = explanation()
    assert thai != english and "activit" in english


def test_the_explaining_page_is_never_kept(districts, phunphin):
    f.every_month_but(phunphin)
    evaluate(districts)
    row = guideline.evaluate_district(phunphin.district, FY, today=TODAY)
    assert len(row.results["R5"].records) == 12


def test_the_results_are_kept_for_the_districts_in_any_order(districts):
    evaluate(districts)
    assert queries(lambda: evaluate(list(reversed(districts)))) == 2


def test_refreshing_evaluates_again_and_keeps_the_new_results(districts, phunphin):
    f.every_month_but(phunphin, skip={(2020, 2)})
    evaluate(districts)
    with rules_cache.refreshing():
        assert queries(lambda: evaluate(districts)) > 2
    assert queries(lambda: evaluate(districts)) == 2
