"""The catalogue at national scale: pages, grouping, the category filter, search, the cache."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from conftest import CHAIYA, NAKHON_DISTRICT, PHUNPHIN
from thanrak.producers.models import Certification, Product
from thanrak.producers.tests.factories import make_group, make_product
from thanrak.public.views import CATALOGUE_PAGE_SIZE

CATALOGUE = "/catalogue/"


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def names(response) -> list[str]:
    return re.findall(r"<h3>([^<]+)</h3>", response.text)


@pytest.mark.django_db
def test_products_come_page_by_page_under_province_and_district_headings(client, centers):
    for i in range(CATALOGUE_PAGE_SIZE):
        make_product(PHUNPHIN, f"สินค้าพุนพิน {i:02}")
    make_product(CHAIYA, "ไข่เค็มไชยา")
    make_product(NAKHON_DISTRICT, "ผ้ายกเมืองนคร")

    first = client.get(CATALOGUE)
    assert len(names(first)) == CATALOGUE_PAGE_SIZE
    assert "หน้า 1 จาก 2" in first.text
    # District codes start with their province's: province by province, district by district.
    headings = [
        (kind, strip_tags(heading))
        for kind, heading in re.findall(
            r'class="catalogue-(province|district)">(?:<a [^>]+>)?(.+?)</(?:a|p|h\d)>', first.text
        )
    ]
    assert headings == [
        ("province", "จังหวัดนครศรีธรรมราช"),
        ("district", "อำเภอเมืองนครศรีธรรมราช"),
        ("province", "จังหวัดสุราษฎร์ธานี"),
        ("district", "อำเภอไชยา"),
        ("district", "อำเภอพุนพิน"),
    ]
    second = client.get(CATALOGUE, {"page": 2})
    assert names(second) == ["สินค้าพุนพิน 22", "สินค้าพุนพิน 23"]


@pytest.mark.django_db
def test_the_category_filter_keeps_only_that_category(client, centers):
    make_product(CHAIYA, "ไข่เค็มไชยา", category=Product.Category.FOOD)
    make_product(CHAIYA, "ผ้าไหมพุมเรียง", category=Product.Category.TEXTILE)
    response = client.get(CATALOGUE, {"category": "textile"})
    assert names(response) == ["ผ้าไหมพุมเรียง"]
    assert '<option value="textile" selected>' in response.text
    # An unknown category is no filter.
    assert len(names(client.get(CATALOGUE, {"category": "x"}))) == 2
    # With a search, only products of the category are found.
    response = client.get(CATALOGUE, {"q": "ไข่เค็ม ผ้าไหม", "category": "textile"})
    assert "ผ้าไหมพุมเรียง" in response.text and "ไข่เค็มไชยา" not in response.text


@pytest.mark.django_db
def test_centers_are_listed_by_province_and_only_one_provinces_at_a_time(client, centers):
    response = client.get(CATALOGUE)
    assert 'data-testid="catalogue-provinces"' in response.text
    assert "?province=84" in response.text and "?province=80" in response.text
    assert f"?district={PHUNPHIN}" not in response.text
    response = client.get(CATALOGUE, {"province": "84"})
    assert f"?district={PHUNPHIN}" in response.text
    assert f"?district={NAKHON_DISTRICT}" not in response.text


@pytest.mark.django_db
def test_a_search_shows_its_hits_and_not_the_list_of_centers(client, centers):
    make_group(CHAIYA, "กลุ่มทอผ้าพุมเรียง")
    response = client.get(CATALOGUE, {"q": "ผ้าทอ"})
    assert "กลุ่มทอผ้าพุมเรียง" in response.text
    assert 'data-testid="catalogue-provinces"' not in response.text
    assert "?province=" not in response.text
    assert not re.search(r"\?district=(?!8406#)", response.text)


@pytest.mark.django_db
def test_the_catalogue_queries_do_not_grow_with_provinces_or_pages(
    client, centers, django_assert_max_num_queries
):
    for i in range(CATALOGUE_PAGE_SIZE + 5):
        make_product(PHUNPHIN if i % 2 else NAKHON_DISTRICT, f"สินค้า {i}")
    # A fixed number: the three lists' counts, the page, its photos and standards and, on a
    # later page, the district the page before ended with.
    with django_assert_max_num_queries(9):
        assert client.get(CATALOGUE, {"page": 2, "category": "food"}).status_code == 200


@pytest.mark.django_db
def test_anonymous_pages_say_public_and_are_kept(client, centers, page_cache):
    make_product(CHAIYA, "ไข่เค็มไชยา")
    response = client.get(CATALOGUE)
    assert "public" in response["Cache-Control"]
    assert f"max-age={settings.PUBLIC_CACHE_SECONDS}" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    Product.objects.filter(name="ไข่เค็มไชยา").update(name="ไข่เค็มสูตรใหม่")
    assert "ไข่เค็มไชยา" in client.get(CATALOGUE).text  # from the cache
    assert "ไข่เค็มสูตรใหม่" in client.get(CATALOGUE, {"page": 1}).text  # another key


def at_local(monkeypatch, day: dt.date, time: dt.time) -> None:
    """The site's clock (django.utils.timezone.now) set to this local day and time."""
    moment = timezone.make_aware(dt.datetime.combine(day, time))
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.mark.django_db
def test_a_page_kept_before_midnight_is_counted_again_after_it(
    client, centers, page_cache, monkeypatch
):
    # A standard in force through today: the page kept at 23:58 shows it, and the same
    # address at 00:01 (within PUBLIC_CACHE_SECONDS) no longer does.
    today = timezone.localdate()
    product = make_product(PHUNPHIN, "น้ำพริกแกงพุนพิน")
    Certification.objects.create(product=product, kind="fda", number="84-2-0001", expires_on=today)
    district_page = f"{CATALOGUE}?district={PHUNPHIN}"
    at_local(monkeypatch, today, dt.time(23, 58))
    evening = client.get(district_page)
    assert "อย." in evening.text
    assert "max-age=120" in evening["Cache-Control"]  # not past midnight
    products_file = client.get(reverse("open_data_products_csv"))
    assert "max-age=120" in products_file["Cache-Control"]
    assert "อย." in client.get(district_page).text  # kept
    at_local(monkeypatch, today + dt.timedelta(days=1), dt.time(0, 1))
    morning = client.get(district_page)
    assert "น้ำพริกแกงพุนพิน" in morning.text and "อย." not in morning.text
    assert f"max-age={settings.PUBLIC_CACHE_SECONDS}" in morning["Cache-Control"]


@pytest.mark.django_db
def test_a_signed_in_user_never_gets_the_anonymous_page_nor_fills_the_cache(
    client, centers, page_cache, phunphin_officer
):
    anonymous = client.get(reverse("landing"))
    assert "Log out" not in anonymous.text and "ออกจากระบบ" not in anonymous.text
    client.force_login(phunphin_officer)
    signed_in = client.get(reverse("landing"))
    assert "ออกจากระบบ" in signed_in.text
    assert "private" in signed_in["Cache-Control"] and "public" not in signed_in["Cache-Control"]
    client.logout()
    cache.clear()
    client.force_login(phunphin_officer)
    client.get(CATALOGUE)
    client.logout()
    assert "ออกจากระบบ" not in client.get(CATALOGUE).text


@pytest.mark.django_db
def test_the_cached_page_keeps_each_language(client, centers, page_cache):
    assert '<html lang="th"' in client.get(CATALOGUE).text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(CATALOGUE)
    assert '<html lang="en"' in english.text and "Centers by province" in english.text
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert '<html lang="th"' in client.get(CATALOGUE).text


@pytest.mark.django_db
def test_each_visitor_of_a_cached_page_gets_a_token_for_their_own_cookie(centers, page_cache):
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(CATALOGUE)
    page = second.get(CATALOGUE)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    switched = second.post(
        reverse("set_language"), {"language": "en", "next": CATALOGUE, "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302
    assert '<html lang="en"' in second.get(CATALOGUE).text


@pytest.mark.django_db
def test_pages_are_sent_gzipped_and_load_under_100_kb(client, centers):
    from bench.weight import first_load_bytes

    for i in range(CATALOGUE_PAGE_SIZE):
        make_product(PHUNPHIN, f"สินค้าพุนพิน {i:02}")
    response = client.get(CATALOGUE, headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    sizes = first_load_bytes(client, CATALOGUE)
    assert sizes[CATALOGUE] < len(client.get(CATALOGUE).content) / 4
    # Regular and bold Sarabun only, a Thai and a Latin file each.
    fonts = [url for url in sizes if url.endswith(".woff2")]
    assert len(fonts) == 4 and not any("-600-" in url for url in fonts)
    assert sum(sizes.values()) / 1024 <= 100


@pytest.mark.django_db
def test_files_are_sent_as_they_are_not_gzipped(client, centers, phunphin_officer):
    make_product(PHUNPHIN, "ผ้าบาติกพุนพิน")
    client.force_login(phunphin_officer)
    url = reverse("producers:product_export", kwargs={"district": PHUNPHIN})
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    assert not response.has_header("Content-Encoding")
