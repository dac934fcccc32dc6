"""The one place that says who may see and change what, by administrative area.

Every view, export, API call and file download fetches its objects through these
helpers (or the per-object helpers built on them). An object outside the user's
area is a 404, never a 403: its existence is not revealed.
"""

from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from thanrak.accounts.models import Role, User
from thanrak.areas.models import District, Province


def is_nationwide(user: User) -> bool:
    return user.role == Role.ADMIN or (user.role == Role.VIEWER and not user.province_id)


def monitored_districts(user: User) -> QuerySet[District]:
    """The districts of the monitoring rounds the user is on (as a team lead or member).

    String lookups: accounts sits below the monitoring app and does not import it.
    """
    on_team = Q(monitoring_rounds__teams__lead=user) | Q(monitoring_rounds__teams__members=user)
    return District.objects.filter(on_team).values("pk")


def district_filter(user: User, path: str = "") -> Q:
    """Return a Q limiting a query to the districts the user may read.

    ``path`` is the lookup from the queried model to its District ("" when querying
    District itself, "district" for a model with a district foreign key, …).
    """
    prefix = f"{path}__" if path else ""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if is_nationwide(user):
        return Q()
    if user.role == Role.MONITOR:
        # A pk__in subquery, not a join: a district on two teams appears once.
        return Q(**{f"{prefix}pk__in": monitored_districts(user)})
    if user.district_id:
        return Q(**{path or "pk": user.district_id})
    if user.province_id:
        return Q(**{f"{prefix}province": user.province_id})
    return Q(pk__in=[])


def readable_districts(user: User) -> QuerySet[District]:
    return District.objects.filter(district_filter(user))


def restrict(queryset: QuerySet, user: User, path: str) -> QuerySet:
    """Return queryset limited to objects whose district (at ``path``) the user may read."""
    return queryset.filter(district_filter(user, path))


def can_read_district(user: User, district: District) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if is_nationwide(user):
        return True
    if user.role == Role.MONITOR:
        return monitored_districts(user).filter(pk=district.pk).exists()
    if user.district_id:
        return user.district_id == district.pk
    return user.province_id == district.province_id


def can_write_district(user: User, district: District) -> bool:
    """Whether the user may create and change the district center's own records."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.DISTRICT_OFFICER
        and user.district_id == district.pk
    )


def can_manage_province(user: User, province: Province) -> bool:
    """Whether the user may do the province's work (budgets, rounds, letters, reviews)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.PROVINCE_OFFICER
        and user.province_id == province.pk
    )


def require_district(user: User, district: District, write: bool = False) -> None:
    """404 unless the user may read the district (with write=True: change its records)."""
    allowed = can_write_district(user, district) if write else can_read_district(user, district)
    if not allowed:
        raise Http404


def get_district_for_user(user: User, code: str, write: bool = False) -> District:
    district = get_object_or_404(District.objects.select_related("province"), pk=code)
    require_district(user, district, write=write)
    return district


def get_province_for_user(user: User, code: str, manage: bool = False) -> Province:
    """Return a province the user works in (as a whole) or 404.

    District-scoped users never get a province: its pages list every district.
    """
    province = get_object_or_404(Province, pk=code)
    if manage:
        if not can_manage_province(user, province):
            raise Http404
        return province
    if not user.is_authenticated or user.district_id:
        raise Http404
    if is_nationwide(user):
        return province
    if user.province_id != province.pk:
        raise Http404
    return province


def get_object_in_district_for_user[M: Model](
    user: User, queryset: QuerySet[M], pk: object, path: str = "district", write: bool = False
) -> M:
    """Return one object of a district's records, or 404 when outside the user's area.

    With write=True only the district's own officer gets it.
    """
    obj = get_object_or_404(restrict(queryset, user, path), pk=pk)
    if write:
        district = obj
        for attr in path.split("__"):
            district = getattr(district, attr)
        if not can_write_district(user, district):
            raise Http404
    return obj
