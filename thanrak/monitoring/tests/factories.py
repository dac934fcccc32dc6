"""Rounds, teams and visits for tests, and the URL objects of the scoping walk."""

import datetime as dt

from thanrak.accounts.models import Role, User
from thanrak.areas.models import District, Province
from thanrak.monitoring import services
from thanrak.monitoring.models import MonitoringRound, Team, Visit

SEED_TEAM_USERS = [
    ("pichai", "พิชัย"),
    ("pichai.team", "อัมพร"),
    ("paisit", "ไพศิษฐ์"),
    ("paisit.team", "จิราภรณ์"),
]


def seed_team_users() -> dict[str, User]:
    """The seed's team accounts (the `monitor` persona is `pichai`: reused when it exists)."""
    users = {}
    for username, first in SEED_TEAM_USERS:
        users[username], _created = User.objects.get_or_create(
            username=username,
            defaults={"role": Role.MONITOR, "province_id": "84", "first_name": first},
        )
    return users


def make_round(province_code: str, *, title: str = "รอบทดสอบ", days: int = 5) -> MonitoringRound:
    """A round over every district of the province with one team, led by a new monitor."""
    province = Province.objects.get(pk=province_code)
    round_ = services.round_create(
        province=province,
        user=None,
        title=title,
        fiscal_year=2563,
        starts_on=dt.date(2020, 9, 7),
        ends_on=dt.date(2020, 9, 7) + dt.timedelta(days=days - 1),
        districts=District.objects.filter(province=province),
    )
    lead, _created = User.objects.get_or_create(
        username=f"lead-{province_code}", defaults={"role": Role.MONITOR, "province": province}
    )
    services.team_save(round_=round_, name="ทีมทดสอบ", lead=lead, members=[])
    return round_


def url_round(province_code: str) -> int:
    round_ = MonitoringRound.objects.filter(province=province_code, title="รอบทดสอบ").first()
    return (round_ or make_round(province_code)).pk


def url_team(province_code: str) -> int:
    return Team.objects.filter(round_id=url_round(province_code)).first().pk


def make_visit(district_code: str) -> int:
    """A visit to the district in a round of its province."""
    district = District.objects.get(pk=district_code)
    round_ = MonitoringRound.objects.get(pk=url_round(district.province_id))
    visit, _created = Visit.objects.get_or_create(
        round=round_,
        district=district,
        defaults={
            "date": round_.starts_on,
            "time": dt.time(9, 0),
            "team": round_.teams.first(),
            "place": f"ที่ว่าการอำเภอ{district.name_th}",
        },
    )
    return visit.pk


URL_OBJECTS = {"visit": make_visit}
PROVINCE_URL_OBJECTS = {"round": url_round, "team": url_team}
