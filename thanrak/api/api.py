"""The API object: authentication, rate limits, Thai errors, the documentation page.

Every operation is behind the policy table like a page (``PolicyMiddleware``, URL names in
the namespace ``api``) and fetches through the same access helpers: an object outside the
caller's area is a 404.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.errors import Throttled as NinjaThrottled
from ninja.openapi.docs import Swagger
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth
from ninja.throttling import SimpleRateThrottle


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <personal API token>``, made on the profile page.

    ``thanrak.accounts.tokens.TokenMiddleware`` has checked the token and signed the request
    in before the policy table was asked; a bad token never reaches an operation.
    """

    def authenticate(self, request: HttpRequest, token: str):
        return request.user if getattr(request, "api_token", None) else None


class SiteSession(SessionAuth):
    """The site's own session cookie; unsafe methods need the CSRF token (``X-CSRFToken``)."""

    def authenticate(self, request: HttpRequest, key: str | None):
        if getattr(request, "api_token", None):
            return None
        return super().authenticate(request, key)


class PerCaller(SimpleRateThrottle):
    """A limit per token (or per signed-in user on the session), per address otherwise."""

    scope = "api"

    def __init__(self, rate: str):
        super().__init__(rate)

    def get_cache_key(self, request: HttpRequest) -> str:
        token = getattr(request, "api_token", None)
        if token is not None:
            ident = f"token-{token.pk}"
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class Docs(Swagger):
    """Swagger UI from this site's static files (ninja's), set up by static/api/docs.js."""

    template = "api/docs.html"


class ThanrakAPI(NinjaAPI):
    """django-ninja's API, its OpenAPI document made once per process and language.

    The operations are all registered when the URLs load; drawing the document walks
    every schema (about a second), so each process keeps what it drew.
    """

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        key = (path_prefix, tuple(sorted((path_params or {}).items())), get_language())
        kept = self.__dict__.setdefault("_openapi_documents", {})
        if key not in kept:
            kept[key] = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return kept[key]


api = ThanrakAPI(
    title="Thanrak API",
    version="1",
    description=(
        "ข้อมูลศูนย์บริการส่งเสริมเศรษฐกิจฐานรากระดับอำเภอ สำหรับระบบอื่นของราชการ · "
        "The data of the district Grassroots Economy Promotion Service Centers for other "
        "government systems. Authenticate with a personal API token made on your profile "
        "page (`Authorization: Bearer <token>`) or the site's session. You read what your "
        "pages show you; an object outside your area is a 404."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SiteSession()],
    throttle=[PerCaller(getattr(settings, "API_RATE_LIMIT", "600/m"))],
    docs=Docs(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _error(request: HttpRequest, detail: str, status: int, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, _("Not found, or not in your area."), 404)


def page_not_found(request: HttpRequest, exception) -> HttpResponse:
    """The site's 404 (``handler404``): JSON for an address under the API's prefix that
    names no operation, as the API's own 404s are; the page for any other address."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": _("Not found, or not in your area.")}, status=404)
    return defaults.page_not_found(request, exception)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _error(request, _("Your role may not do this."), 403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = _error(request, _("Sign in or send an API token."), 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(NinjaThrottled)
def throttled(request, exc):
    response = _error(request, _("Too many requests. Wait a moment, then try again."), 429)
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait) + 1)
    return response


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return _error(request, _("The request is not valid."), 422, errors=errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    messages = {
        400: _("The request body is not valid JSON."),
        403: _("The form has expired: reload the page and try again (CSRF)."),
        405: _("This method is not allowed here."),
    }
    detail = str(exc.message) if exc.message and exc.status_code not in messages else ""
    return _error(request, detail or messages.get(exc.status_code, str(exc)), exc.status_code)


# The operations: imported for their registration on ``api``.
from thanrak.api import areas, monitoring, records  # noqa: E402, F401
