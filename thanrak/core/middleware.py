import gzip
import secrets

from django.conf import settings
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import translation
from django.utils.cache import patch_vary_headers

from thanrak.core.linebreaks import thai_html

# What is worth gzipping: pages, fragments, feeds, CSV. Photos, PDFs and workbooks are
# compressed already, and a download keeps its Content-Length.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")


class LanguageMiddleware:
    """Activate the language chosen with the switch, else Thai.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    Thanrak is Thai first, and English only when a person asks for it. A browser that has
    made no choice, signed in by a person who chose another language (``User.language``,
    kept by the switch), is given theirs from the next page on.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        chosen = language in self.supported
        if not chosen:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        if not chosen and settings.LANGUAGE_COOKIE_NAME not in response.cookies:
            self._give_the_persons_language(request, response)
        return response

    def _give_the_persons_language(self, request, response) -> None:
        user = getattr(request, "user", None)
        if user is None or getattr(request, "api_token", None) or not user.is_authenticated:
            return
        language = getattr(user, "language", settings.LANGUAGE_CODE)
        if language in self.supported and language != settings.LANGUAGE_CODE:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )


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


# zlib level for pages. Django's 6 costs some 3.5 ms on a 150 KB catalogue page, 3 under
# 1 ms, for a page about a quarter larger (11 KB instead of 9): on a server of two cores
# at a hundred requests a second that is a third of a core.
GZIP_LEVEL = 3


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for text responses only (see COMPRESSIBLE_TYPES), at
    GZIP_LEVEL; the header padded with random bytes as Django does (BREACH)."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        if response.streaming:
            return super().process_response(request, response)
        # Django's own steps for a whole response, with the level of our choosing.
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = _gzip(response.content, self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response


def _gzip(data: bytes, max_random_bytes: int) -> bytes:
    """gzip at GZIP_LEVEL with a file name of random length in the header, as Django's
    compress_string pads it: the compressed size tells nothing of a secret inside."""
    compressed = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    name = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
    return bytes(header) + name + compressed[10:]


class ThaiLineBreakMiddleware:
    """Cut the text of every HTML page where a Thai line may end (``core.linebreaks``);
    ``THAI_LINE_BREAKS = False`` leaves pages as the templates wrote them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.THAI_LINE_BREAKS
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Encoding")
        ):
            charset = response.charset
            response.content = thai_html(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response.headers["Content-Length"] = str(len(response.content))
        return response
