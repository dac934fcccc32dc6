"""Access to the documents app's objects: every view fetches through these (404 outside)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from thanrak.accounts.access import get_district_for_user, get_province_for_user, is_nationwide
from thanrak.accounts.models import User
from thanrak.accounts.policy import PROVINCE_WIDE, sees_personal_data
from thanrak.areas.models import District
from thanrak.centers.models import Report
from thanrak.documents.models import GeneratedDocument, Letter
from thanrak.monitoring.access import get_round_for_user  # noqa: F401 - re-exported


def get_letter_for_user(user: User, pk: int, manage: bool = False) -> Letter:
    letter = get_object_or_404(Letter.objects.select_related("province"), pk=pk)
    get_province_for_user(user, letter.province_id, manage=manage)
    return letter


def get_letter_to_district(user: User, district: str, pk: int) -> tuple[District, Letter]:
    """A letter of the province addressed to one of its districts, read by that district.

    The letter of a monitoring round is sent to the districts of the schedule issued with
    it: a district on that schedule reads it (never changes it). Any other letter — of no
    round, or whose schedule does not visit the district — is a 404 for the district.
    """
    area = get_district_for_user(user, district)
    letter = get_object_or_404(
        Letter.objects.select_related("province", "round", "schedule_version"),
        pk=pk,
        province=area.province_id,
        schedule_version__isnull=False,
    )
    if not letter_visits(letter, area.code):
        raise Http404
    return area, letter


def letter_visits(letter: Letter, district: str) -> bool:
    """Whether the schedule issued with the letter visits the district."""
    version = letter.schedule_version
    return version is not None and any(row["district"] == district for row in version.rows)


def get_generated_for_user(user: User, pk: int) -> GeneratedDocument:
    document = get_object_or_404(
        GeneratedDocument.objects.filter(kind__in=GeneratedDocument.CONSOLIDATED).select_related(
            "province"
        ),
        pk=pk,
    )
    get_province_for_user(user, document.province_id)
    return document


def get_export_for_user(user: User, pk: int) -> GeneratedDocument:
    """An exported list, for readers of its area (district, province or the country); one
    made with people's data only for those who may see them. 404 otherwise."""
    document = get_object_or_404(
        GeneratedDocument.objects.filter(kind=GeneratedDocument.Kind.EXPORT).select_related(
            "district__province", "province"
        ),
        pk=pk,
    )
    if document.district_id:
        get_district_for_user(user, document.district_id)
    elif document.province_id:
        get_province_for_user(user, document.province_id)
        if user.role not in PROVINCE_WIDE:  # monitors read only their rounds' districts
            raise Http404
    elif not is_nationwide(user):
        raise Http404
    if document.personal and not sees_personal_data(user):
        raise Http404
    return document


def get_report_for_reviewer(user: User, pk: int) -> Report:
    """A district's report, for the officer of its province (who reviews it)."""
    report = get_object_or_404(
        Report.objects.select_related("center__district__province", "submitted_by"), pk=pk
    )
    get_province_for_user(user, report.center.district.province_id, manage=True)
    return report
