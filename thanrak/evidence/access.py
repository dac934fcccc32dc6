"""Access helpers for evidence files: every download and deletion fetches through these."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from thanrak.accounts.access import can_manage_province, can_write_district, restrict
from thanrak.accounts.models import User
from thanrak.evidence.models import Evidence


def evidence_for_user(user: User) -> QuerySet[Evidence]:
    """The evidence files of the districts the user may read."""
    return restrict(Evidence.objects.select_related("district"), user, "district")


def get_evidence_for_user(user: User, pk: object, write: bool = False) -> Evidence:
    """Return one evidence file, or 404 outside the user's area.

    With write=True only the writer of its record gets it (others who read it get 403):
    the district's own officer, the province officer for records the province keeps
    (``written_by_province``), or whoever the record names (``files_writable_by(user)``,
    e.g. the visit's team for the photos of a monitoring visit).
    """
    evidence = get_object_or_404(evidence_for_user(user), pk=pk)
    if write and not can_write_record_files(user, evidence):
        raise PermissionDenied
    return evidence


def get_record_evidence_for_user(
    user: User, record: Model, pk: object, write: bool = False
) -> Evidence:
    """One file of this record, or 404 (a file of another record too); with write=True
    only for who may delete it, as ``get_evidence_for_user`` (others get 403)."""
    files = evidence_for_user(user).filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )
    evidence = get_object_or_404(files, pk=pk)
    if write and not can_write_record_files(user, evidence):
        raise PermissionDenied
    return evidence


def can_write_record_files(user: User, evidence: Evidence) -> bool:
    writable_by = getattr(evidence.record, "files_writable_by", None)
    if writable_by is not None:
        return writable_by(user)
    if getattr(evidence.record, "written_by_province", False):
        return can_manage_province(user, evidence.district.province)
    return can_write_district(user, evidence.district)
