"""Access helpers for centers and their records: every center view fetches through these."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from thanrak.accounts.access import can_manage_province, require_district
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
    # One query for the center with its district: a district without a center, or one the
    # user may not read, is the same 404.
    center = get_object_or_404(
        Center.objects.select_related("district__province"), district_id=district_code
    )
    require_district(user, center.district, write=write)
    return center
