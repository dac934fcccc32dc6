import datetime as dt

from django.utils import timezone

from thanrak.centers.models import CommitteeMember, Referral
from thanrak.core.thai import citizen_id_is_valid
from thanrak.demo.national_words import FIRST_NAMES, WOMEN
from thanrak.demo.producers import fake_citizen_id, load_producers
from thanrak.producers.models import (
    Certification,
    Member,
    Producer,
    Product,
    Service,
    StageChange,
    Wisdom,
)


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


def test_every_demo_person_has_a_title_that_fits_the_name(demo):
    """«นาย» before a man's first name only, «นาง» or «นางสาว» before a woman's, and no private
    sole owner shares a name with a wisdom holder the catalogue shows."""
    names = [
        *Member.objects.values_list("name", flat=True),
        *Wisdom.objects.values_list("holder", flat=True),
        *Producer.objects.filter(kind=Producer.Kind.SOLE).values_list("name", flat=True),
        *CommitteeMember.objects.values_list("name", flat=True),
        *Referral.objects.values_list("who", flat=True),
    ]
    checked = 0
    for name in names:
        for title in ("นางสาว", "นาง", "นาย"):
            first = name.removeprefix(title).split(" ")[0]
            if name.startswith(title) and first in FIRST_NAMES:
                assert (title == "นาย") == (first not in WOMEN), name
                checked += 1
                break
    assert checked > 300
    shown = set(Wisdom.objects.filter(holder_public=True).values_list("holder", flat=True))
    private = set(Producer.objects.filter(name_public=False).values_list("name", flat=True))
    assert private and not shown & private
