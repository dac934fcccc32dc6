"""The nation page costs the same number of queries for 19 and 219 districts."""

from django.db import transaction
from django.urls import reverse

from thanrak.centers.models import Center
from thanrak.rules.tests.factories import make_two_hundred, queries, seed


def test_nation_page_costs_the_same_for_19_and_219_districts(centers, login, admin_user):
    seed([c for c in centers.values() if c.district.province_id == "84"])
    client = login(admin_user)
    url = reverse("rules:nation") + "?fy=2563"
    # The 200 go with their savepoint: deleting them row by row would cost seconds of
    # history rows and stamps, which this page does not read.
    with transaction.atomic():
        two_hundred = make_two_hundred(centers)
        client.get(url)
        with_200 = queries(lambda: client.get(url))
        transaction.set_rollback(True)
    assert not Center.objects.filter(district__in=[d.pk for d in two_hundred]).exists()
    assert queries(lambda: client.get(url)) == with_200
