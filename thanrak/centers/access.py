"""Access helpers for centers and their records: every center view fetches through these."""

from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from thanrak.accounts.access import (
    can_manage_province,
    get_district_for_user,
    get_object_in_district_for_user,
    restrict,
)
from thanrak.accounts.models import User
from thanrak.centers.models import Center


def get_center_for_user(
    user: User, district_code: str, write: bool = False, writer: str = "district"
) -> Center:
    """Return the district's center, or 404 outside the user's area.

    With write=True: the district's own officer (writer="district"), or the officer of
    its province for what the province records, such as budget allocations (writer="province").
    """
    if write and writer == "province":
        center = get_center_for_user(user, district_code)
        if not can_manage_province(user, center.district.province):
            raise Http404
        return center
    district = get_district_for_user(user, district_code, write=write)
    return get_object_or_404(Center.objects.select_related("district__province"), district=district)


def records_for_user[M: Model](user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Limit a queryset of center records to the centers the user may read."""
    return restrict(queryset, user, "center__district")


def get_record_for_user[M: Model](
    user: User, queryset: QuerySet[M], pk: object, write: bool = False
) -> M:
    """Return one center record, or 404 outside the user's area (write: the district's officer only)."""
    return get_object_in_district_for_user(user, queryset, pk, path="center__district", write=write)
