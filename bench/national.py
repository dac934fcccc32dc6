"""Page timings on the national data set (`make bench-national`, scripts/bench-national.sh).

Run with production settings against the database the script prepared:

    python -m bench.national pages      # print `name: value unit` per figure
    python -m bench.national accounts   # JSON of the load test's accounts and their pages

Page times are server times: each page is requested in this process with Django's test
client (the whole middleware stack, the policy table and the audit trail included; no
network), ``BENCH_WARMUP`` times unmeasured, then ``BENCH_REQUESTS`` times (at least 20),
and p50/p95 are reported. Figures are printed on stdout; notes on which data a figure was
measured on go to stderr.
"""

import argparse
import io
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, Min  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.http import urlencode  # noqa: E402

from thanrak.accounts.access import readable_districts  # noqa: E402
from thanrak.accounts.models import Role, User  # noqa: E402
from thanrak.centers.models import Activity, Center  # noqa: E402
from thanrak.core.thai import current_fiscal_year  # noqa: E402
from thanrak.dashboards import rendered  # noqa: E402
from thanrak.demo.data import PASSWORD  # noqa: E402
from thanrak.producers.models import Producer, Product  # noqa: E402

REQUESTS = max(20, int(os.environ.get("BENCH_REQUESTS", "20")))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
SEARCH = "ผ้า"
EXPORT_ROWS = 20_000


class BenchError(RuntimeError):
    pass


def emit(name: str, value: float | int, unit: str) -> None:
    shown = f"{value:.2f}" if isinstance(value, float) else str(value)
    print(f"{name}: {shown} {unit}", flush=True)


def note(text: str) -> None:
    print(f"note: {text}", file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the value below which `share` of the values lie."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def timed(
    function: Callable[[], object], before: Callable[[], object] | None = None
) -> list[float]:
    """Milliseconds of each measured call, after the warm-up calls (`before` not counted)."""
    for _ in range(WARMUP):
        function()
    times = []
    for _ in range(REQUESTS):
        if before is not None:
            before()
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def emit_times(name: str, times: list[float]) -> None:
    emit(f"{name}_p50_ms", statistics.median(times), "ms")
    emit(f"{name}_p95_ms", percentile(times, 0.95), "ms")


# --- Who and where ------------------------------------------------------------------


def admin() -> User:
    user = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    if user is None:
        raise BenchError("no administrator account: load the demo first")
    return user


def officer_of_province(code: str) -> User:
    """The province's officer, or an administrator where the province has none."""
    user = (
        User.objects.filter(role=Role.PROVINCE_OFFICER, province_id=code, is_active=True)
        .order_by("pk")
        .first()
    )
    return user or admin()


def officer_of_district(code: str) -> User:
    user = (
        User.objects.filter(role=Role.DISTRICT_OFFICER, district_id=code, is_active=True)
        .order_by("pk")
        .first()
    )
    return user or admin()


def nationwide_viewer() -> User:
    """An executive viewer of the whole country (made for the measurement: the caller rolls
    it back)."""
    return User.objects.create_user(
        username="bench-executive", password=None, role=Role.VIEWER, email=""
    )


def catalogue_photo_url() -> str:
    """The public address of the photo the catalogue shows for the product with the most
    photos (the page checks that it is its first)."""
    from thanrak.evidence.models import Evidence

    product = ContentType.objects.get_for_model(Product)
    row = (
        Evidence.objects.filter(content_type=product, kind=Evidence.Kind.IMAGE)
        .values("object_id")
        .annotate(n=Count("id"), first=Min("id"))
        .order_by("-n", "object_id")
        .first()
    )
    if row is None:
        raise BenchError("no product photos: load the demo first")
    return f"{reverse('catalogue_photo')}?id={row['first']}"


def busiest_district() -> str:
    """The district with the most activities (the longest list a district officer sees)."""
    row = (
        Activity.objects.values("center__district_id")
        .annotate(n=Count("id"))
        .order_by("-n", "center__district_id")
        .first()
    )
    if row is None:
        raise BenchError("no activities: load the demo first")
    return row["center__district_id"]


def busiest_province() -> str:
    """The province with the most products (the widest search within one province)."""
    row = (
        Product.objects.values("district__province_id")
        .annotate(n=Count("id"))
        .order_by("-n", "district__province_id")
        .first()
    )
    if row is None:
        raise BenchError("no products: load the demo first")
    return row["district__province_id"]


def province_with_centers(preferred: str) -> str:
    """`preferred` when it has centers, else the province with the most (the demo's)."""
    if Center.objects.filter(district__province_id=preferred).exists():
        return preferred
    row = (
        Center.objects.values("district__province_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if row is None:
        raise BenchError("no centers: load the demo first")
    note(
        f"province {preferred} has no centers: measured on province {row['district__province_id']}"
    )
    return row["district__province_id"]


def busiest_fiscal_year(province: str) -> int:
    """The fiscal year with the most activities in the province (its fullest report)."""
    dates = Activity.objects.filter(center__district__province_id=province).values_list(
        "date", flat=True
    )
    counts: dict[int, int] = {}
    for date in dates.iterator():
        fy = current_fiscal_year(date)
        counts[fy] = counts.get(fy, 0) + 1
    if not counts:
        return current_fiscal_year()
    return max(counts, key=lambda fy: (counts[fy], fy))


def written_in(province: str) -> None:
    """What a write of a record in the province does to the kept figures and results."""
    from thanrak.dashboards import kept
    from thanrak.rules import cache as rules_cache

    rules_cache.touch([province])
    kept.touch([province])


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def get_ok(client: Client, url: str) -> bytes:
    response = client.get(url)
    if response.status_code != 200:
        raise BenchError(f"GET {url} answered {response.status_code}")
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def page_times(name: str, user: User | None, url: str, before=None) -> None:
    client = client_for(user)
    emit_times(name, timed(lambda: get_ok(client, url), before))


# --- The figures --------------------------------------------------------------------


def bench_public_pages() -> None:
    """The anonymous pages, kept for anonymous visitors (``PUBLIC_CACHE_SECONDS``);
    ``_uncached``: the same with the cache emptied before each request, a miss."""
    # The landing page counts the fiscal year's activities and services nationwide.
    page_times("landing", None, reverse("landing"))
    page_times("landing_uncached", None, reverse("landing"), cache.clear)
    page_times("catalogue", None, reverse("catalogue"))
    page_times("catalogue_search", None, f"{reverse('catalogue')}?{urlencode({'q': SEARCH})}")
    page_times("catalogue_uncached", None, reverse("catalogue"), cache.clear)
    # The first page's other two lists, each a miss: the wisdom and the groups nationwide.
    for show in ("wisdom", "groups"):
        page_times(
            f"catalogue_{show}_uncached", None, f"{reverse('catalogue')}?show={show}", cache.clear
        )
    page_times(
        "catalogue_search_uncached",
        None,
        f"{reverse('catalogue')}?{urlencode({'q': SEARCH})}",
        cache.clear,
    )
    # A search from a province's page, within that province (the busiest: most products).
    page_times(
        "catalogue_search_province_uncached",
        None,
        f"{reverse('catalogue')}?{urlencode({'q': SEARCH, 'province': busiest_province()})}",
        cache.clear,
    )


def bench_pages() -> None:
    emit("activities_rows", Activity.objects.count(), "rows")
    emit("producers_rows", Producer.objects.count(), "rows")
    emit("centers_rows", Center.objects.count(), "rows")

    # The rules' results are kept per province (thanrak/rules/cache.py) until a record
    # they read changes: `_uncached` is the same page with every cache emptied first.
    for code in ("30", "10"):
        if not Center.objects.filter(district__province_id=code).exists():
            note(f"compliance_{code}: province {code} has no centers (every rule not held)")
        url = reverse("rules:compliance", args=[code])
        page_times(f"compliance_{code}", officer_of_province(code), url)
        page_times(f"compliance_{code}_uncached", officer_of_province(code), url, cache.clear)
    page_times("compliance_nation", admin(), reverse("rules:nation"))
    page_times("compliance_nation_uncached", admin(), reverse("rules:nation"), cache.clear)

    bench_public_pages()
    search = f"{reverse('producers:search')}?{urlencode({'q': SEARCH})}"
    page_times("otop_search_nation", admin(), search)
    # An executive viewer does not see the names of sole owners who did not agree to be
    # named: their producers are left out of the search (one more condition on the query).
    with transaction.atomic():
        page_times("otop_search_executive", nationwide_viewer(), search)
        transaction.set_rollback(True)
    page_times("catalogue_photo", None, catalogue_photo_url())

    district = busiest_district()
    officer = officer_of_district(district)
    note(f"district_home, activities_list: district {district} (the most activities)")
    page_times("district_home", officer, reverse("centers:district", args=[district]))
    page_times("activities_list", officer, reverse("centers:activity_list", args=[district]))

    province = province_with_centers("30")
    dashboard = reverse("dashboards:province", args=[province])
    page_times("dashboard_province", officer_of_province(province), dashboard)
    page_times("dashboard_province_uncached", officer_of_province(province), dashboard, cache.clear)
    page_times("dashboard_nation", admin(), reverse("dashboards:nation"))
    page_times("dashboard_nation_uncached", admin(), reverse("dashboards:nation"), cache.clear)
    # A record of one province written before each request (its rules' and figures'
    # tokens renewed): that province is counted again, the 76 others' figures read back.
    page_times(
        "dashboard_nation_changed",
        admin(),
        reverse("dashboards:nation"),
        lambda: written_in(province),
    )
    bench_warm()

    bench_consolidated(province)
    bench_export()


def bench_warm() -> None:
    """`manage.py warm_figures` from an empty cache (the first run after midnight): the
    current fiscal year's rules for every district with a center and the dashboards, in
    each language. After it the first readers' pages cost what `compliance_nation` and
    `dashboard_nation` do (thanrak/dashboards/tests/test_warm.py)."""
    seconds = []
    for _ in range(3):
        cache.clear()
        start = time.perf_counter()
        rendered.warm([current_fiscal_year()])
        seconds.append(time.perf_counter() - start)
    emit("warm_figures_s", statistics.median(seconds), "s")


def bench_consolidated(province: str) -> None:
    """Wall time from the request to the whole consolidated PDF, and its pages."""
    from pypdf import PdfReader

    fy = busiest_fiscal_year(province)
    note(f"consolidated_pdf_30: province {province}, fiscal year {fy}")
    client = client_for(officer_of_province(province))
    url = reverse("documents:consolidated_pdf", args=[province, fy])
    # The layout is what is measured, never a PDF kept from before.
    with override_settings(PDF_CACHE_SECONDS=0):
        start = time.perf_counter()
        data = get_ok(client, url)
        elapsed = time.perf_counter() - start
    if not data.startswith(b"%PDF"):
        raise BenchError("the consolidated report is not a PDF")
    emit("consolidated_pdf_30_s", elapsed, "s")
    emit("consolidated_pdf_30_pages", len(PdfReader(io.BytesIO(data)).pages), "pages")


def bench_export() -> None:
    """The producers list of one district as Excel, 20,000 rows, from request to file.

    Producers belong to a district: the district with the most producers is topped up
    to 20,000 with made-up producers inside a transaction that is rolled back, so the
    figure is always for 20,000 rows whatever the data. A list that long is made in the
    background: the officer asks for it (POST), the worker's task runs here in this
    process (the queue's pick-up delay is not counted), then the file is downloaded.
    """
    row = (
        Producer.objects.values("district_id")
        .annotate(n=Count("id"))
        .order_by("-n", "district_id")
        .first()
    )
    district = row["district_id"] if row else busiest_district()
    have = row["n"] if row else 0
    with transaction.atomic():
        top_up_producers(district, have)
        client = client_for(officer_of_district(district))
        start = time.perf_counter()
        data, document = export_producers(client, district)
        elapsed = time.perf_counter() - start
        document = document and document.__class__.objects.get(pk=document.pk)
        transaction.set_rollback(True)
    if document is not None and document.file:
        document.file.storage.delete(document.file.name)
    if not data.startswith(b"PK"):
        raise BenchError("the producers export is not an Excel workbook")
    emit("export_producers_20k_s", elapsed, "s")
    emit("export_producers_rows", max(have, EXPORT_ROWS), "rows")


def top_up_producers(district: str, have: int) -> None:
    """Made-up producers up to EXPORT_ROWS in the district (the caller rolls them back)."""
    missing = max(0, EXPORT_ROWS - have)
    if not missing:
        return
    note(
        f"export_producers_20k: district {district} has {have} producers; "
        f"{missing} made-up ones added for the measurement and rolled back"
    )
    Producer.objects.bulk_create(
        (
            Producer(
                district_id=district,
                name=f"กลุ่มผู้ผลิตทดสอบที่ {i}",
                kind=Producer.Kind.COMMUNITY,
                address=f"{i} หมู่ {i % 12 + 1}",
                description="ผ้าทอมือ",
            )
            for i in range(missing)
        ),
        batch_size=2000,
    )


def export_producers(client: Client, district: str):
    """The list's own export: straight away when short, else through the exports page.

    Returns the workbook's bytes and the background document (None when made inline).
    """
    from thanrak.documents.models import GeneratedDocument
    from thanrak.documents.tasks import make_document

    response = client.get(reverse("producers:producer_export", args=[district]))
    if response.status_code == 200:
        return response.content, None
    if response.status_code != 302:
        raise BenchError(f"the producers export answered {response.status_code}")
    asked = client.post(
        reverse("documents:district_exports", args=[district]), {"what": "producer", "fy": ""}
    )
    if asked.status_code != 302:
        raise BenchError(f"asking for the producers export answered {asked.status_code}")
    document = GeneratedDocument.objects.filter(district_id=district).latest("pk")
    make_document.call(document.pk)
    return get_ok(client, reverse("documents:export_download", args=[document.pk])), document


# --- The load test's accounts -------------------------------------------------------


def _district_pages(code: str) -> list[str]:
    fy = current_fiscal_year()
    return [
        reverse("dashboard"),
        reverse("centers:district", args=[code]),
        reverse("centers:activity_list", args=[code]),
        reverse("centers:meeting_list", args=[code]),
        reverse("producers:home", args=[code]),
        reverse("producers:producer_list", args=[code]),
        reverse("rules:readiness", args=[code]),
        reverse("documents:report_list", args=[code]),
        reverse("documents:report", args=[code, fy]),
        reverse("notifications:inbox"),
        f"{reverse('producers:search')}?{urlencode({'q': SEARCH})}",
    ]


def _province_pages(code: str, districts: list[str]) -> list[str]:
    fy = current_fiscal_year()
    pages = [
        reverse("dashboard"),
        reverse("dashboards:province", args=[code]),
        reverse("rules:compliance", args=[code]),
        reverse("centers:province", args=[code]),
        reverse("producers:province", args=[code]),
        reverse("documents:province_reports", args=[code, fy]),
    ]
    for district in districts[:3]:
        pages += [
            reverse("centers:district", args=[district]),
            reverse("centers:activity_list", args=[district]),
        ]
    return pages


def _account(user: User, pages: list[str]) -> dict:
    return {"username": user.username, "pages": pages}


def accounts(limit: int) -> dict:
    """Up to `limit` accounts of each role, with the pages such a user opens."""
    with_centers = set(Center.objects.values_list("district_id", flat=True))
    users = User.objects.filter(is_active=True).order_by("pk")
    roles: dict[str, list[dict]] = {}

    officers = [
        u for u in users.filter(role=Role.DISTRICT_OFFICER) if u.district_id in with_centers
    ]
    roles["district_officer"] = [_account(u, _district_pages(u.district_id)) for u in officers][
        :limit
    ]

    roles["province_officer"] = []
    for user in users.filter(role=Role.PROVINCE_OFFICER, province__isnull=False)[: limit * 4]:
        codes = sorted(set(readable_districts(user).values_list("code", flat=True)) & with_centers)
        if codes:
            roles["province_officer"].append(
                _account(user, _province_pages(user.province_id, codes))
            )
    roles["province_officer"] = roles["province_officer"][:limit]

    roles["monitor"] = []
    for user in users.filter(role=Role.MONITOR):
        codes = sorted(set(readable_districts(user).values_list("code", flat=True)) & with_centers)
        pages = [reverse("dashboard"), reverse("monitoring:my_visits")]
        for code in codes[:3]:
            pages += [
                reverse("centers:district", args=[code]),
                reverse("rules:readiness", args=[code]),
            ]
        roles["monitor"].append(_account(user, pages))
    roles["monitor"] = roles["monitor"][:limit]

    roles["executive"] = []
    for user in users.filter(role=Role.VIEWER):
        pages = [reverse("dashboard")]
        if user.province_id:
            pages += [
                reverse("dashboards:province", args=[user.province_id]),
                reverse("rules:compliance", args=[user.province_id]),
                reverse("producers:province", args=[user.province_id]),
            ]
        else:
            pages += [reverse("dashboards:nation"), reverse("centers:provinces")]
        roles["executive"].append(_account(user, pages))
    roles["executive"] = roles["executive"][:limit]

    some_districts = sorted(with_centers)[:: max(1, len(with_centers) // 20)][:20]
    public = [
        reverse("landing"),
        reverse("about"),
        reverse("catalogue"),
        f"{reverse('catalogue')}?{urlencode({'q': SEARCH})}",
        f"{reverse('catalogue')}?{urlencode({'q': 'ข้าว'})}",
    ] + [f"{reverse('catalogue')}?{urlencode({'district': code})}" for code in some_districts]
    return {"password": PASSWORD, "public": public, "roles": roles}


def check_accounts(data: dict) -> None:
    """Every page of the first account of each role, and the public pages, answer 200."""
    checks = [(None, url) for url in data["public"]]
    for entries in data["roles"].values():
        if entries:
            user = User.objects.get(username=entries[0]["username"])
            checks += [(user, url) for url in entries[0]["pages"]]
    for user, url in checks:
        client = client_for(user)
        response = client.get(url, follow=True)
        if response.status_code != 200:
            who = user.username if user else "anonymous"
            raise BenchError(f"{who}: GET {url} answered {response.status_code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("pages", help="print the page timings")
    accounts_parser = sub.add_parser("accounts", help="print the load test's accounts as JSON")
    accounts_parser.add_argument("--limit", type=int, default=60, help="accounts per role")
    args = parser.parse_args()
    try:
        if args.command == "pages":
            bench_pages()
        else:
            data = accounts(args.limit)
            check_accounts(data)
            counts = ", ".join(f"{len(v)} {k}" for k, v in data["roles"].items())
            note(f"load test accounts: {counts}")
            print(json.dumps(data, ensure_ascii=False, indent=1))
    except BenchError as error:
        print(f"bench-national: {error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
