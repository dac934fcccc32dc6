"""The public catalogue of the demo data: every page, and no personal data on any of them."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from conftest import NAKHON_DISTRICT, PHUNPHIN
from thanrak.centers.models import Center
from thanrak.core.db import thai_order
from thanrak.evidence.models import Evidence
from thanrak.producers.models import Member, Producer, Product
from thanrak.producers.tests.factories import make_product
from thanrak.public.views import CATALOGUE_PAGE_SIZE, catalogue_wisdom

THIRTEEN_DIGITS = re.compile(r"(?<!\d)\d{13}(?!\d)|\d-\d{4}-\d{5}-\d{2}-\d")


def public_pages(client) -> list[str]:
    urls = [reverse("landing"), reverse("about"), reverse("catalogue")]
    urls += [f"{reverse('catalogue')}?q=ผ้าทอ", f"{reverse('catalogue')}?q=ไข่เค็ม"]
    for show in ("wisdom", "groups"):
        urls += [
            f"{reverse('catalogue')}?show={show}",
            f"{reverse('catalogue')}?show={show}&page=2",
        ]
    for center in Center.objects.all():
        urls.append(f"{reverse('catalogue')}?district={center.district_id}")
        urls.append(f"{reverse('catalogue')}?district={center.district_id}&q=กลุ่ม")
    return urls


@pytest.mark.django_db
def test_no_public_page_shows_a_citizen_id_or_a_members_phone(client, demo):
    members = list(Member.objects.values_list("citizen_id", "phone"))
    assert len(members) > 100
    phones = {re.sub(r"\D", "", phone) for _id, phone in members if phone}
    sole_owners = list(
        Producer.objects.filter(name_public=False).values_list("name", "contact_phone")
    )
    assert sole_owners
    for url in public_pages(client):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.text
        assert not THIRTEEN_DIGITS.search(text), url
        digits = re.sub(r"\D", "", text)
        for phone in phones:
            assert phone not in digits, (url, phone)
        for name, contact in sole_owners:
            assert name not in text and contact not in text, url


@pytest.mark.django_db
def test_a_district_page_shows_its_products_with_photos_and_where_to_buy(client, demo):
    response = client.get(reverse("catalogue"), {"district": "8406"})
    assert "ไข่เค็มไชยา" in response.text and "ผ้าไหมพุมเรียง" in response.text
    assert "ศูนย์จำหน่ายสินค้า" in response.text or "ตลาดนัด" in response.text or "เพจ" in response.text
    product_type = ContentType.objects.get_for_model(Product)
    photo = Evidence.objects.filter(content_type=product_type, district="8406").first()
    assert f"{reverse('catalogue_photo')}?id={photo.pk}" in response.text
    image = client.get(reverse("catalogue_photo"), {"id": photo.pk})
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_the_first_page_lists_local_wisdom_and_groups_as_well_as_products(client, demo):
    """Its three lists, each counted in the switch above it; a sage's name only with
    consent; an unknown list is the products'."""
    from thanrak.producers.models import Group, Wisdom

    first = client.get(reverse("catalogue"))
    kinds = re.search(r'data-testid="catalogue-kinds".*?</nav>', first.text, re.S).group(0)
    for model, label in ((Product, "ผลิตภัณฑ์"), (Wisdom, "ภูมิปัญญาท้องถิ่น"), (Group, "กลุ่มอาชีพ")):
        assert f"{label} ({model.objects.count()})" in kinds
    public = Wisdom.objects.filter(holder_public=True).exclude(holder="").first()
    private = Wisdom.objects.filter(holder_public=False).exclude(holder="").first()
    assert public and private and Wisdom.objects.count() <= 2 * CATALOGUE_PAGE_SIZE
    pages = [client.get(reverse("catalogue"), {"show": "wisdom", "page": n}).text for n in (1, 2)]
    for entry in Wisdom.objects.all():
        assert sum(f'id="wisdom-{entry.pk}"' in page for page in pages) == 1
    # A district the first page ends with and the second goes on with says so there.
    order = list(
        catalogue_wisdom(Wisdom.objects.all())
        .order_by("district_id", thai_order("title"), "id")
        .values_list("district_id", flat=True)
    )
    split = order[CATALOGUE_PAGE_SIZE - 1] == order[CATALOGUE_PAGE_SIZE]
    assert pages[1].count("(ต่อจากหน้าก่อน)") == int(split)
    assert "(ต่อจากหน้าก่อน)" not in pages[0]
    assert f"ปราชญ์ชาวบ้าน: {public.holder}" in "".join(pages)
    assert private.holder not in "".join(pages)
    groups = client.get(reverse("catalogue"), {"show": "groups", "province": "84"}).text
    group = Group.objects.order_by("district_id").first()
    assert f'id="group-{group.pk}"' in groups and group.name in groups
    assert 'id="wisdom-' not in groups and "catalogue-grid" not in groups
    assert "catalogue-grid" in client.get(reverse("catalogue"), {"show": "other"}).text
    # The OTOP category sorts products only: not offered, nor applied, to the other lists;
    # the form keeps the list it is on.
    food = client.get(reverse("catalogue"), {"show": "wisdom", "category": "food"}).text
    assert (
        'name="category"' not in food and '<input type="hidden" name="show" value="wisdom">' in food
    )
    assert sum(f'id="wisdom-{entry.pk}"' in food for entry in Wisdom.objects.all()) == min(
        Wisdom.objects.count(), CATALOGUE_PAGE_SIZE
    )
    products = client.get(reverse("catalogue"), {"category": "food"}).text
    assert 'name="category"' in products and 'name="show"' not in products


@pytest.mark.django_db
def test_a_search_from_a_province_stays_in_it_until_asked_for_every_province(client, centers):
    make_product(PHUNPHIN, "ผ้าทอพุนพิน")
    make_product(NAKHON_DISTRICT, "ผ้าทอเมืองนคร")
    surat = client.get(reverse("catalogue"), {"province": "84", "q": "ผ้าทอ"}).text
    assert "ผ้าทอพุนพิน" in surat and "ผ้าทอเมืองนคร" not in surat
    assert "ผลการค้นหาในจังหวัดสุราษฎร์ธานี" in surat
    assert '<input type="hidden" name="province" value="84">' in surat
    everywhere = client.get(reverse("catalogue"), {"q": "ผ้าทอ"}).text
    assert "ผ้าทอพุนพิน" in everywhere and "ผ้าทอเมืองนคร" in everywhere
    assert "ผลการค้นหาใน" not in everywhere


@pytest.mark.django_db
def test_a_search_on_a_district_page_shows_its_hits_alone(client, demo):
    page = client.get(reverse("catalogue"), {"district": "8406", "q": "ไข่เค็ม"}).text
    assert "ไข่เค็มไชยา" in page and "ล้างการค้นหา" in page
    assert "ผ้าไหมพุมเรียง" not in page and "catalogue-grid" not in page
    nothing = client.get(reverse("catalogue"), {"district": "8406", "q": "zzzz"}).text
    assert "ไม่พบข้อมูล" in nothing and "catalogue-grid" not in nothing


@pytest.mark.django_db
def test_the_photo_view_serves_only_photos_of_public_records(client, demo):
    other = Evidence.objects.exclude(content_type__model__in=["product", "wisdom", "group"]).first()
    assert client.get(reverse("catalogue_photo"), {"id": other.pk}).status_code == 404
    assert client.get(reverse("catalogue_photo"), {"id": "x"}).status_code == 404


@pytest.mark.django_db
def test_the_photo_view_serves_only_the_photo_the_catalogue_shows(client, centers):
    from thanrak.evidence.services import evidence_attach
    from thanrak.evidence.tests.factories import ensure_temporary_media_root, image_bytes, upload
    from thanrak.producers.tests.factories import make_group, make_product, make_wisdom

    ensure_temporary_media_root()

    def photo(record) -> int:
        file = upload("ภาพ.png", image_bytes(), "image/png")
        return evidence_attach(record=record, file=file, user=None).pk

    product = make_product(PHUNPHIN, "ผ้าทอพุมเรียง")
    shown, second = photo(product), photo(product)
    wisdom = photo(make_wisdom(PHUNPHIN, "การจักสานไม้ไผ่"))
    group = photo(make_group(PHUNPHIN))
    page = client.get(reverse("catalogue"), {"district": PHUNPHIN}).text
    for pk, status in ((shown, 200), (wisdom, 200), (second, 404), (group, 404)):
        assert (f"?id={pk}" in page) == (status == 200), pk
        assert client.get(reverse("catalogue_photo"), {"id": pk}).status_code == status, pk


@pytest.mark.django_db
def test_the_province_catalogue_search_finds_woven_cloth(client, demo):
    response = client.get(reverse("catalogue"), {"q": "ผ้าทอ"})
    assert "กลุ่มทอผ้าพุมเรียง" in response.text
    assert client.get(reverse("catalogue"), {"district": "9999"}).status_code == 404


@pytest.mark.django_db
def test_catalogue_pages_run_the_same_queries_for_few_and_many_products(client, centers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thanrak.producers.tests.factories import make_group, make_product, make_wisdom

    def add(n: int) -> None:
        for i in range(n):
            make_wisdom("8417", f"ภูมิปัญญา {i}")
            make_group("8417", f"กลุ่ม {i}")
            make_product("8417", f"สินค้า {i}")

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    district = f"{reverse('catalogue')}?district=8417"
    pages = [district, reverse("catalogue")]
    pages += [f"{reverse('catalogue')}?show={show}" for show in ("wisdom", "groups")]
    add(2)
    queries(district)  # warm the content-type cache
    few = [queries(url) for url in pages]
    add(8)
    assert [queries(url) for url in pages] == few
