"""`manage.py national_data` at a tiny scale: what it writes is what the models accept, and
the demo province is left alone."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test.utils import override_settings

from conftest import ensure_reference_rows, make_centers
from thanrak.accounts.models import Role, User
from thanrak.centers.models import Activity, Center, Meeting, Report
from thanrak.core.thai import citizen_id_is_valid, current_fiscal_year
from thanrak.demo.national import choose_districts, fake_citizen_id
from thanrak.evidence.models import Evidence
from thanrak.monitoring.models import MonitoringRound
from thanrak.producers.models import (
    Certification,
    Group,
    Member,
    Producer,
    Product,
    Service,
    StageChange,
)
from thanrak.rules.guideline import RULES, evaluate

SURAT_THANI = "84"


def _load(**options) -> str:
    out = io.StringIO()
    call_command("national_data", "--scale", "0.002", "--seed", "1", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def national(module_db, tmp_path_factory):
    """National data on top of the suite's Surat Thani centers (standing in for the demo),
    loaded once for the module's tests; its files go to a folder of their own."""
    media_root = tmp_path_factory.mktemp("national-media")
    with module_db.unblock(), override_settings(MEDIA_ROOT=media_root):
        ensure_reference_rows()
        make_centers()
        demo_centers = set(
            Center.objects.filter(district__province=SURAT_THANI).values_list("pk", flat=True)
        )
        return _load(), demo_centers, media_root


@pytest.fixture
def loaded(db, national, settings):
    output, demo_centers, media_root = national
    settings.MEDIA_ROOT = media_root
    return output, demo_centers


def test_fills_the_chosen_districts_with_records_the_models_and_rules_accept(loaded):
    output, _demo = loaded
    chosen = [code for code, _name, _province in choose_districts(scale=0.002, seed=1)]
    assert chosen and all(not code.startswith(SURAT_THANI) for code in chosen)
    for code in chosen:
        assert Activity.objects.filter(center__district=code).count() > 100
        assert Producer.objects.filter(district=code).exists()
        assert Service.objects.filter(district=code).exists()
        assert User.objects.get(username=f"d{code}").role == Role.DISTRICT_OFFICER
    activities = Activity.objects.filter(center__district__in=chosen)
    with_evidence = activities.filter(pk__in=Evidence.objects.filter(content_type__model="activity")
                                      .values("object_id")).count()  # fmt: skip
    assert 0.5 * activities.count() < with_evidence < activities.count()
    assert f"activities: {activities.count():,}" in output
    assert all(citizen_id_is_valid(c) for c in Member.objects.values_list("citizen_id", flat=True))
    samples = [
        activities.order_by("-date").first(),
        Meeting.objects.filter(center__district__in=chosen).first(),
        Report.objects.filter(center__district__in=chosen).first(),
        Evidence.objects.filter(district__in=chosen).first(),
        Group.objects.filter(district__in=chosen).first(),
        Member.objects.first(),
        Producer.objects.filter(district__in=chosen).first(),
        Product.objects.filter(district__in=chosen).first(),
        Certification.objects.first(),
        Service.objects.filter(district__in=chosen).first(),
        StageChange.objects.filter(district__in=chosen).first(),
        User.objects.get(username=f"d{chosen[0]}"),
    ]
    for obj in samples:
        obj.full_clean()
    district = Center.objects.select_related("district").get(district=chosen[0]).district
    matrix = evaluate(district.province.districts.order_by("code"), current_fiscal_year() - 1)
    row = next(r for r in matrix.rows if r.district.pk == district.pk)
    assert len(row.results) == len(RULES)


def test_leaves_the_demo_province_alone(loaded):
    _output, demo_centers = loaded
    in_demo = {"district__province": SURAT_THANI}
    assert set(Center.objects.filter(**in_demo).values_list("pk", flat=True)) == demo_centers
    assert not Activity.objects.filter(center__district__province=SURAT_THANI).exists()
    assert not Evidence.objects.filter(**in_demo).exists()
    assert not Producer.objects.filter(**in_demo).exists()
    assert not Service.objects.filter(**in_demo).exists()
    assert not MonitoringRound.objects.filter(province=SURAT_THANI).exists()
    assert not User.objects.filter(username__startswith=f"d{SURAT_THANI}").exists()


def test_running_it_again_is_refused_and_writes_nothing(loaded):
    before = Activity.objects.count(), Producer.objects.count(), User.objects.count()
    with pytest.raises(CommandError, match="already there"):
        _load()
    assert (Activity.objects.count(), Producer.objects.count(), User.objects.count()) == before


def test_fake_citizen_ids_are_valid_and_distinct():
    ids = {fake_citizen_id(n) for n in range(1, 2000)}
    assert len(ids) == 1999 and all(citizen_id_is_valid(i) for i in ids)
