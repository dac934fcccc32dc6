import datetime as dt

from django.utils import timezone

from thanrak.core.thai import citizen_id_is_valid
from thanrak.demo.producers import fake_citizen_id, load_producers
from thanrak.producers.models import Certification, Member, Product, Service, StageChange, Wisdom


def test_producers_demo_covers_19_districts_and_is_idempotent(demo):
    assert Wisdom.objects.values("district").distinct().count() == 19
    assert Product.objects.filter(name="ไข่เค็มไชยา", district="8406").exists()
    assert Product.objects.filter(name="ผ้าไหมพุมเรียง", district="8406").exists()
    assert all(citizen_id_is_valid(c) for c in Member.objects.values_list("citizen_id", flat=True))
    today = timezone.localdate()
    soon = Certification.objects.filter(expires_on__lte=today + dt.timedelta(days=90))
    assert soon.exists()
    assert (
        StageChange.objects.filter(date__range=(dt.date(2019, 10, 1), dt.date(2020, 9, 30))).count()
        > 19
    )
    fy2563 = (dt.date(2019, 10, 1), dt.date(2020, 9, 30))
    assert Service.objects.filter(date__range=fy2563).count() == 190
    counts = Wisdom.objects.count(), Member.objects.count()
    load_producers()
    assert (Wisdom.objects.count(), Member.objects.count()) == counts


def test_fake_citizen_ids_are_valid_and_obviously_fake():
    assert citizen_id_is_valid(fake_citizen_id(1))
    assert fake_citizen_id(1).startswith("199999")
