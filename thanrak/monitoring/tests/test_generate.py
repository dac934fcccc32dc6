"""Generating the schedule: a proposal beside the schedule now, saved only when confirmed,
and a proposal altered on the way refused with nothing saved."""

import datetime as dt

import pytest
from django.core import signing
from django.urls import reverse

from thanrak.monitoring import schedule, services
from thanrak.monitoring.models import TravelSettings, Visit

pytestmark = pytest.mark.django_db

REFUSED = "บันทึกกำหนดการที่เสนอนี้ไม่ได้ เนื่องจากข้อมูลถูกแก้ไขหรือไม่ใช่กำหนดการของรอบนี้"


def generate_url(round_) -> str:
    return reverse("monitoring:generate", args=[round_.pk])


def visits_now(round_) -> list:
    return list(
        Visit.objects.filter(round=round_)
        .order_by("pk")
        .values_list("district", "date", "time", "team")
    )


@pytest.fixture
def later_mornings(demo_round):
    """Morning visits from 10.00: every generated time differs from the seed's."""
    TravelSettings.objects.filter(province=demo_round.province).update(morning_from=dt.time(10, 0))
    return demo_round


def test_generated_schedule_is_proposed_and_saved_only_when_confirmed(
    later_mornings, login, province_officer
):
    round_, client = later_mornings, login(province_officer)
    before = visits_now(round_)
    response = client.post(generate_url(round_))
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="proposal"' in html
    assert "กำหนดการที่เสนอ — ยังไม่ได้บันทึก" in html and 'class="changed"' in html
    rows = response.context["rows"]
    assert len(rows) == 19 and any(row.changed[1] for row in rows)  # mornings move to 10.00
    assert visits_now(round_) == before  # nothing saved yet

    confirmed = client.post(generate_url(round_), {"proposal": response.context["signed"]})
    assert confirmed.status_code == 302
    proposal = response.context["proposal"]
    saved = {(v.district_id, v.date, v.time, v.team_id) for v in round_.visits.all()}
    assert saved == {(v.district, v.date, v.time, v.team) for v in proposal.visits}
    assert all(v.time >= dt.time(10, 0) for v in round_.visits.all())


def test_an_altered_proposal_is_refused_in_thai_and_nothing_is_saved(
    later_mornings, login, province_officer
):
    round_, client = later_mornings, login(province_officer)
    before = visits_now(round_)
    signed = client.post(generate_url(round_)).context["signed"]
    tampered = signed[:-3] + ("AAA" if signed[-3:] != "AAA" else "BBB")
    response = client.post(generate_url(round_), {"proposal": tampered})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="generate-error"' in html
    assert REFUSED in html and "ไม่ได้บันทึกกำหนดการ" in html
    assert visits_now(round_) == before


def test_a_proposal_with_another_provinces_district_is_refused_even_when_signed(
    demo_round, login, province_officer
):
    """Checked against the round on confirm, not only by its signature."""
    before = visits_now(demo_round)
    team = demo_round.teams.first()
    planned = [
        schedule.PlannedVisit(v.district_id, v.date, v.time, v.team_id)
        for v in demo_round.visits.all()
    ]
    planned[0] = schedule.PlannedVisit("1001", planned[0].date, planned[0].time, team.pk)
    signed = services.schedule_proposal_sign(round_=demo_round, visits=planned)
    response = login(province_officer).post(generate_url(demo_round), {"proposal": signed})
    assert REFUSED in response.content.decode()
    assert visits_now(demo_round) == before


def test_a_proposal_of_another_round_is_refused(demo_round, login, province_officer):
    planned = [
        schedule.PlannedVisit(v.district_id, v.date, v.time, v.team_id)
        for v in demo_round.visits.all()
    ]
    # Signed for round N+1: the signature does not hold for this round.
    other = signing.dumps(
        {
            "round": demo_round.pk + 1,
            "visits": [[p.district, p.date.isoformat(), "09:00", p.team] for p in planned],
        },
        salt=f"{services.PROPOSAL_SALT}.{demo_round.pk + 1}",
        compress=True,
    )
    response = login(province_officer).post(generate_url(demo_round), {"proposal": other})
    assert REFUSED in response.content.decode()
