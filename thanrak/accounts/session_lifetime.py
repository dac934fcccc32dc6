"""Session lifetime: an absolute limit for everyone, an idle timeout for privileged roles.

Django's own ``SESSION_COOKIE_AGE`` counts from the session's last save, so an active
session would live on; the time of signing in is kept in the session instead and
``SESSION_COOKIE_AGE`` counts from it. Privileged roles (``PRIVILEGED_ROLES``) are signed
out after ``SESSION_IDLE_TIMEOUT_PRIVILEGED`` seconds without a request.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from thanrak.accounts.models import PRIVILEGED_ROLES

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
# The last request is noted at most this often, so that a session is not written on
# every page view.
SEEN_RESOLUTION = 60


def note_sign_in(sender, request, user, **kwargs) -> None:
    """Start the session's clocks at sign-in (any path: the login page, the admin, tests)."""
    if request is not None and hasattr(request, "session"):
        now = int(timezone.now().timestamp())
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now


def session_expiry(user, session, now: int) -> str | None:
    """Why the session has run out ("absolute" or "idle"), or None while it is valid."""
    signed_in = session.get(SIGNED_IN_AT)
    if signed_in is not None and now - signed_in >= settings.SESSION_COOKIE_AGE:
        return "absolute"
    seen = session.get(SEEN_AT, signed_in)
    if (
        user.role in PRIVILEGED_ROLES
        and seen is not None
        and now - seen >= settings.SESSION_IDLE_TIMEOUT_PRIVILEGED
    ):
        return "idle"
    return None


class SessionLifetimeMiddleware:
    """Sign out a session past its limit and send the person to the login page with a note.

    Comes after AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # A request signed in by an API token has no session to time (accounts/tokens.py).
        if user.is_authenticated and not getattr(request, "api_token", None):
            session = request.session
            now = int(timezone.now().timestamp())
            if SIGNED_IN_AT not in session:
                # A session from before these clocks: they start now.
                session[SIGNED_IN_AT] = now
            expiry = session_expiry(user, session, now)
            if expiry is not None:
                return self._sign_out(request, expiry)
            if now - session.get(SEEN_AT, 0) >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
        return self.get_response(request)

    def _sign_out(self, request: HttpRequest, expiry: str) -> HttpResponse:
        next_path = request.get_full_path() if request.method == "GET" else ""
        logout(request)
        if expiry == "idle":
            messages.warning(
                request,
                _(
                    "You were signed out after %(minutes)s minutes without activity. Please log in again."
                )
                % {"minutes": settings.SESSION_IDLE_TIMEOUT_PRIVILEGED // 60},
            )
        else:
            messages.warning(
                request,
                _(
                    "You were signed out because your session reached its %(hours)s-hour limit. Please log in again."
                )
                % {"hours": settings.SESSION_COOKIE_AGE // 3600},
            )
        response = redirect_to_login(next_path) if next_path else redirect(settings.LOGIN_URL)
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(response.url)
        return response
