"""Access to the documents app's objects: every view fetches through these (404 outside)."""

from django.shortcuts import get_object_or_404

from thanrak.accounts.access import get_province_for_user
from thanrak.accounts.models import User
from thanrak.centers.models import Report
from thanrak.documents.models import GeneratedDocument, Letter
from thanrak.monitoring.access import get_round_for_user  # noqa: F401 - re-exported


def get_letter_for_user(user: User, pk: int, manage: bool = False) -> Letter:
    letter = get_object_or_404(Letter.objects.select_related("province"), pk=pk)
    get_province_for_user(user, letter.province_id, manage=manage)
    return letter


def get_generated_for_user(user: User, pk: int) -> GeneratedDocument:
    document = get_object_or_404(GeneratedDocument.objects.select_related("province"), pk=pk)
    get_province_for_user(user, document.province_id)
    return document


def get_report_for_reviewer(user: User, pk: int) -> Report:
    """A district's report, for the officer of its province (who reviews it)."""
    report = get_object_or_404(
        Report.objects.select_related("center__district__province", "submitted_by"), pk=pk
    )
    get_province_for_user(user, report.center.district.province_id, manage=True)
    return report
