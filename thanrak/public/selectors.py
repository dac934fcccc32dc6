"""What the public pages count: the centers' results of a fiscal year, nationwide."""

from dataclasses import dataclass

from django.db.models import Count, F, Sum

from thanrak.centers.models import Activity, Center
from thanrak.core import thai
from thanrak.producers.models import Group, Product, Service, Wisdom


@dataclass(frozen=True)
class Achievements:
    fiscal_year: int
    centers: int
    activities: int
    participants: int  # people who joined the activities (the three target types)
    services: int  # services given at the centers
    wisdom: int  # the catalogue: local wisdom entries, groups and products
    groups: int
    products: int


def achievements(fiscal_year: int) -> Achievements:
    """The whole country's figures for a fiscal year, as the dashboards count them
    (``dashboards.selectors``: activities and services by their date in the year). Three
    aggregates and four counts, whatever the number of records; the landing page keeps the
    result for the day (``public.cache``)."""
    start, end = thai.fiscal_year_range(fiscal_year)
    # COUNT(*) rather than of the ids: the date index holds all it needs.
    activities = Activity.objects.filter(date__range=(start, end)).aggregate(
        n=Count("*"),
        people=Sum(F("participants_type1") + F("participants_type2") + F("participants_type3")),
    )
    return Achievements(
        fiscal_year=fiscal_year,
        centers=Center.objects.count(),
        activities=activities["n"],
        participants=activities["people"] or 0,
        services=Service.objects.filter(date__range=(start, end)).count(),
        wisdom=Wisdom.objects.count(),
        groups=Group.objects.count(),
        products=Product.objects.count(),
    )
