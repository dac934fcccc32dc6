"""The monitoring team's home: its visits today, this week and after, with a map link and
how far the findings are recorded."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thanrak.monitoring import selectors
from thanrak.monitoring.models import DistrictOffice, ItemFinding

pytestmark = pytest.mark.django_db

TUESDAY = dt.date(2020, 9, 8)  # the second day of the seed's round


def places(visits) -> list[str]:
    return [str(mine.visit) for mine in visits]


def test_visits_of_the_users_team_by_today_this_week_and_earlier(demo_round, team_users):
    with CaptureQueriesContext(connection) as queries:
        plan = selectors.my_visits(team_users["pichai.team"], TUESDAY)
    assert len(queries) == 1  # visits, offices and finding counts in one query
    assert places(plan.today) == ["ที่ว่าการอำเภอไชยา", "ที่ว่าการอำเภอท่าชนะ"]
    assert places(plan.this_week) == [
        "ที่ว่าการอำเภอท่าฉาง",
        "ที่ว่าการอำเภอวิภาวดี",
        "ที่ว่าการอำเภอคีรีรัฐนิคม",
        "ที่ว่าการอำเภอบ้านตาขุน",
        "ที่ว่าการอำเภอพนม",
    ]
    assert plan.later == []
    assert places(plan.earlier) == ["ที่ว่าการอำเภอเคียนซา", "ที่ว่าการอำเภอพุนพิน"]
    # The other team's visits are not there.
    assert "ที่ว่าการอำเภอเกาะสมุย" not in places(plan.today + plan.this_week + plan.earlier)


def test_findings_status_and_map_links(demo_round, team_users):
    phunphin = demo_round.visits.get(district="8417")
    items = demo_round.checklist.count()
    answered = ItemFinding.objects.filter(visit=phunphin).exclude(result="").count()
    plan = selectors.my_visits(team_users["pichai"], dt.date(2020, 9, 1))
    mine = {m.visit.district_id: m for m in plan.this_week + plan.later}
    assert (mine["8417"].answered, mine["8417"].items) == (answered, items)
    assert mine["8406"].status == "not_started"
    ItemFinding.objects.filter(visit=phunphin).update(result="found")
    for item in demo_round.checklist.all():
        ItemFinding.objects.get_or_create(visit=phunphin, item=item, defaults={"result": "found"})
    plan = selectors.my_visits(team_users["pichai"], dt.date(2020, 9, 1))
    done = next(m for m in plan.this_week + plan.later if m.visit.district_id == "8417")
    assert done.status == "done"

    office = DistrictOffice.objects.get(district="8417")
    assert done.map_url == (
        f"https://www.google.com/maps/search/?api=1&query={office.latitude},{office.longitude}"
    )
    assert done.geo_uri.startswith(f"geo:{office.latitude},{office.longitude}?q=")
    office.delete()
    plan = selectors.my_visits(team_users["pichai"], dt.date(2020, 9, 1))
    no_office = next(m for m in plan.this_week + plan.later if m.visit.district_id == "8417")
    assert "query=%E0%B8" in no_office.map_url  # the place, in Thai, URL-encoded
    assert no_office.geo_uri.startswith("geo:0,0?q=")


def test_monitor_lands_on_my_visits_and_others_may_not(
    demo_round, team_users, login, province_officer
):
    # Phunphin's visit moved to next week: a visit to come, with its ways there.
    demo_round.visits.filter(district="8417").update(
        date=timezone.localdate() + dt.timedelta(days=7)
    )
    client = login(team_users["pichai.team"])
    assert client.get(reverse("dashboard")).url == reverse("monitoring:my_visits")
    html = client.get(reverse("monitoring:my_visits")).content.decode()
    assert "การติดตามของฉัน" in html and "ที่ว่าการอำเภอพุนพิน" in html
    assert "https://www.google.com/maps/search/?api=1&amp;query=" in html
    assert 'href="geo:' in html
    assert login(province_officer).get(reverse("monitoring:my_visits")).status_code == 403


def test_a_visit_gone_by_offers_its_findings_and_no_way_there(demo_round, team_users, login):
    # The demo's round was in September 2563: every visit of it is gone by.
    html = login(team_users["pichai.team"]).get(reverse("monitoring:my_visits")).content.decode()
    earlier = html[html.index('data-testid="earlier"') :]
    assert 'data-testid="map-link"' not in earlier and 'href="geo:' not in earlier
    assert "ดูผลการติดตาม" in earlier  # Phunphin's findings are done
    # The others' are still to record: said so, not «not started» as a visit to come.
    assert "บันทึกผลย้อนหลัง" in earlier and 'data-testid="no-findings"' in earlier
    assert "ยังไม่เริ่มบันทึก" not in earlier and "เปิดแบบบันทึกการติดตาม" not in earlier
