"""Each rule of the guideline at its edges (SPEC §4), with its Thai explanation.

Rules are plain functions of a district's ``Facts``: most tests build the facts by hand,
as ``load_facts`` would (records annotated with their files), without the database.
The tests at the end go through the database: thresholds saved per province, the
monthly counts made by the database, a district without a center, a whole year.
"""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import translation

from thanrak.areas.models import District
from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    Center,
    CommitteeTerm,
    CompositionException,
    Expense,
    LessonsLearned,
    Material,
    Meeting,
    Plan,
    Publicity,
    Report,
)
from thanrak.core.periods import Period
from thanrak.core.thai import fiscal_months
from thanrak.evidence.models import Purpose
from thanrak.rules import guideline
from thanrak.rules.guideline import HELD, NOT_DUE, NOT_HELD, Facts, Tally
from thanrak.rules.models import RuleSettings
from thanrak.rules.tests import factories as f

FY = 2563
AFTER_YEAR = dt.date(2020, 10, 15)  # FY 2563 has ended
BEFORE_YEAR = dt.date(2019, 9, 1)  # FY 2563 has not started


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


# --- Facts as load_facts makes them, by hand -----------------------------------------


def filed(record, *purposes: str, on_file: bool = True):
    """The record as load_facts annotates it: a file attached, of each purpose named."""
    record.with_evidence = on_file
    for purpose in purposes:
        setattr(record, f"with_{purpose}", on_file)
    return record


def term(
    members: int | list[str] = 13,
    *,
    starts_on: dt.date = dt.date(2019, 10, 1),
    ends_on: dt.date | None = None,
    order_number: str = "123/2562",
    pk: int = 1,
) -> tuple[CommitteeTerm, Counter[str]]:
    """A committee term (1 chair, 1 secretary, 5 agencies, leaders for the rest) and its members by category."""
    made = CommitteeTerm(
        pk=pk, order_number=order_number, order_date=starts_on, starts_on=starts_on, ends_on=ends_on
    )
    return made, Counter(f.categories(members) if isinstance(members, int) else members)


def facts(*terms: tuple[CommitteeTerm, Counter[str]], **records) -> Facts:
    """Phunphin's facts: the terms with their members, the records given, and the
    activities counted per month as the database counts them."""
    made = Facts(District(code="8417", name_th="พุนพิน", province_id="84"), **records)
    for made_term, counts in terms:
        made.terms.append(made_term)
        made.member_counts[made_term.pk] = counts
    for activity in made.activities:
        month = (activity.date.year, activity.date.month)
        tally = made.activity_months.get(month, Tally())
        made.activity_months[month] = Tally(
            tally.total + 1, tally.with_evidence + activity.with_evidence
        )
    return made


def exception(*, approved: bool = True, on_file: bool = True) -> CompositionException:
    letter = CompositionException(
        letter_number="มท 0410.2/1234", letter_date=dt.date(2019, 11, 1), approved=approved
    )
    return filed(letter, on_file=on_file)


def meeting(day: dt.date, *, minutes: bool = True) -> Meeting:
    return filed(Meeting(date=day, title=f"ประชุม {day:%Y-%m-%d}"), Purpose.MINUTES, on_file=minutes)


def activity(day: dt.date, *, evidence: bool = True, title: str = "") -> Activity:
    made = Activity(date=day, title=title or f"กิจกรรม {day:%Y-%m}", kind="form_groups")
    return filed(made, on_file=evidence)


def publicity(day: dt.date) -> Publicity:
    return filed(Publicity(date=day, channel="facebook", title=f"ข่าว {day:%Y-%m-%d}"))


def plan(kind: str, first: int, last: int) -> Plan:
    made = Plan(kind=kind, title=f"แผน {kind} {first}-{last}", first_year=first, last_year=last)
    return filed(made, Purpose.PLAN)


def allocation(amount: str = "1500") -> BudgetAllocation:
    return BudgetAllocation(fiscal_year=FY, amount=Decimal(amount))


def expense(amount: str, day: dt.date, *, receipt: bool = True) -> Expense:
    made = Expense(date=day, description="วัสดุสำนักงาน", amount=Decimal(amount))
    return filed(made, Purpose.RECEIPT, on_file=receipt)


def check(of: Facts, rule: str, *, quarter=None, today=AFTER_YEAR, rs=None) -> guideline.Result:
    period = Period(FY, quarter or 0)
    return guideline.RULES_BY_ID[rule].check(of, period, rs or RuleSettings(), today)


# --- R1 committee of 11–15 (§6.1) ------------------------------------------------


@pytest.mark.parametrize(
    ("members", "status"), [(10, NOT_HELD), (11, HELD), (15, HELD), (16, NOT_HELD)]
)
def test_r1_committee_size_edges(members, status):
    result = check(facts(term(members)), "R1")
    assert result.status == status
    assert f"มีกรรมการ {members} คน" in result.explanation
    assert "11–15" in result.explanation


def test_r1_without_a_term_in_force_is_not_held():
    ended = term(13, starts_on=dt.date(2017, 10, 1), ends_on=dt.date(2019, 9, 30))
    result = check(facts(ended), "R1")
    assert result.status == NOT_HELD
    assert "ไม่มีคณะกรรมการ" in result.explanation
    assert result.todo


def test_r1_judges_the_term_in_force_in_each_quarter():
    small = term(10, starts_on=dt.date(2018, 10, 1), ends_on=dt.date(2019, 12, 31))
    full = term(12, starts_on=dt.date(2020, 1, 1), order_number="5/2563", pk=2)
    of = facts(small, full)
    assert check(of, "R1", quarter=1).status == NOT_HELD
    assert check(of, "R1", quarter=2).status == HELD
    # The year fails on its first quarter, whatever the committee at its end.
    result = check(of, "R1")
    assert result.status == NOT_HELD
    assert result.explanation.startswith("ไตรมาสที่ 1 ปีงบประมาณ 2563 (ต.ค.–ธ.ค. 2562):")


def test_r1_before_the_year_starts_is_not_due():
    assert check(facts(), "R1", today=BEFORE_YEAR).status == NOT_DUE


def test_r1_thresholds_are_the_provinces():
    assert check(facts(term(10)), "R1", rs=RuleSettings(committee_min=9)).status == HELD


# --- R2 composition (§6.1, §6.2 หมายเหตุ) -----------------------------------------


def test_r2_the_guidelines_composition_is_held():
    result = check(facts(term(13)), "R2")  # 1 chair, 1 secretary, 5 agency, 6 leaders
    assert result.status == HELD
    assert "ประธาน 1 คน" in result.explanation


@pytest.mark.parametrize(
    "members",
    [
        [f.C.CHAIR, f.C.CHAIR, f.C.SECRETARY, *[f.C.AGENCY] * 5, *[f.C.LEADER] * 4],
        [f.C.CHAIR, f.C.SECRETARY, *[f.C.AGENCY] * 5, *[f.C.LEADER] * 3, f.C.OTHER],
        [f.C.CHAIR, f.C.SECRETARY, *[f.C.AGENCY] * 4, *[f.C.LEADER] * 6],
        [f.C.CHAIR, f.C.SECRETARY, *[f.C.AGENCY] * 5, *[f.C.LEADER] * 9],
    ],
    ids=["two chairs", "three leaders", "four agencies", "nine leaders"],
)
def test_r2_a_composition_off_the_guideline_is_not_held(members):
    result = check(facts(term(members)), "R2")
    assert result.status == NOT_HELD
    assert "4–8" in result.explanation


OUTSIDE_THE_SEATS = [f.C.CHAIR, f.C.SECRETARY, *[f.C.OTHER] * 9]


def test_r2_an_approved_exception_letter_on_file_holds():
    letter = exception()
    result = check(facts(term(OUTSIDE_THE_SEATS), exceptions=[letter]), "R2")
    assert result.status == HELD
    assert result.records == [letter]
    assert "มท 0410.2/1234" in result.explanation


def test_r2_an_exception_letter_without_its_file_does_not_hold():
    result = check(facts(term(OUTSIDE_THE_SEATS), exceptions=[exception(on_file=False)]), "R2")
    assert result.status == NOT_HELD
    assert "ยังไม่ได้แนบไฟล์" in result.explanation
    assert "แนบไฟล์หนังสืออนุมัติ" in result.todo


def test_r2_an_exception_not_approved_does_not_hold():
    of = facts(term(OUTSIDE_THE_SEATS), exceptions=[exception(approved=False)])
    assert check(of, "R2").status == NOT_HELD


# --- R3 a meeting with minutes every quarter (§6.3 ๑) -----------------------------


def test_r3_31_december_and_1_january_fall_in_different_quarters():
    december, january = meeting(dt.date(2019, 12, 31)), meeting(dt.date(2020, 1, 1))
    of = facts(meetings=[december, january])
    q1, q2 = check(of, "R3", quarter=1), check(of, "R3", quarter=2)
    assert (q1.status, q1.records) == (HELD, [december])
    assert (q2.status, q2.records) == (HELD, [january])


def test_r3_a_quarter_without_a_meeting_is_named():
    result = check(facts(meetings=[meeting(dt.date(2019, 12, 31))]), "R3", quarter=2)
    assert result.status == NOT_HELD
    assert "มีการประชุมคณะกรรมการ 0 ครั้งในไตรมาสที่ 2 ปีงบประมาณ 2563 (ม.ค.–มี.ค. 2563)" in (
        result.explanation
    )
    assert result.todo == "บันทึกการประชุมคณะกรรมการของไตรมาสที่ 2 พร้อมรายงานการประชุม"


def test_r3_over_the_year_names_every_quarter_missing():
    of = facts(meetings=[meeting(dt.date(2019, 12, 31)), meeting(dt.date(2020, 1, 1))])
    result = check(of, "R3")
    assert result.status == NOT_HELD
    assert "ไตรมาสที่ 3" in result.explanation and "ไตรมาสที่ 4" in result.explanation
    assert "ไตรมาสที่ 1 " not in result.explanation
    assert "ไตรมาสที่ 3, 4" in result.todo


def test_r3_a_meeting_without_minutes_does_not_count():
    result = check(facts(meetings=[meeting(dt.date(2019, 11, 5), minutes=False)]), "R3", quarter=1)
    assert result.status == NOT_HELD
    assert "ยังไม่ได้แนบรายงานการประชุม" in result.explanation


def test_r3_quarters_not_ended_are_not_counted():
    mid_q2 = dt.date(2020, 2, 15)
    assert check(facts(), "R3", quarter=2, today=mid_q2).status == NOT_DUE
    assert check(facts(), "R3", quarter=3, today=mid_q2).status == NOT_DUE
    # Over the year only quarter 1 has ended.
    result = check(facts(), "R3", today=mid_q2)
    assert result.status == NOT_HELD
    assert "ไตรมาสที่ 1" in result.explanation and "ไตรมาสที่ 2" not in result.explanation
    of = facts(meetings=[meeting(dt.date(2019, 11, 5))])
    assert check(of, "R3", today=mid_q2).status == HELD


def test_r3_a_quarter_already_met_counts_before_it_ends():
    of = facts(meetings=[meeting(dt.date(2020, 1, 20))])
    assert check(of, "R3", quarter=2, today=dt.date(2020, 2, 15)).status == HELD


def test_r3_the_last_day_of_a_quarter_is_not_yet_counted():
    assert check(facts(), "R3", quarter=1, today=dt.date(2019, 12, 31)).status == NOT_DUE
    assert check(facts(), "R3", quarter=1, today=dt.date(2020, 1, 1)).status == NOT_HELD


def test_r3_a_period_entirely_in_the_future_is_not_due():
    result = check(facts(), "R3", today=BEFORE_YEAR)
    assert result.status == NOT_DUE
    assert "ยังไม่ถึงกำหนด" in result.explanation


# --- R4 plans (§6.3 ๒) -------------------------------------------------------------


def test_r4_short_and_long_plans_covering_the_year_hold():
    of = facts(plans=[plan(Plan.Kind.SHORT, FY, FY), plan(Plan.Kind.LONG, 2561, 2565)])
    assert check(of, "R4").status == HELD


def test_r4_a_long_term_plan_ending_the_year_before_does_not_cover_it():
    of = facts(plans=[plan(Plan.Kind.SHORT, FY, FY), plan(Plan.Kind.LONG, 2560, 2562)])
    result = check(of, "R4")
    assert result.status == NOT_HELD
    assert result.explanation == "ยังไม่มีแผนระยะยาวที่ครอบคลุมปีงบประมาณ 2563"


def test_r4_without_a_short_term_plan_is_not_held():
    of = facts(plans=[plan(Plan.Kind.LONG, FY, 2566), plan(Plan.Kind.SHORT, 2564, 2564)])
    result = check(of, "R4")
    assert result.status == NOT_HELD
    assert "แผนระยะสั้น" in result.explanation


# --- R5 an activity with evidence every month (§6.3 ๓) ----------------------------


def activities_every_month_but(skip=()) -> list[Activity]:
    return [activity(dt.date(y, m, 28)) for y, m in fiscal_months(FY) if (y, m) not in skip]


def test_r5_an_activity_every_month_holds():
    result = check(facts(activities=activities_every_month_but()), "R5")
    assert result.status == HELD
    assert len(result.records) == 12


def test_r5_a_month_without_an_activity_is_named():
    result = check(facts(activities=activities_every_month_but(skip={(2020, 2)})), "R5")
    assert result.status == NOT_HELD
    assert "ก.พ. 2563" in result.explanation
    assert "ม.ค." not in result.explanation and "มี.ค." not in result.explanation
    assert "ก.พ. 2563" in result.todo


def test_r5_an_activity_without_evidence_does_not_count():
    bare = activity(dt.date(2019, 10, 3), evidence=False, title="อบรมการตลาดออนไลน์")
    result = check(facts(activities=[*activities_every_month_but(skip={(2019, 10)}), bare]), "R5")
    assert result.status == NOT_HELD
    assert "ต.ค. 2562" in result.explanation
    assert "ยังไม่มีหลักฐาน 1 รายการ" in result.explanation
    # The page that explains the rule lists the activity itself.
    assert "อบรมการตลาดออนไลน์" in [a.title for a in result.records]


def test_r5_the_month_in_progress_is_not_counted():
    of = facts(activities=activities_every_month_but(skip={(2020, 2), (2020, 3)}))
    assert check(of, "R5", quarter=2, today=dt.date(2020, 2, 20)).status == HELD
    assert check(of, "R5", quarter=2, today=dt.date(2020, 3, 1)).status == NOT_HELD
    assert check(of, "R5", quarter=3, today=dt.date(2020, 3, 1)).status == NOT_DUE


# --- R6 publicity every quarter (§6.3 ๔) ------------------------------------------


def test_r6_publicity_every_quarter_holds_and_a_missing_one_is_named():
    days = (dt.date(2019, 10, 9), dt.date(2020, 2, 1), dt.date(2020, 8, 8))
    of = facts(publicity=[publicity(day) for day in days])
    result = check(of, "R6")
    assert result.status == NOT_HELD
    assert "ไตรมาสที่ 3 ปีงบประมาณ 2563 (เม.ย.–มิ.ย. 2563)" in result.explanation
    of.publicity.append(publicity(dt.date(2020, 6, 30)))
    assert check(of, "R6").status == HELD


def test_r6_future_quarters_are_not_due():
    of = facts(publicity=[publicity(dt.date(2019, 10, 9))])
    assert check(of, "R6", today=dt.date(2019, 12, 1)).status == HELD
    assert check(of, "R6", quarter=4, today=dt.date(2019, 12, 1)).status == NOT_DUE


# --- R7 the allocation spent with receipts (the province's letter) ----------------


@pytest.mark.parametrize(("amount", "status"), [("1500", HELD), ("1501", NOT_HELD)])
def test_r7_expenses_against_a_1500_baht_allocation(amount, status):
    of = facts(allocation=allocation("1500"), expenses=[expense(amount, dt.date(2020, 3, 1))])
    result = check(of, "R7")
    assert result.status == status
    if status == NOT_HELD:
        assert "1,501 บาท" in result.explanation and "อยู่ 1 บาท" in result.explanation


def test_r7_two_expenses_adding_up_over_the_allocation():
    spent = [expense("1000", dt.date(2020, 3, 1)), expense("500.50", dt.date(2020, 4, 1))]
    assert check(facts(allocation=allocation("1500"), expenses=spent), "R7").status == NOT_HELD


def test_r7_an_expense_without_a_receipt_is_not_held():
    spent = [expense("900", dt.date(2020, 3, 1), receipt=False)]
    result = check(facts(allocation=allocation("1500"), expenses=spent), "R7")
    assert result.status == NOT_HELD
    assert "ยังไม่มีหลักฐานการจัดซื้อจัดจ้าง" in result.explanation
    assert "วัสดุสำนักงาน" in result.explanation


def test_r7_without_an_allocation():
    assert check(facts(), "R7").status == NOT_DUE
    assert check(facts(expenses=[expense("100", dt.date(2020, 3, 1))]), "R7").status == NOT_HELD


# --- R8 location (§7) ----------------------------------------------------------------


def test_r8_location_space_and_materials():
    center = Center(district_id="8417")
    result = check(facts(center=center), "R8")
    assert result.status == NOT_HELD
    assert "ยังไม่ได้บันทึกสถานที่ตั้ง" in result.explanation
    center.location = "สำนักงานพัฒนาชุมชนอำเภอพุนพิน"
    center.has_dedicated_space = True
    center.staff_on_duty = "นักวิชาการพัฒนาชุมชนเวรประจำวัน"
    assert check(facts(center=center), "R8").status == NOT_HELD
    result = check(facts(center=center, materials=[Material(title="แผ่นพับ")]), "R8")
    assert result.status == HELD
    assert "1 รายการ" in result.explanation


# --- R9 the report (report form) ------------------------------------------------------


def test_r9_report_of_the_period():
    assert check(facts(), "R9", today=dt.date(2020, 9, 30)).status == NOT_DUE
    assert check(facts(), "R9").status == NOT_HELD
    report = Report(fiscal_year=FY, quarter=0)
    result = check(facts(reports=[report]), "R9")
    assert result.status == NOT_HELD
    assert result.explanation.startswith("ยังไม่ได้ส่งรายงานผลการดำเนินงานของปีงบประมาณ 2563")
    report.status = Report.Status.SUBMITTED
    assert check(facts(reports=[report]), "R9").status == HELD
    # The quarter's own report is another one.
    assert check(facts(reports=[report]), "R9", quarter=2).status == NOT_HELD
    accepted = Report(fiscal_year=FY, quarter=2, status=Report.Status.ACCEPTED)
    assert check(facts(reports=[report, accepted]), "R9", quarter=2).status == HELD


# --- R10 lessons learned (§4) ---------------------------------------------------------


def test_r10_lessons_learned_of_the_closed_year():
    assert check(facts(), "R10", today=dt.date(2020, 9, 30)).status == NOT_DUE
    result = check(facts(), "R10")
    assert result.status == NOT_HELD
    assert "ปีงบประมาณ 2563" in result.explanation
    lessons = LessonsLearned(fiscal_year=FY, results="ผล")
    assert check(facts(lessons=lessons), "R10").status == HELD


# --- Every rule ---------------------------------------------------------------------------


def test_rule_titles_and_sources_use_arabic_digits():
    for rule in guideline.RULES:
        for text in (rule.title, rule.source, rule.held_when):
            assert not any("\u0e50" <= ch <= "\u0e59" for ch in str(text)), text


def test_explanations_follow_the_language():
    with translation.override("en"):
        result = check(facts(), "R3", quarter=2)
    assert "quarter 2 of fiscal year 2563" in result.explanation


def test_rules_are_data():
    assert [rule.id for rule in guideline.RULES] == [f"R{i}" for i in range(1, 11)]
    for rule in guideline.RULES:
        assert rule.title and rule.source and rule.held_when and callable(rule.check)


# --- Through the database: what load_facts and settings_for gather -----------------------


def evaluated(center, rule, *, quarter=None, today=AFTER_YEAR, fy=FY):
    return guideline.evaluate_district(center.district, fy, quarter, today).results[rule]


def test_r1_thresholds_come_from_the_provinces_settings_of_the_year(phunphin):
    f.term(phunphin, 10)
    RuleSettings.objects.create(province_id="84", fiscal_year=FY, committee_min=9)
    assert evaluated(phunphin, "R1").status == HELD
    assert evaluated(phunphin, "R1", fy=2564, today=dt.date(2020, 10, 15)).status == NOT_HELD


def test_r5_is_the_same_counted_in_the_database_or_one_by_one(phunphin):
    f.every_month_but(phunphin, skip={(2019, 10), (2020, 2)})
    f.activity(phunphin, dt.date(2019, 10, 3), evidence=False)
    matrix = guideline.evaluate([phunphin.district], FY, today=AFTER_YEAR)
    summary = matrix.rows[0].results["R5"]
    detail = evaluated(phunphin, "R5")
    assert (summary.status, summary.explanation, summary.todo) == (
        detail.status,
        detail.explanation,
        detail.todo,
    )
    assert summary.records == [] and len(detail.records) == 11


def test_r8_a_district_without_a_center(areas):
    district = District.objects.get(pk="8001")
    Center.objects.filter(district=district).delete()
    result = guideline.evaluate_district(district, FY, today=AFTER_YEAR).results["R8"]
    assert result.status == NOT_HELD


def test_a_complete_year_holds_every_rule(phunphin):
    f.complete_year(phunphin)
    row = guideline.evaluate_district(phunphin.district, FY, today=AFTER_YEAR)
    assert {r.rule: r.status for r in row.cells} == {rule.id: HELD for rule in guideline.RULES}
    assert row.todo == []


def test_an_empty_center_gets_a_todo_line_per_rule_not_held(phunphin):
    row = guideline.evaluate_district(phunphin.district, FY, today=AFTER_YEAR)
    not_held = [r for r in row.cells if r.status == NOT_HELD]
    assert len(row.todo) == len(not_held) >= 8


def test_every_explanation_is_a_thai_sentence_with_arabic_digits(phunphin):
    """Explanations go on pages, which use Arabic digits; a document converts them."""
    f.meeting(phunphin, dt.date(2019, 12, 31))
    row = guideline.evaluate_district(phunphin.district, FY, today=AFTER_YEAR)
    for result in row.cells:
        for sentence in (result.explanation, result.todo or ""):
            assert any("\u0e01" <= ch <= "\u0e2e" for ch in result.explanation), result
            assert not any("\u0e50" <= ch <= "\u0e59" for ch in sentence), result
    assert any(ch.isdigit() for r in row.cells for ch in r.explanation)
