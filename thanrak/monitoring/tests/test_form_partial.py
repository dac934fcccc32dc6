"""The round and team forms use the shared form partial: a Thai error summary linking to
each field in error, required fields marked, and nothing saved when a value is bad."""

import re

from django.urls import reverse

from conftest import PHUNPHIN
from thanrak.monitoring.models import MonitoringRound


def url(name, *args):
    return reverse(f"monitoring:{name}", args=args)


def summary(html: str) -> str:
    return re.search(r'<div class="error-summary"(.*?)</div>', html, re.S).group(0)


def test_round_form_with_a_bad_date_shows_the_summary_and_saves_nothing(login, province_officer):
    client = login(province_officer)
    page = client.get(url("round_create", "84")).content.decode()
    title_label = re.search(r'<label for="id_title">(.*?)</label>', page).group(1)
    assert 'class="required-mark"' in title_label
    response = client.post(
        url("round_create", "84"),
        {
            "title": "ติดตามรอบที่ 2",
            "fiscal_year": 2564,
            "starts_on": "31/02/2564",
            "ends_on": "05/03/2564",
            "districts": [PHUNPHIN],
        },
    )
    assert response.status_code == 200
    box = summary(response.content.decode())
    assert "ระบบยังไม่ได้บันทึกข้อมูลใด ๆ" in box
    assert '<a href="#id_starts_on">' in box
    assert not MonitoringRound.objects.exists()


def test_round_edit_with_an_empty_title_changes_nothing(demo_round, login, province_officer):
    title = demo_round.title
    response = login(province_officer).post(
        url("round_edit", demo_round.pk),
        {
            "title": "",
            "fiscal_year": demo_round.fiscal_year,
            "starts_on": "07/09/2563",
            "ends_on": "11/09/2563",
            "districts": [PHUNPHIN],
        },
    )
    assert response.status_code == 200
    assert '<a href="#id_title">' in summary(response.content.decode())
    demo_round.refresh_from_db()
    assert demo_round.title == title and demo_round.districts.count() == 19


def test_team_form_with_a_bad_lead_shows_the_summary_and_changes_nothing(
    demo_round, login, province_officer
):
    teams = list(demo_round.teams.order_by("pk"))
    before = [(t.name, t.lead_id, sorted(t.members.values_list("pk", flat=True))) for t in teams]
    client = login(province_officer)
    page = client.get(url("teams", demo_round.pk)).content.decode()
    assert 'class="field checkbox-choices"' in page
    # The teams' fields are required; the extra "add a team" form may stay empty.
    name_labels = re.findall(r'<label for="id_team\d-name">(.*?)</label>', page, re.S)
    assert ["required-mark" in label for label in name_labels] == [True, True, False]
    data = {}
    for n, team in enumerate(teams):
        data[f"team{n}-name"] = team.name
        data[f"team{n}-lead"] = team.lead_id
        data[f"team{n}-members"] = list(team.members.values_list("pk", flat=True))
    data["team0-name"] = "ทีมใหม่"
    data["team1-lead"] = "999999"
    response = client.post(url("teams", demo_round.pk), data)
    assert response.status_code == 200
    box = summary(response.content.decode())
    assert "ระบบยังไม่ได้บันทึกข้อมูลใด ๆ" in box
    assert '<a href="#id_team1-lead">ทีมที่ 2 · หัวหน้าทีม: ' in box
    assert 'href="#id_team0-name"' not in box
    after = [
        (t.name, t.lead_id, sorted(t.members.values_list("pk", flat=True)))
        for t in demo_round.teams.order_by("pk")
    ]
    assert after == before
