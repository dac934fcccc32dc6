"""Access helpers for centers: every center view fetches through these."""

from django.shortcuts import get_object_or_404

from thanrak.accounts.access import get_district_for_user
from thanrak.accounts.models import User
from thanrak.centers.models import Center


def get_center_for_user(user: User, district_code: str, write: bool = False) -> Center:
    district = get_district_for_user(user, district_code, write=write)
    return get_object_or_404(Center.objects.select_related("district__province"), district=district)
