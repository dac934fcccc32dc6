"""Login protection: locking out repeated failed logins (django-axes), throttling reset e-mails.

Axes counts failed logins in its ``AccessAttempt`` table. After ``AXES_FAILURE_LIMIT``
failures for one account, or ``LOGIN_FAILURE_LIMIT_PER_IP`` from one address, each counted
while the previous failure is less than ``AXES_COOLOFF_TIME`` old, every login for that
account or from that address is refused — the right password included — until the
cool-off has passed since the last failure. Attempts are counted under the account's
username whether the person typed the username or the e-mail address.
"""

from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from thanrak.accounts.backends import find_account
from thanrak.accounts.models import PasswordResetRequest, User
from thanrak.audit.models import AuditEvent
from thanrak.audit.services import record_event


def lockout_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The username attempts are counted under: the account's, whichever way it was typed.

    Text that names no account is counted as typed (lower case), so a lockout looks the
    same for accounts that exist and accounts that do not.
    """
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = getattr(request, "POST", {}).get("username")
    if not typed:
        return typed
    typed = typed.strip()
    # Axes asks several times per attempt; one query per attempt is enough.
    known = request.__dict__.setdefault("_lockout_usernames", {}) if request is not None else {}
    if typed not in known:
        account = find_account(typed)
        known[typed] = account.username if account is not None else typed.lower()
    return known[typed]


def _failures(attempts: QuerySet) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for the account and for the address."""

    def get_failures(self, request, credentials=None) -> int:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        username = get_client_username(request, credentials)
        by_account = _failures(recent.filter(username=username)) if username else 0
        by_address = _failures(recent.filter(ip_address=request.axes_ip_address))
        request.lockout_failures = {"account": by_account, "address": by_address}
        # Axes compares one number with AXES_FAILURE_LIMIT (the per-account limit). The
        # address's failures are put on that scale: by_address * U // I reaches U exactly
        # when by_address reaches I.
        return max(
            by_account,
            by_address * settings.AXES_FAILURE_LIMIT // settings.LOGIN_FAILURE_LIMIT_PER_IP,
        )

    def is_allowed(self, request, credentials=None) -> bool:
        allowed = super().is_allowed(request, credentials)
        # Tells a new lockout from an attempt refused during one (see on_user_locked_out).
        request.lockout_refused = not allowed
        return allowed


def on_user_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    """Write the lockout to the audit trail, once: when it starts, not for each refusal."""
    if getattr(request, "lockout_refused", False):
        return
    account = User.objects.filter(username=username).first() if username else None
    record_event(
        AuditEvent.Kind.LOCKED_OUT,
        request=request,
        user=account,
        username=username or "",
        status=settings.AXES_HTTP_RESPONSE_CODE,
        **{f"failures_{k}": v for k, v in getattr(request, "lockout_failures", {}).items()},
    )


def unlock_user(
    *, user: User, request: HttpRequest | None = None, by: User | None = None, **detail
) -> int:
    """Clear the failed logins counted for the account; return how many records went.

    The audit event names ``by`` (the request's signed-in user unless given) and adds
    ``detail`` to what it says.
    """
    count = AxesProxyHandler.reset_attempts(username=user.username)
    record_event(
        AuditEvent.Kind.UNLOCKED,
        request=request,
        user=by,
        obj=user,
        unlocked=user.username,
        **detail,
    )
    return count


def unlock_after_reset(*, user: User, request: HttpRequest) -> None:
    """A new password set from the reset e-mail ends the account's lockout.

    Whoever opened the link controls the account's mailbox, the person a lockout keeps
    waiting. Only the failures counted under this account go: those an address made under
    other names still count toward its own limit. Written to the audit trail when there was
    something to clear.
    """
    if AccessAttempt.objects.filter(username=user.username).exists():
        unlock_user(user=user, request=request, by=user, via="reset")


def _email_digest(email: str) -> str:
    return salted_hmac(
        "thanrak.accounts.password-reset", email.strip().lower(), algorithm="sha256"
    ).hexdigest()


def password_reset_allowed(*, email: str, ip: str | None, account: User | None) -> bool:
    """Count a request for a reset e-mail; False when it may not send one.

    Refused when the requesting IP asked too often for any address, or for this address;
    or when the address was sent its total for the hour, unless the IP is one the account
    signed in from lately (its office, its home): someone else asking for the address
    from elsewhere uses up their own allowance, never the owner's.
    """
    now = timezone.now()
    window_start = now - timedelta(seconds=settings.PASSWORD_RESET_LIMIT_WINDOW)
    PasswordResetRequest.objects.filter(created_at__lt=window_start).delete()
    recent = PasswordResetRequest.objects.filter(created_at__gte=window_start)
    digest = _email_digest(email)
    for_address = recent.filter(email_digest=digest)
    allowed = ip is None or (
        recent.filter(ip=ip).count() < settings.PASSWORD_RESET_LIMIT_PER_IP
        and for_address.filter(ip=ip).count() < settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    )
    if allowed and not _signed_in_from(account, ip, now):
        sent = for_address.filter(sent=True).count()
        allowed = sent < settings.PASSWORD_RESET_LIMIT_PER_EMAIL_TOTAL
    PasswordResetRequest.objects.create(email_digest=digest, ip=ip, sent=allowed)
    return allowed


def _signed_in_from(account: User | None, ip: str | None, now) -> bool:
    """Whether the account signed in from this IP within PASSWORD_RESET_KNOWN_IP_DAYS."""
    if account is None or ip is None:
        return False
    since = now - timedelta(days=settings.PASSWORD_RESET_KNOWN_IP_DAYS)
    return AuditEvent.objects.filter(
        user=account, kind=AuditEvent.Kind.LOGIN, ip=ip, created_at__gte=since
    ).exists()
