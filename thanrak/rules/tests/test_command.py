import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from thanrak.rules.guideline import STATUSES
from thanrak.rules.tests import factories as f


def run(*args) -> str:
    out = io.StringIO()
    call_command("compliance", *args, stdout=out)
    return out.getvalue()


def test_json_for_a_province(phunphin):
    f.meeting(phunphin, dt.date(2019, 12, 31))
    data = json.loads(run("--province", "84", "--fy", "2563", "--json", "--today", "2020-10-15"))
    assert data["province"] == "84"
    assert data["fiscal_year"] == 2563
    assert "quarter" not in data
    codes = [d["code"] for d in data["districts"]]
    assert len(codes) == 19 and codes == sorted(codes)
    phunphin_row = next(d for d in data["districts"] if d["code"] == "8417")
    assert phunphin_row["name"] == "พุนพิน"
    assert list(phunphin_row["rules"]) == [f"R{i}" for i in range(1, 11)]
    for district in data["districts"]:
        for result in district["rules"].values():
            assert set(result) == {"status", "explanation"}
            assert result["status"] in STATUSES
            assert any("\u0e01" <= ch <= "\u0e59" for ch in result["explanation"])
    r3 = phunphin_row["rules"]["R3"]
    assert r3["status"] == "not_held"
    assert "ไตรมาสที่ 2 ปีงบประมาณ 2563 (ม.ค.–มี.ค. 2563)" in r3["explanation"]


def test_json_prints_thai_not_escapes(centers):
    out = run("--province", "84", "--fy", "2563", "--json", "--today", "2020-10-15")
    assert "พุนพิน" in out and "\\u0e" not in out


def test_json_with_a_quarter(centers):
    args = ("--province", "84", "--fy", "2563", "--quarter", "2", "--json", "--today", "2020-02-15")
    data = json.loads(run(*args))
    assert data["quarter"] == 2
    assert data["districts"][0]["rules"]["R3"]["status"] == "not_due"


def test_readable_table(centers):
    out = run("--province", "84", "--fy", "2563", "--today", "2020-10-15")
    assert "8417" in out and "พุนพิน" in out and "✗" in out


def test_unknown_province_is_an_error(centers):
    with pytest.raises(CommandError, match="99"):
        run("--province", "99", "--fy", "2563", "--json")
