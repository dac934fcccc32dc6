"""The change history of findings: one row per answer, and the visit page shows who and when."""

import pytest

from thanrak.monitoring.models import ItemFinding, VisitFinding

pytestmark = pytest.mark.django_db


@pytest.fixture
def chaiya(demo_round):
    return demo_round.visits.get(district="8406")


def answer(client, visit, **data):
    return client.post(visit.get_absolute_url(), data, HTTP_HX_REQUEST="true")


def test_each_answer_is_one_history_row_and_a_repeat_is_none(chaiya, login, team_users):
    member = team_users["pichai.team"]
    client = login(member)
    item = chaiya.round.checklist.get(order=5)
    answer(client, chaiya, item=item.pk, result="not_found", comment="ยังไม่มีเพจ")
    # The page sends the same answer again (on change and on keyup): nothing new.
    answer(client, chaiya, item=item.pk, result="not_found", comment="ยังไม่มีเพจ")
    answer(client, chaiya, item=item.pk, comment="มีแผนจะทำเพจ")
    finding = ItemFinding.objects.get(visit=chaiya, item=item)
    rows = list(finding.history.order_by("history_date"))
    assert [(h.history_type, h.result, h.comment) for h in rows] == [
        ("+", "not_found", "ยังไม่มีเพจ"),
        ("~", "not_found", "มีแผนจะทำเพจ"),
    ]
    assert {h.history_user for h in rows} == {member}


def test_the_overall_finding_keeps_its_history(chaiya, login, team_users):
    client = login(team_users["pichai"])
    before = VisitFinding.history.filter(visit_id=chaiya.pk).count()
    answer(client, chaiya, overall="ดี", recommendations="")
    answer(client, chaiya, overall="ดี", recommendations="")
    answer(client, chaiya, overall="ดีมาก", recommendations="ทำต่อไป")
    rows = VisitFinding.history.filter(visit_id=chaiya.pk).order_by("-history_date")
    assert rows.count() == before + 2
    assert (rows[0].overall, rows[0].history_user) == ("ดีมาก", team_users["pichai"])


def test_visit_page_shows_who_changed_a_finding_and_when(chaiya, login, team_users):
    member = team_users["pichai.team"]
    member.first_name, member.last_name = "สมหญิง", "ติดตามงาน"
    member.save()
    item = chaiya.round.checklist.get(order=5)
    answer(login(member), chaiya, item=item.pk, result="partly")
    page = login(team_users["pichai"]).get(chaiya.get_absolute_url()).content.decode()
    history = page[page.index('data-testid="finding-history"') :]
    assert "ประวัติการบันทึกผลการติดตาม" in history
    first = history[: history.index("</li>")]
    assert "สมหญิง ติดตามงาน" in first and item.text in first and "พบบางส่วน" in first
