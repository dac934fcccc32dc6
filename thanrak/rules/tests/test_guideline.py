"""Each rule of the guideline at its edges (SPEC §4), with its Thai explanation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from thanrak.areas.models import District
from thanrak.centers.models import (
    BudgetAllocation,
    Center,
    Expense,
    LessonsLearned,
    Material,
    Plan,
    Report,
)
from thanrak.rules import guideline
from thanrak.rules.guideline import HELD, NOT_DUE, NOT_HELD, Facts, Period
from thanrak.rules.models import RuleSettings
from thanrak.rules.tests import factories as f

FY = 2563
AFTER_YEAR = dt.date(2020, 10, 15)  # FY 2563 has ended
BEFORE_YEAR = dt.date(2019, 9, 1)  # FY 2563 has not started


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


def check(center, rule, *, quarter=None, today=AFTER_YEAR, fy=FY):
    return guideline.evaluate_district(center.district, fy, quarter, today).results[rule]


# --- R1 committee of 11–15 (§6.1) ------------------------------------------------


@pytest.mark.parametrize(
    ("members", "status"), [(10, NOT_HELD), (11, HELD), (15, HELD), (16, NOT_HELD)]
)
def test_r1_committee_size_edges(phunphin, members, status):
    f.term(phunphin, members)
    result = check(phunphin, "R1")
    assert result.status == status
    assert f"มีกรรมการ {guideline.text.num(members)} คน" in result.explanation
    assert "11–15" in result.explanation


def test_r1_without_a_term_in_force_is_not_held(phunphin):
    f.term(phunphin, 13, starts_on=dt.date(2017, 10, 1), ends_on=dt.date(2019, 9, 30))
    result = check(phunphin, "R1")
    assert result.status == NOT_HELD
    assert "ไม่มีคณะกรรมการ" in result.explanation
    assert result.todo


def test_r1_judges_the_term_in_force_in_each_quarter(phunphin):
    f.term(phunphin, 10, starts_on=dt.date(2018, 10, 1), ends_on=dt.date(2019, 12, 31))
    f.term(phunphin, 12, starts_on=dt.date(2020, 1, 1), order_number="5/2563")
    assert check(phunphin, "R1", quarter=1).status == NOT_HELD
    assert check(phunphin, "R1", quarter=2).status == HELD
    # The year fails on its first quarter, whatever the committee at its end.
    result = check(phunphin, "R1")
    assert result.status == NOT_HELD
    assert result.explanation.startswith("ไตรมาสที่ 1 ปีงบประมาณ 2563 (ต.ค.–ธ.ค. 2562):")


def test_r1_before_the_year_starts_is_not_due(phunphin):
    assert check(phunphin, "R1", today=BEFORE_YEAR).status == NOT_DUE


def test_r1_thresholds_come_from_the_provinces_settings(phunphin):
    f.term(phunphin, 10)
    RuleSettings.objects.create(province_id="84", fiscal_year=FY, committee_min=9)
    assert check(phunphin, "R1").status == HELD
    assert check(phunphin, "R1", fy=2564, today=dt.date(2020, 10, 15)).status == NOT_HELD


# --- R2 composition (§6.1, §6.2 หมายเหตุ) -----------------------------------------


def test_r2_the_guidelines_composition_is_held(phunphin):
    f.term(phunphin, 13)  # 1 chair, 1 secretary, 5 agency, 6 leaders
    result = check(phunphin, "R2")
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
def test_r2_a_composition_off_the_guideline_is_not_held(phunphin, members):
    f.term(phunphin, members)
    result = check(phunphin, "R2")
    assert result.status == NOT_HELD
    assert "4–8" in result.explanation


def test_r2_an_approved_exception_letter_on_file_holds(phunphin):
    f.term(phunphin, [f.C.CHAIR, f.C.SECRETARY, *[f.C.OTHER] * 9])
    letter = f.exception(phunphin)
    result = check(phunphin, "R2")
    assert result.status == HELD
    assert result.records == [letter]
    assert "มท 0410.2/1234" in result.explanation


def test_r2_an_exception_letter_without_its_file_does_not_hold(phunphin):
    f.term(phunphin, [f.C.CHAIR, f.C.SECRETARY, *[f.C.OTHER] * 9])
    f.exception(phunphin, letter=False)
    result = check(phunphin, "R2")
    assert result.status == NOT_HELD
    assert "ยังไม่ได้แนบไฟล์" in result.explanation
    assert "แนบไฟล์หนังสืออนุมัติ" in result.todo


def test_r2_an_exception_not_approved_does_not_hold(phunphin):
    f.term(phunphin, [f.C.CHAIR, f.C.SECRETARY, *[f.C.OTHER] * 9])
    f.exception(phunphin, approved=False)
    assert check(phunphin, "R2").status == NOT_HELD


# --- R3 a meeting with minutes every quarter (§6.3 ๑) -----------------------------


def test_r3_31_december_and_1_january_fall_in_different_quarters(phunphin):
    december = f.meeting(phunphin, dt.date(2019, 12, 31))
    january = f.meeting(phunphin, dt.date(2020, 1, 1))
    q1, q2 = check(phunphin, "R3", quarter=1), check(phunphin, "R3", quarter=2)
    assert (q1.status, q1.records) == (HELD, [december])
    assert (q2.status, q2.records) == (HELD, [january])


def test_r3_a_quarter_without_a_meeting_is_named(phunphin):
    f.meeting(phunphin, dt.date(2019, 12, 31))
    result = check(phunphin, "R3", quarter=2)
    assert result.status == NOT_HELD
    assert "มีการประชุมคณะกรรมการ 0 ครั้งในไตรมาสที่ 2 ปีงบประมาณ 2563 (ม.ค.–มี.ค. 2563)" in (
        result.explanation
    )
    assert result.todo == "บันทึกการประชุมคณะกรรมการของไตรมาสที่ 2 พร้อมรายงานการประชุม"


def test_r3_over_the_year_names_every_quarter_missing(phunphin):
    f.meeting(phunphin, dt.date(2019, 12, 31))
    f.meeting(phunphin, dt.date(2020, 1, 1))
    result = check(phunphin, "R3")
    assert result.status == NOT_HELD
    assert "ไตรมาสที่ 3" in result.explanation and "ไตรมาสที่ 4" in result.explanation
    assert "ไตรมาสที่ 1 " not in result.explanation
    assert "ไตรมาสที่ 3, 4" in result.todo


def test_r3_a_meeting_without_minutes_does_not_count(phunphin):
    f.meeting(phunphin, dt.date(2019, 11, 5), minutes=False)
    result = check(phunphin, "R3", quarter=1)
    assert result.status == NOT_HELD
    assert "ยังไม่ได้แนบรายงานการประชุม" in result.explanation


def test_r3_quarters_not_ended_are_not_counted(phunphin):
    mid_q2 = dt.date(2020, 2, 15)
    assert check(phunphin, "R3", quarter=2, today=mid_q2).status == NOT_DUE
    assert check(phunphin, "R3", quarter=3, today=mid_q2).status == NOT_DUE
    # Over the year only quarter 1 has ended.
    result = check(phunphin, "R3", today=mid_q2)
    assert result.status == NOT_HELD
    assert "ไตรมาสที่ 1" in result.explanation and "ไตรมาสที่ 2" not in result.explanation
    f.meeting(phunphin, dt.date(2019, 11, 5))
    assert check(phunphin, "R3", today=mid_q2).status == HELD


def test_r3_a_quarter_already_met_counts_before_it_ends(phunphin):
    f.meeting(phunphin, dt.date(2020, 1, 20))
    assert check(phunphin, "R3", quarter=2, today=dt.date(2020, 2, 15)).status == HELD


def test_r3_the_last_day_of_a_quarter_is_not_yet_counted(phunphin):
    assert check(phunphin, "R3", quarter=1, today=dt.date(2019, 12, 31)).status == NOT_DUE
    assert check(phunphin, "R3", quarter=1, today=dt.date(2020, 1, 1)).status == NOT_HELD


def test_r3_a_period_entirely_in_the_future_is_not_due(phunphin):
    result = check(phunphin, "R3", today=BEFORE_YEAR)
    assert result.status == NOT_DUE
    assert "ยังไม่ถึงกำหนด" in result.explanation


# --- R4 plans (§6.3 ๒) -------------------------------------------------------------


def test_r4_short_and_long_plans_covering_the_year_hold(phunphin):
    f.plan(phunphin, Plan.Kind.SHORT, FY, FY)
    f.plan(phunphin, Plan.Kind.LONG, 2561, 2565)
    assert check(phunphin, "R4").status == HELD


def test_r4_a_long_term_plan_ending_the_year_before_does_not_cover_it(phunphin):
    f.plan(phunphin, Plan.Kind.SHORT, FY, FY)
    f.plan(phunphin, Plan.Kind.LONG, 2560, 2562)
    result = check(phunphin, "R4")
    assert result.status == NOT_HELD
    assert result.explanation == "ยังไม่มีแผนระยะยาวที่ครอบคลุมปีงบประมาณ 2563"


def test_r4_without_a_short_term_plan_is_not_held(phunphin):
    f.plan(phunphin, Plan.Kind.LONG, FY, 2566)
    f.plan(phunphin, Plan.Kind.SHORT, 2564, 2564)
    result = check(phunphin, "R4")
    assert result.status == NOT_HELD
    assert "แผนระยะสั้น" in result.explanation


# --- R5 an activity with evidence every month (§6.3 ๓) ----------------------------


def every_month_but(center, skip=()):
    from thanrak.core.thai import fiscal_months

    for year, month in fiscal_months(FY):
        if (year, month) not in skip:
            f.activity(center, dt.date(year, month, 28))


def test_r5_an_activity_every_month_holds(phunphin):
    every_month_but(phunphin)
    result = check(phunphin, "R5")
    assert result.status == HELD
    assert len(result.records) == 12


def test_r5_a_month_without_an_activity_is_named(phunphin):
    every_month_but(phunphin, skip={(2020, 2)})
    result = check(phunphin, "R5")
    assert result.status == NOT_HELD
    assert "ก.พ. 2563" in result.explanation
    assert "ม.ค." not in result.explanation and "มี.ค." not in result.explanation
    assert "ก.พ. 2563" in result.todo


def test_r5_an_activity_without_evidence_does_not_count(phunphin):
    every_month_but(phunphin, skip={(2019, 10)})
    f.activity(phunphin, dt.date(2019, 10, 3), evidence=False, title="อบรมการตลาดออนไลน์")
    result = check(phunphin, "R5")
    assert result.status == NOT_HELD
    assert "ต.ค. 2562" in result.explanation
    assert "ยังไม่มีหลักฐาน 1 รายการ" in result.explanation
    # The page that explains the rule lists the activity itself.
    assert "อบรมการตลาดออนไลน์" in [a.title for a in result.records]


def test_r5_is_the_same_counted_in_the_database_or_one_by_one(phunphin):
    every_month_but(phunphin, skip={(2019, 10), (2020, 2)})
    f.activity(phunphin, dt.date(2019, 10, 3), evidence=False)
    matrix = guideline.evaluate([phunphin.district], FY, today=AFTER_YEAR)
    summary = matrix.rows[0].results["R5"]
    detail = check(phunphin, "R5")
    assert (summary.status, summary.explanation, summary.todo) == (
        detail.status,
        detail.explanation,
        detail.todo,
    )
    assert summary.records == [] and len(detail.records) == 11


def test_r5_the_month_in_progress_is_not_counted(phunphin):
    every_month_but(phunphin, skip={(2020, 2), (2020, 3)})
    assert check(phunphin, "R5", quarter=2, today=dt.date(2020, 2, 20)).status == HELD
    assert check(phunphin, "R5", quarter=2, today=dt.date(2020, 3, 1)).status == NOT_HELD
    assert check(phunphin, "R5", quarter=3, today=dt.date(2020, 3, 1)).status == NOT_DUE


# --- R6 publicity every quarter (§6.3 ๔) ------------------------------------------


def test_r6_publicity_every_quarter_holds_and_a_missing_one_is_named(phunphin):
    for day in (dt.date(2019, 10, 9), dt.date(2020, 2, 1), dt.date(2020, 8, 8)):
        f.publicity(phunphin, day)
    result = check(phunphin, "R6")
    assert result.status == NOT_HELD
    assert "ไตรมาสที่ 3 ปีงบประมาณ 2563 (เม.ย.–มิ.ย. 2563)" in result.explanation
    f.publicity(phunphin, dt.date(2020, 6, 30))
    assert check(phunphin, "R6").status == HELD


def test_r6_future_quarters_are_not_due(phunphin):
    f.publicity(phunphin, dt.date(2019, 10, 9))
    assert check(phunphin, "R6", today=dt.date(2019, 12, 1)).status == HELD
    assert check(phunphin, "R6", quarter=4, today=dt.date(2019, 12, 1)).status == NOT_DUE


# --- R7 the allocation spent with receipts (the province's letter) ----------------


@pytest.mark.parametrize(("amount", "status"), [("1500", HELD), ("1501", NOT_HELD)])
def test_r7_expenses_against_a_1500_baht_allocation(phunphin, amount, status):
    f.allocation(phunphin, "1500")
    f.expense(phunphin, amount, dt.date(2020, 3, 1))
    result = check(phunphin, "R7")
    assert result.status == status
    if status == NOT_HELD:
        assert "1,501 บาท" in result.explanation and "อยู่ 1 บาท" in result.explanation


def test_r7_two_expenses_adding_up_over_the_allocation(phunphin):
    f.allocation(phunphin, "1500")
    f.expense(phunphin, "1000", dt.date(2020, 3, 1))
    f.expense(phunphin, "500.50", dt.date(2020, 4, 1))
    assert check(phunphin, "R7").status == NOT_HELD


def test_r7_an_expense_without_a_receipt_is_not_held(phunphin):
    f.allocation(phunphin, "1500")
    f.expense(phunphin, "900", dt.date(2020, 3, 1), receipt=False)
    result = check(phunphin, "R7")
    assert result.status == NOT_HELD
    assert "ยังไม่มีหลักฐานการจัดซื้อจัดจ้าง" in result.explanation
    assert "วัสดุสำนักงาน" in result.explanation


def test_r7_expenses_of_another_year_are_not_counted(phunphin):
    f.allocation(phunphin, "1500")
    f.expense(phunphin, "1500", dt.date(2020, 3, 1))
    f.expense(phunphin, "800", dt.date(2019, 9, 30))  # fiscal year 2562
    assert check(phunphin, "R7").status == HELD


def test_r7_without_an_allocation(phunphin):
    assert check(phunphin, "R7").status == NOT_DUE
    f.expense(phunphin, "100", dt.date(2020, 3, 1))
    assert check(phunphin, "R7").status == NOT_HELD


def test_r7_is_a_plain_function_of_the_facts():
    """A rule reads only its Facts: no database needed."""
    district = District(code="8417", name_th="พุนพิน", province_id="84")
    spent = Expense(amount=Decimal("1501"), date=dt.date(2020, 3, 1), description="x")
    spent.with_evidence = spent.with_receipt = True
    facts = Facts(
        district,
        allocation=BudgetAllocation(fiscal_year=FY, amount=Decimal("1500")),
        expenses=[spent],
    )
    result = guideline.budget(facts, Period(FY), RuleSettings(), AFTER_YEAR)
    assert result.status == NOT_HELD
    spent.amount = Decimal("1500")
    assert guideline.budget(facts, Period(FY), RuleSettings(), AFTER_YEAR).status == HELD


# --- R8 location (§7) ----------------------------------------------------------------


def test_r8_location_space_and_materials(phunphin):
    result = check(phunphin, "R8")
    assert result.status == NOT_HELD
    assert "ยังไม่ได้บันทึกสถานที่ตั้ง" in result.explanation
    phunphin.location = "สำนักงานพัฒนาชุมชนอำเภอพุนพิน"
    phunphin.has_dedicated_space = True
    phunphin.staff_on_duty = "นักวิชาการพัฒนาชุมชนเวรประจำวัน"
    phunphin.save()
    assert check(phunphin, "R8").status == NOT_HELD
    Material.objects.create(center=phunphin, title="แผ่นพับ")
    result = check(phunphin, "R8")
    assert result.status == HELD
    assert "1 รายการ" in result.explanation


def test_r8_a_district_without_a_center(areas):
    district = District.objects.get(pk="8001")
    Center.objects.filter(district=district).delete()
    result = guideline.evaluate_district(district, FY, today=AFTER_YEAR).results["R8"]
    assert result.status == NOT_HELD


# --- R9 the report (report form) ------------------------------------------------------


def test_r9_report_of_the_period(phunphin):
    result = check(phunphin, "R9", today=dt.date(2020, 9, 30))
    assert result.status == NOT_DUE
    assert check(phunphin, "R9").status == NOT_HELD
    report = Report.objects.create(center=phunphin, fiscal_year=FY, quarter=0)
    result = check(phunphin, "R9")
    assert result.status == NOT_HELD
    assert result.explanation.startswith("ยังไม่ได้ส่งรายงานผลการดำเนินงานของปีงบประมาณ 2563")
    report.status = Report.Status.SUBMITTED
    report.save()
    assert check(phunphin, "R9").status == HELD
    # The quarter's own report is another one.
    assert check(phunphin, "R9", quarter=2).status == NOT_HELD
    Report.objects.create(center=phunphin, fiscal_year=FY, quarter=2, status="accepted")
    assert check(phunphin, "R9", quarter=2).status == HELD


# --- R10 lessons learned (§4) ---------------------------------------------------------


def test_r10_lessons_learned_of_the_closed_year(phunphin):
    assert check(phunphin, "R10", today=dt.date(2020, 9, 30)).status == NOT_DUE
    result = check(phunphin, "R10")
    assert result.status == NOT_HELD
    assert "ปีงบประมาณ 2563" in result.explanation
    LessonsLearned.objects.create(center=phunphin, fiscal_year=FY, results="ผล")
    assert check(phunphin, "R10").status == HELD


# --- All rules together -----------------------------------------------------------------


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


def test_rule_titles_and_sources_use_arabic_digits():
    for rule in guideline.RULES:
        for text in (rule.title, rule.source, rule.held_when):
            assert not any("\u0e50" <= ch <= "\u0e59" for ch in str(text)), text


def test_explanations_follow_the_language(phunphin):
    with translation.override("en"):
        result = check(phunphin, "R3", quarter=2)
    assert "quarter 2 of fiscal year 2563" in result.explanation


def test_rules_are_data():
    assert [rule.id for rule in guideline.RULES] == [f"R{i}" for i in range(1, 11)]
    for rule in guideline.RULES:
        assert rule.title and rule.source and rule.held_when and callable(rule.check)
