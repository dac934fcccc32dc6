"""Demo evidence files made on the spot: photo-like images and small Thai PDFs.

Each file is made once per process (by its seed, or its title and lines) and, attached
through ``attach``, checked and re-encoded once per content as any upload is: a second
load in the same process (the tests' idempotence checks) and the PDFs many records share
reuse that work and store the same bytes.
"""

import dataclasses
import functools
import io
import random

from django.core.files.base import ContentFile
from django.db.models import Model
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFilter

from thanrak.accounts.models import User
from thanrak.evidence.services import PreparedFile, prepare_upload, store_prepared
from thanrak.evidence.validation import display_name

PALETTES = [
    ((46, 125, 90), (236, 201, 120)),
    ((30, 90, 140), (240, 230, 200)),
    ((150, 70, 40), (250, 220, 160)),
    ((90, 60, 130), (230, 210, 240)),
    ((20, 110, 110), (200, 240, 230)),
]


def attach(
    record: Model,
    data: bytes,
    name: str,
    user: User | None,
    purpose: str | None = None,
    caption: str = "",
) -> None:
    """Upload a file as an officer would: the same checks and stored bytes as
    ``evidence_attach``, done once for each distinct content."""
    upload = ContentFile(data, name=name)
    prepared = dataclasses.replace(
        _prepared(data), upload=upload, original_name=display_name(upload)
    )
    store_prepared(record=record, prepared=[prepared], user=user, caption=caption, purpose=purpose)


@functools.lru_cache(maxsize=1024)
def _prepared(data: bytes) -> PreparedFile:
    return prepare_upload(ContentFile(data, name="demo"))


@functools.lru_cache(maxsize=1024)
def photo(seed: int, size: tuple[int, int] = (800, 600)) -> bytes:
    """A JPEG that looks like a blurred snapshot: sky, ground and a few people-like shapes."""
    rng = random.Random(seed)  # repeatable demo pictures, not security  # nosec B311
    top, ground = rng.choice(PALETTES)
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    width, height = size
    horizon = int(height * rng.uniform(0.45, 0.65))
    draw.rectangle([0, horizon, width, height], fill=ground)
    for _ in range(rng.randint(4, 9)):
        x = rng.randint(0, width)
        y = rng.randint(horizon - 120, horizon + 60)
        tone = tuple(rng.randint(30, 220) for _ in range(3))
        draw.ellipse([x - 22, y - 140, x + 22, y - 96], fill=(205, 160, 120))
        draw.rounded_rectangle([x - 40, y - 95, x + 40, y + 40], radius=18, fill=tone)
    draw.rectangle([width * 0.1, height * 0.12, width * 0.9, height * 0.25], fill=(255, 255, 255))
    image = image.filter(ImageFilter.BoxBlur(1))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def pdf(title: str, lines: list[str]) -> bytes:
    """A one-page Thai PDF document (minutes, receipts, letters)."""
    return _pdf(title, tuple(lines))


@functools.cache
def _fetcher():
    # The demo's PDFs fetch nothing; one fetcher spares a new TLS context per document.
    from weasyprint.urls import URLFetcher

    return URLFetcher()


@functools.cache
def _fonts():
    # One font configuration for all the demo's PDFs: the same bytes, at half the cost
    # of loading the fonts again for each document.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.lru_cache(maxsize=256)
def _pdf(title: str, lines: tuple[str, ...]) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html = f"""<html lang="th"><head><style>
      @page {{ size: A4; margin: 2cm; }}
      body {{ font-family: "Laksaman", sans-serif; font-size: 15pt; line-height: 1.6; }}
      h1 {{ font-size: 18pt; text-align: center; }}
    </style></head><body><h1>{escape(title)}</h1>{body}</body></html>"""
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf(font_config=_fonts())
