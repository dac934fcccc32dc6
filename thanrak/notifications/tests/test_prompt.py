"""Events made in the app queue the scan once their transaction commits: told within moments."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.tasks import task_backends
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import PHUNPHIN, SURAT_THANI
from thanrak.areas.models import District
from thanrak.centers.models import Report
from thanrak.core.periods import Period
from thanrak.documents import services as documents_services
from thanrak.documents.tests.factories import make_letter, make_report
from thanrak.monitoring import services as monitoring_services
from thanrak.monitoring.models import Visit
from thanrak.monitoring.tests.factories import make_round
from thanrak.notifications.models import Notification
from thanrak.notifications.services import notifications_scan

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
Kind = Notification.Kind


class Undo(Exception):
    pass


def submitted(quarter: int = 1) -> Report:
    return make_report(PHUNPHIN, quarter=quarter, status=Report.Status.SUBMITTED)


@override_settings(TASKS=IMMEDIATE)
def test_returning_a_report_tells_the_district_once_it_commits(
    django_capture_on_commit_callbacks, province_officer, phunphin_officer
):
    with django_capture_on_commit_callbacks(execute=True):
        documents_services.report_return(
            report=submitted(), user=province_officer, comment="กรุณาแนบภาพกิจกรรม"
        )
        # Not before the commit: the worker must see the review.
        assert not Notification.objects.exists()
    [told] = Notification.objects.filter(user=phunphin_officer, kind=Kind.REPORT_RETURNED)
    assert "กรุณาแนบภาพกิจกรรม" in told.body


@override_settings(TASKS=IMMEDIATE)
def test_accepting_a_report_tells_the_district(
    django_capture_on_commit_callbacks, province_officer, phunphin_officer
):
    with django_capture_on_commit_callbacks(execute=True):
        documents_services.report_accept(report=submitted(), user=province_officer)
    assert Notification.objects.filter(user=phunphin_officer, kind=Kind.REPORT_ACCEPTED).exists()


@override_settings(TASKS=IMMEDIATE)
def test_submitting_a_report_tells_the_province_once_it_commits(
    django_capture_on_commit_callbacks, province_officer, phunphin_officer, centers
):
    with django_capture_on_commit_callbacks(execute=True):
        report = documents_services.report_submit(
            center=centers[PHUNPHIN], period=Period(2563, 1), user=phunphin_officer
        )
        assert not Notification.objects.exists()
    [told] = Notification.objects.filter(user=province_officer, kind=Kind.REPORT_SUBMITTED)
    assert told.url == reverse("documents:review", args=[report.pk])


def plan(round_, team, when: dt.datetime) -> None:
    row = {"date": when.date(), "time": when.time(), "team": team}
    monitoring_services.visits_save(round_=round_, rows=[(District.objects.get(pk=PHUNPHIN), row)])


@override_settings(TASKS=IMMEDIATE)
def test_a_planned_visit_tells_the_district_and_the_team(
    django_capture_on_commit_callbacks, phunphin_officer
):
    round_ = make_round(SURAT_THANI)
    team = round_.teams.get()
    soon = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=10), dt.time(9, 30))
    with django_capture_on_commit_callbacks(execute=True):
        plan(round_, team, soon)
    assert Notification.objects.filter(user=phunphin_officer, kind=Kind.VISIT).count() == 1
    assert Notification.objects.filter(user=team.lead, kind=Kind.VISIT).count() == 1


@override_settings(TASKS=IMMEDIATE)
def test_a_moved_visit_is_told_again(django_capture_on_commit_callbacks, phunphin_officer):
    round_ = make_round(SURAT_THANI)
    soon = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=10), dt.time(9, 30))
    Visit.objects.create(
        round=round_,
        district_id=PHUNPHIN,
        date=soon.date(),
        time=soon.time(),
        team=round_.teams.get(),
    )
    notifications_scan()  # told once, as the cron scan would
    with django_capture_on_commit_callbacks(execute=True):
        plan(round_, round_.teams.get(), soon + dt.timedelta(hours=1))
    assert Notification.objects.filter(user=phunphin_officer, kind=Kind.VISIT).count() == 2


@override_settings(TASKS=IMMEDIATE)
def test_a_saved_letter_tells_the_districts(
    django_capture_on_commit_callbacks, province_officer, phunphin_officer
):
    letter = make_letter(SURAT_THANI)
    with django_capture_on_commit_callbacks(execute=True):
        documents_services.letter_save(letter=letter, user=province_officer)
    assert Notification.objects.filter(user=phunphin_officer, kind=Kind.LETTER).exists()


@override_settings(TASKS=IMMEDIATE)
def test_a_rolled_back_review_queues_nothing(
    django_capture_on_commit_callbacks, province_officer, phunphin_officer
):
    report = submitted()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Undo),
        transaction.atomic(),
    ):
        documents_services.report_return(report=report, user=province_officer, comment="แก้")
        raise Undo
    assert callbacks == []
    assert not Notification.objects.exists()


@override_settings(TASKS=DUMMY)
def test_one_transaction_queues_one_scan(django_capture_on_commit_callbacks, province_officer):
    backend = task_backends["default"]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        documents_services.report_accept(report=submitted(1), user=province_officer)
        documents_services.report_return(report=submitted(2), user=province_officer, comment="แก้")
        documents_services.letter_save(letter=make_letter(SURAT_THANI), user=province_officer)
    assert [r.task.name for r in backend.results] == ["notifications_scan"]


# The worker closes its database connection after the batch, as a real worker does.
@pytest.mark.django_db(transaction=True)
def test_the_worker_tells_a_returned_report_without_a_scan_by_hand(
    province_officer, phunphin_officer
):
    documents_services.report_return(report=submitted(), user=province_officer, comment="แก้")
    assert not Notification.objects.exists()  # queued for the worker, not run here
    call_command(
        "db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Notification.objects.filter(user=phunphin_officer, kind=Kind.REPORT_RETURNED).exists()
