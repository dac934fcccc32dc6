"""The public catalogue as open data: centers, local wisdom and products in CSV and JSON.

A dataset is a list of ``Column``s (a stable English snake_case key, a Thai title, how to
read the value) over one queryset. Only what the catalogue's pages show goes in: never a
citizen ID, a member, a producer's phone or address, nor the name of a private person who
has not agreed to be shown (``Wisdom.holder_public``, ``Producer.name_public``). Values are
written in Thai whatever the visitor's language, so a file is the same for everyone.

Files are streamed, rows read in chunks: the national products (100,000 and more) never
sit whole in memory. They are not kept in the server's cache (tens of MB in each worker);
browsers and proxies keep them for ``PUBLIC_CACHE_SECONDS`` (never past midnight, when a
standard may lapse) and ask again with the ETag, answered 304 without reading a row.
"""

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thanrak.centers.models import Center
from thanrak.core.db import thai_order
from thanrak.core.spreadsheets import csv_line_writer
from thanrak.evidence.models import Evidence
from thanrak.producers.models import Certification, Producer, Product, Wisdom
from thanrak.producers.selectors import held_certifications
from thanrak.public.cache import today_key

# Creative Commons Attribution 4.0: data.go.th accepts it, it is understood abroad, and the
# area names inside come from GeoThai under the same licence, so one credit line covers all.
LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
LICENCE_SHORT = "CC BY 4.0"
LICENCE = {
    "id": "CC-BY-4.0",
    "name": f"{LICENCE_TITLE} ({LICENCE_SHORT})",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
PUBLISHER = "กรมการพัฒนาชุมชน กระทรวงมหาดไทย"
CHUNK = 2000


@dataclass(frozen=True)
class Column:
    key: str
    title: Promise
    value: Callable[[Any, "Links"], Any]


@dataclass(frozen=True)
class Links:
    """Absolute addresses of the catalogue's pages and photos, for this site."""

    catalogue: str
    photo: str

    def center(self, district_code: str) -> str:
        return f"{self.catalogue}?district={district_code}"

    def photo_of(self, record) -> str:
        return f"{self.photo}?id={record.photos[0].pk}" if record.photos else ""


@dataclass(frozen=True)
class Dataset:
    key: str
    title: Promise
    description: Promise
    columns: tuple[Column, ...]
    rows: Callable[[], QuerySet]
    changed: Callable[[], dt.datetime | None]

    def records(self, links: Links) -> Iterator[dict[str, Any]]:
        """Each record as {key: value}, in Thai, in the dataset's order."""
        with translation.override("th"):
            for obj in self.rows().iterator(chunk_size=CHUNK):
                yield {column.key: _plain(column.value(obj, links)) for column in self.columns}


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Promise) else value


def _photos(model) -> Prefetch:
    images = Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(model), kind=Evidence.Kind.IMAGE
    ).order_by("id")
    return Prefetch("evidence", images, to_attr="photos")


def _latest(*querysets: QuerySet) -> dt.datetime | None:
    times = [qs.aggregate(latest=Max("updated_at"))["latest"] for qs in querysets]
    return max((t for t in times if t), default=None)


def _products_changed(today: dt.date) -> dt.datetime | None:
    """When the products file last changed: a record written, or a standard lapsing, since
    the file lists only the standards in force (at the start of the day after its last day)."""
    latest = _latest(Product.objects.all(), Producer.objects.all(), Certification.objects.all())
    lapsed = Certification.objects.filter(expires_on__lt=today).aggregate(day=Max("expires_on"))
    if lapsed["day"] is None:
        return latest
    start = dt.datetime.combine(lapsed["day"] + dt.timedelta(days=1), dt.time.min)
    lapsed_at = timezone.make_aware(start)
    return max(lapsed_at, latest) if latest else lapsed_at


def _area_columns() -> tuple[Column, ...]:
    return (
        Column("province_code", _("Province code"), lambda o, _l: o.district.province_id),
        Column("province_name", _("Province"), lambda o, _l: o.district.province.full_name),
        Column("district_code", _("District code"), lambda o, _l: o.district_id),
        Column("district_name", _("District"), lambda o, _l: o.district.full_name),
    )


def _photo_column() -> Column:
    return Column("photo_url", _("Photo address"), lambda o, links: links.photo_of(o))


def _catalogue_column(anchor: str = "") -> Column:
    """The record's center in the catalogue; ``anchor`` names the record's place on it."""

    def value(obj, links: Links) -> str:
        page = links.center(obj.district_id)
        return f"{page}#{anchor}-{obj.pk}" if anchor else page

    return Column("catalogue_url", _("Page in the catalogue"), value)


# The datasets are data: alike in shape (key, title, description, columns, rows) by design,
# each column one line a reader checks against the catalogue's pages.
CENTERS = Dataset(
    key="centers",
    title=_("Grassroots Economy Promotion Service Centers"),
    description=_(
        "Every district center with a page in the catalogue: where it is, its opening hours and its office phone."
    ),
    columns=(
        *_area_columns(),
        Column("name", _("Center name"), lambda o, _l: o.name),
        Column("location", _("Location"), lambda o, _l: o.display_location),
        Column("opening_hours", _("Opening hours"), lambda o, _l: o.opening_hours),
        Column("phone", _("Office phone"), lambda o, _l: o.phone),
        _catalogue_column(),
    ),
    rows=lambda: Center.objects.select_related("district__province").order_by(
        "district__province_id", thai_order("district__name_th"), "district_id"
    ),
    changed=lambda: _latest(Center.objects.all()),
)

WISDOM = Dataset(
    key="wisdom",
    title=_("Local wisdom"),
    description=_(
        "The local-wisdom catalogue of every center: title, branch, subdistrict and description; the village sage's name only with their consent."
    ),
    columns=(
        Column("id", _("Entry number"), lambda o, _l: o.pk),
        *_area_columns(),
        Column("title", _("Wisdom title"), lambda o, _l: o.title),
        Column("branch", _("Branch code"), lambda o, _l: o.branch),
        Column("branch_name", _("Branch"), lambda o, _l: o.get_branch_display()),
        Column("subdistrict_code", _("Subdistrict code"), lambda o, _l: o.subdistrict_id or ""),
        Column(
            "subdistrict_name",
            _("Subdistrict"),
            lambda o, _l: o.subdistrict.full_name if o.subdistrict else "",
        ),
        Column(
            "holder",
            _("Village sage (only with their consent)"),
            lambda o, _l: o.holder if o.holder_public else "",
        ),
        Column("description", _("Description"), lambda o, _l: o.description),
        _photo_column(),
        _catalogue_column(anchor="wisdom"),
    ),
    rows=lambda: (
        Wisdom.objects.select_related("district__province", "subdistrict__district")
        .prefetch_related(_photos(Wisdom))
        .order_by("district_id", thai_order("title"), "id")
    ),
    changed=lambda: _latest(Wisdom.objects.all()),
)


def _producer_name(product: Product) -> str:
    return product.producer.name if product.producer.name_public else ""


def _standards(product: Product) -> str:
    """The standards in force, each once (the rows prefetch them: held_certifications)."""
    kinds = dict.fromkeys(c.kind for c in product.certifications.all())
    return "; ".join(str(Certification.Kind(kind).label) for kind in kinds)


PRODUCTS = Dataset(
    key="products",
    title=_("Community products"),
    description=_(
        "The OTOP and community products of every center: category, stars, price, standards and where to buy; the producer's name only where it may be shown."
    ),
    columns=(
        Column("id", _("Product number"), lambda o, _l: o.pk),
        *_area_columns(),
        Column("name", _("Product name"), lambda o, _l: o.name),
        Column("category", _("OTOP category code"), lambda o, _l: o.category),
        Column("category_name", _("OTOP category"), lambda o, _l: o.get_category_display()),
        Column("stars", _("Star level"), lambda o, _l: o.stars),
        Column("price", _("Price"), lambda o, _l: o.price),
        Column(
            "producer_name", _("Producer (where it may be shown)"), lambda o, _l: _producer_name(o)
        ),
        Column("standards", _("Standards"), lambda o, _l: _standards(o)),
        Column("where_to_buy", _("Where to buy"), lambda o, _l: o.producer.sales_channels),
        _photo_column(),
        _catalogue_column(),
    ),
    rows=lambda: (
        Product.objects.select_related("producer", "district__province")
        .prefetch_related(
            held_certifications(),
            _photos(Product),
        )
        .order_by("district_id", thai_order("name"), "id")
    ),
    changed=lambda: _products_changed(timezone.localdate()),
)

DATASETS = {dataset.key: dataset for dataset in (CENTERS, WISDOM, PRODUCTS)}
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class Stats:
    count: int
    updated_at: dt.datetime | None

    @property
    def etag(self) -> str:
        stamp = self.updated_at.timestamp() if self.updated_at else 0
        return f'W/"{self.count}-{stamp:.6f}"'


def stats(dataset: Dataset) -> Stats:
    """How many records a dataset has and when the newest changed; kept as public pages are."""
    key = today_key(f"open-data-stats:{dataset.key}")  # a standard lapses at midnight
    if settings.PUBLIC_CACHE_SECONDS > 0 and (kept := cache.get(key)) is not None:
        return kept
    result = Stats(count=dataset.rows().aggregate(n=Count("pk"))["n"], updated_at=dataset.changed())
    if settings.PUBLIC_CACHE_SECONDS > 0:
        cache.set(key, result, settings.PUBLIC_CACHE_SECONDS)
    return result


def links_for(request: HttpRequest) -> Links:
    return Links(
        catalogue=request.build_absolute_uri(reverse("catalogue")),
        photo=request.build_absolute_uri(reverse("catalogue_photo")),
    )


def csv_lines(dataset: Dataset, links: Links) -> Iterator[str]:
    """The dataset as CSV: a byte-order mark (Excel then reads UTF-8 Thai), one header row
    of the English keys, one row per record; formula-like text is guarded by the writer."""
    writer = csv_line_writer()
    yield "\ufeff" + writer.writerow([column.key for column in dataset.columns])
    for record in dataset.records(links):
        yield writer.writerow(["" if value is None else value for value in record.values()])


def json_chunks(dataset: Dataset, links: Links) -> Iterator[str]:
    """The dataset as one JSON object: its metadata (licence, source, generated_at, the
    fields with their Thai titles), then ``records``, written record by record."""
    with translation.override("th"):
        head = {
            "dataset": dataset.key,
            "title": str(dataset.title),
            "description": str(dataset.description),
            "licence": LICENCE,
            "source": {"publisher": PUBLISHER, "url": links.catalogue},
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "fields": [{"name": c.key, "title": str(c.title)} for c in dataset.columns],
        }
    opening = json.dumps(head, ensure_ascii=False, indent=1)
    yield opening[: opening.rstrip().rindex("}")].rstrip() + ',\n "records": ['
    count = 0
    for record in dataset.records(links):
        yield ("," if count else "") + "\n  " + json.dumps(record, ensure_ascii=False)
        count += 1
    yield f'\n ],\n "record_count": {count}\n}}\n'
