"""The guideline read exactly: each test quotes the words of the guideline it checks.

The words are the department's guideline (แนวทางการดำเนินงานศูนย์บริการส่งเสริม
เศรษฐกิจฐานราก) as sent with the province's letter; each rule declares the same words
as its ``quote``. Rules are tested on hand-built ``Facts`` where they allow it.
"""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from thanrak.areas.models import District
from thanrak.centers.models import (
    BudgetAllocation,
    Center,
    CommitteeMember,
    CommitteeTerm,
    CompositionException,
    Expense,
    Material,
    Meeting,
    Plan,
)
from thanrak.core.periods import Period
from thanrak.evidence.models import Evidence
from thanrak.rules import guideline
from thanrak.rules.guideline import HELD, NOT_HELD, Facts
from thanrak.rules.models import RuleSettings, RulesStamp
from thanrak.rules.tests import factories as f

FY = 2563
AFTER_YEAR = dt.date(2020, 10, 15)
C = CommitteeMember.Category

# The guideline's words, as written (§6.1, §6.2 หมายเหตุ, §6.3, §7).
SIZE = "คณะกรรมการบริหารศูนย์บริการส่งเสริมเศรษฐกิจฐานราก จำนวน ๑๑ - ๑๕ คน"
SEATS = (
    "๑) นายอำเภอหรือผู้ที่นายอำเภอมอบหมาย เป็นประธานคณะกรรมการ",
    "๒) พัฒนาการอำเภอ เป็น เลขานุการ",
    "๓) ผู้แทนหน่วยงาน/องค์กร และสถาบันการศึกษาในพื้นที่ ที่นายอำเภอคัดเลือก จำนวน ๕ คน",
    "๔) ผู้แทนผู้นำกลุ่ม/องค์กร/เครือข่าย ที่เกี่ยวข้องในการพัฒนาผู้ผลิต ผู้ประกอบการ OTOP "
    "ที่นายอำเภอคัดเลือก จำนวน ๔ - ๘ คน",
)
FORMER_STRUCTURE = "ให้ทำหนังสือถึงกรมการพัฒนาชุมชน เพื่อขอใช้กลไกการขับเคลื่อนศูนย์ฯตามแนวทางเดิม เป็นรายการณไป"
MEETINGS = "๑) จัดให้มีการประชุมคณะกรรมการบริหารศูนย์ฯ อย่างน้อยไตรมาสละ ๑ ครั้ง"
PLANS = "๒) จัดทำแผนในการส่งเสริมความเข้มแข็งของกลุ่มอาชีพ และผู้ผลิต ผู้ประกอบการ OTOP ทั้งในระยะสั้นและระยะยาว"
PROCUREMENT = "หลักฐานการจัดซื้อจัดจ้าง"
PLACE = "โดยต้องแบ่งพื้นที่ให้ชัดเจนเป็นสัดส่วน และจัดให้มีวัสดุอุปกรณ์/สื่อการเรียนรู้/ข้อมูล เพียงพอในการให้บริการ"
STAFF = "มีเจ้าหน้าที่ประจำ และกลุ่มเป้าหมายมาขอรับบริการได้สะดวก"


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


def district() -> District:
    return District(code="8417", name_th="พุนพิน", province_id="84")


def committee(categories: list[str], *, starts_on=dt.date(2019, 10, 1), pk=1) -> Facts:
    """Facts with one committee term of the given members, built without the database."""
    term = CommitteeTerm(pk=pk, order_number="123/2562", order_date=starts_on, starts_on=starts_on)
    return Facts(district(), terms=[term], member_counts={pk: Counter(categories)})


def exception_letter(day=dt.date(2019, 11, 1), *, on_file=True) -> CompositionException:
    letter = CompositionException(letter_number="มท 0410.2/1234", letter_date=day, approved=True)
    letter.with_evidence = on_file
    return letter


def run(rule: str, facts: Facts, quarter=None, today=AFTER_YEAR):
    return guideline.RULES_BY_ID[rule].check(facts, Period(FY, quarter or 0), RuleSettings(), today)


# --- Each rule carries the guideline's words ----------------------------------------


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (
            "R1",
            [SIZE.removeprefix("คณะกรรมการบริหารศูนย์บริการส่งเสริมเศรษฐกิจฐานราก "), FORMER_STRUCTURE],
        ),
        ("R2", [*SEATS, FORMER_STRUCTURE]),
        ("R3", [MEETINGS]),
        ("R4", [PLANS]),
        ("R7", [PROCUREMENT]),
        ("R8", [PLACE, STAFF]),
    ],
)
def test_each_rule_declares_the_guidelines_words_and_its_reading(rule, words):
    """The rule's ``quote`` holds the guideline's own sentences; its ``reading`` says how."""
    declared = guideline.RULES_BY_ID[rule]
    for sentence in words:
        assert sentence in declared.quote
    assert declared.reading
    assert declared.check.__name__ in {
        "committee_size",
        "committee_composition",
        "quarterly_meetings",
        "plans",
        "budget",
        "location",
    }


def test_every_rule_is_declared_once_in_order_with_its_words():
    assert [r.id for r in guideline.RULES] == [f"R{i}" for i in range(1, 11)]
    for declared in guideline.RULES:
        assert any("\u0e01" <= ch <= "\u0e2e" for ch in declared.quote), declared.id
        assert declared.reading and declared.held_when


# --- R2: only the guideline's seats (§6.1 ๑)–๔)) ------------------------------------


def test_r2_members_outside_the_guidelines_seats_break_the_composition():
    """§6.1 names four seats only: «๑) … ประธานคณะกรรมการ ๒) … เลขานุการ ๓) ผู้แทนหน่วยงาน/องค์กร
    และสถาบันการศึกษาในพื้นที่ … จำนวน ๕ คน ๔) ผู้แทนผู้นำกลุ่ม/องค์กร/เครือข่าย … จำนวน ๔ - ๘ คน».
    1 chair, 1 secretary, 5 agencies, 4 leaders and 4 "other" members: 15, but not the seats."""
    facts = committee([C.CHAIR, C.SECRETARY, *[C.AGENCY] * 5, *[C.LEADER] * 4, *[C.OTHER] * 4])
    result = run("R2", facts, quarter=1)
    assert result.status == NOT_HELD
    assert "มีกรรมการ 4 คนที่ไม่อยู่ในองค์ประกอบตามข้อ 6.1 ของแนวทางฯ" in result.explanation
    assert "ไตรมาสที่ 1 ปีงบประมาณ 2563 (ต.ค.–ธ.ค. 2562):" in result.explanation
    assert "ปรับองค์ประกอบคณะกรรมการ" in result.todo
    # The same 15 are within R1's size: size and seats are separate rules.
    assert run("R1", facts, quarter=1).status == HELD


def test_r2_an_approved_exception_on_file_covers_members_outside_the_seats():
    """§6.2 หมายเหตุ: «กรณีพื้นที่ใดเห็นว่ากลไกกลขับเคลื่อนศูนย์ฯ ที่ใช้อยู่ตามแนวทางเดิม
    มีประสิทธิภาพดีแล้ว ให้ทำหนังสือถึงกรมการพัฒนาชุมชน เพื่อขอใช้กลไกการขับเคลื่อนศูนย์ฯตามแนวทางเดิม»."""
    facts = committee([C.CHAIR, C.SECRETARY, *[C.OTHER] * 9])
    facts.exceptions = [exception_letter()]
    result = run("R2", facts)
    assert result.status == HELD
    assert "มท 0410.2/1234" in result.explanation


def test_r2_a_member_outside_the_seats_breaks_it_through_the_database(phunphin):
    """«๔) ผู้แทนผู้นำกลุ่ม/องค์กร/เครือข่าย … จำนวน ๔ - ๘ คน» — and no seat called "other"."""
    f.term(phunphin, [C.CHAIR, C.SECRETARY, *[C.AGENCY] * 5, *[C.LEADER] * 4, C.OTHER])
    result = guideline.evaluate_district(phunphin.district, FY, 1, AFTER_YEAR).results["R2"]
    assert result.status == NOT_HELD
    assert "มีกรรมการ 1 คนที่ไม่อยู่ในองค์ประกอบ" in result.explanation


# --- R1: waived by the approved exception, as R2 is (§6.2 หมายเหตุ) ------------------


def test_r1_is_waived_by_an_approved_exception_on_file():
    """«ให้ทำหนังสือถึงกรมการพัฒนาชุมชน เพื่อขอใช้กลไกการขับเคลื่อนศูนย์ฯตามแนวทางเดิม เป็นรายการณไป»:
    the former mechanism is kept whole, its size with it (§6.1 «จำนวน ๑๑ - ๑๕ คน» does not apply)."""
    facts = committee([C.CHAIR, C.SECRETARY, *[C.OTHER] * 7])  # 9 members
    assert run("R1", facts).status == NOT_HELD
    facts.exceptions = [exception_letter()]
    result = run("R1", facts)
    assert result.status == HELD
    assert "กรมการพัฒนาชุมชนอนุมัติให้ใช้กลไกการขับเคลื่อนศูนย์ฯ ตามแนวทางเดิม" in result.explanation


def test_r1_is_not_waived_by_a_letter_without_its_file_or_not_yet_written():
    """«ให้ทำหนังสือถึงกรมการพัฒนาชุมชน …»: the approval counts once it is on file, from its date."""
    facts = committee([C.CHAIR, C.SECRETARY, *[C.OTHER] * 7])
    facts.exceptions = [exception_letter(on_file=False)]
    assert run("R1", facts).status == NOT_HELD
    # Approved in quarter 3: quarters 1 and 2 are still judged on the size.
    facts.exceptions = [exception_letter(dt.date(2020, 5, 1))]
    result = run("R1", facts)
    assert result.status == NOT_HELD
    assert result.explanation.startswith("ไตรมาสที่ 1, 2 ปีงบประมาณ 2563:")
    assert run("R1", facts, quarter=3).status == HELD


# --- R1 and R2: the committee in force in each quarter --------------------------------


def test_a_committee_appointed_in_september_does_not_make_the_year_pass():
    """«คณะกรรมการบริหารศูนย์บริการส่งเสริมเศรษฐกิจฐานราก จำนวน ๑๑ - ๑๕ คน» must be in place
    all year: quarters 1–3 had no committee, and the explanation names them."""
    facts = committee([C.CHAIR, C.SECRETARY, *[C.AGENCY] * 5, *[C.LEADER] * 6])
    facts.terms[0].starts_on = dt.date(2020, 9, 1)
    for rule in ("R1", "R2"):
        result = run(rule, facts)
        assert result.status == NOT_HELD, rule
        assert result.explanation == (
            "ไตรมาสที่ 1, 2, 3 ปีงบประมาณ 2563: ไม่มีคณะกรรมการบริหารศูนย์ฯ ตามคำสั่งอำเภอที่มีผลอยู่"
        )
        assert "บันทึกคำสั่งอำเภอแต่งตั้งคณะกรรมการที่มีผลอยู่ในไตรมาสดังกล่าว" in result.todo
        assert run(rule, facts, quarter=4).status == HELD


def test_the_quarter_that_failed_is_named_with_its_months():
    """§6.1 «จำนวน ๑๑ - ๑๕ คน»: a committee of 10 until December, of 13 from January."""
    small = CommitteeTerm(
        pk=1, order_number="9/2562", starts_on=dt.date(2018, 10, 1), ends_on=dt.date(2019, 12, 31)
    )
    full = CommitteeTerm(pk=2, order_number="5/2563", starts_on=dt.date(2020, 1, 1))
    facts = Facts(
        district(),
        terms=[small, full],
        member_counts={
            1: Counter([C.CHAIR, C.SECRETARY, *[C.AGENCY] * 5, *[C.LEADER] * 3]),
            2: Counter([C.CHAIR, C.SECRETARY, *[C.AGENCY] * 5, *[C.LEADER] * 6]),
        },
    )
    result = run("R1", facts)
    assert result.status == NOT_HELD
    assert result.explanation == (
        "ไตรมาสที่ 1 ปีงบประมาณ 2563 (ต.ค.–ธ.ค. 2562): คณะกรรมการตามคำสั่งอำเภอที่ 9/2562 "
        "มีกรรมการ 10 คน ไม่อยู่ในเกณฑ์ซึ่งกำหนดไว้ 11–15 คน"
    )
    assert run("R1", facts, quarter=2).status == HELD
    # A quarter that has not started is not judged: on 15 November only quarter 1 is.
    assert run("R1", facts, today=dt.date(2019, 11, 15)).status == NOT_HELD
    assert run("R1", facts, quarter=2, today=dt.date(2020, 2, 1)).status == HELD


def test_a_committee_in_force_all_year_holds_with_the_latest_order_named():
    """«จำนวน ๑๑ - ๑๕ คน» in every quarter."""
    facts = committee([C.CHAIR, C.SECRETARY, *[C.AGENCY] * 5, *[C.LEADER] * 6])
    result = run("R1", facts)
    assert result.status == HELD
    assert result.explanation == (
        "คณะกรรมการที่มีผลอยู่เป็นไปตามเกณฑ์ทุกไตรมาสที่ครบกำหนดของปีงบประมาณ 2563 "
        "คณะกรรมการตามคำสั่งอำเภอที่ 123/2562 มีกรรมการ 13 คน อยู่ในเกณฑ์ 11–15 คน"
    )


# --- R3: minutes, not any file (§6.3 ๑)) ------------------------------------------------


def test_r3_a_photo_of_the_meeting_is_not_its_minutes():
    """«๑) จัดให้มีการประชุมคณะกรรมการบริหารศูนย์ฯ อย่างน้อยไตรมาสละ ๑ ครั้ง» — shown by minutes."""
    meeting = Meeting(pk=1, date=dt.date(2019, 11, 5), title="ประชุมครั้งที่ 1/2563")
    meeting.with_evidence, meeting.with_minutes = True, False
    facts = Facts(district(), meetings=[meeting])
    result = run("R3", facts, quarter=1)
    assert result.status == NOT_HELD
    assert "ยังไม่ได้แนบรายงานการประชุม" in result.explanation
    meeting.with_minutes = True
    assert run("R3", facts, quarter=1).status == HELD


def test_r3_counts_only_files_uploaded_as_minutes(phunphin):
    """«อย่างน้อยไตรมาสละ ๑ ครั้ง»: the evidence's purpose decides, through the database."""
    meeting = f.meeting(phunphin, dt.date(2019, 11, 5), minutes=False)
    photo = f.attach(meeting, purpose=Evidence.Purpose.PHOTO)
    check = lambda: guideline.evaluate_district(  # noqa: E731
        phunphin.district, FY, 1, AFTER_YEAR
    ).results["R3"]
    assert check().status == NOT_HELD
    photo.purpose = Evidence.Purpose.MINUTES  # the officer says it is the minutes after all
    photo.save(update_fields=["purpose"])
    assert check().status == HELD


# --- R4: a long-term plan spans years and is on file (§6.3 ๒)) ------------------------


def plan(kind, first, last, *, filed=True, pk=1) -> Plan:
    made = Plan(pk=pk, kind=kind, title=f"แผน {first}–{last}", first_year=first, last_year=last)
    made.with_evidence = made.with_plan = filed
    return made


def test_r4_a_long_term_plan_of_one_year_is_not_long_term():
    """«๒) จัดทำแผน … ทั้งในระยะสั้นและระยะยาว»: a long-term plan spans more than one year."""
    short = plan(Plan.Kind.SHORT, FY, FY)
    facts = Facts(district(), plans=[short, plan(Plan.Kind.LONG, FY, FY, pk=2)])
    result = run("R4", facts)
    assert result.status == NOT_HELD
    assert "ครอบคลุมเพียงปีงบประมาณ 2563" in result.explanation
    assert "ต้องมีระยะเวลามากกว่าหนึ่งปีงบประมาณ" in result.explanation
    facts.plans = [short, plan(Plan.Kind.LONG, FY, FY + 2, pk=2)]
    assert run("R4", facts).status == HELD


def test_r4_a_long_term_plan_needs_its_file():
    """«จัดทำแผน … ระยะยาว»: the plan itself is attached (an evidence file of purpose plan)."""
    long = plan(Plan.Kind.LONG, FY - 1, FY + 2, filed=False, pk=2)
    facts = Facts(district(), plans=[plan(Plan.Kind.SHORT, FY, FY), long])
    result = run("R4", facts)
    assert result.status == NOT_HELD
    assert "ยังไม่ได้แนบไฟล์แผน" in result.explanation
    assert result.todo.startswith("แนบไฟล์แผนระยะยาว")


def test_r4_a_photo_on_the_long_term_plan_is_not_the_plan(phunphin):
    """«ทั้งในระยะสั้นและระยะยาว», with the plan on file: a file of another purpose is not it."""
    f.plan(phunphin, Plan.Kind.SHORT, FY, FY)
    long = f.plan(phunphin, Plan.Kind.LONG, FY, FY + 2, filed=False)
    f.attach(long, purpose=Evidence.Purpose.PHOTO)
    result = guideline.evaluate_district(phunphin.district, FY, None, AFTER_YEAR).results["R4"]
    assert result.status == NOT_HELD
    f.attach(long, purpose=Evidence.Purpose.PLAN)
    result = guideline.evaluate_district(phunphin.district, FY, None, AFTER_YEAR).results["R4"]
    assert result.status == HELD


# --- R7: receipts, not any file (the province's letter) -------------------------------


def test_r7_a_photo_is_not_a_receipt():
    """The province's letter asks for «หลักฐานการจัดซื้อจัดจ้าง» of every expense."""
    spent = Expense(pk=1, amount=Decimal(650), date=dt.date(2020, 3, 1), description="วัสดุ")
    spent.with_evidence, spent.with_receipt = True, False
    facts = Facts(
        district(),
        allocation=BudgetAllocation(fiscal_year=FY, amount=Decimal(1500)),
        expenses=[spent],
    )
    result = run("R7", facts)
    assert result.status == NOT_HELD
    assert "ค่าใช้จ่าย 1 รายการยังไม่มีหลักฐานการจัดซื้อจัดจ้าง" in result.explanation
    spent.with_receipt = True
    assert run("R7", facts).status == HELD


def test_r7_counts_only_files_uploaded_as_receipts(phunphin):
    """«หลักฐานการจัดซื้อจัดจ้าง»: a receipt or a procurement document, chosen at upload."""
    f.allocation(phunphin)
    expense = f.expense(phunphin, "650", dt.date(2020, 3, 1), receipt=False)
    f.attach(expense, purpose=Evidence.Purpose.PHOTO)
    results = guideline.evaluate_district(phunphin.district, FY, None, AFTER_YEAR).results
    assert results["R7"].status == NOT_HELD
    f.attach(expense, purpose=Evidence.Purpose.RECEIPT)
    results = guideline.evaluate_district(phunphin.district, FY, None, AFTER_YEAR).results
    assert results["R7"].status == HELD


# --- R8: §7's staff on duty --------------------------------------------------------------


def center_facts(**profile) -> Facts:
    values = {
        "location": "สำนักงานพัฒนาชุมชนอำเภอพุนพิน",
        "has_dedicated_space": True,
        "staff_on_duty": "นักวิชาการพัฒนาชุมชนเวรประจำวัน",
        "opening_hours": "จันทร์–ศุกร์ 08.30–16.30 น.",
        **profile,
    }
    center = Center(district_id="8417", **values)
    return Facts(district(), center=center, materials=[Material(title="แผ่นพับ")])


def test_r8_needs_staff_on_duty():
    """§7: «… จะต้องเป็นพื้นที่ศูนย์กลางของอำเภอ มีเจ้าหน้าที่ประจำ และกลุ่มเป้าหมายมาขอรับบริการได้สะดวก»."""
    assert run("R8", center_facts()).status == HELD
    result = run("R8", center_facts(staff_on_duty=" "))
    assert result.status == NOT_HELD
    assert "ยังไม่ได้บันทึกเจ้าหน้าที่ประจำศูนย์ฯ" in result.explanation
    assert "บันทึกเจ้าหน้าที่ประจำศูนย์ฯ" in result.todo


def test_r8_needs_the_opening_hours_for_the_target_groups():
    """§7: «กลุ่มเป้าหมายมาขอรับบริการได้สะดวก» — read as the opening hours being recorded."""
    result = run("R8", center_facts(opening_hours=""))
    assert result.status == NOT_HELD
    assert "ยังไม่ได้บันทึกเวลาให้บริการของศูนย์ฯ" in result.explanation


def test_r8_held_names_the_staff_and_the_hours():
    """§7: «แบ่งพื้นที่ให้ชัดเจนเป็นสัดส่วน และจัดให้มีวัสดุอุปกรณ์/สื่อการเรียนรู้/ข้อมูล» and «มีเจ้าหน้าที่ประจำ»."""
    result = run("R8", center_facts())
    assert "มีเจ้าหน้าที่ประจำ (นักวิชาการพัฒนาชุมชนเวรประจำวัน)" in result.explanation


# --- The legend and the explanations use the province's thresholds ---------------------


def test_the_legend_uses_the_provinces_thresholds():
    """§6.1 «จำนวน ๑๑ - ๑๕ คน» and «จำนวน ๔ - ๘ คน» are the defaults; a province may set others."""
    rs = RuleSettings(committee_min=9, committee_max=21, leaders_min=3, leaders_max=10)
    assert "9–21" in guideline.RULES_BY_ID["R1"].describe(rs)
    assert "3–10" in guideline.RULES_BY_ID["R2"].describe(rs)
    assert "11–15" in guideline.RULES_BY_ID["R1"].describe()
    rs = RuleSettings(meetings_per_quarter=2)
    assert "ไตรมาสละ 2 ครั้ง" in guideline.RULES_BY_ID["R3"].describe(rs)


def test_the_compliance_page_prints_the_provinces_thresholds(login, province_officer):
    """The compliance page's legend said 11–15 and 4–8 whatever the province had set."""
    RuleSettings.objects.create(
        province_id="84", fiscal_year=FY, committee_min=9, committee_max=21, leaders_min=3,
        leaders_max=10,
    )  # fmt: skip
    client = login(province_officer)
    page = client.get(reverse("rules:compliance", args=["84"]) + f"?fy={FY}").content.decode()
    assert "9–21" in page and "3–10" in page
    assert "11–15" not in page and "4–8" not in page
    cell = client.get(reverse("rules:cell", args=["8417", "R1"]) + f"?fy={FY}").content.decode()
    assert "9–21" in cell and "11–15" not in cell
    # The guideline's own words, in the page's Arabic digits (the rule keeps them as written).
    assert "จำนวน 11 - 15 คน" in cell
    assert "จำนวน ๑๑ - ๑๕ คน" in guideline.RULES_BY_ID["R1"].quote


def test_explanations_use_the_provinces_thresholds(phunphin):
    """«จำนวน ๑๑ - ๑๕ คน» unless the province set its own numbers for the year."""
    f.term(phunphin, 10)
    RuleSettings.objects.create(province_id="84", fiscal_year=FY, committee_min=12)
    result = guideline.evaluate_district(phunphin.district, FY, None, AFTER_YEAR).results["R1"]
    assert "12–15" in result.explanation and "11–15" not in result.explanation


# --- The kept results are forgotten when a file's purpose changes -----------------------


def test_a_purpose_change_renews_the_provinces_stamp(phunphin, settings):
    """«อย่างน้อยไตรมาสละ ๑ ครั้ง» with minutes: a file re-labelled as minutes counts at once."""
    settings.RULES_CACHE_SECONDS = 3600
    cache.clear()
    meeting = f.meeting(phunphin, dt.date(2019, 11, 5), minutes=False)
    photo = f.attach(meeting, purpose=Evidence.Purpose.PHOTO)
    districts = [phunphin.district]
    kept = guideline.evaluate(districts, FY, 1, AFTER_YEAR).rows[0].results["R3"]
    assert kept.status == NOT_HELD
    before = RulesStamp.objects.get(province_id="84").token
    photo.purpose = Evidence.Purpose.MINUTES
    photo.save(update_fields=["purpose"])
    assert RulesStamp.objects.get(province_id="84").token != before
    assert guideline.evaluate(districts, FY, 1, AFTER_YEAR).rows[0].results["R3"].status == HELD
    cache.clear()
