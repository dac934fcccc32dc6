"""Who reads and manages rounds and visits; monitors read exactly the districts of their rounds."""

import pytest
from django.http import Http404
from django.urls import reverse

from conftest import CHAIYA, PHUNPHIN, make_user
from thanrak.accounts import access
from thanrak.accounts.models import Role
from thanrak.areas.models import District
from thanrak.monitoring.access import get_round_for_user
from thanrak.monitoring.tests.factories import make_round


def codes(user):
    return set(access.readable_districts(user).values_list("code", flat=True))


def test_a_monitor_reads_exactly_the_districts_of_the_rounds_they_are_on(demo_round, team_users):
    member = team_users["pichai.team"]
    assert len(codes(member)) == 19
    assert access.can_read_district(member, District.objects.get(pk=CHAIYA))
    demo_round.districts.set(["8417", "8406"])
    assert codes(member) == {PHUNPHIN, CHAIYA}
    assert not access.can_read_district(member, District.objects.get(pk="8410"))
    with pytest.raises(Http404):
        access.get_district_for_user(member, "8410")


def test_a_monitor_on_no_round_reads_no_district(centers):
    outsider = make_user("watcher", Role.MONITOR, province="84")
    assert codes(outsider) == set()


def test_a_district_on_two_teams_is_listed_once(demo_round, team_users):
    lead = team_users["pichai"]
    demo_round.teams.last().members.add(lead)  # pichai on both teams
    restricted = access.restrict(District.objects.all(), lead, "")
    assert restricted.count() == 19 == len(set(restricted.values_list("pk", flat=True)))


def test_other_roles_read_as_before(demo_round, province_officer, phunphin_officer, viewer):
    assert len(codes(province_officer)) == 19
    assert codes(phunphin_officer) == {PHUNPHIN}
    assert len(codes(viewer)) == 19


def test_round_readers_and_managers(
    demo_round, province_officer, viewer, team_users, other_province_officer, phunphin_officer
):
    assert get_round_for_user(province_officer, demo_round.pk, manage=True) == demo_round
    assert get_round_for_user(viewer, demo_round.pk) == demo_round
    assert get_round_for_user(team_users["paisit.team"], demo_round.pk) == demo_round
    for user in (other_province_officer, phunphin_officer):
        with pytest.raises(Http404):
            get_round_for_user(user, demo_round.pk)
    for user in (viewer, team_users["pichai"]):
        with pytest.raises(Http404):
            get_round_for_user(user, demo_round.pk, manage=True)


def test_a_monitor_not_on_the_round_gets_404(demo_round, login, centers):
    outsider = make_user("watcher", Role.MONITOR, province="84")
    client = login(outsider)
    assert client.get(reverse("monitoring:round", args=[demo_round.pk])).status_code == 404
    visit = demo_round.visits.get(district=PHUNPHIN)
    assert client.get(visit.get_absolute_url()).status_code == 404


def test_phunphin_officer_reads_their_visit_and_gets_404_on_chaiyas(
    demo_round, login, phunphin_officer
):
    client = login(phunphin_officer)
    own = demo_round.visits.get(district=PHUNPHIN)
    other = demo_round.visits.get(district=CHAIYA)
    response = client.get(own.get_absolute_url())
    assert response.status_code == 200
    assert 'name="result"' not in response.content.decode()  # reads, does not record
    assert client.get(other.get_absolute_url()).status_code == 404
    # Recording is for the visit's team: the district officer's POST is refused.
    item = demo_round.checklist.first()
    assert (
        client.post(own.get_absolute_url(), {"item": item.pk, "result": "found"}).status_code == 403
    )


def test_only_the_province_officer_manages(demo_round, login, team_users, viewer):
    for user in (team_users["pichai"], viewer):
        client = login(user)
        for name in ("round_edit", "teams", "checklist", "visits", "generate"):
            assert (
                client.get(reverse(f"monitoring:{name}", args=[demo_round.pk])).status_code == 403
            )


def test_another_provinces_round_is_hidden(login, province_officer, centers):
    other = make_round("80")
    client = login(province_officer)
    assert client.get(reverse("monitoring:round", args=[other.pk])).status_code == 404
    response = client.get(reverse("monitoring:rounds", args=["84"]))
    assert response.status_code == 200
    assert "รอบทดสอบ" not in response.content.decode()


def test_a_team_member_sees_the_compliance_matrix_of_the_rounds_districts(
    demo_round, login, team_users
):
    demo_round.districts.set(["8417", "8406"])
    html = login(team_users["pichai"]).get(reverse("rules:compliance", args=["84"])).content
    html = html.decode()
    assert "อำเภอพุนพิน" in html and "อำเภอไชยา" in html and "อำเภอพนม" not in html
