"""Django's own sign-in signals, written to the trail.

Connected in AuditConfig.ready: every way in (the login page, the admin's login, any
later second-factor flow) goes through django.contrib.auth and sends these.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from thanrak.audit.services import Kind, record_event


def _agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else ""


@receiver(user_logged_in, dispatch_uid="audit_logged_in")
def logged_in(sender, request, user, **kwargs) -> None:
    record_event(Kind.LOGIN, request=request, user=user, agent=_agent(request))


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only the name typed: Django masks the password in ``credentials``, and it is
    # never read here anyway.
    typed = str(credentials.get("username") or credentials.get("email") or "")
    record_event(Kind.LOGIN_FAILED, request=request, username=typed, agent=_agent(request))


@receiver(user_logged_out, dispatch_uid="audit_logged_out")
def logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record_event(Kind.LOGOUT, request=request, user=user)
