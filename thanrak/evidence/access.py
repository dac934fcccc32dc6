"""Access helpers for evidence files: every download and deletion fetches through these."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from thanrak.accounts.access import can_write_district, restrict
from thanrak.accounts.models import User
from thanrak.evidence.models import Evidence


def evidence_for_user(user: User) -> QuerySet[Evidence]:
    """The evidence files of the districts the user may read."""
    return restrict(Evidence.objects.select_related("district"), user, "district")


def get_evidence_for_user(user: User, pk: object, write: bool = False) -> Evidence:
    """Return one evidence file, or 404 outside the user's area.

    With write=True only the district's own officer gets it.
    """
    evidence = get_object_or_404(evidence_for_user(user), pk=pk)
    if write and not can_write_district(user, evidence.district):
        raise Http404
    return evidence
