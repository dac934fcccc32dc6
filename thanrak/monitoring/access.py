"""Who may read and change rounds and visits; every monitoring view fetches through these.

A round belongs to a province: its province officer manages it; the province's other
province-scoped users (province officers, executive viewers) and nationwide users read
it, and so do the members of its teams. A visit belongs to its district as well: anyone
who may read the district reads it (the district officer sees their own visit), and the
round's team members record findings.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from thanrak.accounts.access import can_manage_province, is_nationwide, restrict
from thanrak.accounts.models import Role, User
from thanrak.monitoring.models import MonitoringRound, Team, Visit


def is_round_member(user: User, round_: MonitoringRound) -> bool:
    return (
        user.is_authenticated
        and Team.objects.filter(round=round_).filter(Q(lead=user) | Q(members=user)).exists()
    )


def rounds_for_user(user: User) -> QuerySet[MonitoringRound]:
    """The rounds the user may read."""
    if not user.is_authenticated or not user.is_active:
        return MonitoringRound.objects.none()
    if is_nationwide(user):
        return MonitoringRound.objects.all()
    member = Q(pk__in=Team.objects.filter(Q(lead=user) | Q(members=user)).values("round"))
    if user.province_id and not user.district_id and user.role != Role.MONITOR:
        return MonitoringRound.objects.filter(Q(province=user.province_id) | member)
    return MonitoringRound.objects.filter(member)


def get_round_for_user(user: User, pk: int, manage: bool = False) -> MonitoringRound:
    round_ = get_object_or_404(rounds_for_user(user).select_related("province"), pk=pk)
    if manage and not can_manage_province(user, round_.province):
        raise Http404
    return round_


def get_team_for_user(user: User, pk: int) -> Team:
    team = get_object_or_404(Team.objects.select_related("round", "lead"), pk=pk)
    get_round_for_user(user, team.round_id)
    return team


def get_visit_for_user(user: User, pk: int, record: bool = False) -> Visit:
    """A visit of a district the user may read (else 404); with record=True only for the
    visit's own team (another team reading it gets 403)."""
    queryset = Visit.objects.select_related("round__province", "district", "team")
    visit = get_object_or_404(restrict(queryset, user, "district"), pk=pk)
    if record and not can_record(user, visit):
        raise PermissionDenied
    return visit


def can_record(user: User, visit: Visit) -> bool:
    """Whether the user records findings and photos at this visit: its own team only."""
    return user.is_active and user.role == Role.MONITOR and visit.is_team_member(user)
