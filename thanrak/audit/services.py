"""Writing the audit trail: the functions every part of the project calls.

Each call is one INSERT. Nothing here reads another app's models: callers say what was
shown (the record or the list, the district, how many persons).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from thanrak.audit.models import AuditEvent

Kind = AuditEvent.Kind

# What makes a user's role and reach: a change of any of them is a ROLE_CHANGED event.
ROLE_FIELDS = ("role", "province_id", "district_id", "is_staff", "is_superuser", "is_active")


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, the one they saw."""
    if request is None:
        return None
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        # Each proxy appends the address it saw: what the client wrote comes before them.
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies and _is_ip(forwarded[-proxies]):
            return forwarded[-proxies]
    address = request.META.get("REMOTE_ADDR") or ""
    return address if _is_ip(address) else None


def _is_ip(value: str) -> bool:
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return False
    return True


def _described(target) -> tuple[str, str]:
    """(object type, object id) of a record, a queryset or a model class."""
    if target is None:
        return "", ""
    if isinstance(target, Model):
        return target._meta.label, str(target.pk)
    model = target.model if isinstance(target, QuerySet) else target
    return model._meta.label, ""


def record_event(
    kind: str,
    *,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    status: int | None = None,
    obj=None,
    district: str = "",
    persons: int | None = None,
    unmasked: bool = False,
    **detail,
) -> AuditEvent:
    """Append one event to the trail; ``user`` defaults to the request's signed-in user.

    ``obj`` is the record concerned, or a queryset or model class for a list of them.
    """
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    object_type, object_id = _described(obj)
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        ip=client_ip(request),
        method=(request.method or "") if request is not None else "",
        path=request.get_full_path()[:500] if request is not None else "",
        status=status,
        object_type=object_type,
        object_id=object_id[:100],
        district=district or "",
        persons=persons,
        unmasked=unmasked,
        detail=detail,
    )


def record_personal_read(
    request: HttpRequest,
    target,
    *,
    persons: int | None,
    district: str = "",
    export: bool = False,
    unmasked: bool = False,
    **detail,
) -> AuditEvent:
    """Write that the signed-in user saw (or took away, ``export``) persons' data.

    ``target`` is the record shown, or the queryset or model of a list or a file;
    ``persons`` how many persons' names, phones or citizen IDs it showed; ``unmasked``
    whether a citizen ID was shown in full.
    """
    return record_event(
        Kind.PERSONAL_EXPORT if export else Kind.PERSONAL_READ,
        request=request,
        obj=target,
        district=district,
        persons=persons,
        unmasked=unmasked,
        **detail,
    )


def role_snapshot(user) -> dict:
    """The role and reach of a user as they are now, to compare after a change."""
    return {name: getattr(user, name) for name in ROLE_FIELDS}


def record_role_change(*, request: HttpRequest | None, user, before: dict | None):
    """Write who changed whose role or area from what to what; nothing when nothing changed.

    ``before`` is ``role_snapshot`` of the user before the change, None for a new user: an
    account created, with the role and area it was given.
    """
    after = role_snapshot(user)
    changes = {
        name: [None if before is None else before[name], after[name]]
        for name in ROLE_FIELDS
        if before is None or before[name] != after[name]
    }
    if not changes:
        return None
    return record_event(
        Kind.ROLE_CHANGED if before is not None else Kind.ACCOUNT_CREATED,
        request=request,
        obj=user,
        district=user.district_id or "",
        subject=user.get_username(),
        created=before is None,
        changes=changes,
    )


def purge_events(*, days: int, now: dt.datetime | None = None) -> int:
    """Delete the events older than ``days`` days (one DELETE); return how many went."""
    if days < 1:
        raise ValueError("The audit trail is kept for at least one day.")
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted, _per_model = AuditEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted
