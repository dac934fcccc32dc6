"""The constraint checker and the generator, on small hand-made problems and on the seed."""

import datetime as dt
from dataclasses import astuple

import pytest
from django.utils import translation

from thanrak.monitoring import schedule
from thanrak.monitoring.schedule import Office, PlannedVisit, Problem, Rules
from thanrak.monitoring.surat_thani import FERRIES, OFFICES

MON = dt.date(2020, 9, 7)
DAYS = [MON + dt.timedelta(days=n) for n in range(5)]
T9, T930, T13, T1330, T14 = (dt.time(9), dt.time(9, 30), dt.time(13), dt.time(13, 30), dt.time(14))


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


def surat_thani(teams=(1, 2), days=DAYS) -> Problem:
    rules = Rules()
    offices = {c: Office(c, c, lat, lon, island) for c, (lat, lon, island) in OFFICES.items()}
    return Problem(
        districts=sorted(OFFICES),
        names={c: f"อำเภอ{c}" for c in OFFICES},
        teams=list(teams),
        team_names={t: f"ทีม{t}" for t in teams},
        days=list(days),
        base="8401",
        travel=schedule.travel_matrix(offices, FERRIES, rules),
        rules=rules,
        ties=[frozenset({"8404", "8405"})],
        positions={c: (o.latitude, o.longitude) for c, o in offices.items()},
    )


def seed_visits() -> list[PlannedVisit]:
    from thanrak.demo.monitoring import SEED_VISITS

    return [PlannedVisit(code, date, time, team) for team, date, time, code, _p in SEED_VISITS]


def with_change(visits, code, **changes):
    return [PlannedVisit(**{**v.__dict__, **changes}) if v.district == code else v for v in visits]


# --- Travel -------------------------------------------------------------------------------


def test_travel_is_road_time_on_the_mainland_and_ferry_to_the_islands():
    problem = surat_thani()
    # Phunphin is next door to Mueang: a few minutes by road.
    assert 5 <= problem.t("8401", "8417") <= 20
    # Ko Samui: road to Don Sak, then the ferry (75 minutes).
    assert problem.t("8401", "8404") == pytest.approx(problem.t("8401", "8403") + 75, abs=1)
    assert problem.t("8404", "8405") == 100


def test_times_follow_travel_and_round_up_to_the_half_hour():
    problem = surat_thani()
    assert problem.earliest_morning("8417") == 9 * 60
    # Mueang 09.00, then Chai Buri: the seed's 13.30.
    assert problem.day_times(("8401", "8418")) == (9 * 60, 13 * 60 + 30)
    # Ko Samui 09.30 (ferry from Don Sak), then Ko Pha-ngan: the seed's 14.00.
    assert problem.day_times(("8404", "8405")) == (9 * 60 + 30, 14 * 60)


# --- The checker ---------------------------------------------------------------------------


def test_the_seeds_schedule_meets_every_condition():
    outcome = schedule.check(surat_thani(), seed_visits())
    assert outcome.violations == []
    assert outcome.ok and len(outcome.visits) == 19
    assert outcome.travel_minutes > 0


def test_checker_finds_a_missing_and_a_foreign_district():
    visits = [v for v in seed_visits() if v.district != "8410"]
    visits.append(PlannedVisit("8001", DAYS[4], T9, 1))
    violations = schedule.check(surat_thani(), visits).violations
    assert "อำเภอ8410 ยังไม่มีกำหนดการติดตาม" in violations
    assert any("8001" in v and "ไม่อยู่ในรอบการติดตามนี้" in v for v in violations)


def test_checker_finds_three_visits_a_day():
    visits = with_change(seed_visits(), "8410", date=DAYS[0], time=dt.time(15))
    violations = schedule.check(surat_thani(), visits).violations
    assert any("มีกำหนดการติดตามเกิน 2 แห่ง" in v for v in violations)


def test_checker_finds_two_morning_visits():
    visits = with_change(seed_visits(), "8414", time=dt.time(10))
    violations = schedule.check(surat_thani(), visits).violations
    assert violations == ["ทีม ทีม1 มีกำหนดการติดตามช่วงเช้า 2 แห่งในวันที่ 7 ก.ย. 2563"]


def test_checker_finds_a_visit_that_travel_cannot_reach_in_time():
    # Ko Pha-ngan at 13.00 after Ko Samui at 09.30: the ferry needs until 14.00.
    visits = with_change(seed_visits(), "8405", time=T13)
    violations = schedule.check(surat_thani(), visits).violations
    assert violations == [
        "ทีม ทีม2 เดินทางไปถึงอำเภอ8405 เวลา 13.00 น. ของวันที่ 11 ก.ย. 2563 ไม่ทัน เร็วที่สุดคือ 14.00 น."
    ]


def test_checker_finds_a_visit_at_lunch_time_and_off_the_round():
    visits = with_change(seed_visits(), "8410", time=dt.time(12, 15))
    visits = with_change(visits, "8409", date=dt.date(2020, 9, 12))
    violations = schedule.check(surat_thani(), visits).violations
    assert any("12.15" in v for v in violations)
    assert any("อยู่นอกรอบการติดตาม" in v for v in violations)  # a Saturday after its last day


def test_checker_finds_a_broken_tie_and_an_unbalanced_workload():
    visits = with_change(seed_visits(), "8405", team=1, date=DAYS[4], time=T14)
    violations = schedule.check(surat_thani(), visits).violations
    assert any("ต้องติดตามในวันเดียวกันโดยทีมเดียวกัน" in v for v in violations)
    assert not any("ภาระงาน" in v for v in violations)  # 10 and 9
    visits = with_change(seed_visits(), "8412", team=1, date=DAYS[4], time=T13)
    visits = with_change(visits, "8416", team=1, date=DAYS[4], time=dt.time(15))
    violations = schedule.check(surat_thani(), visits).violations
    assert any("ภาระงานของทีมไม่สมดุล" in v for v in violations)


# --- The generator -------------------------------------------------------------------------


def test_generator_on_the_seeds_round_is_feasible_with_no_more_travel():
    problem = surat_thani()
    seed = schedule.check(problem, seed_visits())
    generated = schedule.generate(problem)
    assert generated.ok, generated.violations
    assert len(generated.visits) == 19
    assert generated.travel_minutes <= seed.travel_minutes
    # The islands on one day with one team, the ferry's 14.00 kept.
    islands = [v for v in generated.visits if v.district in ("8404", "8405")]
    assert {(v.team, v.date) for v in islands} == {(islands[0].team, islands[0].date)}
    assert sorted(v.time for v in islands) == [T930, T14]


def test_generator_balances_three_teams():
    outcome = schedule.generate(surat_thani(teams=(1, 2, 3), days=DAYS[:4]))
    loads = sorted(sum(1 for v in outcome.visits if v.team == t) for t in (1, 2, 3))
    assert outcome.ok and loads == [6, 6, 7]


def test_generator_refuses_too_few_days_in_thai():
    with pytest.raises(schedule.Infeasible) as error:
        schedule.generate(surat_thani(days=DAYS[:4]))
    assert str(error.value) == (
        "ติดตาม 19 อำเภอใน 4 วันทำการด้วย 2 ทีมไม่ได้ "
        "เพราะทีมหนึ่งติดตามได้ไม่เกินวันละ 2 แห่ง รวมได้มากที่สุด 16 แห่ง "
        "กรุณาเพิ่มวันหรือเพิ่มทีม"
    )


def test_generator_refuses_a_tie_no_team_can_keep():
    problem = surat_thani()
    problem.ties = [frozenset({"8404", "8410"})]  # Ko Samui and Phanom: too far for one day
    with pytest.raises(schedule.Infeasible) as error:
        schedule.generate(problem)
    assert "ทีมเดียวไม่สามารถติดตามทั้งสองแห่งได้ในวันเดียว" in str(error.value)


def test_generator_refuses_when_the_solver_finds_no_schedule():
    # 19 districts in 5 days by 2 teams, but the afternoon must start by 13.00:
    # the islands' 14.00 makes the tie impossible.
    problem = surat_thani()
    problem.rules.afternoon_until = 13 * 60
    with pytest.raises(schedule.Infeasible):
        schedule.generate(problem)


def test_the_generator_makes_the_same_schedule_each_time():
    # Several schedules have the seed round's least travel: the same one comes back.
    made = {tuple(astuple(v) for v in schedule.generate(surat_thani()).visits) for _ in range(5)}
    assert len(made) == 1
