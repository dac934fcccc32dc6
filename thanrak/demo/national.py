"""Synthetic national-scale data for performance figures (`manage.py national_data`).

Every district outside the demo province gets a center and five fiscal years of its
records, drawn from seeded random numbers so that a seed gives the same data again.
At scale 1.0 that is about 1,000,000 activities, 100,000 groups, producers and products
and 200,000 services; a smaller scale takes fewer districts with the same density.
People are invented (citizen IDs checksum-correct, starting 1-9999-8); places are real.

Rows are written in large batches, with explicit ids: COPY on PostgreSQL, bulk_create
elsewhere. Model save() is never called, so no history rows are written, and the
evidence rows of the whole country share a few stored files.
"""

import datetime as dt
import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from thanrak.accounts.models import Role, User
from thanrak.areas.models import District, Province, Subdistrict
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
    ProvinceOffice,
    Publicity,
    Referral,
    Report,
    StructurePosition,
    TargetGroup,
)
from thanrak.core.thai import be_year, fiscal_months, fiscal_quarter_range, fiscal_year
from thanrak.demo import data, files
from thanrak.demo import national_words as words
from thanrak.evidence.models import Evidence, Purpose, guessed_purpose
from thanrak.monitoring import services as monitoring_services
from thanrak.monitoring.models import (
    ItemFinding,
    MonitoringRound,
    Result,
    Visit,
    VisitFinding,
    default_place,
)
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
    target_group_of,
)
from thanrak.producers.search import index_text

BANGKOK = ZoneInfo("Asia/Bangkok")
ACTIVITIES_NATIONWIDE = 1_000_000  # at scale 1.0, over the years loaded
PRODUCERS_PER_DISTRICT = 110  # about 100,000 nationwide
SERVICES_PER_DISTRICT_YEAR = 53  # about 200,000 nationwide over five years
MONITORED_PROVINCES = 6
BEHIND_SHARE = 0.08  # districts behind on the guideline: gaps in the recent months
PHOTO, THUMB, PDF = (
    "evidence/national/photo.jpg",
    "evidence/national/thumb.jpg",
    "evidence/national/document.pdf",
)

# The columns written for each model, in the order the generators give them.
TIMES = "created_at updated_at"
COLUMNS: dict[type[models.Model], str] = {
    User: "id password is_superuser username first_name last_name email is_staff is_active "
    "date_joined role province_id district_id position phone language",
    Center: f"id {TIMES} district_id location has_dedicated_space space_description "
    "staff_on_duty opening_hours phone",
    Material: f"id {TIMES} center_id created_by_id title kind quantity note",
    CommitteeTerm: f"id {TIMES} center_id created_by_id order_number order_date starts_on ends_on note",
    CommitteeMember: f"id {TIMES} term_id name organisation category position_id order",
    Meeting: f"id {TIMES} center_id created_by_id date title agenda minutes",
    Meeting.attendees.through: "id meeting_id committeemember_id",
    Plan: f"id {TIMES} center_id created_by_id kind title first_year last_year approved_on summary",
    PlanItem: f"id {TIMES} plan_id title target_group budget responsible_id period order",
    Activity: f"id {TIMES} center_id created_by_id date title kind topics participants_type1 "
    "participants_type2 participants_type3 partners cost plan_item_id description",
    Publicity: f"id {TIMES} center_id created_by_id date channel title url",
    BudgetAllocation: f"id {TIMES} center_id created_by_id fiscal_year amount letter_number letter_date",
    Expense: f"id {TIMES} center_id created_by_id date description method vendor amount",
    Referral: f"id {TIMES} center_id created_by_id date who_kind who need agency result",
    LessonsLearned: f"id {TIMES} center_id created_by_id fiscal_year results problems improvements",
    Report: f"id {TIMES} center_id fiscal_year quarter status submitted_at submitted_by_id "
    "narrative comment reviewed_at reviewed_by_id due_on contents",
    Evidence: "id district_id content_type_id object_id file thumbnail kind purpose "
    "content_type_name extension original_name size caption uploaded_by_id uploaded_at",
    Wisdom: f"id {TIMES} district_id created_by_id search_title search_body title branch holder "
    "holder_public subdistrict_id village_no description",
    Group: f"id {TIMES} district_id created_by_id search_title search_body name founded_on "
    "subdistrict_id village_no description stage",
    Group.wisdom.through: "id group_id wisdom_id",
    Member: f"id {TIMES} group_id name citizen_id phone role",
    Producer: f"id {TIMES} district_id created_by_id search_title search_body name kind group_id "
    "name_public registration_number registration_year address contact_phone sales_channels "
    "description stage",
    Product: f"id {TIMES} district_id created_by_id search_title search_body producer_id name "
    "category stars wisdom_id price description",
    Certification: f"id {TIMES} product_id kind number issued_on expires_on",
    Income: f"id {TIMES} producer_id fiscal_year amount",
    Funding: f"id {TIMES} producer_id source amount date",
    StageChange: f"id {TIMES} district_id group_id producer_id stage date note",
    Service: f"id {TIMES} district_id created_by_id search_title search_body date visitor "
    "visitor_name group_id producer_id target_group kind detail officer",
}


class Sink:
    """Rows by model, written in large batches with ids given here."""

    BATCH = 50_000

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.rows: dict[type[models.Model], list[tuple]] = {}
        self.next_ids: dict[type[models.Model], int] = {}
        self.counts: Counter = Counter()
        self._json: dict[tuple, str] = {}
        self.foreign_keys: list[tuple[str, str, str]] = []

    def ids(self, model: type[models.Model], n: int = 1) -> range:
        """`n` new primary keys of the model, above every existing one."""
        if model not in self.next_ids:
            top = model._base_manager.aggregate(top=Max("pk"))["top"] or 0
            self.next_ids[model] = top + 1
        start = self.next_ids[model]
        self.next_ids[model] = start + n
        return range(start, start + n)

    def add(self, model: type[models.Model], row: tuple) -> None:
        rows = self.rows.setdefault(model, [])
        rows.append(row)
        if len(rows) >= self.BATCH:
            self.flush(model)

    def written(self, model: type[models.Model]) -> int:
        return self.counts[model] + len(self.rows.get(model, []))

    def flush(self, model: type[models.Model]) -> None:
        rows = self.rows.pop(model, [])
        if not rows:
            return
        names = COLUMNS[model].split()
        if self.postgres:
            self._copy(model, names, rows)
        else:
            model._base_manager.bulk_create(
                [model(**dict(zip(names, row, strict=True))) for row in rows], batch_size=500
            )
        self.counts[model] += len(rows)

    def _copy(self, model: type[models.Model], names: list[str], rows: list[tuple]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        json_at = [i for i, n in enumerate(names) if isinstance(fields[n], models.JSONField)]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(fields[n].column) for n in names)
        with connection.cursor() as cursor:
            sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    if json_at:
                        row = list(row)
                        for i in json_at:
                            row[i] = self._json_text(row[i])
                    copy.write_row(row)

    def _json_text(self, value) -> str:
        key = tuple(value) if isinstance(value, list | tuple) else ("dict", json.dumps(value))
        if key not in self._json:
            self._json[key] = json.dumps(value, ensure_ascii=False)
        return self._json[key]

    def begin(self) -> None:
        """On PostgreSQL, set aside the foreign keys of the tables written: checked row by
        row at commit they would take minutes; added back by finish(), each is checked in
        one pass (as pg_restore does)."""
        if not self.postgres:
            return
        tables = [model._meta.db_table for model in COLUMNS]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])",
                [tables],
            )
            self.foreign_keys = cursor.fetchall()
            # A table with rows still waiting for their deferred checks cannot be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name, _definition in self.foreign_keys:
                cursor.execute(
                    f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}"
                )
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def finish(self) -> None:
        """Write what is left, add the foreign keys back, move PostgreSQL's id sequences
        past the new ids and refresh the planner's statistics."""
        for model in list(self.rows):
            self.flush(model)
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next_ids))
        if self.postgres:
            statements += ["SET CONSTRAINTS ALL IMMEDIATE"]
            statements += [
                f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
                for table, name, definition in self.foreign_keys
            ]
            statements += ["SET CONSTRAINTS ALL DEFERRED"]
            statements += [f"ANALYZE {model._meta.db_table}" for model in COLUMNS]
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@dataclass
class Context:
    """What every generator needs: the sink, the days and the shared lookups."""

    sink: Sink
    seed: int
    today: dt.date
    years: list[int]
    now: dt.datetime
    content_types: dict[type[models.Model], int] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)
    province_officers: dict[str, int] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    per_month: float = 18.0  # activities a district records in a month, on average
    _stamps: dict[dt.date, dt.datetime] = field(default_factory=dict)

    def stamp(self, day: dt.date) -> dt.datetime:
        """When a record of `day` was typed in: that morning, never after now."""
        if day not in self._stamps:
            moment = dt.datetime.combine(day, dt.time(10, 0), tzinfo=BANGKOK)
            self._stamps[day] = min(moment, self.now)
        return self._stamps[day]

    def months(self, fy: int) -> list[tuple[dt.date, dt.date]]:
        """The first and last day of each month of the year, up to today."""
        found = []
        for year, month in fiscal_months(fy):
            first = dt.date(year, month, 1)
            if first > self.today:
                break
            following = dt.date(year + (month == 12), month % 12 + 1, 1)
            found.append((first, min(following - dt.timedelta(days=1), self.today)))
        return found


@dataclass
class Place:
    """One district being generated: its center, officer and character."""

    code: str
    name: str
    province: str
    center: int
    officer: int
    officer_name: str
    rng: random.Random
    subdistricts: list[str]
    crafts: list[tuple]
    behind: bool
    level: float


def _person(rng: random.Random) -> str:
    return (
        f"{words.titled(rng.choice(words.TITLES), rng.choice(words.FIRST_NAMES))} "
        f"{rng.choice(words.LAST_NAMES)}"
    )


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def fake_citizen_id(n: int) -> str:
    """A checksum-correct, obviously fake citizen ID: 1-9999-8xxxx-xx-c."""
    first = f"199998{n % 1_000_000:06d}"
    total = sum(int(first[i]) * (13 - i) for i in range(12))
    return first + str((11 - total % 11) % 10)


_INDEX: dict[str, str] = {}


def indexed(text: str) -> str:
    """The search index of a text (see producers.search), computed once per text."""
    if text not in _INDEX:
        _INDEX[text] = index_text(text)
    return _INDEX[text]


def fiscal_years(*, today: dt.date, count: int) -> list[int]:
    """The `count` B.E. fiscal years ending with the one of `today`."""
    current = fiscal_year(today)
    return list(range(current - count + 1, current + 1))


def already_loaded(*, demo_province: str = data.PROVINCE) -> int:
    """How many activities exist outside the demo province (national data is there)."""
    return Activity.objects.exclude(center__district__province=demo_province).count()


def choose_districts(*, scale: float, seed: int, demo_province: str = data.PROVINCE) -> list:
    """The districts to fill: every one outside the demo province at scale 1.0, else a
    seeded sample of them (at least one)."""
    districts = list(
        District.objects.exclude(province=demo_province)
        .order_by("code")
        .values_list("code", "name_th", "province_id")
    )
    count = max(1, min(len(districts), round(len(districts) * scale)))
    if count == len(districts):
        return districts
    rng = random.Random(seed)  # synthetic data, not security  # nosec B311
    return sorted(rng.sample(districts, count))


def _tiny_pdf() -> bytes:
    """A valid one-page blank A4 PDF: what a scanned document row points to."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def store_files() -> dict[str, int]:
    """The few files every generated evidence row shares; their sizes by name."""
    import io

    from PIL import Image

    storage = Evidence._meta.get_field("file").storage
    photo = files.photo(84_000, (800, 600)).data
    thumb = io.BytesIO()
    image = Image.open(io.BytesIO(photo))
    image.thumbnail((400, 400))
    image.save(thumb, "JPEG", quality=80)
    for name, content in ((PHOTO, photo), (THUMB, thumb.getvalue()), (PDF, _tiny_pdf())):
        if not storage.exists(name):
            storage.save(name, ContentFile(content))
    return {name: storage.size(name) for name in (PHOTO, THUMB, PDF)}


def load_accounts(*, ctx: Context, districts: list, monitored: list[str]) -> dict[str, int]:
    """A district officer `d<code>` per district, a province officer `p<code>` per province
    and two monitoring teams `m<code>.1`/`m<code>.1.team`, `m<code>.2`/`m<code>.2.team` per
    monitored province, all with the demo password; ids by username."""
    provinces = sorted({province for _code, _name, province in districts})
    wanted = []
    for code, name, province in districts:
        wanted.append((f"d{code}", Role.DISTRICT_OFFICER, province, code, f"พัฒนาการอำเภอ{name}"))
    for province in provinces:
        wanted.append(
            (f"p{province}", Role.PROVINCE_OFFICER, province, None, "นักวิชาการพัฒนาชุมชนชำนาญการ")
        )
    for province in monitored:
        for team in ("1", "2"):
            wanted.append((f"m{province}.{team}", Role.MONITOR, province, None, "ผู้อำนวยการกลุ่มงาน"))
            wanted.append(
                (f"m{province}.{team}.team", Role.MONITOR, province, None, "นักวิชาการพัฒนาชุมชน")
            )
    ids = dict(
        User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", "id")
    )
    password = make_password(data.PASSWORD)
    rng = random.Random(ctx.seed)  # synthetic people, not security  # nosec B311
    for username, role, province, district, position in wanted:
        if username in ids:
            continue
        ids[username] = ctx.sink.ids(User)[0]
        first = words.titled(rng.choice(words.TITLES), rng.choice(words.FIRST_NAMES))
        ctx.sink.add(User, (ids[username], password, False, username, first,
                            rng.choice(words.LAST_NAMES), f"{username}@national.thanrak.example",
                            False, True, ctx.now, role, province, district, position, "",
                            settings.LANGUAGE_CODE))  # fmt: skip
    ctx.province_officers = {p: ids[f"p{p}"] for p in provinces}
    return ids


def load_offices(*, provinces: list[str]) -> None:
    """The Community Development office of every province that has none."""
    for province in Province.objects.filter(code__in=provinces):
        ProvinceOffice.objects.get_or_create(
            province=province,
            defaults={
                "name": f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}",
                "address": f"ศาลากลางจังหวัด{province.name_th}",
                "unit": "กลุ่มงานส่งเสริมการพัฒนาชุมชน",
            },
        )


def load_centers(*, ctx: Context, districts: list) -> dict[str, int]:
    """The center of every district (kept when it exists), with its materials; ids by district."""
    codes = [code for code, _name, _province in districts]
    ids = dict(Center.objects.filter(district__in=codes).values_list("district_id", "id"))
    stamp = ctx.stamp(dt.date(ctx.today.year - 6, 1, 15))
    for code, name, _province in districts:
        if code in ids:
            continue
        rng = random.Random(ctx.seed * 7 + int(code))  # synthetic data  # nosec B311
        ids[code] = center = ctx.sink.ids(Center)[0]
        dedicated = rng.random() < 0.9
        ctx.sink.add(Center, (center, stamp, stamp, code, f"สำนักงานพัฒนาชุมชนอำเภอ{name}",
                              dedicated, "มุมบริการศูนย์ฯ ชั้น 1 สำนักงานพัฒนาชุมชนอำเภอ" if dedicated else "",
                              "นักวิชาการพัฒนาชุมชนเวรประจำวัน", "จันทร์–ศุกร์ 08.30–16.30 น.",
                              f"0 {rng.randint(2000, 7999)} {rng.randint(1000, 9999)}"))  # fmt: skip
        for title, kind in rng.sample(words.MATERIALS, rng.randint(2, 5)):
            quantity = rng.choice([10, 20, 50]) if kind == "print" else None
            ctx.sink.add(Material, (ctx.sink.ids(Material)[0], stamp, stamp, center, None, title,
                                    kind, quantity, ""))  # fmt: skip
    return ids


def evidence(*, ctx: Context, place: Place, record: tuple, kind: str, caption: str = "") -> None:
    """One evidence row on a record (model, id, day): a photo or a scanned document.

    A photo is uploaded as a photo; a document as what its record asks for (the minutes
    of a meeting, the receipt of an expense, the plan …), else as "other".
    """
    model, object_id, day = record
    at = ctx.stamp(day)
    purpose = Purpose.PHOTO if kind == "photo" else guessed_purpose(model, Evidence.Kind.PDF)
    if kind == "photo":
        file = (
            PHOTO,
            THUMB,
            Evidence.Kind.IMAGE,
            "image/jpeg",
            ".jpg",
            "photo.jpg",
            ctx.sizes[PHOTO],
        )
    else:
        file = (
            PDF,
            "",
            Evidence.Kind.PDF,
            "application/pdf",
            ".pdf",
            "document.pdf",
            ctx.sizes[PDF],
        )
    name, thumb, file_kind, mime, extension, original, size = file
    ctx.sink.add(Evidence, (ctx.sink.ids(Evidence)[0], place.code, ctx.content_types[model],
                            object_id, name, thumb, file_kind, purpose, mime, extension, original,
                            size, caption, place.officer, at))  # fmt: skip


def _months_ago(ctx: Context, day: dt.date) -> int:
    return (ctx.today.year - day.year) * 12 + ctx.today.month - day.month


def _committee(*, ctx: Context, place: Place, fy: int, ends_on: dt.date | None) -> list[int]:
    """A committee term appointed in October of `fy`; its members' ids."""
    rng, sink = place.rng, ctx.sink
    start = fiscal_quarter_range(fy, 1)[0]
    # Ordered in September, in office from 1 October: no day of the year without a committee.
    appointed = start - dt.timedelta(days=rng.randint(3, 20))
    term = sink.ids(CommitteeTerm)[0]
    at = ctx.stamp(appointed)
    sink.add(CommitteeTerm, (term, at, at, place.center, place.officer,
                             f"{rng.randint(100, 450)}/{be_year(appointed.year)}", appointed,
                             start, ends_on, "แต่งตั้งตามแนวทางการดำเนินงานศูนย์ฯ ข้อ 6.1"))  # fmt: skip
    evidence(
        ctx=ctx,
        place=place,
        record=(CommitteeTerm, term, appointed),
        kind="pdf",
        caption="คำสั่งแต่งตั้งคณะกรรมการ",
    )
    C = CommitteeMember.Category
    rows = [(f"นายอำเภอ{place.name}", f"ที่ว่าการอำเภอ{place.name}", C.CHAIR, "ประธาน"),
            (place.officer_name, f"สำนักงานพัฒนาชุมชนอำเภอ{place.name}", C.SECRETARY, "เลขานุการ")]  # fmt: skip
    for agency in words.AGENCIES:
        rows.append((_person(rng), f"{agency}{place.name}", C.AGENCY, "ฝ่ายส่งเสริมการผลิต"))
    leaders = 3 if rng.random() < 0.05 else rng.randint(4, 8)  # a few committees too small
    for n in range(leaders):
        position = "เหรัญญิก" if n == 0 else "ฝ่ายส่งเสริมการตลาด"
        rows.append((_person(rng), rng.choice(words.LEADERS), C.LEADER, position))
    members = list(sink.ids(CommitteeMember, len(rows)))
    for order, (member, (name, organisation, category, position)) in enumerate(
        zip(members, rows, strict=True), start=1
    ):
        sink.add(CommitteeMember, (member, at, at, term, name, organisation, category,
                                   ctx.positions.get(position), order))  # fmt: skip
    return members


def _meetings(*, ctx: Context, place: Place, fy: int, members: list[int]) -> None:
    """A committee meeting each quarter, with its minutes; behind districts miss recent ones."""
    rng, sink = place.rng, ctx.sink
    for quarter in (1, 2, 3, 4):
        first, last = fiscal_quarter_range(fy, quarter)
        if first > ctx.today or rng.random() < 0.03:
            continue
        day = _day(rng, first + dt.timedelta(days=20), min(last, ctx.today))
        if place.behind and _months_ago(ctx, day) < 6:
            continue
        meeting = sink.ids(Meeting)[0]
        at = ctx.stamp(day)
        sink.add(Meeting, (meeting, at, at, place.center, place.officer, day,
                           f"ประชุมคณะกรรมการบริหารศูนย์ฯ ครั้งที่ {quarter}/{fy}",
                           "1. เรื่องที่ประธานแจ้งให้ทราบ\n2. ติดตามผลการดำเนินงานตามแผน\n3. เรื่องอื่น ๆ",
                           "ที่ประชุมรับทราบผลการดำเนินงานและเห็นชอบแผนกิจกรรมไตรมาสถัดไป"))  # fmt: skip
        attendees = rng.sample(members, k=max(1, len(members) - rng.randint(1, 4)))
        for member, link in zip(
            attendees, sink.ids(Meeting.attendees.through, len(attendees)), strict=True
        ):
            sink.add(Meeting.attendees.through, (link, meeting, member))
        record = (Meeting, meeting, day)
        evidence(ctx=ctx, place=place, record=record, kind="pdf", caption="รายงานการประชุม")
        if rng.random() < 0.9:
            evidence(ctx=ctx, place=place, record=record, kind="photo", caption="ภาพการประชุม")


def _plans(*, ctx: Context, place: Place, fy: int, long: bool) -> list[int]:
    """The year's short-term plan (four items, one a quarter) and, every third year, a
    three-year plan; the short plan's item ids."""
    rng, sink = place.rng, ctx.sink
    approved = min(
        _day(rng, *(d + dt.timedelta(days=30) for d in fiscal_quarter_range(fy, 1))), ctx.today
    )
    at = ctx.stamp(approved)
    plan = sink.ids(Plan)[0]
    craft = place.crafts[0][0]
    sink.add(Plan, (plan, at, at, place.center, place.officer, Plan.Kind.SHORT,
                    f"แผนส่งเสริมความเข้มแข็งกลุ่มอาชีพและผู้ผลิต OTOP ประจำปีงบประมาณ {fy}",
                    fy, fy, approved, ""))  # fmt: skip
    evidence(ctx=ctx, place=place, record=(Plan, plan, approved), kind="pdf")
    items = list(sink.ids(PlanItem, 4))
    for order, (item, (title, group, position)) in enumerate(zip(items, [
        (f"ค้นหาภูมิปัญญาและรวมกลุ่มอาชีพ{craft}", TargetGroup.TYPE1, "ฝ่ายวิชาการและข้อมูล"),
        ("พัฒนาคุณภาพและมาตรฐานผลิตภัณฑ์", TargetGroup.TYPE2, "ฝ่ายส่งเสริมการพัฒนาคุณภาพและมาตรฐานผลิตภัณฑ์"),
        ("จัดหาช่องทางการจำหน่ายและตลาดออนไลน์", TargetGroup.TYPE3, "ฝ่ายส่งเสริมการตลาด"),
        ("ประสานแหล่งทุนให้กลุ่มอาชีพ", TargetGroup.ALL, "ฝ่ายประสานแหล่งทุน"),
    ], strict=True), start=1):  # fmt: skip
        sink.add(PlanItem, (item, at, at, plan, title, group, Decimal(rng.choice([200, 300, 500])),
                            ctx.positions.get(position), f"ไตรมาส {order}/{fy}", order))  # fmt: skip
    if long and rng.random() < 0.95:
        plan = sink.ids(Plan)[0]
        sink.add(Plan, (plan, at, at, place.center, place.officer, Plan.Kind.LONG,
                        f"แผนพัฒนาเศรษฐกิจฐานรากอำเภอ{place.name} ระยะ 3 ปี ({fy}–{fy + 2})",
                        fy, fy + 2, approved, "กลุ่มอาชีพเข้มแข็ง มีรายได้มั่นคง"))  # fmt: skip
        evidence(ctx=ctx, place=place, record=(Plan, plan, approved), kind="pdf")
    return items


TOPIC_SETS = [[a] for a in KnowledgeTopic.values] + [
    [a, b] for i, a in enumerate(KnowledgeTopic.values) for b in KnowledgeTopic.values[i + 1 :]
]
COSTS = [Decimal(n) for n in (0, 0, 0, 100, 150, 200, 300, 500)]
KINDS = list(ActivityKind.values)


def _activity_count(*, ctx: Context, place: Place, first: dt.date, last: dt.date) -> int:
    """How many activities a district records in a month (so far, for this month)."""
    if place.behind and _months_ago(ctx, first) < 2:
        return 0
    elapsed = ((last - first).days + 1) / 30.5
    count = round(ctx.per_month * place.level * place.rng.uniform(0.6, 1.4) * min(1.0, elapsed))
    return count if elapsed < 0.9 else max(1, count)


def _activities(*, ctx: Context, place: Place, fy: int, items: list[int]) -> None:
    """Activities every month, most with a photo, some also with a document."""
    rng, sink = place.rng, ctx.sink
    photo_share = 0.6 if place.behind else 0.88
    for index, (first, last) in enumerate(ctx.months(fy)):
        count = _activity_count(ctx=ctx, place=place, first=first, last=last)
        for activity in sink.ids(Activity, count):
            day = _day(rng, first, last)
            at = ctx.stamp(day)
            kind = rng.choice(KINDS)
            craft = rng.choice(place.crafts)[0]
            title = rng.choice(words.ACTIVITY_TITLES[kind]).format(c=craft)
            sink.add(Activity, (activity, at, at, place.center, place.officer, day, title, kind,
                                rng.choice(TOPIC_SETS), rng.randint(0, 10), rng.randint(0, 15),
                                rng.randint(0, 12), ", ".join(rng.sample(words.PARTNERS, 2)),
                                rng.choice(COSTS), items[index // 3],
                                f"กิจกรรมส่งเสริมความเข้มแข็งของกลุ่ม{craft}"))  # fmt: skip
            if rng.random() < photo_share:
                evidence(
                    ctx=ctx,
                    place=place,
                    record=(Activity, activity, day),
                    kind="photo",
                    caption=title,
                )
                if rng.random() < 0.25:
                    evidence(
                        ctx=ctx,
                        place=place,
                        record=(Activity, activity, day),
                        kind="pdf",
                        caption="รายชื่อผู้เข้าร่วม",
                    )


CHANNELS = list(Publicity.Channel.values)


def _publicity(*, ctx: Context, place: Place, fy: int) -> None:
    """One to three publicity records a quarter."""
    rng, sink = place.rng, ctx.sink
    for quarter in (1, 2, 3, 4):
        first, last = fiscal_quarter_range(fy, quarter)
        if first > ctx.today:
            break
        for _n in range(rng.choice([0, 1, 1, 1, 2, 2, 3]) if rng.random() < 0.97 else 0):
            day = _day(rng, first, min(last, ctx.today))
            if place.behind and _months_ago(ctx, day) < 3:
                continue
            channel = rng.choice(CHANNELS)
            url = f"https://www.facebook.com/cd.{place.code}" if channel == "facebook" else ""
            publicity = sink.ids(Publicity)[0]
            at = ctx.stamp(day)
            sink.add(Publicity, (publicity, at, at, place.center, place.officer, day, channel,
                                 f"ประชาสัมพันธ์ผลการดำเนินงานศูนย์ฯ และผลิตภัณฑ์{rng.choice(place.crafts)[0]}",
                                 url))  # fmt: skip
            if rng.random() < 0.7:
                evidence(ctx=ctx, place=place, record=(Publicity, publicity, day), kind="photo")


def _budget(*, ctx: Context, place: Place, fy: int) -> None:
    """The province's allocation for the year and the center's expenses, each with its receipt."""
    rng, sink = place.rng, ctx.sink
    start, _end = fiscal_quarter_range(fy, 1)
    letter_day = _day(rng, start + dt.timedelta(days=15), start + dt.timedelta(days=50))
    if letter_day > ctx.today:
        return
    amount = Decimal(1500 + 500 * (int(place.province) % 3))
    allocation = sink.ids(BudgetAllocation)[0]
    at = ctx.stamp(letter_day)
    sink.add(BudgetAllocation, (allocation, at, at, place.center, ctx.province_officers[place.province],
                                fy, amount, f"0019.03/ว.{rng.randint(1000, 9999)}", letter_day))  # fmt: skip
    evidence(ctx=ctx, place=place, record=(BudgetAllocation, allocation, letter_day), kind="pdf")
    spent, overspend = Decimal(0), rng.random() < 0.03
    for description, method, vendor in rng.sample(words.EXPENSES, rng.randint(2, 3)):
        day = _day(rng, letter_day + dt.timedelta(days=10), letter_day + dt.timedelta(days=250))
        if day > ctx.today:
            continue
        cost = Decimal(rng.choice([250, 350, 450, 500, 650]))
        if spent + cost > amount and not overspend:
            break
        spent += cost
        expense = sink.ids(Expense)[0]
        at = ctx.stamp(day)
        sink.add(Expense, (expense, at, at, place.center, place.officer, day, description, method,
                           vendor, cost))  # fmt: skip
        if rng.random() < 0.95:
            evidence(
                ctx=ctx,
                place=place,
                record=(Expense, expense, day),
                kind="pdf",
                caption="ใบเสร็จรับเงิน",
            )


def _report_days(fy: int) -> list[tuple[int, dt.date, dt.date]]:
    """(quarter, last day of the period, due day) of a year's reports; quarter 0 is the year's."""
    days = []
    for quarter in (1, 2, 3, 4):
        end = fiscal_quarter_range(fy, quarter)[1]
        days.append((quarter, end, end + dt.timedelta(days=10)))
    end = fiscal_quarter_range(fy, 4)[1]
    days.insert(3, (0, end, end))
    return days


def _reports(*, ctx: Context, place: Place, fy: int) -> None:
    """The reports of every period that has ended: accepted once reviewed; behind districts
    miss the latest one, a few are returned with a comment."""
    rng, sink = place.rng, ctx.sink
    officer, reviewer = place.officer, ctx.province_officers[place.province]
    for quarter, end, due in _report_days(fy):
        if end >= ctx.today or (place.behind and (ctx.today - end).days < 100):
            continue
        submitted = due - dt.timedelta(days=rng.randint(0, 9))
        reviewed = submitted + dt.timedelta(days=rng.randint(3, 14))
        status, comment = Report.Status.SUBMITTED, ""
        if reviewed <= ctx.today:
            status, comment = Report.Status.ACCEPTED, "ครบถ้วนตามแบบรายงาน"
            if rng.random() < 0.04:
                status, comment = Report.Status.RETURNED, "ขอให้แนบภาพกิจกรรมให้ครบทุกเดือน"
        sent_at = ctx.stamp(submitted)
        review = (
            (ctx.stamp(reviewed), reviewer) if status != Report.Status.SUBMITTED else (None, None)
        )
        sink.add(Report, (sink.ids(Report)[0], sent_at, review[0] or sent_at, place.center, fy,
                          quarter, status, sent_at, officer, {}, comment, *review, due, {}))  # fmt: skip


def _year_end(*, ctx: Context, place: Place, fy: int) -> None:
    """Referrals of the year and, for a year that is over, its lessons learned."""
    rng, sink = place.rng, ctx.sink
    first, last = fiscal_quarter_range(fy, 1)[0], fiscal_quarter_range(fy, 4)[1]
    for _n in range(rng.randint(0, 2)):
        day = _day(rng, first, min(last, ctx.today))
        at = ctx.stamp(day)
        sink.add(Referral, (sink.ids(Referral)[0], at, at, place.center, place.officer, day,
                            Referral.WhoKind.GROUP, f"กลุ่ม{rng.choice(place.crafts)[0]}", "ต้องการพัฒนาบรรจุภัณฑ์เพื่อส่งออก",
                            "ศูนย์ส่งเสริมอุตสาหกรรมภาค", ""))  # fmt: skip
    if last < ctx.today and rng.random() < 0.92:
        at = ctx.stamp(last)
        sink.add(LessonsLearned, (sink.ids(LessonsLearned)[0], at, at, place.center, place.officer,
                                  fy, f"กลุ่ม{place.crafts[0][0]}ได้รับการพัฒนาผลิตภัณฑ์และมีช่องทางจำหน่ายเพิ่มขึ้น",
                                  "กลุ่มอาชีพบางกลุ่มยังขาดเงินทุนหมุนเวียน",
                                  "เพิ่มการขายออนไลน์และติดตามผลทุกไตรมาส"))  # fmt: skip


def center_records(*, ctx: Context, place: Place) -> None:
    """Five fiscal years of one center's records: a committee every second year, and each
    year's meetings, plans, activities, publicity, budget, reports and lessons."""
    members: list[int] = []
    for index, fy in enumerate(ctx.years):
        if index % 2 == 0:
            following = ctx.years[index + 2] if index + 2 < len(ctx.years) else None
            ends_on = fiscal_quarter_range(following, 1)[0] if following else None
            members = _committee(
                ctx=ctx, place=place, fy=fy, ends_on=ends_on and ends_on - dt.timedelta(days=1)
            )
        _meetings(ctx=ctx, place=place, fy=fy, members=members)
        items = _plans(ctx=ctx, place=place, fy=fy, long=index % 3 == 0)
        _activities(ctx=ctx, place=place, fy=fy, items=items)
        _publicity(ctx=ctx, place=place, fy=fy)
        _budget(ctx=ctx, place=place, fy=fy)
        _reports(ctx=ctx, place=place, fy=fy)
        _year_end(ctx=ctx, place=place, fy=fy)


@dataclass
class Known:
    """A group or producer the district's services may name."""

    group: int | None
    producer: int | None
    name: str
    stage: str


def _stage_path(*, rng: random.Random, founded: dt.date, today: dt.date, last: str) -> list:
    """The dated stages from the group's founding up to `last`, stopping at today."""
    steps = [(Stage.GROUP, founded)]
    if rng.random() < 0.5:
        steps.insert(0, (Stage.WISDOM, founded - dt.timedelta(days=rng.randint(60, 400))))
    for stage, low, high in ((Stage.PRODUCING, 120, 500), (Stage.REGISTERED, 90, 700)):
        day = steps[-1][1] + dt.timedelta(days=rng.randint(low, high))
        if stage > last or day > today:
            return steps
        steps.append((stage, day))
    return steps[:-1] + _after_registration(rng=rng, registered=steps[-1][1], today=today)


def _after_registration(*, rng: random.Random, registered: dt.date, today: dt.date) -> list:
    """Registered, then for some certified, and for a few an SME or social enterprise."""
    steps = [(Stage.REGISTERED, registered)]
    for stage, low, high, chance in (
        (Stage.CERTIFIED, 60, 600, 0.4),
        (Stage.ENTERPRISE, 300, 1200, 0.2),
    ):
        day = steps[-1][1] + dt.timedelta(days=rng.randint(low, high))
        if day > today or rng.random() >= chance:
            break
        steps.append((stage, day))
    return steps


def _wisdom(*, ctx: Context, place: Place) -> dict[str, int]:
    """Two to four local-wisdom entries for each of the district's crafts; an id by craft."""
    rng, sink = place.rng, ctx.sink
    by_craft = {}
    at = ctx.stamp(fiscal_quarter_range(ctx.years[0], 1)[0])
    for craft, branch, _products in place.crafts:
        for _n in range(rng.randint(2, 4)):
            village = rng.choice(words.VILLAGES)
            title = f"การ{craft}{village}"
            body = f"ภูมิปัญญาการ{craft} ที่สืบทอดกันมาใน{village}"
            by_craft[craft] = wisdom = sink.ids(Wisdom)[0]
            sink.add(Wisdom, (wisdom, at, at, place.code, place.officer, indexed(title),
                              indexed(body), title, branch, _person(rng), rng.random() < 0.3,
                              rng.choice(place.subdistricts), rng.randint(1, 15), body))  # fmt: skip
            if rng.random() < 0.5:
                evidence(
                    ctx=ctx,
                    place=place,
                    record=(Wisdom, wisdom, at.date()),
                    kind="photo",
                    caption=title,
                )
    return by_craft


def _stages(*, ctx: Context, place: Place, steps: list, group=None, producer=None) -> None:
    for stage, day in steps:
        at = ctx.stamp(max(day, dt.date(2000, 1, 1)))
        ctx.sink.add(StageChange, (ctx.sink.ids(StageChange)[0], at, at, place.code, group,
                                   producer, stage, day, ""))  # fmt: skip


def _group(
    *, ctx: Context, place: Place, wisdom: dict[str, int], known: list[Known]
) -> tuple | None:
    """One occupational group with its members and stages; (craft, village, steps, id) when it
    goes on to register as a community producer."""
    rng, sink = place.rng, ctx.sink
    craft, branch, _products = rng.choice(place.crafts)
    village = rng.choice(words.VILLAGES)
    name = f"กลุ่ม{craft}{village}"
    body = f"รวมกลุ่มกันสืบสานการ{craft} และสร้างรายได้เสริมให้สมาชิก"
    founded = _day(rng, dt.date(2008, 1, 1), ctx.today - dt.timedelta(days=60))
    path = rng.random()
    last = Stage.GROUP if path < 0.3 else Stage.PRODUCING if path < 0.45 else Stage.ENTERPRISE
    steps = _stage_path(rng=rng, founded=founded, today=ctx.today, last=last)
    group = sink.ids(Group)[0]
    at = ctx.stamp(founded)
    stage = steps[-1][0]
    sink.add(Group, (group, at, at, place.code, place.officer, indexed(name), indexed(body), name,
                     founded, rng.choice(place.subdistricts), rng.randint(1, 15), body, stage))  # fmt: skip
    sink.add(Group.wisdom.through, (sink.ids(Group.wisdom.through)[0], group, wisdom[craft]))
    count = rng.randint(3, 7)
    for n, member in enumerate(sink.ids(Member, count)):
        role = words.MEMBER_ROLES[n] if n < len(words.MEMBER_ROLES) else "สมาชิก"
        sink.add(Member, (member, at, at, group, _person(rng), fake_citizen_id(member),
                          f"08{rng.randint(0, 9)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                          role))  # fmt: skip
    own = [s for s in steps if s[0] <= Stage.PRODUCING]
    _stages(ctx=ctx, place=place, steps=own, group=group)
    known.append(Known(group, None, name, stage))
    if stage >= Stage.REGISTERED:
        return craft, village, [s for s in steps if s[0] > Stage.PRODUCING], group
    return None


def _certifications(
    *, ctx: Context, place: Place, product: int, category: str, certified: dt.date
) -> None:
    """The standards of a certified producer's product; a few expired or expiring soon."""
    rng, sink = place.rng, ctx.sink
    kinds = [Certification.Kind.MPC]
    if category in (Product.Category.FOOD, Product.Category.DRINK) and rng.random() < 0.5:
        kinds.append(Certification.Kind.FDA)
    for kind in kinds:
        issued = certified - dt.timedelta(days=rng.randint(0, 30))
        luck = rng.random()
        if luck < 0.1:
            expires = ctx.today - dt.timedelta(days=rng.randint(1, 300))
        elif luck < 0.2:
            expires = ctx.today + dt.timedelta(days=rng.randint(1, 89))
        else:
            expires = ctx.today + dt.timedelta(days=rng.randint(120, 1000))
        at = ctx.stamp(issued)
        sink.add(Certification, (sink.ids(Certification)[0], at, at, product, kind,
                                 f"{rng.randint(100, 9999)}/{be_year(issued.year)}", issued,
                                 expires))  # fmt: skip


def _products(
    *, ctx: Context, place: Place, producer: tuple, craft: tuple, wisdom: int | None
) -> None:
    """One product (sometimes two) of a producer: (id, name, stage, certified day)."""
    rng, sink = place.rng, ctx.sink
    producer_id, producer_name, stage, certified = producer
    _craft, _branch, products = craft
    for name, category in rng.sample(
        products, 2 if len(products) > 1 and rng.random() < 0.1 else 1
    ):
        if rng.random() < 0.4:
            name = f"{name} {rng.choice(words.BRANDS)}"
        body = f"{name} จากภูมิปัญญาการ{craft[0]}"
        product = sink.ids(Product)[0]
        at = ctx.stamp(certified or ctx.today - dt.timedelta(days=400))
        stars = rng.choice([None, 1, 2, 3, 3, 4, 4, 5]) if stage >= Stage.REGISTERED else None
        sink.add(Product, (product, at, at, place.code, place.officer, indexed(name), indexed(body),
                           producer_id, name, category, stars, wisdom,
                           f"{rng.choice([45, 60, 80, 120, 250, 450, 1200])} บาท", body))  # fmt: skip
        if rng.random() < 0.6:
            evidence(
                ctx=ctx,
                place=place,
                record=(Product, product, at.date()),
                kind="photo",
                caption=name,
            )
        if certified:
            _certifications(
                ctx=ctx, place=place, product=product, category=category, certified=certified
            )


def _producer_money(*, ctx: Context, place: Place, producer: int, registered: dt.date) -> None:
    """Income of the two latest years that are over, and now and then some funding."""
    rng, sink = place.rng, ctx.sink
    ended = [fy for fy in ctx.years if fiscal_quarter_range(fy, 4)[1] < ctx.today]
    for fy in ended[-2:]:
        if fiscal_quarter_range(fy, 4)[1] < registered:
            continue
        at = ctx.stamp(fiscal_quarter_range(fy, 4)[1])
        sink.add(Income, (sink.ids(Income)[0], at, at, producer, fy,
                          Decimal(rng.randint(30, 900) * 1000)))  # fmt: skip
    if rng.random() < 0.25:
        day = _day(rng, registered, ctx.today)
        at = ctx.stamp(day)
        sink.add(Funding, (sink.ids(Funding)[0], at, at, producer, rng.choice(Funding.Source.values),
                           Decimal(rng.choice([20_000, 50_000, 100_000])), day))  # fmt: skip


def _producer(
    *, ctx: Context, place: Place, origin: tuple, kind: str, wisdom: dict, known: list
) -> None:
    """A registered OTOP producer with its stages, products, income and funding."""
    rng, sink = place.rng, ctx.sink
    craft_name, village, steps, group = origin
    craft = next(c for c in place.crafts if c[0] == craft_name)
    if kind == Producer.Kind.COMMUNITY:
        name = f"กลุ่ม{craft_name}{village}"
    elif kind == Producer.Kind.SOLE:
        name = _person(rng)
    else:
        name = f"วิสาหกิจชุมชน{craft_name}{village}"
    body = f"ผลิตภัณฑ์จากภูมิปัญญาการ{craft_name}"
    channels = "\n".join(sorted(rng.sample(words.SALES_CHANNELS, 3)))
    producer = sink.ids(Producer)[0]
    registered = steps[0][1]
    stage = steps[-1][0]
    at = ctx.stamp(registered)
    sink.add(Producer, (producer, at, at, place.code, place.officer, indexed(name),
                        indexed(f"{body} {channels}"), name, kind, group, kind != Producer.Kind.SOLE,
                        f"{place.code}-{producer % 100_000:05d}", be_year(registered.year),
                        f"{rng.randint(1, 200)} หมู่ {rng.randint(1, 15)} {village}",
                        f"08{rng.randint(0, 9)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                        channels, body, stage))  # fmt: skip
    _stages(ctx=ctx, place=place, steps=steps, producer=producer)
    certified = next((day for s, day in steps if s == Stage.CERTIFIED), None)
    _products(
        ctx=ctx,
        place=place,
        producer=(producer, name, stage, certified),
        craft=craft,
        wisdom=wisdom.get(craft_name),
    )
    _producer_money(ctx=ctx, place=place, producer=producer, registered=registered)
    known.append(Known(group, producer, name, stage))


def _services(*, ctx: Context, place: Place, known: list[Known]) -> None:
    """About four services a month: recorded groups and producers, or people by name."""
    rng, sink = place.rng, ctx.sink
    kinds = Service.Kind.values
    for fy in ctx.years:
        for first, last in ctx.months(fy):
            share = ((last - first).days + 1) / 30.5
            count = round(SERVICES_PER_DISTRICT_YEAR / 12 * rng.uniform(0.5, 1.5) * share)
            for service in sink.ids(Service, count):
                day = _day(rng, first, last)
                at = ctx.stamp(day)
                who = rng.choice(known) if known and rng.random() < 0.65 else None
                if who:
                    row = (Service.Visitor.GROUP, who.name, None if who.producer else who.group,
                           who.producer, target_group_of(who.stage))  # fmt: skip
                else:
                    row = (rng.choice(["person", "organisation"]), rng.choice(words.VISITORS),
                           None, None, TargetGroup.TYPE1)  # fmt: skip
                sink.add(Service, (service, at, at, place.code, place.officer, "", "", day, *row,
                                   rng.choice(kinds), "ให้คำแนะนำและข้อมูลตามที่ขอรับบริการ",
                                   place.officer_name))  # fmt: skip


def producer_records(*, ctx: Context, place: Place) -> None:
    """The district's wisdom, groups with members, OTOP producers with products, and services."""
    rng = place.rng
    wisdom = _wisdom(ctx=ctx, place=place)
    known: list[Known] = []
    target = round(PRODUCERS_PER_DISTRICT * rng.uniform(0.6, 1.4))
    producers = 0
    for _n in range(target):
        origin = _group(ctx=ctx, place=place, wisdom=wisdom, known=known)
        if origin:
            _producer(
                ctx=ctx,
                place=place,
                origin=origin,
                kind=Producer.Kind.COMMUNITY,
                wisdom=wisdom,
                known=known,
            )
            producers += 1
    for _n in range(max(0, target - producers)):
        craft = rng.choice(place.crafts)[0]
        registered = _day(rng, dt.date(2010, 1, 1), ctx.today - dt.timedelta(days=30))
        steps = _after_registration(rng=rng, registered=registered, today=ctx.today)
        kind = Producer.Kind.SOLE if rng.random() < 0.6 else Producer.Kind.SME
        origin = (craft, rng.choice(words.VILLAGES), steps, None)
        _producer(ctx=ctx, place=place, origin=origin, kind=kind, wisdom=wisdom, known=known)
    _services(ctx=ctx, place=place, known=known)


def _working_days(start: dt.date, count: int) -> list[dt.date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _round(*, ctx: Context, province: str, fy: int, start: dt.date, findings: bool) -> Counter:
    """A monitoring round of the province's generated districts: two teams, two visits a day
    each, and for a round that is over the findings of every visit."""
    rng = random.Random(ctx.seed * 31 + int(province) + fy)  # synthetic data  # nosec B311
    districts = list(District.objects.filter(province=province, center__isnull=False)
                     .exclude(province=data.PROVINCE).order_by("code"))  # fmt: skip
    slots = _working_days(start, (len(districts) + 3) // 4)
    users = User.objects.in_bulk([f"m{province}.{t}{s}" for t in "12" for s in ("", ".team")],
                                 field_name="username")  # fmt: skip
    round_ = monitoring_services.round_create(
        province=Province.objects.get(pk=province), user=None, fiscal_year=fy,
        title=f"ติดตามการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานราก ปี {fy}",
        starts_on=slots[0], ends_on=slots[-1], districts=districts,
    )  # fmt: skip
    teams = [
        monitoring_services.team_save(round_=round_, name=f"ทีมที่ {t}", lead=users[f"m{province}.{t}"],
                                      members=[users[f"m{province}.{t}.team"]], order=int(t))
        for t in "12"
    ]  # fmt: skip
    visits = Visit.objects.bulk_create(
        Visit(round=round_, district=d, team=teams[n % 2], date=slots[n // 4],
              time=dt.time(9, 0) if n // 2 % 2 == 0 else dt.time(13, 0), place=default_place(d))
        for n, d in enumerate(districts)
    )  # fmt: skip
    counts = Counter({MonitoringRound: 1, Visit: len(visits)})
    if findings:
        items = list(round_.checklist.all())
        results = [Result.FOUND] * 16 + [Result.PARTLY] * 3 + [Result.NOT_FOUND]
        found = ItemFinding.objects.bulk_create(
            ItemFinding(visit=v, item=i, result=rng.choice(results), recorded_by=v.team.lead)
            for v in visits
            for i in items
        )
        VisitFinding.objects.bulk_create(
            VisitFinding(visit=v, overall="ศูนย์ฯ ดำเนินงานตามแนวทาง มีหลักฐานครบถ้วนเป็นส่วนใหญ่",
                         recommendations="ควรเผยแพร่ผลการดำเนินงานอย่างต่อเนื่อง", recorded_by=v.team.lead)
            for v in visits
        )  # fmt: skip
        counts.update({ItemFinding: len(found), VisitFinding: len(visits)})
    return counts


def load_rounds(*, ctx: Context, monitored: list[str]) -> Counter:
    """Last year's round (over, with findings) and this year's (from next Monday) in each
    monitored province."""
    counts: Counter = Counter()
    next_monday = ctx.today + dt.timedelta(days=7 - ctx.today.weekday())
    for province in monitored:
        if len(ctx.years) > 1:
            last_year = ctx.years[-2]
            start = fiscal_quarter_range(last_year, 4)[0] + dt.timedelta(days=45)
            counts += _round(ctx=ctx, province=province, fy=last_year, start=start, findings=True)
        counts += _round(
            ctx=ctx, province=province, fy=ctx.years[-1], start=next_monday, findings=False
        )
    return counts


def _per_month(*, ctx: Context, nation: int) -> float:
    """Activities a district records in a month on average, for the nationwide total."""
    months = sum(
        min(1.0, ((last - first).days + 1) / 30.5)
        for fy in ctx.years
        for first, last in ctx.months(fy)
    )
    keen = (1 - BEHIND_SHARE) + BEHIND_SHARE * 0.6  # behind districts record less
    return ACTIVITIES_NATIONWIDE / max(1, nation * months * keen)


def _places(*, ctx: Context, districts: list, accounts: dict[str, int], centers: dict[str, int]):
    """The districts to generate, each with its seeded random numbers and character."""
    officers = {
        u: f"{first} {last}"
        for u, first, last in User.objects.filter(
            username__in=[f"d{c}" for c, *_r in districts]
        ).values_list("username", "first_name", "last_name")
    }
    subdistricts: dict[str, list[str]] = {}
    rows = Subdistrict.objects.filter(district__in=[c for c, *_r in districts]).order_by("code")
    for code, district in rows.values_list("code", "district_id"):
        subdistricts.setdefault(district, []).append(code)
    for code, name, province in districts:
        rng = random.Random(ctx.seed * 1_000_003 + int(code))  # synthetic data  # nosec B311
        behind = rng.random() < BEHIND_SHARE
        yield Place(
            code=code, name=name, province=province, center=centers[code],
            officer=accounts[f"d{code}"], officer_name=officers.get(f"d{code}", ""), rng=rng,
            subdistricts=subdistricts.get(code) or [None], crafts=rng.sample(words.CRAFTS, 4),
            behind=behind, level=0.6 if behind else rng.uniform(0.75, 1.25),
        )  # fmt: skip


EVIDENCE_MODELS = [CommitteeTerm, Meeting, Plan, Activity, Publicity, BudgetAllocation, Expense,
                   Wisdom, Product]  # fmt: skip
LABELS = {
    Meeting.attendees.through: "meeting attendees",
    Group.wisdom.through: "group wisdom links",
}


def national_data(
    *,
    scale: float,
    seed: int,
    years: int,
    today: dt.date,
    now: dt.datetime,
    log: Callable[[str], None],
) -> dict[str, int]:
    """Fill every district outside the demo province (a sample at scale < 1); row counts by
    what was written. One transaction: all of it or nothing."""
    ctx = Context(sink=Sink(), seed=seed, today=today, now=now,
                  years=fiscal_years(today=today, count=years))  # fmt: skip
    districts = choose_districts(scale=scale, seed=seed)
    ctx.per_month = _per_month(
        ctx=ctx, nation=District.objects.exclude(province=data.PROVINCE).count()
    )
    provinces = sorted({province for *_rest, province in districts})
    rng = random.Random(seed)  # synthetic data  # nosec B311
    monitored = sorted(rng.sample(provinces, min(MONITORED_PROVINCES, len(provinces))))
    log(f"{len(districts):,} districts in {len(provinces)} provinces, fiscal years "
        f"{ctx.years[0]}–{ctx.years[-1]}, about {ctx.per_month:.1f} activities a month")  # fmt: skip
    ctx.sizes = store_files()
    with transaction.atomic():
        ctx.sink.begin()
        ctx.content_types = {m: ContentType.objects.get_for_model(m).pk for m in EVIDENCE_MODELS}
        ctx.positions = dict(
            StructurePosition.objects.filter(center=None).values_list("name", "id")
        )
        accounts = load_accounts(ctx=ctx, districts=districts, monitored=monitored)
        load_offices(provinces=provinces)
        centers = load_centers(ctx=ctx, districts=districts)
        ctx.sink.flush(User)
        ctx.sink.flush(Center)
        step = max(1, len(districts) // 10)
        for n, place in enumerate(
            _places(ctx=ctx, districts=districts, accounts=accounts, centers=centers), start=1
        ):
            center_records(ctx=ctx, place=place)
            producer_records(ctx=ctx, place=place)
            if n % step == 0 or n == len(districts):
                log(
                    f"  {n:,}/{len(districts):,} districts, {ctx.sink.written(Activity):,} activities"
                )
        rounds = load_rounds(ctx=ctx, monitored=monitored)
        ctx.sink.finish()
    counts = ctx.sink.counts + rounds
    return {LABELS.get(m) or str(m._meta.verbose_name_plural): c for m, c in counts.items()}
