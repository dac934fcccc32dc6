from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils import translation

# What is worth gzipping: pages, fragments, feeds, CSV. Photos, PDFs and workbooks are
# compressed already, and a download keeps its Content-Length.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")


class LanguageMiddleware:
    """Activate the language chosen with the switch, else Thai.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    Thanrak is Thai first, and English only when a person asks for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header built from settings.PERMISSIONS_POLICY.

    Each feature maps to the origins allowed to use it: an empty list is `feature=()`,
    off everywhere; "self" is `feature=(self)`. A view may set its own header.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(_origin(o) for o in origins)})"
            for feature, origins in getattr(settings, "PERMISSIONS_POLICY", {}).items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def _origin(origin: str) -> str:
    # Keywords stand bare in the header, origins are quoted: camera=(self "https://x").
    return origin if origin in ("self", "*", "src") else f'"{origin}"'


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for text responses only (see COMPRESSIBLE_TYPES)."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
