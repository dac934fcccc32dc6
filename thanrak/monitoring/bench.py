"""Benchmarks (`make bench`): how long the schedule generator takes, from the database.

- schedule_19x2: Surat Thani's 19 districts, 2 teams, 5 working days, the island tie.
- schedule_32x3: Nakhon Ratchasima's 32 districts, 3 teams, 6 working days, synthetic
  (seeded random) office positions within ±0.6° (about 65 km) of the base.
"""

import datetime as dt
import random
import time
from decimal import Decimal

from thanrak.accounts.models import Role, User
from thanrak.areas.models import District, Province
from thanrak.monitoring import schedule, selectors, services
from thanrak.monitoring.models import DistrictOffice, DistrictTie, FerryLink, TravelSettings
from thanrak.monitoring.surat_thani import FERRIES, OFFICES


def _round(province: Province, districts, teams: int, days: int):
    round_ = services.round_create(
        province=province,
        user=None,
        title="bench",
        fiscal_year=2563,
        # A Monday, from which the next weeks have no holiday.
        starts_on=dt.date(2020, 9, 14),
        ends_on=dt.date(2020, 9, 14) + dt.timedelta(days=days + (days - 1) // 5 * 2 - 1),
        districts=districts,
    )
    for n in range(teams):
        lead = User.objects.create(
            username=f"bench-{province.pk}-{n}", role=Role.MONITOR, province=province
        )
        services.team_save(round_=round_, name=f"ทีม {n + 1}", lead=lead, members=[], order=n)
    if len(round_.visit_days()) != days:
        raise RuntimeError("the bench round has the wrong number of working days")
    return round_


def _timed(round_) -> tuple[float, str]:
    start = time.perf_counter()
    problem = selectors.problem_for_round(round_)
    outcome = schedule.generate(problem)
    elapsed = time.perf_counter() - start
    if not outcome.ok:
        raise RuntimeError(outcome.violations)
    return elapsed, "s"


def schedule_19x2() -> tuple[float, str]:
    province = Province.objects.get(pk="84")
    TravelSettings.objects.create(province=province, base_id="8401")
    for code, (lat, lon, island) in OFFICES.items():
        DistrictOffice.objects.create(
            district_id=code, latitude=Decimal(str(lat)), longitude=Decimal(str(lon)), island=island
        )
    for a, b, minutes in FERRIES:
        FerryLink.objects.create(
            province=province, from_district_id=a, to_district_id=b, minutes=minutes
        )
    tie = DistrictTie.objects.create(province=province, name="islands")
    tie.districts.set(["8404", "8405"])
    return _timed(_round(province, District.objects.filter(province=province), 2, 5))


def schedule_32x3() -> tuple[float, str]:
    province = Province.objects.get(pk="30")
    districts = list(District.objects.filter(province=province).order_by("code")[:32])
    rng = random.Random(30)  # noqa: S311 - synthetic positions  # nosec B311
    base_lat, base_lon = 14.97, 102.10
    TravelSettings.objects.create(province=province, base=districts[0])
    for n, district in enumerate(districts):
        lat = base_lat + (rng.uniform(-0.6, 0.6) if n else 0)
        lon = base_lon + (rng.uniform(-0.6, 0.6) if n else 0)
        DistrictOffice.objects.create(
            district=district, latitude=Decimal(f"{lat:.6f}"), longitude=Decimal(f"{lon:.6f}")
        )
    return _timed(_round(province, districts, 3, 6))


BENCHMARKS = {"schedule_19x2": schedule_19x2, "schedule_32x3": schedule_32x3}
