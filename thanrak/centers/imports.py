"""The center's records that can be imported from Excel or CSV, declared as data.

Each kind names its columns (Thai header, required, an example that imports as it is, a
cleaner) and writes its clean rows; ``thanrak.core.imports`` reads, checks and previews
the file. A committee is one row per member and a plan one row per item: the rows with
the same order number (the same plan title) make one record.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from thanrak.centers.models import (
    Activity,
    ActivityKind,
    BudgetAllocation,
    Center,
    CommitteeMember,
    CommitteeTerm,
    Expense,
    KnowledgeTopic,
    Meeting,
    Plan,
    PlanItem,
    Publicity,
    Referral,
    StructurePosition,
    TargetGroup,
)
from thanrak.core.imports import (
    BATCH,
    Checked,
    Column,
    ImportKind,
    amount,
    be_year,
    choice,
    choices_of,
    date,
    happened_date,
    integer,
    lookup,
    same_within,
    text,
    url,
    write_grouped,
)

NO_POSITION = gettext_lazy(
    "No structure position “%(value)s”: use a position of the guideline or one the district added."
)
# A referral's «who» typed by its shorter names.
WHO_WORDS = {"องค์กร": Referral.WhoKind.ORGANISATION, "หน่วยงาน": Referral.WhoKind.ORGANISATION}
TARGET_WORDS = {f"ประเภทที่ {n}": str(n) for n in (1, 2, 3)} | {"ทุกกลุ่ม": TargetGroup.ALL}


def _center(district) -> Center:
    center, _created = Center.objects.get_or_create(district=district)
    return center


def _positions(district) -> dict:
    """The guideline's structure positions and the district's own, by name."""
    found = StructurePosition.objects.filter(Q(center=None) | Q(center__district=district))
    return {"positions": {p.name: p.pk for p in found}}


def _center_object(model, center: Center, user, r: dict, fields: tuple, defaults=None):
    """The center's record of ``model`` made of a row's ``fields``, not saved yet;
    ``defaults`` fill the fields the row leaves empty."""
    values = {name: r.get(name) for name in fields}
    for name, default in (defaults or {}).items():
        if values.get(name) is None:
            values[name] = default
    return model(center=center, created_by=user, **values)


# --- Committee: one row per member ---------------------------------------------------------

TERM_FIELDS = ("order_date", "starts_on", "ends_on")


def _check_committee(checked: Checked, district, lookups: dict) -> None:
    same_within(checked, COMMITTEE, "order_number", TERM_FIELDS)
    recorded = set(
        CommitteeTerm.objects.filter(center__district=district).values_list(
            "order_number", flat=True
        )
    )
    for record in checked.records:
        if record["order_number"] in recorded:
            checked.error(
                record["_row"],
                COMMITTEE.header("order_number"),
                _("A committee appointed by order %(number)s is already recorded.")
                % {"number": record["order_number"]},
            )
        if problem := CommitteeTerm.dates_problem(record.get("starts_on"), record.get("ends_on")):
            checked.error(record["_row"], COMMITTEE.header("ends_on"), problem)


def _write_committee(records: list[dict], district, user) -> int:
    center = _center(district)

    def term(r: dict) -> CommitteeTerm:
        return _center_object(CommitteeTerm, center, user, r, ("order_number", *TERM_FIELDS))

    def member(term: CommitteeTerm, r: dict, order: int) -> CommitteeMember:
        return CommitteeMember(
            term=term,
            name=r["name"],
            organisation=r.get("organisation") or "",
            category=r["category"],
            position_id=r.get("position"),
            order=order,
        )

    return write_grouped(
        records,
        by="order_number",
        head=term,
        row=member,
        row_model=CommitteeMember,
        user=user,
        head_model=CommitteeTerm,
    )


COMMITTEE = ImportKind(
    key="committee",
    columns=(
        Column("เลขที่คำสั่งอำเภอ", "order_number", True, "123/2562", text(60)),
        Column("วันที่คำสั่ง", "order_date", False, "15/11/2562", date, first_row=True),
        Column("วันเริ่มวาระ", "starts_on", False, "15/11/2562", date, first_row=True),
        Column("วันสิ้นสุดวาระ", "ends_on", False, "", date),
        Column("ชื่อ-สกุลกรรมการ", "name", True, "นายสมชาย ใจดี", text(200), personal=True),
        Column("หน่วยงาน", "organisation", False, "ที่ว่าการอำเภอ", text(200)),
        Column(
            "ประเภทกรรมการ",
            "category",
            True,
            "ประธาน",
            choice(
                CommitteeMember.Category.choices,
                {"ผู้แทนหน่วยงาน": "agency", "ผู้นำกลุ่ม": "leader", "อื่นๆ": "other"},
            ),
        ),
        Column(
            "ตำแหน่งในโครงสร้าง",
            "position",
            False,
            "ประธาน",
            lookup("positions", NO_POSITION),
        ),
    ),
    prepare=_positions,
    check=_check_committee,
    write=_write_committee,
    notes=(
        "หนึ่งแถวต่อกรรมการหนึ่งคน แถวที่เลขที่คำสั่งเดียวกันเป็นคณะกรรมการชุดเดียวกัน",
        "วันที่คำสั่งและวันเริ่ม–สิ้นสุดวาระกรอกในแถวแรกของแต่ละชุดก็พอ",
        "ประเภทกรรมการ: ประธาน, เลขานุการ, ผู้แทนหน่วยงาน, ผู้นำกลุ่ม",
        "ตำแหน่งในโครงสร้าง: ประธาน, เลขานุการ, เหรัญญิก, ฝ่ายวิชาการและข้อมูล, ฝ่ายส่งเสริมการผลิต, "
        "ฝ่ายส่งเสริมการพัฒนาคุณภาพและมาตรฐานผลิตภัณฑ์, ฝ่ายประสานแหล่งทุน, ฝ่ายส่งเสริมการตลาด",
    ),
    list_url="centers:term_list",
)


# --- Records of one row each -------------------------------------------------------------


def _one_each(model, defaults: dict | None = None):
    """The writer of a kind of one row per record, each column named for a field of
    ``model``; ``defaults`` fill the fields a row leaves empty."""

    def write(records: list[dict], district, user) -> int:
        center = _center(district)
        made = [
            _center_object(model, center, user, r, tuple(n for n in r if n != "_row"), defaults)
            for r in records
        ]
        # In bulk, with a history row each; bulk writes send no signal, so the import
        # renews the province's kept results itself (producers.imports.write_records).
        bulk_create_with_history(made, model, batch_size=BATCH, default_user=user)
        return len(made)

    return write


MEETINGS = ImportKind(
    key="meetings",
    columns=(
        Column("วันที่ประชุม", "date", True, "20/12/2562", happened_date),
        Column("ครั้งที่", "title", True, "ครั้งที่ 1/2563", text(200)),
        Column("วาระการประชุม", "agenda", False, "ติดตามแผนการดำเนินงานไตรมาส 1"),
        Column("สรุปรายงานการประชุม", "minutes", False, "ที่ประชุมรับทราบแผนและมอบหมายงาน", width=40),
    ),
    write=_one_each(Meeting, {"agenda": "", "minutes": ""}),
    notes=("ผู้เข้าประชุมและไฟล์รายงานการประชุมเพิ่มได้ที่หน้าการประชุมหลังนำเข้า",),
    list_url="centers:meeting_list",
)


# --- Plans: one row per item -------------------------------------------------------------

PLAN_FIELDS = ("kind", "first_year", "last_year", "approved_on", "summary")


def _check_plans(checked: Checked, district, lookups: dict) -> None:
    same_within(checked, PLANS, "title", PLAN_FIELDS)
    recorded = set(
        Plan.objects.filter(center__district=district).values_list("title", "first_year")
    )
    for record in checked.records:
        first, last = record.get("first_year"), record.get("last_year")
        if (record["title"], first) in recorded:
            checked.error(
                record["_row"],
                PLANS.header("title"),
                _("The plan “%(title)s” of fiscal year %(year)s is already recorded.")
                % {"title": record["title"], "year": first},
            )
        elif problems := Plan.years_problems(record.get("kind"), first, last):
            checked.error(record["_row"], PLANS.header("last_year"), problems[0])


def _write_plans(records: list[dict], district, user) -> int:
    center = _center(district)

    def plan(r: dict) -> Plan:
        return _center_object(Plan, center, user, r, ("title", *PLAN_FIELDS), {"summary": ""})

    def item(plan: Plan, r: dict, order: int) -> PlanItem | None:
        if not r.get("item"):
            return None
        return PlanItem(
            plan=plan,
            title=r["item"],
            target_group=r.get("target_group") or TargetGroup.ALL,
            budget=r.get("budget") or 0,
            responsible_id=r.get("responsible"),
            period=r.get("period") or "",
            order=order,
        )

    return write_grouped(
        records, by="title", head=plan, row=item, row_model=PlanItem, user=user, head_model=Plan
    )


PLANS = ImportKind(
    key="plans",
    columns=(
        Column("ชื่อแผน", "title", True, "แผนพัฒนาศักยภาพกลุ่มอาชีพ ปี 2563", text(300), width=34),
        Column("ประเภทแผน", "kind", False, "ระยะสั้น", choice(Plan.Kind.choices), first_row=True),
        Column("ปีงบประมาณเริ่มต้น", "first_year", False, 2563, be_year, first_row=True),
        Column("ปีงบประมาณสิ้นสุด", "last_year", False, 2563, be_year, first_row=True),
        Column("วันที่อนุมัติแผน", "approved_on", False, "15/10/2562", date),
        Column("สรุปแผน", "summary", False, ""),
        Column("โครงการ/กิจกรรม", "item", False, "อบรมการตลาดออนไลน์", text(300), width=30),
        Column(
            "กลุ่มเป้าหมาย",
            "target_group",
            False,
            "ประเภท 2",
            choice(TargetGroup.choices, TARGET_WORDS),
        ),
        Column("งบประมาณ (บาท)", "budget", False, "15,000", amount),
        Column(
            "ตำแหน่งผู้รับผิดชอบ",
            "responsible",
            False,
            "ฝ่ายส่งเสริมการตลาด",
            lookup("positions", NO_POSITION),
        ),
        Column("ช่วงเวลา", "period", False, "ม.ค.–มี.ค. 2563", text(100)),
    ),
    prepare=_positions,
    check=_check_plans,
    write=_write_plans,
    notes=(
        "หนึ่งแถวต่อโครงการ/กิจกรรมหนึ่งรายการ แถวที่ชื่อแผนเดียวกันเป็นแผนเดียวกัน",
        "ประเภทแผนและปีงบประมาณกรอกในแถวแรกของแต่ละแผนก็พอ",
        "ประเภทแผน: ระยะสั้น (หนึ่งปีงบประมาณ) หรือ ระยะยาว (หลายปี)",
        "กลุ่มเป้าหมาย: ประเภท 1, ประเภท 2, ประเภท 3 หรือ ทุกกลุ่มเป้าหมาย",
    ),
    list_url="centers:plan_list",
)


ACTIVITIES = ImportKind(
    key="activities",
    columns=(
        Column("วันที่", "date", True, "15/01/2563", happened_date),
        Column("ชื่อกิจกรรม", "title", True, "อบรมการทำบรรจุภัณฑ์ผ้าทอ", text(300), width=30),
        Column(
            "ประเภทกิจกรรม",
            "kind",
            True,
            "การจัดหาช่องทางจำหน่ายผลิตภัณฑ์ OTOP",
            choice(ActivityKind.choices),
            width=34,
        ),
        Column(
            "องค์ความรู้ที่ถ่ายทอด",
            "topics",
            False,
            "การตลาด, การบริหารจัดการกลุ่ม",
            choices_of(KnowledgeTopic.choices),
            width=30,
        ),
        Column("ผู้เข้าร่วม ประเภท 1", "participants_type1", False, 5, integer(0, 100000)),
        Column("ผู้เข้าร่วม ประเภท 2", "participants_type2", False, 10, integer(0, 100000)),
        Column("ผู้เข้าร่วม ประเภท 3", "participants_type3", False, 3, integer(0, 100000)),
        Column("ภาคีที่ร่วม", "partners", False, "สำนักงานพาณิชย์จังหวัด", text(500)),
        Column("ค่าใช้จ่าย (บาท)", "cost", False, "๑,๕๐๐ บาท", amount),
        Column("รายละเอียด", "description", False, ""),
    ),
    write=_one_each(
        Activity,
        {
            "topics": [],
            "participants_type1": 0,
            "participants_type2": 0,
            "participants_type3": 0,
            "partners": "",
            "cost": 0,
            "description": "",
        },
    ),
    notes=(
        "ประเภทกิจกรรม (ข้อ 5.2) พิมพ์ชื่อใดชื่อหนึ่ง: "
        "การจัดตั้งและรวมกลุ่มอาชีพบนพื้นฐานภูมิปัญญาท้องถิ่น; "
        "การนำกลุ่มอาชีพเข้าสู่การลงทะเบียนผู้ผลิต ผู้ประกอบการ OTOP; "
        "การสนับสนุนการขอรับรองมาตรฐานผลิตภัณฑ์; การจัดหาช่องทางจำหน่ายผลิตภัณฑ์ OTOP; "
        "การเข้าถึงแหล่งทุนจากกองทุนชุมชนและสถาบันการเงิน; "
        "การประสานการพัฒนาขีดความสามารถกับหน่วยงานระดับจังหวัดและประเทศ",
        "องค์ความรู้ (ข้อ 5.1) คั่นด้วยจุลภาค: การบริหารจัดการกลุ่ม, การประกอบธุรกิจเบื้องต้น, "
        "การพัฒนาคุณภาพและมาตรฐานผลิตภัณฑ์, การเพิ่มมูลค่าผลิตภัณฑ์, การตลาด",
    ),
    list_url="centers:activity_list",
)


PUBLICITY = ImportKind(
    key="publicity",
    columns=(
        Column("วันที่", "date", True, "20/01/2563", happened_date),
        Column(
            "ช่องทาง",
            "channel",
            True,
            "เพจเฟซบุ๊ก",
            choice(Publicity.Channel.choices, {"facebook": "facebook", "เฟซบุ๊ก": "facebook"}),
        ),
        Column("เรื่อง", "title", True, "ประชาสัมพันธ์ผลการอบรมบรรจุภัณฑ์", text(300), width=34),
        Column("ลิงก์", "url", False, "https://www.facebook.com/", url, width=30),
    ),
    write=_one_each(Publicity, {"url": ""}),
    notes=("ช่องทาง: เพจเฟซบุ๊ก, เว็บไซต์, ไลน์, วิทยุ, สิ่งพิมพ์, บอร์ดประชาสัมพันธ์, งานกิจกรรม",),
    list_url="centers:publicity_list",
)


def _check_budget(checked: Checked, district, lookups: dict) -> None:
    recorded = set(
        BudgetAllocation.objects.filter(center__district=district).values_list(
            "fiscal_year", flat=True
        )
    )
    seen: set[int] = set()
    for record in checked.records:
        year = record["fiscal_year"]
        if year in recorded or year in seen:
            checked.error(
                record["_row"],
                BUDGET.header("fiscal_year"),
                _("The allocation of fiscal year %(year)s is already recorded.") % {"year": year},
            )
        seen.add(year)


BUDGET = ImportKind(
    key="budget",
    columns=(
        Column("ปีงบประมาณ", "fiscal_year", True, 2563, be_year),
        Column("จำนวนเงิน (บาท)", "amount", True, "20,000", amount),
        Column("เลขที่หนังสือ", "letter_number", False, "สฎ 0019.03/ว 1234", text(100)),
        Column("วันที่หนังสือ", "letter_date", False, "01/11/2562", date),
    ),
    check=_check_budget,
    write=_one_each(BudgetAllocation, {"letter_number": ""}),
    notes=("หนึ่งแถวต่อปีงบประมาณ",),
    list_url="centers:allocation_list",
    writer="province",
)


EXPENSES = ImportKind(
    key="expenses",
    columns=(
        Column("วันที่", "date", True, "25/01/2563", happened_date),
        Column(
            "รายการที่จัดซื้อ/จัดจ้าง", "description", True, "ป้ายไวนิลประชาสัมพันธ์ศูนย์", text(300), width=30
        ),
        Column("วิธีการจัดหา", "method", True, "จัดจ้าง", choice(Expense.Method.choices)),
        Column("ผู้ขาย/ผู้รับจ้าง", "vendor", True, "ร้านพุนพินการพิมพ์", text(200)),
        Column("จำนวนเงิน (บาท)", "amount", True, "1,500.50", amount),
    ),
    write=_one_each(Expense),
    notes=("วิธีการจัดหา: จัดซื้อ หรือ จัดจ้าง ใบเสร็จแนบได้ที่หน้ารายการหลังนำเข้า",),
    list_url="centers:expense_list",
)


REFERRALS = ImportKind(
    key="referrals",
    columns=(
        Column("วันที่", "date", True, "05/02/2563", happened_date),
        Column("ผู้ขอรับเป็น", "who_kind", False, "กลุ่ม", choice(Referral.WhoKind.choices, WHO_WORDS)),
        Column("ผู้ขอรับความช่วยเหลือ", "who", True, "กลุ่มทอผ้าบ้านใหม่", text(300), personal=True),
        Column("ความต้องการ", "need", True, "ขอรับการสนับสนุนเงินทุนหมุนเวียน", width=34),
        Column("หน่วยงานที่ส่งต่อ", "agency", True, "ธ.ก.ส. สาขาพุนพิน", text(300)),
        Column("ผลการส่งต่อ", "result", False, ""),
    ),
    write=_one_each(Referral, {"result": "", "who_kind": Referral.WhoKind.PERSON}),
    notes=("ผู้ขอรับเป็น: บุคคล กลุ่ม หรือหน่วยงาน/องค์กร เว้นว่างไว้คือบุคคล (ชื่อบุคคลไม่แสดงแก่ผู้บริหาร)",),
    list_url="centers:referral_list",
)

KINDS: dict[str, ImportKind] = {
    kind.key: kind
    for kind in (COMMITTEE, MEETINGS, PLANS, ACTIVITIES, PUBLICITY, BUDGET, EXPENSES, REFERRALS)
}
