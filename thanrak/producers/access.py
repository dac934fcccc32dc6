"""Access helpers for this app's records: every view fetches through these."""

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from thanrak.accounts.access import restrict
from thanrak.accounts.models import User
from thanrak.areas.models import District


def records_for_user[M: Model](user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Limit a queryset of wisdom, groups, producers, products or services to the user's area."""
    return restrict(queryset, user, "district")


def get_record_in_district[M: Model](queryset: QuerySet[M], district: District, pk: object) -> M:
    """One record of a district the caller already fetched through the access helpers, or 404."""
    return get_object_or_404(queryset, district=district, pk=pk)
