"""Personal API tokens: made and revoked on the profile page, sent as ``Authorization: Bearer``.

A token is ``thr_`` and a ``secrets.token_urlsafe`` value. Only its SHA-256 digest is kept,
with a short prefix to tell tokens apart; the secret is shown once. ``TokenMiddleware`` signs
in an API request (``/api/v1/``) of a valid token before the policy table is asked, so the
API answers under the same policy and area scoping as the pages. A token opens the API only:
sent to a page, the admin site or the profile (where tokens are made), it is ignored.

A token ends when its user's password changes or is disabled, or their second factor is
reset (revoked: ``User.save``, ``mfa.mfa_reset``), and when their role, area or staff flags
change or the account is deactivated (revoked by ``User.save``; refused by
``ApiToken.is_current`` where no user was saved).
"""

import datetime as dt
import hashlib
import secrets

from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from thanrak.accounts import mfa
from thanrak.accounts.models import ApiToken, User, token_grant
from thanrak.audit.models import AuditEvent
from thanrak.audit.services import record_event

SCHEME = "thr_"
PREFIX_LENGTH = len(SCHEME) + 6
# The longest a token may live: a year.
MAX_DAYS = 366
# last_used_at is written at most once a minute per token.
USED_RESOLUTION = dt.timedelta(minutes=1)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(
    *, request: HttpRequest, name: str, expires_on: dt.date
) -> tuple[ApiToken, str]:
    """Make a token for the signed-in user; return it and its secret (shown once).

    Roles that need a second factor make tokens only from a session that passed it.
    """
    user = request.user
    if mfa.mfa_required(user) and not user.is_verified():
        raise ValidationError(_("Log in with a code from the app first."))
    today = timezone.localdate()
    if not today <= expires_on <= today + dt.timedelta(days=MAX_DAYS):
        raise ValidationError(_("The expiry date must be between today and one year from now."))
    secret = SCHEME + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=secret[:PREFIX_LENGTH],
            digest=digest_of(secret),
            expires_on=expires_on,
            granted_as=token_grant(user),
        )
        record_event(
            AuditEvent.Kind.TOKEN_CREATED,
            request=request,
            obj=token,
            name=name,
            expires_on=expires_on.isoformat(),
        )
    return token, secret


def api_token_revoke(*, request: HttpRequest, token: ApiToken) -> None:
    """Revoke one of the signed-in user's tokens; it is refused from the next request on."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk, user=request.user)
        if token.revoked_at is not None:
            return
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(AuditEvent.Kind.TOKEN_REVOKED, request=request, obj=token, name=token.name)


def user_for_token(secret: str) -> User | None:
    """The active user of a valid (known, unexpired, unrevoked) token, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or token.is_expired or not token.is_current:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    user = token.user
    # The token was made from a session that passed the second factor (api_token_create).
    user.is_verified = lambda: True
    user.api_token = token
    return user


def bearer_secret(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()


def is_api(request: HttpRequest) -> bool:
    try:
        return resolve(request.path_info).namespace == "api"
    except Resolver404:
        return False


class NoSession(SessionBase):
    """The session of a token's request: what is written to it is dropped, so
    SessionMiddleware neither saves a session nor sends its cookie — nor deletes the cookie
    of a browser that is signed in too (it deletes the cookie of an empty session)."""

    @property
    def modified(self) -> bool:
        return False

    @modified.setter
    def modified(self, value: bool) -> None:
        pass

    def is_empty(self) -> bool:
        return False

    def load(self) -> dict:
        return {}

    def exists(self, session_key: str) -> bool:
        return False

    def create(self) -> None:
        pass

    def save(self, must_create: bool = False) -> None:
        pass

    def delete(self, session_key: str | None = None) -> None:
        pass


class TokenMiddleware:
    """Sign in an API request that carries ``Authorization: Bearer <token>``; refuse a bad
    token. Elsewhere the header is ignored: a token never opens a page.

    Comes after AuthenticationMiddleware and OTPMiddleware, before PolicyMiddleware. A
    request with a token never uses the session (no cookie is set, no CSRF token needed).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        secret = bearer_secret(request)
        if secret is None or not is_api(request):
            return self.get_response(request)
        user = user_for_token(secret)
        if user is None:
            response = JsonResponse(
                {"detail": _("The API token is not valid, has expired or was revoked.")},
                status=401,
            )
            response["WWW-Authenticate"] = "Bearer"
            return response
        request.user = user
        request.api_token = user.api_token
        request.session = NoSession()
        # Django's CSRF check is for cookies a browser sends by itself; a token is not one.
        request._dont_enforce_csrf_checks = True
        response = self.get_response(request)
        # Nor does a token's request get a CSRF cookie (the documentation page asks for one).
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response
