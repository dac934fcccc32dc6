"""The records of Surat Thani's 19 centers for one fiscal year (see years.py).

Fiscal year 2563 (Oct 2019 – Sep 2020) is the seed's year, whole. Most districts keep
every rule of the guideline; some fall short in one way each, so the compliance matrix
and the readiness page have something to show:

- 8402 กาญจนดิษฐ์: no committee meeting in quarter 2 (R3)
- 8406 ไชยา: one expense without its receipt (R7)
- 8411 ท่าฉาง: spent 1,650 baht of a 1,500 allocation (R7)
- 8409 บ้านตาขุน: a committee of 10 (R1, R2)
- 8413 บ้านนาเดิม: no activity in April 2563 (R5)
- 8416 พระแสง: no long-term plan (R4)
- 8418 ชัยบุรี: no publicity in quarter 3 (R6)
- 8419 วิภาวดี: no dedicated space, no materials listed (R8)
- 8405 เกาะพะงัน: no lessons learned (R10)
- 8403 ดอนสัก, 8414 เคียนซา: the year's report not submitted (R9)

The current fiscal year is filled the same way from 1 October up to today, with its own
gaps (years.current_year); its reports are loaded by documents.py.
"""

import datetime as dt
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from thanrak.accounts.models import User
from thanrak.centers.models import (
    Activity,
    ActivityKind,
    BudgetAllocation,
    Center,
    CommitteeMember,
    CommitteeTerm,
    Expense,
    KnowledgeTopic,
    LessonsLearned,
    Material,
    Meeting,
    Plan,
    PlanItem,
    Publicity,
    Referral,
    Report,
    StructurePosition,
    TargetGroup,
)
from thanrak.core.thai import (
    THAI_MONTHS_ABBR,
    be_year,
    fiscal_months,
    fiscal_quarter_range,
    fiscal_year_range,
    format_date_long,
)
from thanrak.demo import files
from thanrak.demo.national_words import TITLES, titled
from thanrak.demo.rows import create_all
from thanrak.demo.years import FY2563, DemoYear
from thanrak.evidence.models import Purpose
from thanrak.rules import cache as rules_cache

FY = FY2563.fy
BANGKOK = ZoneInfo("Asia/Bangkok")
# The committee meets once a quarter: (month, day) of each meeting.
MEETING_DAYS = [(11, 14), (2, 20), (6, 18), (8, 27)]
PUBLICITY_DAYS = [(12, 10), (3, 5), (5, 20), (8, 30)]

# What each district is known for: it flavours the titles of its activities.
SPECIALITY = {
    "8401": "ผ้ามัดย้อมและขนมพื้นเมือง",
    "8402": "หอยนางรมและอาหารทะเลแปรรูป",
    "8403": "กะปิและปลาเค็มดอนสัก",
    "8404": "น้ำมันมะพร้าวสกัดเย็นเกาะสมุย",
    "8405": "สบู่และผลิตภัณฑ์สปาจากมะพร้าว",
    "8406": "ไข่เค็มไชยาและผ้าไหมพุมเรียง",
    "8407": "จักสานย่านลิเภา",
    "8408": "กาแฟและผลไม้แปรรูปคีรีรัฐนิคม",
    "8409": "ปลาส้มและผลิตภัณฑ์จากเขื่อนรัชชประภา",
    "8410": "ทุเรียนกวนและผลไม้แปรรูปพนม",
    "8411": "ปลาแห้งและน้ำพริกท่าฉาง",
    "8412": "เงาะโรงเรียนแปรรูป",
    "8413": "กล้วยเล็บมือนางอบ",
    "8414": "ผลิตภัณฑ์จากยางพาราเคียนซา",
    "8415": "ข้าวไร่และขนมไทยเวียงสระ",
    "8416": "น้ำผึ้งชันโรงพระแสง",
    "8417": "ผ้าบาติกและขนมจีนพุนพิน",
    "8418": "หัตถกรรมกะลามะพร้าวชัยบุรี",
    "8419": "ผักปลอดสารพิษวิภาวดี",
}

FIRST_NAMES = [
    "สมชาย", "สมศรี", "ประยูร", "วิไลวรรณ", "บุญเลิศ", "จำเนียร", "สุนทร", "พรทิพย์", "อำนาจ", "ละเอียด",
    "ชูศักดิ์", "มณฑา", "เกษม", "ยุพิน", "ประเสริฐ", "สายสุนีย์", "วีระ", "จินตนา", "ธีระ", "อุไร",
]  # fmt: skip
LAST_NAMES = [
    "ทองคำ", "แก้วมณี", "ศรีสุข", "บุญยืน", "รักษ์ไทย", "ชูแก้ว", "เพชรสุวรรณ", "นาคสวัสดิ์", "สุขสม", "ทองเนื้อดี",
    "มีสุข", "ด้วงแก้ว", "พรหมทอง", "คงเพชร", "อินทร์แก้ว", "จันทร์หอม", "ศักดิ์ดี", "ยอดแก้ว",
]  # fmt: skip
AGENCIES = [
    "สำนักงานเกษตรอำเภอ",
    "สาธารณสุขอำเภอ",
    "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร สาขา",
    "ธนาคารออมสิน สาขา",
    "วิทยาลัยการอาชีพ",
    "องค์การบริหารส่วนตำบล",
]
LEADERS = [
    "ประธานเครือข่ายผู้ผลิต ผู้ประกอบการ OTOP ระดับอำเภอ",
    "ปราชญ์ชาวบ้าน",
    "ประธานกลุ่มออมทรัพย์เพื่อการผลิต",
    "ประธานกลุ่มแม่บ้านเกษตรกร",
    "นักธุรกิจในพื้นที่",
    "ประธานกองทุนหมู่บ้าน",
    "ประธานวิสาหกิจชุมชน",
    "ผู้แทนกลุ่มอาชีพ",
]
ACTIVITY_TITLES = {
    ActivityKind.FORM_GROUPS: "เวทีค้นหาภูมิปัญญาและรวมกลุ่มอาชีพ{s}",
    ActivityKind.REGISTER_OTOP: "ให้คำแนะนำการลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP กลุ่ม{s}",
    ActivityKind.STANDARDS: "อบรมการขอรับรองมาตรฐาน มผช. ผลิตภัณฑ์{s}",
    ActivityKind.SALES_CHANNELS: "ออกร้านจำหน่าย{s} ในงานอำเภอเคลื่อนที่",
    ActivityKind.FUNDING: "ประสานแหล่งทุน ธ.ก.ส. และกองทุนหมู่บ้านให้กลุ่ม{s}",
    ActivityKind.CAPACITY: "ศึกษาดูงานและพัฒนาบรรจุภัณฑ์{s}",
}
PARTNERS = [
    "เกษตรอำเภอ",
    "พาณิชย์จังหวัด",
    "ธ.ก.ส.",
    "ธนาคารออมสิน",
    "อุตสาหกรรมจังหวัด",
    "มหาวิทยาลัยราชภัฏสุราษฎร์ธานี",
]


def _person(rng: random.Random) -> str:
    title = rng.choice(TITLES)
    return f"{titled(title, rng.choice(FIRST_NAMES))} {rng.choice(LAST_NAMES)}"


def _attach(
    record, data: files.DemoFile, name: str, user: User, purpose: str, caption: str = ""
) -> None:
    """Upload a file as the officer would, saying what it is (minutes, a receipt …)."""
    files.attach(record, data, name, user, purpose, caption=caption)


def load_center_records(center: Center, officer: User, province_officer: User) -> None:
    """Load the fiscal year 2563 records of one center (once: skipped if it has meetings)."""
    if Meeting.objects.filter(center=center).exists():
        return
    _profile(center, center.district_id)
    load_center_year(center, officer, province_officer, FY2563)
    _year_end(center, center.district_id, officer)


def load_center_year(center: Center, officer: User, province_officer: User, year: DemoYear) -> None:
    """Load one fiscal year of a center's records, up to `year.until`."""
    code = center.district_id
    name = center.district.name_th
    rng = random.Random(int(code) + year.seed)  # repeatable demo data, not security  # nosec B311
    speciality = SPECIALITY[code]
    term, members = _committee(center, code, name, officer, rng, year)
    _meetings(center, code, members, officer, rng, year)
    items = _plans(center, code, speciality, officer, year)
    _activities(center, code, speciality, items, officer, rng, year)
    _publicity(center, code, name, speciality, officer, year)
    _budget(center, code, officer, province_officer, year)
    referred = year.clip(year.date(6, 15), year.date(11, 1))
    if referred:
        Referral.objects.create(
            center=center,
            created_by=officer,
            date=referred,
            who_kind=Referral.WhoKind.GROUP,
            who=f"กลุ่มอาชีพ{speciality}",
            need="ต้องการพัฒนาบรรจุภัณฑ์เพื่อส่งออก ซึ่งเกินขีดความสามารถของศูนย์ฯ",
            agency="ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 11 และสำนักงานพาณิชย์จังหวัดสุราษฎร์ธานี",
            result=f"ได้รับการบรรจุเข้าโครงการพัฒนาบรรจุภัณฑ์ ปี {year.fy + 1}",
        )


def _year_end(center: Center, code: str, officer: User) -> None:
    """Lessons learned and the reports of fiscal year 2563, a year that is over."""
    if code != "8405":
        LessonsLearned.objects.create(
            center=center,
            created_by=officer,
            fiscal_year=FY,
            results=f"กลุ่มอาชีพ{SPECIALITY[code]}ได้รับการพัฒนาผลิตภัณฑ์และมีช่องทางจำหน่ายเพิ่มขึ้น",
            problems="สถานการณ์โควิด 19 ทำให้จัดกิจกรรมรวมกลุ่มได้น้อยลงในช่วงเมษายน–พฤษภาคม 2563",
            improvements="เพิ่มการขายออนไลน์และใช้ไลน์กลุ่มในการติดตามผล",
        )
    if code not in ("8403", "8414"):
        # Each quarter's report a few days after the quarter, and the year's in September.
        for quarter, day in [(1, dt.date(2020, 1, 8)), (2, dt.date(2020, 4, 7)), (3, dt.date(2020, 7, 7)),
                             (0, dt.date(2020, 9, 25)), (4, dt.date(2020, 10, 6))]:  # fmt: skip
            report = Report(
                center=center,
                fiscal_year=FY,
                quarter=quarter,
                status=Report.Status.SUBMITTED,
                submitted_at=dt.datetime.combine(day, dt.time(10, 0), tzinfo=BANGKOK),
                submitted_by=officer,
            )
            # Its history: sent by the officer on the day, not by the demo's load.
            report._history_user, report._history_date = officer, report.submitted_at
            report.save()


def _profile(center: Center, code: str) -> None:
    center.location = f"สำนักงานพัฒนาชุมชนอำเภอ{center.district.name_th}"
    center.has_dedicated_space = code != "8419"
    center.space_description = "" if code == "8419" else "มุมบริการศูนย์ฯ ชั้น 1 สำนักงานพัฒนาชุมชนอำเภอ"
    center.staff_on_duty = "นักวิชาการพัฒนาชุมชนเวรประจำวัน"
    center.save()
    if code == "8419":
        return
    for title, kind in [
        ("แผ่นพับแนะนำศูนย์บริการส่งเสริมเศรษฐกิจฐานราก", Material.Kind.PRINT),
        ("คู่มือการลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP", Material.Kind.MANUAL),
        ("ป้ายนิทรรศการผลิตภัณฑ์ OTOP ของอำเภอ", Material.Kind.BOARD),
        ("ตัวอย่างผลิตภัณฑ์ของกลุ่มอาชีพ", Material.Kind.PRODUCT),
    ]:
        Material.objects.create(
            center=center, title=title, kind=kind, quantity=20 if kind == "print" else None
        )


def _committee(
    center, code, name, officer, rng, year: DemoYear
) -> tuple[CommitteeTerm, list[CommitteeMember]]:
    term = _committee_order(center, name, officer, rng, year)
    positions = {p.name: p for p in StructurePosition.objects.filter(center=None)}
    members = create_all(
        CommitteeMember,
        [
            CommitteeMember(
                term=term,
                name=person,
                organisation=org,
                category=category,
                position=positions[position],
                order=i,
            )
            for i, (person, org, category, position) in enumerate(
                _committee_rows(code, name, officer, rng), start=1
            )
        ],
    )
    rules_cache.touch([center.district.province_id])
    return term, members


def _committee_order(center, name, officer, rng, year: DemoYear) -> CommitteeTerm:
    """The district's order appointing the committee, with the order as a PDF."""
    appointed = year.clip(year.date(10, 7), year.date(10, 1))
    term = CommitteeTerm.objects.create(
        center=center,
        created_by=officer,
        order_number=f"{rng.randint(150, 420)}/{be_year(appointed.year)}",
        order_date=appointed,
        starts_on=appointed,
        note="แต่งตั้งตามแนวทางการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานราก ข้อ 6.1",
    )
    _attach(
        term,
        files.pdf(
            f"คำสั่งอำเภอ{name} ที่ {term.order_number}",
            [
                "เรื่อง แต่งตั้งคณะกรรมการบริหารศูนย์บริการส่งเสริมเศรษฐกิจฐานราก",
                "อาศัยอำนาจตามแนวทางการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานรากของกรมการพัฒนาชุมชน "
                "จึงแต่งตั้งคณะกรรมการบริหารศูนย์ฯ ตามบัญชีรายชื่อแนบท้ายคำสั่งนี้",
                f"สั่ง ณ วันที่ {format_date_long(term.order_date)}",
            ],
        ),
        "order.pdf",
        officer,
        Purpose.ORDER,
        caption="คำสั่งแต่งตั้งคณะกรรมการ",
    )
    return term


def _committee_rows(code, name, officer, rng) -> list[tuple[str, str, str, str]]:
    """(name, organisation, category, position) of each member, in the order's order."""
    rows = [
        (f"นายอำเภอ{name}", f"ที่ว่าการอำเภอ{name}", CommitteeMember.Category.CHAIR, "ประธาน"),
        (
            str(officer),
            f"สำนักงานพัฒนาชุมชนอำเภอ{name}",
            CommitteeMember.Category.SECRETARY,
            "เลขานุการ",
        ),
    ]
    agency_positions = ["ฝ่ายวิชาการและข้อมูล", "ฝ่ายส่งเสริมการผลิต",
                        "ฝ่ายส่งเสริมการพัฒนาคุณภาพและมาตรฐานผลิตภัณฑ์", "ฝ่ายประสานแหล่งทุน", "ฝ่ายประสานแหล่งทุน"]  # fmt: skip
    seated: set[str] = set()

    def someone() -> str:
        # One person, one seat: a name drawn twice is drawn again.
        person = _person(rng)
        while person in seated:
            person = _person(rng)
        seated.add(person)
        return person

    for agency, position in zip(AGENCIES[:5], agency_positions, strict=True):
        rows.append((someone(), f"{agency}{name}", CommitteeMember.Category.AGENCY, position))
    leaders = 3 if code == "8409" else 4 + int(code) % 5  # 4–8; Ban Ta Khun has too few
    for index in range(leaders):
        position = ["เหรัญญิก", "ฝ่ายส่งเสริมการตลาด"][index % 2] if index < 2 else "ฝ่ายส่งเสริมการตลาด"
        rows.append(
            (someone(), LEADERS[index % len(LEADERS)], CommitteeMember.Category.LEADER, position)
        )
    return rows


def _weekday(day: dt.date) -> dt.date:
    """The day, or the Friday before it when it falls on a weekend."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _meetings(center, code, members, officer, rng, year: DemoYear) -> None:
    for number, (month, day) in enumerate(MEETING_DAYS, start=1):
        start, _end = fiscal_quarter_range(year.fy, number)
        date = year.clip(_weekday(year.date(month, day)), start)
        if date is None or (code, number) in year.missed_meetings:
            continue
        meeting = Meeting.objects.create(
            center=center,
            created_by=officer,
            date=date,
            title=f"ประชุมคณะกรรมการบริหารศูนย์ฯ ครั้งที่ {number}/{year.fy}",
            agenda="1. เรื่องที่ประธานแจ้งให้ทราบ\n2. ติดตามผลการดำเนินงานตามแผน\n3. พิจารณากิจกรรมเดือนถัดไป",
            minutes="ที่ประชุมรับทราบผลการดำเนินงานและเห็นชอบแผนกิจกรรมไตรมาสถัดไป",
        )
        meeting.attendees.set(rng.sample(members, k=max(8, len(members) - 3)))
        _attach(
            meeting,
            files.pdf(
                f"รายงานการประชุมคณะกรรมการบริหารศูนย์ฯ ครั้งที่ {number}/{year.fy}",
                [
                    f"วันที่ {format_date_long(date)} ณ ห้องประชุมที่ว่าการอำเภอ",
                    "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ทราบ",
                    "ระเบียบวาระที่ 2 ติดตามผลการดำเนินงานตามแผนการส่งเสริมความเข้มแข็งของกลุ่มอาชีพ",
                    "มติที่ประชุม รับทราบและเห็นชอบ",
                ],
            ),
            "minutes.pdf",
            officer,
            Purpose.MINUTES,
            caption="รายงานการประชุม",
        )
        _attach(
            meeting,
            files.photo(int(code) * 10 + number + year.seed),
            "meeting.jpg",
            officer,
            Purpose.PHOTO,
            caption="ภาพการประชุม",
        )


def _quarter_months(fy: int, quarter: int) -> str:
    """«ต.ค.–ธ.ค. 2562»: the months of a fiscal quarter as a plan writes them."""
    (_y1, first), _middle, (last_year, last) = fiscal_months(fy)[quarter * 3 - 3 : quarter * 3]
    return f"{THAI_MONTHS_ABBR[first - 1]}–{THAI_MONTHS_ABBR[last - 1]} {be_year(last_year)}"


def _plans(center, code, speciality, officer, year: DemoYear) -> list[PlanItem]:
    positions = {p.name: p for p in StructurePosition.objects.filter(center=None)}
    # Approved at the committee's first meeting of the year.
    approved = year.clip(_weekday(year.date(*MEETING_DAYS[0])), fiscal_year_range(year.fy)[0])
    short = Plan.objects.create(
        center=center,
        created_by=officer,
        kind=Plan.Kind.SHORT,
        title=f"แผนส่งเสริมความเข้มแข็งกลุ่มอาชีพและผู้ผลิต OTOP ประจำปีงบประมาณ {year.fy}",
        first_year=year.fy,
        last_year=year.fy,
        approved_on=approved,
    )
    q = [_quarter_months(year.fy, quarter) for quarter in (1, 2, 3, 4)]
    items = create_all(PlanItem, [
        PlanItem(plan=short, title=title, target_group=group, budget=Decimal(budget),
                 responsible=positions[position], period=period, order=i)
        for i, (title, group, budget, position, period) in enumerate([
            (f"ค้นหาภูมิปัญญาและรวมกลุ่มอาชีพ{speciality}", TargetGroup.TYPE1, 300, "ฝ่ายวิชาการและข้อมูล", q[0]),
            ("พัฒนาคุณภาพและมาตรฐานผลิตภัณฑ์", TargetGroup.TYPE2, 500, "ฝ่ายส่งเสริมการพัฒนาคุณภาพและมาตรฐานผลิตภัณฑ์", q[1]),
            ("จัดหาช่องทางการจำหน่ายและตลาดออนไลน์", TargetGroup.TYPE3, 500, "ฝ่ายส่งเสริมการตลาด", q[2]),
            ("ประสานแหล่งทุนให้กลุ่มอาชีพ", TargetGroup.ALL, 200, "ฝ่ายประสานแหล่งทุน", q[3]),
        ], start=1)
    ])  # fmt: skip
    _attach(
        short,
        files.pdf(short.title, [f"{i.order}. {i.title} ({i.period})" for i in items]),
        "plan.pdf",
        officer,
        Purpose.PLAN,
    )
    if code not in year.no_long_plan:
        _long_plan(center, officer, year.fy, approved, positions["ฝ่ายส่งเสริมการผลิต"])
    return items


def _long_plan(center, officer, fy: int, approved: dt.date, responsible) -> None:
    """A three-year plan from this fiscal year on."""
    years = f"{fy}–{fy + 2}"
    long = Plan.objects.create(
        center=center,
        created_by=officer,
        kind=Plan.Kind.LONG,
        title=f"แผนพัฒนาเศรษฐกิจฐานรากอำเภอ{center.district.name_th} ระยะ 3 ปี ({years})",
        first_year=fy,
        last_year=fy + 2,
        approved_on=approved,
    )
    PlanItem.objects.create(plan=long, title="พัฒนากลุ่มอาชีพสู่ผู้ประกอบการ SME และวิสาหกิจเพื่อสังคม",
                            target_group=TargetGroup.TYPE3, budget=Decimal(0),
                            responsible=responsible, period=years)  # fmt: skip
    _attach(
        long,
        files.pdf(long.title, ["เป้าหมาย: กลุ่มอาชีพเข้มแข็ง มีรายได้มั่นคง"]),
        "plan-long.pdf",
        officer,
        Purpose.PLAN,
    )


def _activities(center, code, speciality, items, officer, rng, year: DemoYear) -> None:
    kinds = list(ActivityKind)
    topics = list(KnowledgeTopic)
    activities, seeds = [], []
    for index, (calendar_year, month) in enumerate(fiscal_months(year.fy)):
        first = dt.date(calendar_year, month, 1)
        if first > year.until:
            break
        if (code, month) in year.missed_activities:
            continue
        kind = kinds[index % len(kinds)]
        seeds.append(int(code) * 100 + index + year.seed)
        activities.append(
            Activity(
                center=center,
                created_by=officer,
                date=year.clip(dt.date(calendar_year, month, rng.randint(5, 25)), first),
                title=ACTIVITY_TITLES[kind].format(s=speciality),
                kind=kind,
                topics=[t.value for t in rng.sample(topics, k=2)],
                participants_type1=rng.randint(0, 10),
                participants_type2=rng.randint(3, 15),
                participants_type3=rng.randint(2, 12),
                partners=", ".join(rng.sample(PARTNERS, k=2)),
                cost=Decimal(rng.choice([0, 0, 100, 150, 200])),
                plan_item=items[index // 3],
                description=f"กิจกรรมส่งเสริมความเข้มแข็งของกลุ่มอาชีพ{speciality}",
            )
        )
    for activity, seed in zip(create_all(Activity, activities), seeds, strict=True):
        _attach(
            activity,
            files.photo(seed),
            "activity.jpg",
            officer,
            Purpose.PHOTO,
            caption=activity.title,
        )
    rules_cache.touch([center.district.province_id])


def _publicity(center, code, name, speciality, officer, year: DemoYear) -> None:
    channels = [
        Publicity.Channel.FACEBOOK,
        Publicity.Channel.LINE,
        Publicity.Channel.RADIO,
        Publicity.Channel.BOARD,
    ]
    for quarter, (month, day) in enumerate(PUBLICITY_DAYS, start=1):
        date = year.clip(year.date(month, day), fiscal_quarter_range(year.fy, quarter)[0])
        if date is None or (code, quarter) in year.missed_publicity:
            continue
        Publicity.objects.create(
            center=center,
            created_by=officer,
            date=date,
            channel=channels[quarter - 1],
            title=f"ประชาสัมพันธ์ผลการดำเนินงานศูนย์ฯ และผลิตภัณฑ์{speciality}",
            url=f"https://www.facebook.com/cd.{code}" if quarter == 1 else "",
        )


def _budget(center, code, officer, province_officer, year: DemoYear) -> None:
    number, date = year.allocation_letter
    allocation = BudgetAllocation.objects.create(
        center=center,
        created_by=province_officer,
        fiscal_year=year.fy,
        amount=Decimal(1500),
        letter_number=number,
        letter_date=date,
    )
    _attach(
        allocation,
        files.pdf(
            f"หนังสือจังหวัดสุราษฎร์ธานี ที่ {number}",
            [
                "เรื่อง แจ้งจัดสรรงบประมาณโครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก",
                "อำเภอละ 1,500 บาท (หนึ่งพันห้าร้อยบาทถ้วน)",
            ],  # fmt: skip
        ),
        "allocation.pdf",
        province_officer,
        Purpose.ORDER,
    )
    _expenses(code, officer, year, center=center)


def _expenses(code, officer, year: DemoYear, *, center) -> None:
    """The year's expenses so far, each with its receipt (unless the gap is designed)."""
    rows = [
        ("วัสดุสำนักงานสำหรับศูนย์ฯ", Expense.Method.PURCHASE, "ร้านสุราษฎร์เครื่องเขียน", 650),
        ("ค่าจ้างทำป้ายประชาสัมพันธ์ศูนย์ฯ", Expense.Method.HIRE, "ร้านป้ายดีไซน์", 850),
    ]
    if code in year.overspent:
        rows[1] = (*rows[1][:3], 1000)
    for index, (date, (description, method, vendor, amount)) in enumerate(
        zip(year.expense_dates, rows, strict=True)
    ):
        if date > year.until:
            break
        expense = Expense.objects.create(
            center=center,
            created_by=officer,
            date=date,
            description=description,
            method=method,
            vendor=vendor,
            amount=Decimal(amount),
        )
        if code in year.unfiled_receipts and index == 1:
            continue  # the receipt that Chaiya has not filed yet
        _attach(
            expense,
            files.pdf(
                f"ใบเสร็จรับเงิน {vendor}",
                [
                    f"วันที่ {format_date_long(date)}",
                    f"รายการ {description}",
                    f"จำนวนเงิน {amount:,} บาท",
                ],
            ),
            "receipt.pdf",
            officer,
            Purpose.RECEIPT,
            caption="ใบเสร็จรับเงิน",
        )
