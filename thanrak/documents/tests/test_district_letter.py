"""A round's letter, read by the districts its schedule visits: read only, nothing else."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from conftest import CHAIYA, PHUNPHIN, SURAT_THANI
from thanrak.documents.models import Letter
from thanrak.documents.tests.factories import make_issued_letter, make_letter
from thanrak.monitoring.models import MonitoringRound, Visit
from thanrak.monitoring.tests.factories import make_visit
from thanrak.notifications.models import Notification
from thanrak.notifications.services import notifications_scan

pytestmark = pytest.mark.django_db


def page(letter_pk: int, district: str = PHUNPHIN) -> str:
    return reverse("documents:district_letter", args=[district, letter_pk])


def pdf(letter_pk: int, district: str = PHUNPHIN) -> str:
    return reverse("documents:district_letter_pdf", args=[district, letter_pk])


def test_a_visited_district_reads_the_letter_and_its_pdf(client, phunphin_officer):
    letter = make_issued_letter(PHUNPHIN)
    client.force_login(phunphin_officer)
    response = client.get(page(letter))
    assert response.status_code == 200
    html = response.content.decode()
    assert "โครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก" in html
    assert 'data-testid="district-letter-visit"' in html and "ที่ว่าการอำเภอพุนพิน" in html
    assert "<form" not in html.split("<main", 1)[-1].split("</main>")[0]
    response = client.get(pdf(letter))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_visit_and_the_schedule_show_arabic_digits_like_every_page(client, phunphin_officer):
    letter = make_issued_letter(PHUNPHIN)
    client.force_login(phunphin_officer)
    html = client.get(page(letter)).content.decode()
    for testid in ("district-letter-visit", "letter-schedule"):
        section = html.split(f'data-testid="{testid}"', 1)[1].split("</section>", 1)[0]
        assert not re.search("[๐-๙]", section), testid
        assert re.search("[0-9]", section)


def test_a_district_the_schedule_does_not_visit_gets_404(client, chaiya_officer):
    letter = make_issued_letter(PHUNPHIN)  # the schedule visits Phunphin only
    client.force_login(chaiya_officer)
    assert client.get(page(letter, CHAIYA)).status_code == 404
    assert client.get(pdf(letter, CHAIYA)).status_code == 404
    # Nor through the visited district's URL: it is not theirs.
    assert client.get(pdf(letter, PHUNPHIN)).status_code == 404


def test_a_letter_with_no_schedule_is_404(client, phunphin_officer):
    make_visit(PHUNPHIN)
    no_round = make_letter(SURAT_THANI)
    # Written for the round but saved before any schedule: it names no district's visit.
    unscheduled = make_letter(SURAT_THANI, rnd=MonitoringRound.objects.get())
    client.force_login(phunphin_officer)
    for letter in (no_round, unscheduled):
        assert client.get(page(letter.pk)).status_code == 404
        assert client.get(pdf(letter.pk)).status_code == 404


def test_a_visit_added_after_the_letter_does_not_open_it(client, chaiya_officer):
    letter = make_issued_letter(PHUNPHIN)
    round_ = Letter.objects.get(pk=letter).round
    # Chaiya is visited later: the letter's own schedule still does not name it.
    Visit.objects.create(
        round=round_,
        district_id=CHAIYA,
        date=dt.date(2020, 9, 8),
        time=dt.time(9, 0),
        team=round_.teams.get(),
    )
    client.force_login(chaiya_officer)
    assert client.get(page(letter, CHAIYA)).status_code == 404


def test_the_district_cannot_post_to_the_letter(client, phunphin_officer):
    letter = make_issued_letter(PHUNPHIN)
    client.force_login(phunphin_officer)
    assert client.post(page(letter), {"subject": "แก้"}).status_code == 405
    assert client.post(pdf(letter)).status_code == 405
    assert Letter.objects.get(pk=letter).subject.startswith("โครงการ")
    # The province's own letter pages stay closed to the district.
    assert client.get(reverse("documents:letter", args=[letter])).status_code == 403


def test_the_letter_notification_links_the_visited_district_to_the_letter(
    phunphin_officer, chaiya_officer
):
    letter = make_issued_letter(PHUNPHIN)
    notifications_scan(today=dt.date(2019, 12, 1))
    [mine] = Notification.objects.filter(user=phunphin_officer, kind=Notification.Kind.LETTER)
    [theirs] = Notification.objects.filter(user=chaiya_officer, kind=Notification.Kind.LETTER)
    assert mine.url == page(letter)
    assert theirs.url == reverse("rules:readiness", args=[CHAIYA]) + "?fy=2563"
