"""The public pages' cache: anonymous visitors only, one entry per page and language.

A public page is the same for every anonymous visitor but for the CSRF token of the
language switch. The rendered page is kept (Django's cache, ``settings.CACHES``) with
that token replaced by a placeholder, and each visitor gets it with a token masked
anew for their own CSRF cookie, as an uncached page would have. Signed-in users never
read or fill the cache and their pages say ``private, no-store``; the language is part
of the key (and of ``Vary: Cookie``, the cookie it comes from). A page that shows a
message (after signing out, say) is neither served from nor written to the cache.
``PUBLIC_CACHE_SECONDS`` (0 turns it off) is both the server's lifetime of an entry and
the ``max-age`` told to browsers and proxies. A page shows what holds today (the standards
in force), so an entry is kept for one local day: the day is part of the key, and
``max-age`` never reaches past the coming midnight.
"""

import datetime as dt
import hashlib
import re
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

CSRF_SLOT = "__csrf_token_of_this_response__"  # where each visitor's token goes
RENDERED_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,})"')


def today_key(name: str) -> str:
    """A cache key of what is kept for the local day only."""
    return f"{name}:{timezone.localdate().isoformat()}"


def _key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    htmx = "htmx" if request.headers.get("HX-Request") else "page"
    return today_key(f"public-page:{request.LANGUAGE_CODE}:{htmx}:{path}")


def max_age() -> int:
    """PUBLIC_CACHE_SECONDS, or the seconds left until the local midnight if fewer."""
    now = timezone.localtime()
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    return max(0, min(settings.PUBLIC_CACHE_SECONDS, int((midnight - now).total_seconds())))


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _store(request: HttpRequest, response: HttpResponse) -> None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    content = response.content.decode(response.charset)
    tokens = set(RENDERED_TOKEN.findall(content))
    for token in tokens:
        content = content.replace(token, CSRF_SLOT)
    if len(tokens) <= 1:
        cache.set(
            _key(request),
            {"content": content, "content_type": response["Content-Type"]},
            settings.PUBLIC_CACHE_SECONDS,
        )


def anonymous_cache(view):
    """Serve the view's page to anonymous visitors from the cache, and let them cache it."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                add_never_cache_headers(response)
            return response
        cached = cache.get(_key(request))
        if cached is None:
            response = view(request, *args, **kwargs)
            _store(request, response)
        else:
            content = cached["content"].replace(CSRF_SLOT, get_token(request))
            response = HttpResponse(content, content_type=cached["content_type"])
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=max_age())
            patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
