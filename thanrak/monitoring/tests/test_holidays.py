"""No visit on Thailand's holidays or on the days the province marks: the generator skips
them, the checker names them in Thai, the round's page lists and marks them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from thanrak.areas.models import District
from thanrak.monitoring import schedule, selectors, services
from thanrak.monitoring.days_off import thai_holidays
from thanrak.monitoring.models import RoundDay

pytestmark = pytest.mark.django_db

KINGS_BIRTHDAY = "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระปรเมนทรรามาธิบดีศรีสินทรมหาวชิราลงกรณ พระวชิรเกล้าเจ้าอยู่หัว"
JUL_27, JUL_28, JUL_29 = dt.date(2020, 7, 27), dt.date(2020, 7, 28), dt.date(2020, 7, 29)


def test_the_calendar_has_the_special_holiday_and_the_kings_birthday_of_july_2563():
    days = thai_holidays(dt.date(2020, 7, 27), dt.date(2020, 7, 31))
    assert days == {JUL_27: "ชดเชยวันสงกรานต์", JUL_28: KINGS_BIRTHDAY}
    # Government offices also close on the Royal Ploughing Ceremony.
    assert thai_holidays(dt.date(2020, 5, 11), dt.date(2020, 5, 11)) == {
        dt.date(2020, 5, 11): "วันพืชมงคล"
    }


@pytest.fixture
def july_round(demo_round):
    """27–31 Jul 2563 (Monday to Friday), six districts, the seed's two teams."""
    round_ = services.round_create(
        province=demo_round.province,
        user=None,
        title="ติดตามเดือนกรกฎาคม ๒๕๖๓",
        fiscal_year=2563,
        starts_on=JUL_27,
        ends_on=dt.date(2020, 7, 31),
        districts=District.objects.filter(pk__in=["8417", "8406", "8411", "8414", "8401", "8418"]),
    )
    for order, team in enumerate(demo_round.teams.all(), start=1):
        services.team_save(round_=round_, name=team.name, lead=team.lead, members=[], order=order)
    return round_


def test_a_round_of_27_to_31_july_2563_visits_neither_the_27th_nor_the_28th(july_round):
    assert july_round.visit_days() == [JUL_29, dt.date(2020, 7, 30), dt.date(2020, 7, 31)]
    outcome = schedule.generate(selectors.problem_for_round(july_round))
    assert outcome.ok and len(outcome.visits) == 6
    assert {v.date for v in outcome.visits} <= {JUL_29, dt.date(2020, 7, 30), dt.date(2020, 7, 31)}


def test_the_checker_names_the_holiday_of_a_visit_placed_on_it(july_round):
    problem = selectors.problem_for_round(july_round)
    outcome = schedule.generate(problem)
    moved = outcome.visits[0]
    moved.date = JUL_28
    with translation.override("th"):
        violations = schedule.check(problem, outcome.visits).violations
    name = problem.name(moved.district)
    assert f"การติดตาม{name} วันที่ 28 ก.ค. 2563 ตรงกับวันหยุด: {KINGS_BIRTHDAY}" in violations


def test_a_day_the_province_marks_is_skipped_and_named_with_its_reason(july_round):
    services.round_day_add(round_=july_round, date=JUL_29, reason="ประชุมประจำเดือน", works=False)
    problem = selectors.problem_for_round(july_round)
    assert JUL_29 not in problem.days
    outcome = schedule.generate(problem)
    assert outcome.ok and JUL_29 not in {v.date for v in outcome.visits}
    outcome.visits[0].date = JUL_29
    with translation.override("th"):
        violations = schedule.check(problem, outcome.visits).violations
    assert any(v.endswith("ตรงกับวันที่จังหวัดกำหนดงดลงพื้นที่: ประชุมประจำเดือน") for v in violations)


def test_the_seed_round_works_on_7_september_2563_a_substitute_songkran_day(demo_round):
    """The cabinet made it a holiday on 13 Aug 2563; the seed's letter of 20 Aug visits on it."""
    assert thai_holidays(dt.date(2020, 9, 7), dt.date(2020, 9, 7))
    problem, outcome = selectors.check_round(demo_round)
    assert outcome.ok and dt.date(2020, 9, 7) in problem.days
    RoundDay.objects.filter(round=demo_round).delete()
    with translation.override("th"):
        problem, outcome = selectors.check_round(demo_round)
    assert not outcome.ok
    assert any("ตรงกับวันหยุด: ชดเชยวันสงกรานต์" in v for v in outcome.violations)


def test_the_province_officer_marks_and_removes_a_day_on_the_round_page(
    july_round, login, province_officer
):
    client = login(province_officer)
    page = client.get(july_round.get_absolute_url()).content.decode()
    assert 'data-testid="round-days"' in page
    assert "ชดเชยวันสงกรานต์" in page and KINGS_BIRTHDAY in page

    url = reverse("monitoring:round_days", args=[july_round.pk])
    response = client.post(url, {"date": "29/07/2563", "reason": "ประชุมประจำเดือน"})
    assert response.status_code == 302
    day = RoundDay.objects.get(round=july_round)
    assert (day.date, day.reason, day.works) == (JUL_29, "ประชุมประจำเดือน", False)
    page = client.get(july_round.get_absolute_url()).content.decode()
    assert "ประชุมประจำเดือน" in page

    client.post(url, {"remove": str(day.pk)})
    assert not RoundDay.objects.filter(round=july_round).exists()


def test_a_day_outside_the_round_or_a_worked_non_holiday_is_refused_in_thai(
    july_round, login, province_officer
):
    client = login(province_officer)
    url = reverse("monitoring:round_days", args=[july_round.pk])
    outside = client.post(url, {"date": "3/8/2563", "reason": "ประชุม"})
    assert outside.status_code == 200
    assert "วันที่นี้ไม่ใช่วันทำการ (วันจันทร์ถึงวันศุกร์) ของรอบการติดตาม" in outside.content.decode()
    worked = client.post(url, {"date": "29/7/2563", "reason": "ออกติดตาม", "works": "on"})
    assert "วันนี้ไม่ใช่วันหยุด" in worked.content.decode()
    assert not RoundDay.objects.filter(round=july_round).exists()


def test_another_rounds_day_is_not_removed(july_round, demo_round, login, province_officer):
    seed_day = RoundDay.objects.get(round=demo_round)
    client = login(province_officer)
    client.post(
        reverse("monitoring:round_days", args=[july_round.pk]), {"remove": str(seed_day.pk)}
    )
    assert RoundDay.objects.filter(pk=seed_day.pk).exists()


def test_the_round_lists_each_day_off_once_a_worked_holiday_with_its_reason(
    july_round, login, province_officer
):
    """A holiday the province opens for visits is one line: its name, the province's reason
    and that the teams work; a day the province closes says no visits."""
    RoundDay.objects.create(round=july_round, date=JUL_27, works=True, reason="ออกติดตามตามกำหนด")
    RoundDay.objects.create(round=july_round, date=JUL_29, reason="ประชุมประจำเดือน")
    days = selectors.round_days(july_round)["days"]
    assert [(d.date, d.holiday, d.visits) for d in days] == [
        (JUL_27, "ชดเชยวันสงกรานต์", True),
        (JUL_28, KINGS_BIRTHDAY, False),
        (JUL_29, "", False),
    ]
    page = login(province_officer).get(july_round.get_absolute_url()).content.decode()
    lines = page.split('data-testid="round-day"')[1:]
    assert len(lines) == 3 and page.count("ชดเชยวันสงกรานต์") == 1
    assert "ชดเชยวันสงกรานต์ · ออกติดตามตามกำหนด" in lines[0]
    assert "คณะติดตามปฏิบัติงานในวันหยุดนี้" in lines[0] and "งดลงพื้นที่" not in lines[0]
    assert "ประชุมประจำเดือน" in lines[2]
