"""The first-load weight of a page through Django's test client: HTML, CSS, JS and fonts.

``first_load_kb(client, url)`` (also importable from ``bench.weight``) fetches the page
with ``Accept-Encoding: gzip`` through a Django test ``Client`` (sign it in first for
pages behind the login), then every ``<link rel="stylesheet">``, ``<script src>`` and
preloaded font of the HTML and every ``url(…)`` font or ``@import`` of those
stylesheets, and sums the bytes of the bodies as sent (compressed where the server
compressed them). Images are left out. Every font a stylesheet declares is counted,
although a browser fetches only the faces a page's text needs: the figure is the most a
first visit can cost.

A static file is counted as production serves it, whatever the settings of the run
(tests and ``DEBUG=1`` serve static files uncompressed or not at all): read through the
staticfiles finders and compressed as WhiteNoise's ``CompressedManifestStaticFilesStorage``
stores it — gzip level 9, unless the type is already compressed (fonts, images) or gzip
saves less than 5 %. Other URLs are fetched.

    from bench.weight import first_load_kb
    client.force_login(user)
    print(first_load_kb(client, "/provinces/84/compliance/"))
"""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from whitenoise.compress import Compressor

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
FONT_EXTENSIONS = (".woff2", ".woff", ".ttf", ".otf")


class _Assets(HTMLParser):
    """The stylesheets, scripts and preloaded fonts an HTML page loads, in order."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        loads = "stylesheet" in rel or ("preload" in rel and attrs.get("as") == "font")
        if tag == "link" and attrs.get("href") and loads:
            self.urls.append(attrs["href"])


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _as_served_by_whitenoise(url: str) -> bytes | None:
    """A static file's bytes as WhiteNoise's compressed storage sends them, or None."""
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        return None
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    if not found:
        return None
    with open(found, "rb") as f:
        data = f.read()
    compressor = Compressor(quiet=True)
    if not compressor.should_compress(found):
        return data
    compressed = compressor.compress_gzip(data)
    return compressed if data and len(compressed) / len(data) <= 0.95 else data


def _fetch(client, url: str) -> bytes:
    static = _as_served_by_whitenoise(url)
    if static is not None:
        return static
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    if response.status_code != 200:
        raise AssertionError(f"{url}: HTTP {response.status_code}")
    return _body(response)


def _decoded(data: bytes) -> str:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


def first_load_bytes(client, url: str) -> dict[str, int]:
    """Bytes sent for the page and for each asset it loads, by URL (the page first)."""
    page = _fetch(client, url)
    sizes = {url: len(page)}
    parser = _Assets()
    parser.feed(_decoded(page))
    queue = [urljoin(url, asset) for asset in parser.urls]
    while queue:
        asset = queue.pop(0)
        if asset in sizes:
            continue
        data = _fetch(client, asset)
        sizes[asset] = len(data)
        if urlsplit(asset).path.endswith(".css"):
            for match in CSS_URL.finditer(_decoded(data)):
                ref = match.group(1) or match.group(2)
                target = urljoin(asset, ref.strip())
                if target.endswith(".css") or urlsplit(target).path.endswith(FONT_EXTENSIONS):
                    queue.append(target)
    return sizes


def first_load_kb(client, url: str) -> float:
    """Kilobytes (1,024 bytes) sent for the page and everything it loads, compressed as served."""
    return round(sum(first_load_bytes(client, url).values()) / 1024, 1)
