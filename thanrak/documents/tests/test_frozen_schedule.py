"""A letter keeps the schedule it was issued with: changing the visits afterwards (generating
again, or the grid) makes a new version, the letter still prints its own, the round warns."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from thanrak.areas.models import Province
from thanrak.demo.documents import load_documents
from thanrak.demo.monitoring import load_monitoring
from thanrak.documents import letters
from thanrak.documents.models import Letter
from thanrak.documents.tests.helpers import norm, pdf_text
from thanrak.monitoring import selectors, services
from thanrak.monitoring.models import ScheduleVersion, TravelSettings
from thanrak.monitoring.tests.factories import seed_team_users

pytestmark = pytest.mark.django_db

WARNING = "ตารางนี้เปลี่ยนไปจากที่แนบกับหนังสือ สฎ 0019.03/ว.6555 ลงวันที่ 20 สิงหาคม 2563"


@pytest.fixture
def issued(centers, province_officer):
    """The seed's round and its letter ว.6555, issued with the seed's schedule."""
    seed_team_users()
    with translation.override("th"):
        rnd = load_monitoring(Province.objects.get(pk="84"), province_officer)
        letter = load_documents(Province.objects.get(pk="84"), province_officer)
    return rnd, letter


def test_regenerating_after_the_letter_leaves_its_pdf_unchanged_and_the_round_warns(
    issued, client, province_officer
):
    rnd, letter = issued
    client.force_login(province_officer)
    letter_pdf = reverse("documents:letter_pdf", args=[letter.pk])
    schedule_pdf = reverse("documents:schedule_pdf", kwargs={"round": rnd.pk})
    before = pdf_text(client.get(letter_pdf).content)
    assert norm("๐๙.๓๐ น. ที่ว่าการอำเภอเกาะสมุย") in before
    live_before = pdf_text(client.get(schedule_pdf).content)
    round_page = reverse("monitoring:round", args=[rnd.pk])
    assert WARNING not in client.get(round_page).content.decode()

    # Mornings from 10.00: the generated schedule differs from the seed's.
    TravelSettings.objects.filter(province=rnd.province).update(morning_from=dt.time(10, 0))
    generate = reverse("monitoring:generate", args=[rnd.pk])
    signed = client.post(generate).context["signed"]
    assert client.post(generate, {"proposal": signed}).status_code == 302

    assert pdf_text(client.get(schedule_pdf).content) != live_before  # the live one changed
    assert pdf_text(client.get(letter_pdf).content) == before  # the letter's did not
    assert list(rnd.schedule_versions.values_list("number", flat=True)) == [1, 2]
    letter.refresh_from_db()
    assert letter.schedule_version.number == 1
    html = client.get(round_page).content.decode()
    assert WARNING in html and "ต้องออกหนังสือใหม่หรือหนังสือแก้ไข" in html
    # The letter's page shows the schedule it was issued with.
    page = client.get(reverse("documents:letter", args=[letter.pk])).content.decode()
    assert "กำหนดการที่แนบกับหนังสือฉบับนี้ (ฉบับที่ 1)" in page


def test_editing_the_grid_makes_a_new_version_and_editing_the_letter_keeps_its_own(
    issued, province_officer
):
    rnd, letter = issued
    visit = rnd.visits.get(district="8417")
    row = {"date": visit.date, "time": dt.time(9, 30), "team": visit.team, "place": visit.place}
    services.visits_save(round_=rnd, rows=[(visit.district, row)])
    assert rnd.schedule_versions.count() == 2
    assert selectors.frozen_change(rnd).letter == letter

    # Saving the letter again (its wording) keeps the schedule it was issued with.
    from thanrak.documents.services import letter_save

    letter.subject += " (แก้ไขคำผิด)"
    letter_save(letter=letter, user=province_officer)
    letter.refresh_from_db()
    assert letter.schedule_version.number == 1
    rows = letters.letter_context(letter)["schedule_rows"]
    assert rows[0].time == "๐๙.๐๐ น." and rows[0].place == "ที่ว่าการอำเภอพุนพิน"

    # A new letter issued now takes the schedule as it is now, and the warning goes.
    new = letters.letter_from_round(rnd, number="สฎ 0019.03/ว.7000", date=dt.date(2020, 8, 25))
    letter_save(letter=new, user=province_officer)
    assert new.schedule_version.number == 2 and selectors.frozen_change(rnd) is None


def test_letters_issued_before_keep_the_schedule_they_have_now(issued):
    """The migration: an existing letter of a round gets the round's schedule as version 1."""
    rnd, letter = issued
    Letter.objects.filter(pk=letter.pk).update(schedule_version=None)
    ScheduleVersion.objects.all().delete()
    migration = import_module(
        "thanrak.documents.migrations.0004_freeze_schedules_of_issued_letters"
    )
    migration.freeze_issued_letters(apps, None)
    letter.refresh_from_db()
    assert letter.schedule_version.number == 1
    assert letter.schedule_version.rows == selectors.schedule_snapshot(rnd)


def test_a_round_renamed_after_its_letter_keeps_the_letters_heading(
    issued, client, province_officer
):
    rnd, letter = issued
    seed_heading = "กำหนดการติดตามโครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก"
    assert letter.schedule_version.heading == seed_heading
    rnd.title = "กำหนดการ ติดตามศูนย์ฯ รอบที่ ๒"  # «กำหนดการ» typed too: not said twice
    rnd.save()
    assert rnd.schedule_heading == "กำหนดการติดตามศูนย์ฯ รอบที่ ๒"
    client.force_login(province_officer)
    letter_pdf = client.get(reverse("documents:letter_pdf", args=[letter.pk])).content
    schedule_pdf = client.get(reverse("documents:schedule_pdf", kwargs={"round": rnd.pk}))
    assert norm("".join(seed_heading.split())) in "".join(pdf_text(letter_pdf).split())
    assert "".join(pdf_text(schedule_pdf.content).split()).startswith(
        norm("กำหนดการติดตามศูนย์ฯรอบที่๒")
    )


def test_the_migration_heads_the_versions_frozen_before_as_they_were_printed(issued):
    _rnd, letter = issued
    ScheduleVersion.objects.update(heading="")
    migration = import_module("thanrak.monitoring.migrations.0006_schedule_heading")
    migration.keep_earlier_heading(apps, None)
    letter.refresh_from_db()
    assert letter.schedule_version.heading == migration.EARLIER_HEADING


def test_a_title_in_latin_letters_is_headed_with_a_space():
    from thanrak.monitoring.models import MonitoringRound

    assert MonitoringRound(title="OTOP Review 2570").schedule_heading == "กำหนดการ OTOP Review 2570"
