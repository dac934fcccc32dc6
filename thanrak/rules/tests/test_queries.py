"""The matrix and readiness cost the same number of queries whatever their size."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thanrak.areas.models import District
from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    Center,
    CommitteeMember,
    CommitteeTerm,
    Expense,
    LessonsLearned,
    Material,
    Meeting,
    Plan,
    Publicity,
    Report,
)
from thanrak.evidence.models import Evidence, guessed_purpose
from thanrak.rules import guideline, selectors
from thanrak.rules.tests import factories as f

TODAY = dt.date(2020, 10, 15)


def queries(action) -> int:
    """The queries an action costs, without the session's own bookkeeping (the session
    notes the last request at most once a minute, which a slow run crosses)."""
    with CaptureQueriesContext(connection) as context:
        action()
    return sum('"django_session"' not in q["sql"] for q in context.captured_queries)


def seed(centers: list[Center], per_kind: int = 1) -> None:
    """A few records of every kind for each center, in bulk; evidence rows name no real file."""
    day = dt.date(2020, 1, 15)
    terms = CommitteeTerm.objects.bulk_create(
        CommitteeTerm(
            center=c, order_number="1/2563", order_date=day, starts_on=dt.date(2019, 10, 1)
        )
        for c in centers
    )
    CommitteeMember.objects.bulk_create(
        CommitteeMember(term=t, name=f"กรรมการ {i}", category=cat)
        for t in terms
        for i, cat in enumerate(f.categories(13))
    )
    dated = {}
    for model, extra in [
        (Meeting, {"title": "ประชุม"}),
        (Activity, {"title": "กิจกรรม", "kind": "form_groups"}),
        (Publicity, {"title": "ข่าว", "channel": "facebook"}),
        (
            Expense,
            {"description": "วัสดุ", "method": "purchase", "vendor": "ร้าน", "amount": Decimal(100)},
        ),
    ]:
        dated[model] = model.objects.bulk_create(
            model(center=c, date=day + dt.timedelta(days=i), **extra)
            for c in centers
            for i in range(per_kind)
        )
    plans = Plan.objects.bulk_create(
        Plan(center=c, kind=kind, title="แผน", first_year=2563, last_year=2563 + (kind == "long"))
        for c in centers
        for kind in ("short", "long")
    )
    BudgetAllocation.objects.bulk_create(
        BudgetAllocation(center=c, fiscal_year=2563, amount=Decimal(1500)) for c in centers
    )
    Material.objects.bulk_create(Material(center=c, title="แผ่นพับ") for c in centers)
    Report.objects.bulk_create(
        Report(center=c, fiscal_year=2563, quarter=0, status="submitted") for c in centers
    )
    LessonsLearned.objects.bulk_create(
        LessonsLearned(center=c, fiscal_year=2563, results="ผล") for c in centers
    )
    district_of = {c.pk: c.district_id for c in centers}
    now = timezone.now()
    Evidence.objects.bulk_create(
        Evidence(
            district_id=district_of[record.center_id],
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            file="evidence/test/not-stored.png",
            kind="image",
            purpose=guessed_purpose(record, "image"),  # minutes, receipts, plans …
            content_type_name="image/png",
            extension=".png",
            original_name="photo.png",
            size=100,
            uploaded_at=now,
        )
        for records in [terms, plans, *dated.values()]
        for record in records
    )


@pytest.fixture
def surat_thani(centers):
    seed([c for c in centers.values() if c.district.province_id == "84"])
    return list(District.objects.filter(province="84").order_by("code"))


@pytest.fixture
def two_hundred(centers):
    """200 districts of other provinces, each with a center and a few records."""
    districts = list(
        District.objects.exclude(province="84").exclude(pk__in=centers).order_by("code")[:200]
    )
    made = Center.objects.bulk_create(Center(district=d) for d in districts)
    for center, district in zip(made, districts, strict=True):
        center.district = district
    seed(made)
    return districts


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


def test_readiness_costs_the_same_for_few_and_many_records(centers):
    few, many = centers["8417"], centers["8406"]
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


def test_nation_page_costs_the_same_for_19_and_219_districts(
    surat_thani, two_hundred, login, admin_user
):
    client = login(admin_user)
    url = reverse("rules:nation") + "?fy=2563"
    client.get(url)
    with_200 = queries(lambda: client.get(url))
    Center.objects.filter(district__in=[d.pk for d in two_hundred]).delete()
    assert queries(lambda: client.get(url)) == with_200
