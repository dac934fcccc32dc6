"""Local wisdom, groups, OTOP producers, products and services of Surat Thani's 19 districts.

Places and crafts are real (ไข่เค็มไชยา, ผ้าไหมพุมเรียง, หอยนางรมกาญจนดิษฐ์, …); people are
invented. Members' citizen IDs are checksum-correct but obviously fake (they all start
1-9999-9…), their phones are 089-000-xxxx. Stage movements fall across fiscal year 2563
and a few in the current year; some certifications expire within 90 days of the day the
demo is loaded.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from thanrak.accounts.models import Role, User
from thanrak.areas.models import District, Subdistrict
from thanrak.core.thai import be_year, fiscal_year_range
from thanrak.demo import files
from thanrak.demo.centers_fy2563 import FIRST_NAMES, LAST_NAMES
from thanrak.demo.national_words import TITLES, titled
from thanrak.demo.rows import create_all
from thanrak.demo.years import DemoYear
from thanrak.producers.models import (
    Certification,
    Funding,
    Group,
    Income,
    Member,
    Producer,
    Product,
    Service,
    Stage,
    StageChange,
    Wisdom,
    WisdomBranch,
)
from thanrak.producers.services import group_follow_producer

B = WisdomBranch
C = Product.Category
K = Producer.Kind

# district -> [(wisdom, branch, subdistrict, group, producer kind or None, [(product, category, stars)])]
CRAFTS: dict[str, list[tuple]] = {
    "8401": [
        ("การทำผ้ามัดย้อมสีธรรมชาติ", B.INDUSTRY, "บางกุ้ง", "กลุ่มผ้ามัดย้อมบางกุ้ง", K.COMMUNITY,
         [("ผ้ามัดย้อมสีธรรมชาติ", C.TEXTILE, 4), ("ผ้าพันคอมัดย้อม", C.TEXTILE, 3)]),
        ("ขนมจากสูตรโบราณ", B.NUTRITION, "ขุนทะเล", "กลุ่มแม่บ้านขนมจากขุนทะเล", None, []),
    ],
    "8402": [
        ("การเลี้ยงหอยนางรมอ่าวบ้านดอน", B.AGRICULTURE, "กะแดะ", "กลุ่มผู้เลี้ยงหอยนางรมกาญจนดิษฐ์", K.COMMUNITY,
         [("หอยนางรมกาญจนดิษฐ์", C.FOOD, 5), ("หอยนางรมดองน้ำปลา", C.FOOD, 3)]),
        ("การแปรรูปอาหารทะเล", B.NUTRITION, "ท่าทองใหม่", "กลุ่มอาหารทะเลแปรรูปท่าทองใหม่", K.SME,
         [("ปลาหมึกแดดเดียว", C.FOOD, 4)]),
    ],
    "8403": [
        ("การทำกะปิเคยแท้", B.NUTRITION, "ดอนสัก", "กลุ่มกะปิดอนสัก", K.COMMUNITY,
         [("กะปิเคยแท้ดอนสัก", C.FOOD, 4), ("ปลาเค็มดอนสัก", C.FOOD, 3)]),
    ],
    "8404": [
        ("การสกัดน้ำมันมะพร้าวแบบเย็น", B.INDUSTRY, "ลิปะน้อย", "กลุ่มน้ำมันมะพร้าวเกาะสมุย", K.COMMUNITY,
         [("น้ำมันมะพร้าวสกัดเย็นเกาะสมุย", C.HERBAL, 5), ("สบู่น้ำมันมะพร้าว", C.HERBAL, 4)]),
        ("การนวดแผนไทยสมุนไพรมะพร้าว", B.MEDICINE, "มะเร็ต", "กลุ่มนวดแผนไทยมะเร็ต", None, []),
    ],
    "8405": [
        ("การทำสบู่และสปาจากมะพร้าว", B.MEDICINE, "บ้านใต้", "กลุ่มสปามะพร้าวเกาะพะงัน", K.SOLE,
         [("สบู่มะพร้าวเกาะพะงัน", C.HERBAL, 3), ("โลชั่นมะพร้าว", C.HERBAL, 2)]),
    ],
    "8406": [
        ("การทำไข่เค็มดินจอมปลวก", B.NUTRITION, "ตลาดไชยา", "กลุ่มแม่บ้านไข่เค็มไชยา", K.COMMUNITY,
         [("ไข่เค็มไชยา", C.FOOD, 5), ("ไข่เค็มพอกดินจอมปลวก", C.FOOD, 4)]),
        ("การทอผ้าไหมยกดอกพุมเรียง", B.INDUSTRY, "พุมเรียง", "กลุ่มทอผ้าพุมเรียง", K.COMMUNITY,
         [("ผ้าไหมพุมเรียง", C.TEXTILE, 5), ("ผ้าทอยกดอกลายราชวัตร", C.TEXTILE, 4)]),
        ("ประเพณีชักพระทอดผ้าป่า", B.RELIGION, "เวียง", None, None, []),
    ],
    "8407": [
        ("การจักสานย่านลิเภา", B.INDUSTRY, "ท่าชนะ", "กลุ่มจักสานย่านลิเภาท่าชนะ", K.COMMUNITY,
         [("กระเป๋าย่านลิเภา", C.ARTICLE, 4), ("ตะกร้าย่านลิเภา", C.ARTICLE, 3)]),
    ],
    "8408": [
        ("การคั่วกาแฟโบราณ", B.AGRICULTURE, "ท่าขนอน", "กลุ่มกาแฟคีรีรัฐนิคม", K.COMMUNITY,
         [("กาแฟคั่วบดคีรีรัฐ", C.DRINK, 4)]),
        ("การแปรรูปผลไม้", B.NUTRITION, "บ้านยาง", "กลุ่มผลไม้แปรรูปบ้านยาง", None, []),
    ],
    "8409": [
        ("การทำปลาส้มปลาน้ำจืด", B.NUTRITION, "เขาพัง", "กลุ่มปลาส้มเขื่อนรัชชประภา", K.COMMUNITY,
         [("ปลาส้มเขื่อนรัชชประภา", C.FOOD, 3)]),
    ],
    "8410": [
        ("การกวนทุเรียน", B.NUTRITION, "พนม", "กลุ่มทุเรียนกวนพนม", K.COMMUNITY,
         [("ทุเรียนกวนพนม", C.FOOD, 4), ("ทุเรียนทอดกรอบ", C.FOOD, 3)]),
    ],
    "8411": [
        ("การทำน้ำพริกกุ้งเสียบ", B.NUTRITION, "ท่าฉาง", "กลุ่มน้ำพริกท่าฉาง", K.SME,
         [("น้ำพริกกุ้งเสียบท่าฉาง", C.FOOD, 4), ("ปลาแห้งท่าฉาง", C.FOOD, 3)]),
    ],
    "8412": [
        ("การแปรรูปเงาะโรงเรียน", B.AGRICULTURE, "นาสาร", "กลุ่มเงาะโรงเรียนแปรรูปนาสาร", K.COMMUNITY,
         [("เงาะกระป๋องบ้านนาสาร", C.FOOD, 3)]),
    ],
    "8413": [
        ("การอบกล้วยเล็บมือนาง", B.NUTRITION, "บ้านนา", "กลุ่มกล้วยอบบ้านนาเดิม", K.COMMUNITY,
         [("กล้วยเล็บมือนางอบน้ำผึ้ง", C.FOOD, 4)]),
    ],
    "8414": [
        ("การทำหมอนยางพารา", B.INDUSTRY, "เคียนซา", "กลุ่มผลิตภัณฑ์ยางพาราเคียนซา", K.COMMUNITY,
         [("หมอนยางพาราเคียนซา", C.ARTICLE, 4)]),
    ],
    "8415": [
        ("การปลูกข้าวไร่พันธุ์พื้นเมือง", B.AGRICULTURE, "เวียงสระ", "กลุ่มข้าวไร่เวียงสระ", K.COMMUNITY,
         [("ข้าวไร่ดอกข่า", C.FOOD, 3), ("ขนมลาเวียงสระ", C.FOOD, 3)]),
    ],
    "8416": [
        ("การเลี้ยงผึ้งชันโรง", B.AGRICULTURE, "อิปัน", "กลุ่มน้ำผึ้งชันโรงพระแสง", K.SOLE,
         [("น้ำผึ้งชันโรงพระแสง", C.FOOD, 4)]),
    ],
    "8417": [
        ("การทำผ้าบาติกลายทะเลใต้", B.ARTS, "ท่าข้าม", "กลุ่มผ้าบาติกพุนพิน", K.COMMUNITY,
         [("ผ้าบาติกพุนพิน", C.TEXTILE, 4), ("เสื้อบาติกลายดอกไม้", C.TEXTILE, 3)]),
        ("การทำขนมจีนเส้นสด", B.NUTRITION, "ตะปาน", "กลุ่มขนมจีนตะปาน", K.COMMUNITY,
         [("ขนมจีนเส้นสดพุนพิน", C.FOOD, 3)]),
        ("การทอผ้าเกาะ", B.INDUSTRY, "บางมะเดื่อ", "กลุ่มทอผ้าบางมะเดื่อ", None, []),
    ],
    "8418": [
        ("หัตถกรรมกะลามะพร้าว", B.INDUSTRY, "ชัยบุรี", "กลุ่มหัตถกรรมกะลามะพร้าวชัยบุรี", K.COMMUNITY,
         [("โคมไฟกะลามะพร้าว", C.ARTICLE, 3)]),
    ],
    "8419": [
        ("การปลูกผักปลอดสารพิษ", B.AGRICULTURE, "ตะกุกใต้", "กลุ่มผักปลอดสารวิภาวดี", K.COMMUNITY,
         [("ผักสลัดปลอดสาร", C.FOOD, 3)]),
    ],
}  # fmt: skip

CHANNELS = [
    "ศูนย์จำหน่ายสินค้า OTOP อำเภอ",
    "ตลาดนัดชุมชนทุกวันเสาร์",
    "งานกาชาดและงาน OTOP City",
    "ร้านค้าในสถานีบริการน้ำมัน (ฝากขาย)",
    "เพจเฟซบุ๊กของกลุ่ม",
    "ร้านของฝากในตัวเมืองสุราษฎร์ธานี",
]

ROLES = ["ประธาน", "รองประธาน", "เหรัญญิก", "เลขานุการ", "สมาชิก"]


def fake_citizen_id(n: int) -> str:
    """A checksum-correct ID that is obviously fake: 1-9999-9xxxx-xx-c."""
    first = f"199999{n:06d}"
    total = sum(int(first[i]) * (13 - i) for i in range(12))
    return first + str((11 - total % 11) % 10)


def _person(rng: random.Random) -> str:
    title = rng.choice(TITLES)
    return f"{titled(title, rng.choice(FIRST_NAMES))} {rng.choice(LAST_NAMES)}"


# A sole owner's name is kept from the public and a wisdom entry's first holder is shown: in
# a small vocabulary the two may draw the same name, which would read as the owner's. Both
# are read afresh for each new person, in the demo's province only (a few hundred names).
def _public_holders() -> set[str]:
    shown = Wisdom.objects.filter(district__province="84", holder_public=True)
    return set(shown.values_list("holder", flat=True))


def _private_owners() -> set[str]:
    private = Producer.objects.filter(district__province="84", name_public=False)
    return set(private.values_list("name", flat=True))


def _unlike(rng: random.Random, taken: set[str]) -> str:
    """A person whose name is not taken (drawn again, a few times at most)."""
    for _attempt in range(50):
        name = _person(rng)
        if name not in taken:
            return name
    raise RuntimeError("No free name left in the demo's vocabulary.")


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def load_producers() -> None:
    """Load every Surat Thani district (a district that has wisdom entries is skipped)."""
    for district in District.objects.filter(province="84").order_by("code"):
        if district.code in CRAFTS and not Wisdom.objects.filter(district=district).exists():
            officer = User.objects.filter(district=district, role=Role.DISTRICT_OFFICER).first()
            _load_district(district, officer)


@dataclass
class _Loading:
    """What loading one district's crafts carries from one craft to the next."""

    district: District
    officer: User | None
    rng: random.Random
    today: dt.date
    counter: int  # numbers the members' IDs and phones and seeds the photos
    known: list[Group | Producer] = field(default_factory=list)  # visitors of the service log


def _load_district(district: District, officer: User | None) -> None:
    loading = _Loading(
        district=district,
        officer=officer,
        rng=random.Random(int(district.code)),  # repeatable demo data  # nosec B311
        today=timezone.localdate(),
        counter=int(district.code) * 100,
    )
    subdistricts = {s.name_th: s for s in Subdistrict.objects.filter(district=district)}
    fallback = sorted(subdistricts.values(), key=lambda s: s.code)
    for index, craft in enumerate(CRAFTS[district.code]):
        subdistrict = subdistricts.get(craft[2]) or fallback[index % len(fallback)]
        _load_craft(loading, index, craft, subdistrict)
    _services(district, loading.known, officer, loading.rng)


def _load_craft(loading: _Loading, index: int, craft: tuple, subdistrict: Subdistrict) -> None:
    """A craft's wisdom entry, its group and members and, when it sells, the producer."""
    title, branch, _place, group_name, kind, products = craft
    rng = loading.rng
    village = rng.randint(1, 12)
    wisdom = _wisdom(loading, index, title, branch, subdistrict, village)
    if group_name is None:
        return
    founded = _day(rng, dt.date(2012, 1, 1), dt.date(2018, 12, 31))
    group = _group(loading, wisdom, group_name, founded, subdistrict, village)
    _stage(group, Stage.WISDOM, founded - dt.timedelta(days=200))
    _stage(group, Stage.GROUP, founded)
    if kind is None:
        # Some groups move to producing during fiscal year 2563: target type ๒.
        if index % 2:
            _stage(group, Stage.PRODUCING, _day(rng, dt.date(2019, 10, 1), dt.date(2020, 6, 30)))
        loading.known.append(group)
        return
    _stage(group, Stage.PRODUCING, founded + dt.timedelta(days=180))
    producer = _producer(loading, index, craft, group, subdistrict, village)
    _producer_path(loading, producer, index, kind, products)
    for p_index, (name, category, stars) in enumerate(products):
        product = Product.objects.create(
            district=loading.district,
            created_by=loading.officer,
            producer=producer,
            name=name,
            category=category,
            stars=stars,
            wisdom=wisdom,
            price=_price(rng, category),
            description=f"{name} ผลิตโดย{group_name} จาก{title}",
        )
        if p_index == 0:
            photo = files.product_photo(loading.counter + p_index, category)
            files.attach(product, photo, "photo.jpg", loading.officer, caption=name)
        _certify(product, category, stars, loading.today, rng, p_index)
    loading.known.append(producer)


def _wisdom(
    loading: _Loading, index: int, title: str, branch: str, subdistrict: Subdistrict, village: int
) -> Wisdom:
    wisdom = Wisdom.objects.create(
        district=loading.district,
        created_by=loading.officer,
        title=title,
        branch=branch,
        holder=_unlike(loading.rng, _private_owners()) if index == 0 else _person(loading.rng),
        holder_public=index == 0,
        subdistrict=subdistrict,
        village_no=village,
        description=f"ภูมิปัญญา{title[3:] if title.startswith('การ') else title}"
        f" ที่สืบทอดกันมาในตำบล{subdistrict.name_th} หมู่ที่ {village}",
    )
    if index == 0:
        photo = files.photo(loading.counter + 50, (640, 480))
        files.attach(wisdom, photo, "wisdom.jpg", loading.officer, caption=title)
    return wisdom


def _group(
    loading: _Loading,
    wisdom: Wisdom,
    name: str,
    founded: dt.date,
    subdistrict: Subdistrict,
    village: int,
) -> Group:
    """The occupational group and its five to nine members."""
    rng = loading.rng
    group = Group.objects.create(
        district=loading.district,
        created_by=loading.officer,
        name=name,
        founded_on=founded,
        subdistrict=subdistrict,
        village_no=village,
        description=f"รวมกลุ่มกันสืบสาน{wisdom.title} และสร้างรายได้เสริมให้สมาชิก",
    )
    group.wisdom.add(wisdom)
    members = []
    for m in range(rng.randint(5, 9)):
        loading.counter += 1
        members.append(
            Member(
                group=group,
                name=_person(rng),
                citizen_id=fake_citizen_id(loading.counter),
                phone=f"089-000-{loading.counter % 10000:04d}",
                role=ROLES[m] if m < len(ROLES) else "สมาชิก",
            )
        )
    create_all(Member, members)
    return group


def _producer(
    loading: _Loading,
    index: int,
    craft: tuple,
    group: Group,
    subdistrict: Subdistrict,
    village: int,
) -> Producer:
    title, _branch, _place, group_name, kind, _products = craft
    rng, district = loading.rng, loading.district
    return Producer.objects.create(
        district=district,
        created_by=loading.officer,
        name=group_name if kind != Producer.Kind.SOLE else _unlike(rng, _public_holders()),
        kind=kind,
        group=group,
        name_public=kind != Producer.Kind.SOLE,
        registration_number=f"{district.code}-{index + 1:04d}",
        address=f"{village} หมู่ {village} ตำบล{subdistrict.name_th} {district.full_name}",
        contact_phone=f"077-000-{loading.counter % 10000:04d}",
        sales_channels="\n".join(rng.sample(CHANNELS, 3)),
        description=f"ผลิตภัณฑ์จาก{title}",
    )


def _producer_path(
    loading: _Loading, producer: Producer, index: int, kind: str, products: list[tuple]
) -> None:
    """Registration, certification and the path beyond; income and funding."""
    rng = loading.rng
    registered_in_2563 = rng.random() < 0.4
    registered = (
        _day(rng, dt.date(2019, 10, 1), dt.date(2020, 5, 31))
        if registered_in_2563
        else _day(rng, dt.date(2015, 1, 1), dt.date(2019, 6, 30))
    )
    producer.registration_year = be_year(registered.year)
    Producer.objects.filter(pk=producer.pk).update(registration_year=producer.registration_year)
    _stage(producer, Stage.REGISTERED, registered)
    best_stars = max((p[2] for p in products), default=0)
    if best_stars >= 4:
        certified_from = max(registered, dt.date(2019, 10, 1)) + dt.timedelta(days=10)
        _stage(producer, Stage.CERTIFIED, _day(rng, certified_from, dt.date(2020, 9, 20)))
    if best_stars >= 4 and kind == Producer.Kind.SME:
        _stage(producer, Stage.ENTERPRISE, dt.date(2020, 9, 25))
    for year, base in ((2562, 180_000), (2563, 240_000)):
        Income.objects.create(
            producer=producer,
            fiscal_year=year,
            amount=Decimal(base * (1 + index) + rng.randint(0, 90) * 1000),
        )
    Funding.objects.create(
        producer=producer,
        source=rng.choice(list(Funding.Source)),
        amount=Decimal(rng.choice([20_000, 50_000, 100_000])),
        date=_day(rng, dt.date(2019, 10, 1), dt.date(2020, 8, 31)),
    )


def _stage(record: Group | Producer, stage: str, date: dt.date) -> None:
    field = "group" if isinstance(record, Group) else "producer"
    StageChange.objects.create(
        district_id=record.district_id, stage=stage, date=date, **{field: record}
    )
    type(record).objects.filter(pk=record.pk).update(stage=stage)
    record.stage = stage
    group_follow_producer(record=record)


# A product's price as an officer types it, with what it buys; seven prices a category, so
# a product draws as many random numbers whatever its category.
PRICES = {
    C.FOOD: ("ห่อ", [35, 45, 60, 80, 120, 150, 250]),
    C.DRINK: ("ขวด", [25, 35, 45, 60, 80, 120, 250]),
    C.TEXTILE: ("ผืน", [250, 450, 650, 890, 1200, 1800, 2500]),
    C.ARTICLE: ("ชิ้น", [45, 80, 120, 250, 450, 890, 1200]),
    C.HERBAL: ("ชิ้น", [45, 60, 80, 120, 150, 250, 350]),
}


def _price(rng: random.Random, category: str) -> str:
    unit, prices = PRICES[category]
    return f"{rng.choice(prices):,} บาท/{unit}"


def _certify(product, category, stars, today, rng, p_index) -> None:
    kinds = [Certification.Kind.MPC]
    if category in (Product.Category.FOOD, Product.Category.DRINK):
        kinds.append(Certification.Kind.FDA)
    if stars and stars >= 5:
        kinds.append(Certification.Kind.GMP)
    for c_index, kind in enumerate(kinds):
        issued = _day(rng, dt.date(2018, 1, 1), dt.date(2020, 9, 1))
        # The first standard of each district's first product runs out within 90 days.
        soon = p_index == 0 and c_index == 0 and rng.random() < 0.6
        expires = (
            today + dt.timedelta(days=rng.randint(5, 85))
            if soon
            else today + dt.timedelta(days=rng.randint(200, 900))
        )
        Certification.objects.create(
            product=product,
            kind=kind,
            number=f"{rng.randint(100, 9999)}/{be_year(issued.year)}",
            issued_on=issued,
            expires_on=expires,
        )


def _services(
    district,
    known,
    officer,
    rng,
    days: tuple[dt.date, dt.date] = (dt.date(2019, 10, 1), dt.date(2020, 9, 30)),
    count: int = 10,
) -> None:
    """`count` services on days in `days` (the seed's fiscal year 2563 by default)."""
    officer_name = officer.get_full_name() if officer else ""
    kinds = list(Service.Kind)
    for n in range(count):
        date = _day(rng, *days)
        if known and n % 3 != 2:
            who = rng.choice(known)
            fields = {"group": who} if isinstance(who, Group) else {"producer": who}
            service = Service(
                visitor=Service.Visitor.GROUP,
                target_group=who.target_group,
                visitor_name=who.name,
                **fields,
            )
        else:
            service = Service(
                visitor=rng.choice([Service.Visitor.PERSON, Service.Visitor.ORGANISATION]),
                visitor_name=rng.choice(
                    ["ผู้สนใจจากหมู่บ้านใกล้เคียง", "วิสาหกิจชุมชนในตำบล", "โรงเรียนในอำเภอ"]
                ),
                target_group="1",
            )
        service.district = district
        service.created_by = officer
        service.date = date
        service.kind = rng.choice(kinds)
        service.detail = "ให้คำแนะนำและข้อมูลตามที่ขอรับบริการ"
        service.officer = officer_name
        service.save()


def load_current_services(province, year: DemoYear, officers: dict) -> None:
    """The service log of the current year, about one visitor a month a district (once:
    skipped when the year has services)."""
    start, _end = fiscal_year_range(year.fy)
    if Service.objects.filter(district__province=province, date__gte=start).exists():
        return
    months = (year.until.year - start.year) * 12 + year.until.month - start.month + 1
    for district in District.objects.filter(province=province).order_by("code"):
        rng = random.Random(int(district.code) + year.seed)  # repeatable demo data  # nosec B311
        known = [
            *Group.objects.filter(district=district).order_by("pk"),
            *Producer.objects.filter(district=district).order_by("pk"),
        ]
        officer = officers.get(district.code)
        _services(district, known, officer, rng, days=(start, year.until), count=months)


def load_producer_moves(province, year: DemoYear) -> None:
    """Moves along the path in the current fiscal year: a group starts producing, a
    registered producer is certified (once: skipped when the year has stage changes)."""
    start, _end = fiscal_year_range(year.fy)
    moved = StageChange.objects.filter(district__province=province, date__gte=start)
    if moved.exists():
        return
    for district in District.objects.filter(province=province, code__in=CRAFTS).order_by("code"):
        rng = random.Random(int(district.code) + year.seed)  # repeatable demo data  # nosec B311
        group = Group.objects.filter(district=district, stage=Stage.GROUP).order_by("pk").first()
        if group:
            _stage(group, Stage.PRODUCING, _day(rng, start, year.until))
        producer = (
            Producer.objects.filter(district=district, stage=Stage.REGISTERED)
            .order_by("pk")
            .first()
        )
        product = producer and producer.products.order_by("pk").first()
        if product:
            certified = _day(rng, start, year.until)
            _stage(producer, Stage.CERTIFIED, certified)
            Certification.objects.create(
                product=product,
                kind=Certification.Kind.MPC,
                number=f"{rng.randint(100, 9999)}/{year.fy}",
                issued_on=certified,
                expires_on=certified + dt.timedelta(days=3 * 365),
            )
