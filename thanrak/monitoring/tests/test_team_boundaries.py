"""A team writes findings and photos only at its own visits; the district cannot delete them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PHUNPHIN, make_user
from thanrak.accounts.models import Role
from thanrak.evidence.models import Evidence
from thanrak.evidence.tests.factories import image_bytes, upload
from thanrak.monitoring.models import ItemFinding, VisitFinding


@pytest.fixture
def visits(demo_round):
    """The Phunphin visit, its team, and a member of the round's other team."""
    visit = demo_round.visits.select_related("team").get(district=PHUNPHIN)
    other_team = demo_round.teams.exclude(pk=visit.team_id).get()
    return visit, visit.team, other_team


def writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "audit_auditevent" not in q["sql"]
    ]


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_another_team_cannot_write_or_overwrite_findings(visits, login, htmx):
    visit, _team, other_team = visits
    item = visit.round.checklist.get(order=1)
    before = list(ItemFinding.objects.filter(visit=visit).values_list("item", "result", "comment"))
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    for outsider in [other_team.lead, *other_team.members.all()]:
        client = login(outsider)
        # They read the visit (the district is on their round), told who records it …
        page = client.get(visit.get_absolute_url())
        assert page.status_code == 200
        note = f"อ่านได้อย่างเดียว: {visit.team.labelled} เป็นผู้บันทึกผลการติดตามครั้งนี้"
        assert note in page.content.decode()
        photo = upload("แอบถ่าย.jpg", image_bytes((400, 300), "JPEG"), "image/jpeg")
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(
                visit.get_absolute_url(),
                {"item": item.pk, "result": "not_found", "comment": "ทับ", "files": [photo]},
                **headers,
            )
            overall = client.post(visit.get_absolute_url(), {"overall": "ทับ"}, **headers)
        # … but write nothing on it.
        assert (answer.status_code, overall.status_code) == (403, 403)
        assert writes(queries.captured_queries) == []
    after = list(ItemFinding.objects.filter(visit=visit).values_list("item", "result", "comment"))
    assert after == before
    assert not VisitFinding.objects.filter(visit=visit, overall="ทับ").exists()


def test_the_visits_own_team_writes_and_the_history_says_who(visits, login):
    visit, team, _other = visits
    item = visit.round.checklist.get(order=2)
    client = login(team.lead)
    response = client.post(visit.get_absolute_url(), {"item": item.pk, "result": "partly"})
    assert response.status_code == 302
    finding = ItemFinding.objects.get(visit=visit, item=item)
    assert finding.result == "partly"
    assert finding.history.first().history_user == team.lead


def test_a_team_photo_belongs_to_the_team_not_to_the_district(visits, login, centers):
    visit, team, other_team = visits
    item = visit.round.checklist.get(order=3)
    client = login(team.lead)
    photo = upload("หน้าศูนย์.jpg", image_bytes((400, 300), "JPEG"), "image/jpeg")
    client.post(visit.get_absolute_url(), {"item": item.pk, "result": "found", "files": [photo]})
    evidence = ItemFinding.objects.get(visit=visit, item=item).evidence.get()
    delete = reverse("evidence:delete", args=[evidence.pk])

    district_officer = make_user("phunphin-officer", Role.DISTRICT_OFFICER, district=PHUNPHIN)
    for refused in [district_officer, other_team.lead]:
        client = login(refused)
        with CaptureQueriesContext(connection) as queries:
            assert client.post(delete).status_code == 403
        assert writes(queries.captured_queries) == []
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    # The district officer still sees it.
    download = reverse("evidence:download", args=[evidence.pk])
    assert login(district_officer).get(download).status_code == 200

    assert login(team.lead).post(delete).status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
