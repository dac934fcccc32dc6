"""The matrix and readiness cost the same number of queries whatever their size.

The 19 districts of Surat Thani and 200 of other provinces, each with a center and a few
records, are made once for the module (module_db); each test runs in a savepoint and
starts from an empty cache, so the rules' kept results of one test never serve another.
The nation page's test takes the 200 away again, so it lives in test_nation_queries.py.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from conftest import make_centers
from thanrak.areas.models import District
from thanrak.centers.models import Center
from thanrak.rules import guideline, selectors
from thanrak.rules.tests.factories import make_two_hundred, queries, seed

TODAY = dt.date(2020, 10, 15)


@pytest.fixture(scope="module")
def shared_rows(module_db) -> tuple[list[District], list[District]]:
    with module_db.unblock():
        centers = make_centers()
        seed([c for c in centers.values() if c.district.province_id == "84"])
        two_hundred = make_two_hundred(centers)
        surat_thani = list(District.objects.filter(province="84").order_by("code"))
    return surat_thani, two_hundred


@pytest.fixture
def surat_thani(shared_rows, db) -> list[District]:
    cache.clear()
    return shared_rows[0]


@pytest.fixture
def two_hundred(shared_rows, db) -> list[District]:
    return shared_rows[1]


def test_evaluate_costs_the_same_for_19_and_200_districts(surat_thani, two_hundred):
    guideline.evaluate(surat_thani, 2563, today=TODAY)  # warm the content-type cache
    small = queries(lambda: guideline.evaluate(surat_thani, 2563, today=TODAY))
    large = queries(lambda: guideline.evaluate(two_hundred, 2563, today=TODAY))
    assert small == large
    assert small <= 16
    matrix = guideline.evaluate(two_hundred, 2563, today=TODAY)
    assert len(matrix.rows) == 200
    held = {r.rule for r in matrix.rows[0].cells if r.status == guideline.HELD}
    assert {"R1", "R2", "R4", "R7", "R9", "R10"} <= held


def test_matrix_page_costs_the_same_for_19_and_219_districts(
    surat_thani, two_hundred, login, province_officer
):
    client = login(province_officer)
    url = reverse("rules:compliance", args=["84"]) + "?fy=2563"
    client.get(url)
    small = queries(lambda: client.get(url))
    # The page lists a province's districts: move the 200 into Surat Thani for this test.
    District.objects.filter(pk__in=[d.pk for d in two_hundred]).update(province_id="84")
    response = None

    def get():
        nonlocal response
        response = client.get(url)

    large = queries(get)
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") >= 219
    assert small == large


def test_readiness_costs_the_same_for_few_and_many_records(surat_thani):
    # Two districts without a center yet: the module's records are not theirs.
    districts = District.objects.filter(center__isnull=True).order_by("code")[:2]
    few, many = Center.objects.bulk_create(Center(district=d) for d in districts)
    seed([few], per_kind=1)
    seed([many], per_kind=6)
    selectors.readiness(few.district, 2563, TODAY)
    small = queries(lambda: selectors.readiness(few.district, 2563, TODAY))
    large = queries(lambda: selectors.readiness(many.district, 2563, TODAY))
    assert small == large
    readiness = selectors.readiness(many.district, 2563, TODAY)
    assert [item.count for item in readiness.items] == [13, 6, 2, 6, 6, 6]


def test_nation_summary_adds_up_the_provinces_districts(surat_thani, two_hundred):
    rows = {r.province.pk: r for r in selectors.nation_compliance(2563, today=TODAY)}
    assert len(rows) == 77
    matrix = guideline.evaluate(surat_thani, 2563, today=TODAY)
    assert rows["84"].held == [t[guideline.HELD] for t in matrix.totals()]
    assert rows["84"].districts == len(surat_thani)
    evaluated = sum(r.districts for r in rows.values() if r.centers)
    assert evaluated >= 219
    # A province without any center shows no data rather than ten failures.
    empty = next(r for r in rows.values() if not r.centers)
    assert empty.cells == []
