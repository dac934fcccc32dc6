"""Demo evidence files made on the spot: photo-like images and small Thai PDFs.

A demo file is named by what is drawn or written in it (``photo(seed)``, ``pdf(title,
lines)``); ``attach`` stores what an officer's upload of it would store. The bytes the
upload pipeline keeps for it (a photo re-encoded with its thumbnail, a PDF as it is) are
made once and kept in a folder (``settings.DEMO_FILES_CACHE``): in a folder named by a
digest of the code that decides them (the source of this module and of the upload
pipeline, the versions of the libraries that draw, write and check it), under a digest of
the file's inputs. The folders of other digests are deleted when a process first uses it. Within a
process each distinct file is read or made once: a second load in the same process and
the PDFs many records share reuse it.
"""

import contextlib
import dataclasses
import functools
import hashlib
import io
import random
import shutil
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files.base import ContentFile
from django.db.models import Model
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFilter

from thanrak.accounts.models import User
from thanrak.evidence import services as evidence_services
from thanrak.evidence import validation
from thanrak.evidence.services import PreparedFile, prepare_upload, store_prepared
from thanrak.evidence.validation import FileType, display_name

PALETTES = [
    ((46, 125, 90), (236, 201, 120)),
    ((30, 90, 140), (240, 230, 200)),
    ((150, 70, 40), (250, 220, 160)),
    ((90, 60, 130), (230, 210, 240)),
    ((20, 110, 110), (200, 240, 230)),
]


@dataclasses.dataclass(frozen=True)
class DemoFile:
    """A demo file named by what is in it; its bytes are made when asked for."""

    kind: str  # "photo", "product" or "pdf"
    args: tuple

    @property
    def data(self) -> bytes:
        """The file as an officer would upload it."""
        if self.kind == "photo":
            return _draw_photo(*self.args)
        if self.kind == "product":
            return _draw_product(*self.args)
        return _render_pdf(*self.args)


@dataclasses.dataclass(frozen=True)
class Prepared:
    """What the upload pipeline stores for a demo file."""

    file_type: FileType
    content: bytes  # the stored file
    thumbnail: bytes | None
    reencoded: bool  # a photo re-encoded, not the upload as it is


def photo(seed: int, size: tuple[int, int] = (800, 600)) -> DemoFile:
    """A JPEG that looks like a blurred snapshot: sky, ground and a few people-like shapes."""
    return DemoFile("photo", (seed, tuple(size)))


def product_photo(seed: int, category: str, size: tuple[int, int] = (640, 480)) -> DemoFile:
    """A JPEG of one product on a table, drawn by its OTOP category (a bottle, a jar, a
    folded cloth, a basket)."""
    return DemoFile("product", (seed, category, tuple(size)))


def pdf(title: str, lines: list[str]) -> DemoFile:
    """A one-page Thai PDF document (minutes, receipts, letters)."""
    return DemoFile("pdf", (title, tuple(lines)))


def attach(
    record: Model,
    file: DemoFile,
    name: str,
    user: User | None,
    purpose: str | None = None,
    caption: str = "",
) -> None:
    """Upload a file as an officer would: the same checks and stored bytes as
    ``evidence_attach``, done once for each distinct content (``prepared``)."""
    made = prepared(file)
    upload = ContentFile(made.content, name=name)
    item = PreparedFile(
        upload=upload,
        original_name=display_name(upload),
        file_type=made.file_type,
        content=made.content if made.reencoded else None,
        thumbnail=made.thumbnail,
    )
    store_prepared(record=record, prepared=[item], user=user, caption=caption, purpose=purpose)


@functools.lru_cache(maxsize=1024)
def prepared(file: DemoFile) -> Prepared:
    """What the upload pipeline stores for the file: from the cache folder, or made
    (drawn or written, then checked and re-encoded by ``prepare_upload``) and kept there."""
    folder, key = _folder(), _key(file)
    try:
        made = folder.get(key)
    except Exception:  # noqa: BLE001 - an entry that cannot be read is made again
        made = None
    if not isinstance(made, Prepared):
        made = _prepare(file.data)
        # A folder that cannot be written only means the file is made again next time.
        with contextlib.suppress(OSError):
            folder.set(key, made, timeout=None)
    return made


def _folder() -> FileBasedCache:
    """Django's file cache in a folder of DEMO_FILES_CACHE named by ``_fingerprint``: each
    entry written aside and renamed into place (a process reading it at the same time never
    sees half of it), kept until the code or the libraries that decide it change."""
    folder = _current(Path(settings.DEMO_FILES_CACHE), _fingerprint().hex()[:24])
    return FileBasedCache(str(folder), {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 100_000}})


@functools.cache
def _current(base: Path, name: str) -> Path:
    """The folder of this fingerprint; the first time in a process, the folders of other
    fingerprints (and entries of the older flat layout) are deleted: nothing reads them
    again."""
    with contextlib.suppress(OSError):
        for old in base.iterdir():
            if old.name == name:
                continue
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            elif old.suffix == ".djcache":
                old.unlink(missing_ok=True)
    return base / name


def _prepare(data: bytes) -> Prepared:
    result = prepare_upload(ContentFile(data, name="demo"))
    return Prepared(
        file_type=result.file_type,
        content=result.content if result.content is not None else data,
        thumbnail=result.thumbnail,
        reencoded=result.content is not None,
    )


# What decides a demo file's stored bytes besides its inputs: the code that draws or
# writes it and the upload pipeline that checks and re-encodes it, the libraries they
# call and the limits the checks apply.
_SOURCES = (Path(__file__), Path(evidence_services.__file__), Path(validation.__file__))


@functools.cache
def _fingerprint() -> bytes:
    # The libraries' versions from their metadata: importing WeasyPrint to ask would
    # cost more than a load from a full cache.
    from PIL import features

    digest = hashlib.sha256()
    for source in _SOURCES:
        digest.update(source.read_bytes())
    versions = (
        *(metadata.version(name) for name in ("pillow", "weasyprint", "pydyf", "pypdf")),
        features.version("jpg"),
        features.version("zlib"),
        settings.EVIDENCE_MAX_BYTES,
        settings.EVIDENCE_MAX_PIXELS,
    )
    digest.update(repr(versions).encode())
    return digest.digest()


def _key(file: DemoFile) -> str:
    """The file's entry in the folder of the fingerprint: a digest of its inputs."""
    return hashlib.sha256(repr((file.kind, file.args)).encode()).hexdigest()


def _draw_photo(seed: int, size: tuple[int, int]) -> bytes:
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


def _draw_product(seed: int, category: str, size: tuple[int, int]) -> bytes:
    rng = random.Random(seed)  # repeatable demo pictures, not security  # nosec B311
    wall, table = rng.choice(PALETTES)
    image = Image.new("RGB", size, table)
    draw = ImageDraw.Draw(image)
    width, height = size
    edge = int(height * 0.62)
    draw.rectangle([0, 0, width, edge], fill=wall)
    tone = tuple(rng.randint(40, 200) for _ in range(3))
    cx, base = width // 2, int(height * 0.8)
    draw.ellipse([cx - 150, base - 25, cx + 150, base + 25], fill=(90, 80, 70))  # its shadow
    if category in ("drink", "herbal"):  # a bottle with a label
        draw.rounded_rectangle([cx - 55, base - 250, cx + 55, base], radius=30, fill=tone)
        draw.rectangle([cx - 22, base - 320, cx + 22, base - 240], fill=tone)
        draw.rectangle([cx - 26, base - 340, cx + 26, base - 318], fill=(60, 50, 40))
        draw.rectangle([cx - 55, base - 170, cx + 55, base - 90], fill=(250, 245, 230))
    elif category == "textile":  # a folded cloth, striped
        for fold in range(3):
            top = base - 60 * (fold + 1)
            draw.rounded_rectangle([cx - 170, top, cx + 170, top + 58], radius=10, fill=tone)
            for x in range(cx - 160, cx + 160, 40):
                draw.rectangle([x, top + 8, x + 14, top + 50], fill=(240, 220, 160))
    elif category == "article":  # a woven basket
        draw.arc([cx - 110, base - 260, cx + 110, base - 40], 180, 360, fill=tone, width=14)
        rim, foot = (cx - 150, cx + 150), (cx - 115, cx + 115)
        draw.polygon(
            [(rim[0], base - 150), (rim[1], base - 150), (foot[1], base), (foot[0], base)],
            fill=tone,
        )
        for x in range(-120, 121, 30):
            draw.line([cx + x, base - 150, cx + x * 0.77, base], fill=(230, 200, 150), width=4)
    else:  # food: a jar with a lid and a label
        draw.rounded_rectangle([cx - 100, base - 200, cx + 100, base], radius=24, fill=tone)
        draw.rectangle([cx - 110, base - 235, cx + 110, base - 195], fill=(180, 40, 40))
        draw.ellipse([cx - 60, base - 140, cx + 60, base - 60], fill=(250, 245, 230))
    image = image.filter(ImageFilter.BoxBlur(1))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


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


def _render_pdf(title: str, lines: tuple[str, ...]) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html = f"""<html lang="th"><head><style>
      @page {{ size: A4; margin: 2cm; }}
      body {{ font-family: "Laksaman", sans-serif; font-size: 15pt; line-height: 1.6; }}
      h1 {{ font-size: 18pt; text-align: center; }}
    </style></head><body><h1>{escape(title)}</h1>{body}</body></html>"""
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf(font_config=_fonts())
