from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import condition, require_safe

from thanrak.areas.models import District, Province, Subdistrict
from thanrak.centers.models import Activity, Center, Publicity
from thanrak.core.db import area_name_order, in_thai_order, thai_order
from thanrak.core.thai import current_fiscal_year
from thanrak.evidence.models import Evidence
from thanrak.evidence.views import protected_file
from thanrak.producers import selectors
from thanrak.producers.models import Group, Product, Wisdom
from thanrak.producers.search import Query
from thanrak.public import open_data as data
from thanrak.public.cache import anonymous_cache, max_age
from thanrak.public.selectors import achievements


@require_safe
@anonymous_cache
def landing(request: HttpRequest) -> HttpResponse:
    """What a center does and, in figures, what the centers did this fiscal year so far."""
    context = {
        "achieved": achievements(current_fiscal_year()),
        "today": timezone.localdate(),
    }
    return render(request, "public/landing.html", context)


@require_safe
@anonymous_cache
def about(request: HttpRequest) -> HttpResponse:
    import geothai

    counts = {
        "provinces": Province.objects.count(),
        "districts": District.objects.count(),
        "subdistricts": Subdistrict.objects.count(),
    }
    return render(
        request,
        "public/about.html",
        {"area_counts": counts, "geothai_version": geothai.DATA_VERSION},
    )


# --- The public catalogue of local wisdom, groups and products ---------------------


CATALOGUE_PAGE_SIZE = 24


@require_safe
@anonymous_cache
def catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue: products, local wisdom or occupational groups (?show=) page by page
    under their province and district, products by OTOP category; the centers of one
    province (?province=); search (?q=) shows only its hits; one district center's page
    (?district=)."""
    code = request.GET.get("district", "")
    if code:
        return _district_catalogue(request, code)
    query = Query.parse(request.GET.get("q", ""))
    category = request.GET.get("category", "")
    if category not in Product.Category.values:
        category = ""
    show = request.GET.get("show", "")
    if show not in ("wisdom", "groups"):
        show = "products"
    elif not query:
        category = ""  # the OTOP category sorts products only
    context = {
        "query": query,
        "category": category,
        "categories": Product.Category.choices,
        "show": show,
    }
    province = Province.objects.filter(code=request.GET.get("province", "")).first()
    if query:
        hits = selectors.search_public(query, category=category, province=province)
        context |= {"hits": hits, "province": province}
        return render(request, "public/catalogue.html", context)
    lists = _catalogue_lists(province, category)
    counts = {kind: items.count() for kind, items in lists.items()}
    paginator = Paginator(lists[show], CATALOGUE_PAGE_SIZE)
    paginator.count = counts[show]  # counted once, for its tab and its pages
    page = paginator.get_page(request.GET.get("page"))
    context |= {
        "province": province,
        "provinces": _provinces_with_centers(),
        "centers": Center.objects.filter(district__province=province)
        .select_related("district")
        .order_by(area_name_order("district__"))
        if province
        else [],
        "counts": counts,
        "page": page,
        "continued": _continued_district(lists[show], page),
    }
    return render(request, "public/catalogue.html", context)


def _continued_district(items, page) -> str:
    """The district the previous page ended with, when this page goes on with it."""
    if page.number == 1 or not page.object_list:
        return ""
    before = page.start_index() - 2
    previous = items.values_list("district_id", flat=True)[before : before + 1]
    first = page.object_list[0].district_id
    return first if list(previous) == [first] else ""


def _catalogue_lists(province: Province | None, category: str) -> dict:
    """What the catalogue's first page lists, each a query in page order: the products (of
    the category), the local wisdom and the occupational groups, of the province if one."""
    where = {"district__province": province} if province else {}
    products = Product.objects.filter(**where)
    if category:
        products = products.filter(category=category)
    return {
        "products": catalogue_products(products),
        "wisdom": catalogue_wisdom(Wisdom.objects.filter(**where)).order_by(
            "district_id", thai_order("title"), "id"
        ),
        "groups": catalogue_groups(Group.objects.filter(**where)).order_by(
            "district_id", thai_order("name"), "id"
        ),
    }


def _provinces_with_centers() -> list[Province]:
    """Provinces that have a center, with how many (``center_count``), in code order."""
    return list(
        Province.objects.filter(districts__center__isnull=False)
        .annotate(center_count=Count("districts__center"))
        .order_by("code")
    )


def _district_catalogue(request: HttpRequest, code: str) -> HttpResponse:
    center = get_object_or_404(
        Center.objects.select_related("district__province"), district_id=code
    )
    district = center.district
    query = Query.parse(request.GET.get("q", ""))
    context = {
        "center": center,
        "district": district,
        "query": query,
        "hits": selectors.search_public(query, district) if query else [],
        "wisdom": in_thai_order(catalogue_wisdom(Wisdom.objects.filter(district=district))),
        "groups": in_thai_order(catalogue_groups(Group.objects.filter(district=district))),
        "products": catalogue_products(Product.objects.filter(district=district)),
        "activities": Activity.objects.filter(center=center).order_by("-date", "-id")[:8],
        "publicity": Publicity.objects.filter(center=center).order_by("-date", "-id")[:8],
    }
    return render(request, "public/catalogue_district.html", context)


def _photos(model):
    return Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(model), kind=Evidence.Kind.IMAGE
    ).order_by("id")


def catalogue_wisdom(queryset):
    """Local wisdom with what the public pages show: place and first photo."""
    return queryset.select_related("district__province", "subdistrict").prefetch_related(
        Prefetch("evidence", _photos(Wisdom), to_attr="photos")
    )


def catalogue_groups(queryset):
    """Occupational groups with what the public pages show: place and products made."""
    return queryset.select_related("district__province", "subdistrict").prefetch_related(
        "producers__products"
    )


def catalogue_products(queryset):
    """Products with what the public page shows: producer, certifications, first photo."""
    return (
        queryset.select_related("producer", "district__province")
        .prefetch_related(
            selectors.held_certifications(),
            Prefetch("evidence", _photos(Product), to_attr="photos"),
        )
        .order_by("district_id", thai_order("name"), "id")
    )


@require_safe
def catalogue_photo(request: HttpRequest) -> HttpResponse:
    """The thumbnail of the photo the catalogue shows for a product or a wisdom entry: its
    first (``_photos``). Their other photos, a group's and every other file stay private."""
    pk = request.GET.get("id", "")
    if not pk.isdigit():
        raise Http404
    public_types = ContentType.objects.get_for_models(Product, Wisdom).values()
    item = get_object_or_404(
        Evidence,
        pk=pk,
        kind=Evidence.Kind.IMAGE,
        content_type__in=list(public_types),
    )
    first = Evidence.objects.filter(
        content_type=item.content_type_id, object_id=item.object_id, kind=Evidence.Kind.IMAGE
    ).order_by("id")[:1]
    if not item.thumbnail or first.get().pk != item.pk:
        raise Http404
    return protected_file(
        item.thumbnail.storage,
        item.thumbnail.name,
        content_type="image/jpeg",
        filename=f"photo-{item.pk}.jpg",
        attachment=False,
    )


# --- Open data: the catalogue as CSV and JSON files ---------------------------------


@require_safe
@anonymous_cache
def open_data(request: HttpRequest) -> HttpResponse:
    """The open-data page: each dataset with its size, last change, files and columns."""
    datasets = [(dataset, data.stats(dataset)) for dataset in data.DATASETS.values()]
    # A line may end between the licence's words and after a slash of its address, not
    # inside «CC BY 4.0» or before the address's last slash.
    short = format_html('<span class="nobreak">{}</span>', data.LICENCE_SHORT)
    address = data.LICENCE["url"].removeprefix("https://").rstrip("/").split("/")
    context = {
        "datasets": datasets,
        "licence": data.LICENCE,
        "licence_name": format_html("{} ({})", data.LICENCE_TITLE, short),
        "licence_short": short,
        "licence_address": format_html_join("", "{}/<wbr>", ((p,) for p in address)),
        "publisher": data.PUBLISHER,
    }
    return render(request, "public/open_data.html", context)


def _etag(request: HttpRequest, dataset: str, fmt: str) -> str:
    return data.stats(data.DATASETS[dataset]).etag


def _last_modified(request: HttpRequest, dataset: str, fmt: str):
    return data.stats(data.DATASETS[dataset]).updated_at


CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def open_data_file(request: HttpRequest, dataset: str, fmt: str) -> StreamingHttpResponse:
    """A dataset as a streamed file, the same for every visitor (so public to caches).

    HEAD answers with GET's headers and reads no row (harvesters check before they fetch).
    """
    chosen = data.DATASETS[dataset]
    links = data.links_for(request)
    if request.method == "HEAD":
        chunks = iter(())
    elif fmt == "csv":
        chunks = data.csv_lines(chosen, links)
    else:
        chunks = data.json_chunks(chosen, links)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="thanrak-{dataset}.{fmt}"'
    response["Link"] = f'<{data.LICENCE["url"]}>; rel="license"'
    patch_cache_control(response, public=True, max_age=max_age())
    return response
