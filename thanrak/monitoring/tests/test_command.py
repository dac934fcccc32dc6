"""manage.py schedule check / generate, as scheduled runs and other systems call it."""

import io
import json

import pytest
from django.core.management import call_command

from thanrak.monitoring.models import Visit


def run(*args) -> tuple[dict, int]:
    out = io.StringIO()
    try:
        call_command("schedule", *args, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return json.loads(out.getvalue()), code


def test_check_prints_the_demo_rounds_result(demo_round):
    data, code = run("check", "--round", str(demo_round.pk), "--json")
    assert code == 0
    assert set(data) == {"ok", "visits", "violations", "travel_minutes"}
    assert data["ok"] is True and data["visits"] == 19 and data["violations"] == []
    assert data["travel_minutes"] > 0


def test_check_reports_violations_in_thai_and_exits_1(demo_round):
    Visit.objects.filter(round=demo_round, district="8405").delete()
    data, code = run("check", "--round", str(demo_round.pk), "--json")
    assert code == 1 and data["ok"] is False
    assert data["violations"] == ["อำเภอเกาะพะงัน ยังไม่มีกำหนดการติดตาม"]


def test_generate_is_feasible_with_no_more_travel_than_the_seed(demo_round):
    seed, _code = run("check", "--round", str(demo_round.pk), "--json")
    data, code = run("generate", "--round", str(demo_round.pk), "--json")
    assert code == 0 and data["ok"] is True and data["saved"] is False
    assert data["visits"] == 19 and len(data["schedule"]) == 19
    assert data["travel_minutes"] <= seed["travel_minutes"]
    assert {"district", "name", "date", "time", "team"} <= set(data["schedule"][0])
    # Without --save the round keeps the seed's schedule.
    assert Visit.objects.get(round=demo_round, district="8417").team.name == "ผอ.พิชัย"


def test_generate_save_keeps_the_findings(demo_round):
    before = Visit.objects.get(round=demo_round, district="8417")
    data, code = run("generate", "--round", str(demo_round.pk), "--save", "--json")
    assert code == 0 and data["saved"] is True
    after = Visit.objects.get(round=demo_round, district="8417")
    assert after.pk == before.pk and after.item_findings.count() == 6
    check, _code = run("check", "--round", str(demo_round.pk), "--json")
    assert check["ok"] and check["travel_minutes"] == data["travel_minutes"]


def test_generate_on_too_few_days_explains_in_thai_and_saves_nothing(demo_round):
    demo_round.ends_on = demo_round.starts_on  # one working day
    demo_round.save()
    before = list(Visit.objects.values_list("pk", "date", "time", "team"))
    data, code = run("generate", "--round", str(demo_round.pk), "--save", "--json")
    assert code == 1 and data["ok"] is False and data["saved"] is False
    assert "รวมได้มากที่สุด 4 แห่ง" in data["violations"][0]
    assert list(Visit.objects.values_list("pk", "date", "time", "team")) == before


def test_unknown_round_is_an_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("schedule", "check", "--round", "999", stdout=io.StringIO())
