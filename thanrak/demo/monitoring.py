"""The seed's monitoring round: two teams visit Surat Thani's 19 districts, 7–11 Sep 2563.

Exactly the seed's กำหนดการติดตาม (dates, times, places, teams), the travel data the
schedule checker needs (approximate district-office positions, the ferries from
ดอนสัก and the island tie), and findings recorded at a few visits.

The current fiscal year has a round of the same shape still under way: the seed's
schedule moved to next week, or the first week after it with no holiday (พุนพิน first, on
Monday), except one visit of ผอ.พิชัย's team today (or this week, on a weekend), and no
findings yet.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile

from thanrak.accounts.models import User
from thanrak.areas.models import District, Province
from thanrak.core.thai import current_fiscal_year
from thanrak.demo import files
from thanrak.monitoring import services
from thanrak.monitoring.days_off import thai_holidays
from thanrak.monitoring.models import (
    DistrictOffice,
    DistrictTie,
    FerryLink,
    MonitoringRound,
    Result,
    TravelSettings,
    Visit,
    VisitFinding,
)
from thanrak.monitoring.surat_thani import FERRIES, OFFICES

# The seed's round is titled as its schedule is headed («กำหนดการ» and the title); the
# current year's round names its year.
TITLE = "ติดตามโครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก"
TITLE_OF_YEAR = TITLE + " ปี {year}"
SEED_HOLIDAY_WORKED = "ออกติดตามตามกำหนดการที่แจ้งอำเภอไว้แล้ว"
# The current round's visit of ผอ.พิชัย's team that falls this week rather than next.
THIS_WEEK = "8410"

# The seed's schedule: (team, date, time, district, place). Team 1 is ผอ.พิชัย, 2 ผอ.ไพศิษฐ์.
SEED_VISITS = [
    (1, dt.date(2020, 9, 7), dt.time(9, 0), "8417", "ที่ว่าการอำเภอพุนพิน"),
    (1, dt.date(2020, 9, 7), dt.time(13, 0), "8414", "ที่ว่าการอำเภอเคียนซา"),
    (1, dt.date(2020, 9, 8), dt.time(9, 0), "8406", "ที่ว่าการอำเภอไชยา"),
    (1, dt.date(2020, 9, 8), dt.time(13, 0), "8407", "ที่ว่าการอำเภอท่าชนะ"),
    (1, dt.date(2020, 9, 9), dt.time(9, 0), "8411", "ที่ว่าการอำเภอท่าฉาง"),
    (1, dt.date(2020, 9, 9), dt.time(13, 0), "8419", "ที่ว่าการอำเภอวิภาวดี"),
    (1, dt.date(2020, 9, 10), dt.time(9, 0), "8408", "ที่ว่าการอำเภอคีรีรัฐนิคม"),
    (1, dt.date(2020, 9, 10), dt.time(13, 0), "8409", "ที่ว่าการอำเภอบ้านตาขุน"),
    (1, dt.date(2020, 9, 11), dt.time(9, 30), "8410", "ที่ว่าการอำเภอพนม"),
    (2, dt.date(2020, 9, 7), dt.time(9, 0), "8413", "ที่ว่าการอำเภอบ้านนาเดิม"),
    (2, dt.date(2020, 9, 7), dt.time(13, 0), "8412", "ที่ว่าการอำเภอบ้านนาสาร"),
    (2, dt.date(2020, 9, 8), dt.time(9, 0), "8415", "ที่ว่าการอำเภอเวียงสระ"),
    (2, dt.date(2020, 9, 8), dt.time(13, 0), "8416", "ที่ว่าการอำเภอพระแสง"),
    (2, dt.date(2020, 9, 9), dt.time(9, 0), "8401", "ที่ว่าการอำเภอเมืองฯ"),
    (2, dt.date(2020, 9, 9), dt.time(13, 30), "8418", "ที่ว่าการอำเภอชัยบุรี"),
    (2, dt.date(2020, 9, 10), dt.time(9, 0), "8402", "ที่ว่าการอำเภอกาญจนดิษฐ์"),
    (2, dt.date(2020, 9, 10), dt.time(13, 0), "8403", "ที่ว่าการอำเภอดอนสัก"),
    (2, dt.date(2020, 9, 11), dt.time(9, 30), "8404", "ที่ว่าการอำเภอเกาะสมุย"),
    (2, dt.date(2020, 9, 11), dt.time(14, 0), "8405", "ที่ว่าการอำเภอเกาะพะงัน"),
]

# Findings at a few visits: district -> (results of the six items, comment on item 1,
# overall finding, recommendations).
FINDINGS = {
    "8417": (
        [Result.FOUND, Result.FOUND, Result.FOUND, Result.FOUND, Result.PARTLY, Result.FOUND],
        "มีแผนผังโครงสร้างการขับเคลื่อนศูนย์ฯ ติดประกาศที่สำนักงาน",
        "ศูนย์ฯ ดำเนินงานครบถ้วนตามแนวทาง มีหลักฐานการประชุมทุกไตรมาส",
        "ควรเผยแพร่ผลการดำเนินงานทางเพจเฟซบุ๊กของอำเภออย่างต่อเนื่อง",
    ),
    "8414": (
        [Result.FOUND, Result.FOUND, Result.PARTLY, Result.FOUND, Result.FOUND, Result.FOUND],
        "",
        "ดำเนินงานได้ดี แผนระยะยาวยังไม่ได้ปรับปรุง",
        "ปรับปรุงแผนระยะยาวให้สอดคล้องกับกลุ่มอาชีพในพื้นที่",
    ),
    "8413": (
        [Result.FOUND, Result.FOUND, Result.FOUND, Result.NOT_FOUND, Result.FOUND, Result.FOUND],
        "",
        "ไม่พบหลักฐานกิจกรรมในเดือนเมษายน ๒๕๖๓",
        "จัดเก็บภาพถ่ายและรายงานกิจกรรมให้ครบทุกเดือน",
    ),
}


def load_monitoring(province: Province, created_by: User | None = None) -> MonitoringRound:
    """Load the travel data and the seed's round (once: skipped when the round exists)."""
    # Found by its year and how its title starts: a demo loaded by an earlier version
    # titled it «… ปี ๒๕๖๓».
    existing = MonitoringRound.objects.filter(
        province=province, fiscal_year=2563, title__startswith=TITLE
    ).first()
    if existing:
        return existing
    load_travel(province)
    round_, teams = _round(province, created_by, TITLE, 2563, SEED_VISITS)
    # The cabinet made 7 September 2563 a substitute Songkran holiday on 13 August; the
    # seed's letter of 20 August still sends both teams out that day.
    services.round_day_add(
        round_=round_, date=SEED_VISITS[0][1], reason=SEED_HOLIDAY_WORKED, works=True
    )
    load_findings(round_, teams)
    return round_


def load_current_round(province: Province, created_by: User | None, today: dt.date) -> None:
    """The current year's round: the seed's schedule next week, one visit this week."""
    # Its year in Arabic digits, as pages write numbers (the printed schedule makes its own
    # Thai digits). Found by its year and how its title starts: an earlier demo wrote «ปี ๒๕๗๐».
    fiscal_year = current_fiscal_year(today)
    title = TITLE_OF_YEAR.format(year=fiscal_year)
    if MonitoringRound.objects.filter(
        province=province, fiscal_year=fiscal_year, title__startswith=TITLE
    ).exists():
        return
    load_travel(province)
    this_week = today - dt.timedelta(days=max(0, today.weekday() - 4))  # a weekday
    monday = today + dt.timedelta(days=7 - today.weekday())
    # The first working week from next week on with no holiday: the round opens clean,
    # as a province would plan it (its holiday check is shown by trying another day).
    while thai_holidays(monday, monday + dt.timedelta(days=4)):
        monday += dt.timedelta(days=7)
    shift = monday - SEED_VISITS[0][1]  # the seed's round starts on a Monday
    visits = [
        (team, this_week if code == THIS_WEEK else date + shift, time, code, place)
        for team, date, time, code, place in SEED_VISITS
    ]
    _round(province, created_by, title, fiscal_year, visits)


def _round(province, created_by, title, fiscal_year, visits) -> tuple[MonitoringRound, dict]:
    """A round of every district with the seed's two teams and the given visits."""
    round_ = services.round_create(
        province=province,
        user=created_by,
        title=title,
        fiscal_year=fiscal_year,
        starts_on=min(v[1] for v in visits),
        ends_on=max(v[1] for v in visits),
        districts=District.objects.filter(province=province),
    )
    users = User.objects.in_bulk(
        ["pichai", "pichai.team", "paisit", "paisit.team"], field_name="username"
    )
    teams = {
        1: services.team_save(
            round_=round_,
            name="ผอ.พิชัย",
            lead=users["pichai"],
            members=[users["pichai.team"]],
            order=1,
        ),
        2: services.team_save(
            round_=round_,
            name="ผอ.ไพศิษฐ์",
            lead=users["paisit"],
            members=[users["paisit.team"]],
            order=2,
        ),
    }
    Visit.objects.bulk_create(
        Visit(round=round_, district_id=code, date=date, time=time, place=place, team=teams[team])
        for team, date, time, code, place in visits
    )
    return round_, teams


def load_travel(province: Province) -> None:
    TravelSettings.objects.get_or_create(
        province=province, defaults={"base_id": "8401", "road_factor": Decimal("1.30")}
    )
    for code, (lat, lon, island) in OFFICES.items():
        DistrictOffice.objects.get_or_create(
            district_id=code,
            defaults={
                "latitude": Decimal(str(lat)),
                "longitude": Decimal(str(lon)),
                "approximate": True,
                "island": island,
            },
        )
    for a, b, minutes in FERRIES:
        FerryLink.objects.get_or_create(
            province=province, from_district_id=a, to_district_id=b, defaults={"minutes": minutes}
        )
    tie, created = DistrictTie.objects.get_or_create(
        province=province, name="เกาะสมุยและเกาะพะงัน (เรือจากดอนสัก)"
    )
    if created:
        tie.districts.set(["8404", "8405"])


def load_findings(round_: MonitoringRound, teams: dict) -> None:
    items = list(round_.checklist.all())
    for code, (results, comment, overall, recommendations) in FINDINGS.items():
        visit = round_.visits.get(district_id=code)
        recorder = visit.team.members.first() or visit.team.lead
        for n, (item, result) in enumerate(zip(items, results, strict=True)):
            services.item_finding_save(
                visit=visit,
                item=item,
                user=recorder,
                result=result,
                comment=comment if n == 0 else "",
                # A photo taken at the visit, on the first item.
                files=[ContentFile(files.photo(int(code)).data, name="ภาพการติดตาม.jpg")]
                if n == 0
                else [],
            )
        VisitFinding.objects.create(
            visit=visit, overall=overall, recommendations=recommendations, recorded_by=recorder
        )
