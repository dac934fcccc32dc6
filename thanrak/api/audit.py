"""Every write through the API in the audit trail (``thanrak.audit``), one event each."""

from django.db.models import Model
from django.http import HttpRequest

from thanrak.audit.models import AuditEvent
from thanrak.audit.services import record_event


def record_write(
    request: HttpRequest, obj: Model, *, status: int, district: str = "", **detail
) -> None:
    """Write that the caller (the token's user) wrote ``obj``: method, path, the record.

    Called in the write's transaction, so a write that is rolled back leaves no event.
    """
    token = getattr(request, "api_token", None)
    match = getattr(request, "resolver_match", None)
    record_event(
        AuditEvent.Kind.API_WRITE,
        request=request,
        status=status,
        obj=obj,
        district=district,
        operation=match.url_name if match else "",
        token=token.pk if token is not None else None,
        **detail,
    )
