"""Answers sent from a phone carry a key: sent again (a reply lost, the page reopened
offline), they are saved once and answered as the first time. The service worker that
opens the visit pages offline is served for the whole site's paths."""

import json
import uuid
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from conftest import PHUNPHIN
from thanrak.evidence.tests.factories import image_bytes, upload
from thanrak.monitoring.models import ItemFinding, SentAnswer, VisitFinding


@pytest.fixture
def phunphin_visit(demo_round):
    return demo_round.visits.get(district=PHUNPHIN)


def send(client, visit, data):
    return client.post(visit.get_absolute_url(), data, HTTP_HX_REQUEST="true")


def test_the_same_key_twice_saves_one_answer(phunphin_visit, login, team_users):
    client = login(team_users["pichai.team"])
    item = phunphin_visit.round.checklist.get(order=4)
    key = str(uuid.uuid4())
    data = {"item": item.pk, "result": "not_found", "comment": "ยังไม่มีแผน", "key": key}
    first = send(client, phunphin_visit, data)
    finding = ItemFinding.objects.get(visit=phunphin_visit, item=item)
    rows = finding.history.count()
    # A teammate answers later; the phone then sends its answer again with its key.
    client.post(
        phunphin_visit.get_absolute_url(),
        {"item": item.pk, "result": "found"},
        HTTP_HX_REQUEST="true",
    )
    second = send(client, phunphin_visit, data)
    assert first.status_code == second.status_code == 200
    for response in (first, second):
        assert f'data-saved-key="{key}"' in response.content.decode()
    finding.refresh_from_db()
    assert finding.result == "found"  # the repeat did not undo the later answer
    assert finding.history.count() == rows + 1  # the teammate's change only
    assert SentAnswer.objects.filter(visit=phunphin_visit, key=key).count() == 1


def test_a_photo_sent_twice_with_one_key_is_attached_once(phunphin_visit, login, team_users):
    client = login(team_users["pichai"])
    item = phunphin_visit.round.checklist.get(order=1)
    before = ItemFinding.objects.get(visit=phunphin_visit, item=item).evidence.count()
    key = str(uuid.uuid4())
    for _ in range(2):
        photo = upload("หน้าศูนย์.jpg", image_bytes((800, 600), "JPEG"), "image/jpeg")
        response = send(client, phunphin_visit, {"item": item.pk, "files": [photo], "key": key})
        assert f'data-saved-key="{key}"' in response.content.decode()
    assert ItemFinding.objects.get(visit=phunphin_visit, item=item).evidence.count() == before + 1


def test_another_key_is_another_answer(phunphin_visit, login, team_users):
    client = login(team_users["pichai"])
    item = phunphin_visit.round.checklist.get(order=1)
    before = ItemFinding.objects.get(visit=phunphin_visit, item=item).evidence.count()
    for _ in range(2):
        photo = upload("หน้าศูนย์.jpg", image_bytes((800, 600), "JPEG"), "image/jpeg")
        send(client, phunphin_visit, {"item": item.pk, "files": [photo], "key": str(uuid.uuid4())})
    assert ItemFinding.objects.get(visit=phunphin_visit, item=item).evidence.count() == before + 2


def test_the_overall_finding_sent_twice_saves_once_and_keeps_what_was_not_sent(
    phunphin_visit, login, team_users
):
    client = login(team_users["pichai"])
    VisitFinding.objects.update_or_create(
        visit=phunphin_visit, defaults={"overall": "ดี", "recommendations": "เดิม"}
    )
    rows = VisitFinding.objects.get(visit=phunphin_visit).history.count()
    key = str(uuid.uuid4())
    for _ in range(2):
        response = send(client, phunphin_visit, {"recommendations": "ทำต่อไป", "key": key})
        assert f'data-saved-key="{key}"' in response.content.decode()
    finding = VisitFinding.objects.get(visit=phunphin_visit)
    assert (finding.overall, finding.recommendations) == ("ดี", "ทำต่อไป")
    assert finding.history.count() == rows + 1


def test_a_refused_photo_is_answered_for_its_key(phunphin_visit, login, team_users):
    client = login(team_users["pichai"])
    item = phunphin_visit.round.checklist.get(order=2)
    bad = upload("virus.exe", b"MZ\x90\x00" * 64, "application/octet-stream")
    key = str(uuid.uuid4())
    response = send(client, phunphin_visit, {"item": item.pk, "files": [bad], "key": key})
    # The page drops the photo it kept and shows the reason.
    html = response.content.decode()
    assert f'data-saved-key="{key}"' in html and "data-error" in html
    assert not ItemFinding.objects.filter(
        visit=phunphin_visit, item=item, evidence__isnull=False
    ).exists()


def test_a_key_sent_by_someone_not_on_the_team_is_not_kept(phunphin_visit, login, team_users):
    client = login(team_users["paisit.team"])
    item = phunphin_visit.round.checklist.get(order=4)
    response = send(
        client, phunphin_visit, {"item": item.pk, "result": "found", "key": str(uuid.uuid4())}
    )
    assert response.status_code in (403, 404)
    assert not SentAnswer.objects.exists()


def test_the_offline_worker_is_served_for_the_whole_site(client):
    response = client.get(reverse("monitoring:offline_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert b'addEventListener("fetch"' in response.content


def test_the_team_pages_offer_the_app(phunphin_visit, login, team_users):
    client = login(team_users["pichai.team"])
    for page in (phunphin_visit.get_absolute_url(), reverse("monitoring:my_visits")):
        html = client.get(page).content.decode()
        assert 'rel="manifest"' in html and "monitoring/offline.js" in html
    manifest = json.loads(Path(finders.find("monitoring/visits.webmanifest")).read_text())
    assert manifest["start_url"] == reverse("monitoring:my_visits")
    assert manifest["lang"] == "th" and manifest["short_name"] == "ติดตามศูนย์ฯ"
    for icon in manifest["icons"]:
        assert finders.find(f"monitoring/{icon['src']}")
