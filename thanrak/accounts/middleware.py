"""Every request is checked against the policy table before its view runs."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.translation import gettext as _

from thanrak.accounts.policy import DELEGATED_NAMESPACES, On, grant_for, policy


class PolicyMiddleware:
    """Refuse what the policy table does not grant: 405, the login page, or 403.

    Must come after AuthenticationMiddleware. The area of each object is checked by the
    access helpers the view fetches through; refusals of signed-in users go to the audit
    trail.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in (403, 404) and request.user.is_authenticated:
            match = getattr(request, "resolver_match", None)
            if match is not None and match.namespace not in DELEGATED_NAMESPACES:
                from thanrak.audit.models import AuditEvent
                from thanrak.audit.services import record_event

                record_event(
                    AuditEvent.Kind.REFUSED,
                    request=request,
                    status=response.status_code,
                    url_name=match.view_name,
                )
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match.namespace in DELEGATED_NAMESPACES or match.view_name in _UNCHECKED:
            return None
        if match.view_name not in policy():
            # Deny by default: a page nobody stated a policy for is nobody's.
            raise PermissionDenied
        api = match.namespace == API_NAMESPACE
        grant = grant_for(match.view_name, request.method)
        if grant is None:
            allowed = sorted(policy()[match.view_name])
            response = HttpResponseNotAllowed([*allowed, "HEAD"] if "GET" in allowed else allowed)
            return _as_json(response, _("This method is not allowed here.")) if api else response
        if grant.on == On.PUBLIC:
            return None
        user = request.user
        if not user.is_authenticated:
            if api:
                # An API client is told to authenticate, not sent to a page.
                response = JsonResponse({"detail": _("Sign in or send an API token.")}, status=401)
                response["WWW-Authenticate"] = "Bearer"
                return response
            return redirect_to_login(request.get_full_path())
        if not user.is_active or user.role not in grant.roles:
            if api:
                return JsonResponse({"detail": _("Your role may not do this.")}, status=403)
            raise PermissionDenied
        return None


# The JSON API (thanrak/api): refusals are JSON with a Thai ``detail``.
API_NAMESPACE = "api"


def _as_json(response: HttpResponse, detail: str) -> JsonResponse:
    json = JsonResponse({"detail": detail}, status=response.status_code)
    json["Allow"] = response["Allow"]
    return json


# Views served by Django itself in development (static files); never in production.
_UNCHECKED = {"django.contrib.staticfiles.views.serve", "django.views.static.serve"}
