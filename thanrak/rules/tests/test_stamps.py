"""A province's stamp, renewed on every write, or once at the end of a deferred block."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import NAKHON_DISTRICT
from thanrak.areas.stamps import ProvinceStamp
from thanrak.dashboards.models import FiguresStamp
from thanrak.rules.models import RulesStamp
from thanrak.rules.tests import factories as f

DAY = dt.date(2020, 2, 10)


def tokens(stamp=RulesStamp) -> dict[str, str]:
    return dict(stamp.objects.values_list("province", "token"))


def stamp_writes(context: CaptureQueriesContext) -> int:
    return sum(
        1
        for q in context.captured_queries
        if "rulesstamp" in q["sql"].lower() and q["sql"].upper().startswith("INSERT")
    )


@pytest.fixture
def nakhon(centers):
    return centers[NAKHON_DISTRICT]


def test_every_write_renews_its_province_at_once(phunphin):
    f.activity(phunphin, DAY)
    before = tokens()
    f.activity(phunphin, DAY)
    assert tokens()["84"] != before["84"]


def test_a_deferred_block_renews_each_province_once_at_its_end(phunphin, chaiya, nakhon):
    f.activity(phunphin, DAY)
    f.activity(nakhon, DAY)
    before = tokens()
    with CaptureQueriesContext(connection) as inside, ProvinceStamp.deferred():
        for center in (phunphin, chaiya, nakhon, phunphin):
            f.activity(center, DAY)  # with its evidence file: two writes each
        assert tokens() == before
    after = tokens()
    assert after.keys() == before.keys()
    assert all(after[code] != before[code] for code in before)
    assert stamp_writes(inside) == 1


def test_a_deferred_block_renews_what_was_written_before_an_error(phunphin):
    f.activity(phunphin, DAY)
    before = tokens()
    with pytest.raises(ValueError), ProvinceStamp.deferred():
        f.activity(phunphin, DAY)
        raise ValueError("stopped half-way")
    assert tokens()["84"] != before["84"]


def test_a_concrete_stamp_defers_only_itself(phunphin):
    f.activity(phunphin, DAY)
    FiguresStamp.touch(["84"])
    rules, figures = tokens(), tokens(FiguresStamp)
    with RulesStamp.deferred():
        RulesStamp.touch(["84"])
        FiguresStamp.touch(["84"])
        assert tokens() == rules
        assert tokens(FiguresStamp) != figures
    assert tokens() != rules


def test_nested_blocks_renew_at_the_end_of_the_outer_one(phunphin):
    f.activity(phunphin, DAY)
    before = tokens()
    with ProvinceStamp.deferred():
        with ProvinceStamp.deferred():
            f.activity(phunphin, DAY)
        assert tokens() == before
    assert tokens()["84"] != before["84"]
