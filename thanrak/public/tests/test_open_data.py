"""Open data: the catalogue's centers, wisdom and products as CSV and JSON files."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from thanrak.producers.models import Certification, Producer, Product
from thanrak.producers.tests.factories import (
    FAKE_CITIZEN_ID,
    make_group,
    make_producer,
    make_product,
    make_wisdom,
)
from thanrak.public.open_data import DATASETS, FORMATS

PHUNPHIN = "8417"
CHAIYA = "8406"
THIRTEEN_DIGITS = re.compile(r"(?<!\d)\d{13}(?!\d)|\d-\d{4}-\d{5}-\d{2}-\d")
FILES = [f"open_data_{dataset}_{fmt}" for dataset in DATASETS for fmt in FORMATS]


def download(client, name: str, **headers):
    response = client.get(reverse(name), **headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_rows(body: bytes) -> list[dict[str, str]]:
    assert body.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def catalogue(centers):
    """Products, wisdom and a group of Phunphin with private people among them."""
    sole = make_producer(
        PHUNPHIN,
        name="นายสมชาย ใจดีมาก",
        kind="sole",
        name_public=False,
        contact_phone="081-234-5678",
        address="99 หมู่ 4 ตำบลท่าข้าม",
        sales_channels="ตลาดนัดท่าข้ามทุกวันเสาร์",
    )
    snack = make_product(PHUNPHIN, "แม่บ้านขนมไทย", producer=sole, stars=4, price="50 บาท")
    # Its มผช. of 2563 has expired (make_product); renewed, it is in force three more years.
    in_force = timezone.localdate() + dt.timedelta(days=3 * 365)
    Certification.objects.create(product=snack, kind="mpc", number="9/2569", expires_on=in_force)
    Certification.objects.create(product=snack, kind="fda", number="10-1-0000", expires_on=None)
    make_product(PHUNPHIN, "กล้วยตากพุนพิน")
    make_product(PHUNPHIN, "ไผ่จักสาน", category=Product.Category.ARTICLE)
    make_product(PHUNPHIN, "ขนมจีนน้ำยา")
    make_product(CHAIYA, '=HYPERLINK("http://x")')
    make_wisdom(PHUNPHIN, "การจักสานไม้ไผ่", holder="นางสาวสมหญิง ไม่เปิดเผย")
    make_wisdom(PHUNPHIN, "ยาสมุนไพรพื้นบ้าน", holder="พ่อใหญ่มา ปราชญ์", holder_public=True)
    make_group(PHUNPHIN)  # a member with a citizen ID and a phone


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILES)
def test_files_hold_public_fields_only(client, catalogue, name):
    response, body = download(client, name)
    assert response.status_code == 200
    text = body.decode("utf-8-sig")
    assert not THIRTEEN_DIGITS.search(text)
    assert FAKE_CITIZEN_ID not in text
    digits = re.sub(r"\D", "", text)
    assert "0812345678" not in digits  # the sole owner's phone and the member's
    for private in ("นายสมชาย ใจดีมาก", "นางสาวสมหญิง ไม่เปิดเผย", "นางทดสอบ ระบบ", "99 หมู่ 4"):
        assert private not in text


@pytest.mark.django_db
def test_products_csv_reads_back_in_thai_with_stable_english_keys(client, catalogue):
    response, body = download(client, "open_data_products_csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="thanrak-products.csv"' in response["Content-Disposition"]
    rows = csv_rows(body)
    assert list(rows[0]) == [column.key for column in DATASETS["products"].columns]
    sole = next(row for row in rows if row["name"] == "แม่บ้านขนมไทย")
    assert sole["producer_name"] == ""
    assert sole["where_to_buy"] == "ตลาดนัดท่าข้ามทุกวันเสาร์"
    assert (sole["stars"], sole["price"], sole["category"]) == ("4", "50 บาท", "food")
    with translation.override("th"):
        assert sole["category_name"] == str(Product.Category.FOOD.label)
    assert sole["district_name"] == "อำเภอพุนพิน"
    assert sole["province_name"] == "จังหวัดสุราษฎร์ธานี"
    # The standards in force, each once: not the expired มผช. beside its renewal.
    assert sole["standards"] == ("มาตรฐานผลิตภัณฑ์ชุมชน (มผช.); สำนักงานคณะกรรมการอาหารและยา (อย.)")
    assert sole["catalogue_url"] == f"http://testserver/catalogue/?district={PHUNPHIN}"
    named = next(row for row in rows if row["name"] == "กล้วยตากพุนพิน")
    assert named["producer_name"] == "กลุ่มแม่บ้านไข่เค็ม"
    assert named["standards"] == ""  # its only มผช. expired in 2563
    # A name a spreadsheet would run as a formula comes out as text.
    assert any(row["name"] == '\'=HYPERLINK("http://x")' for row in rows)


@pytest.mark.django_db
def test_json_states_licence_source_and_time_and_reads_back_in_thai(client, catalogue):
    response, body = download(client, "open_data_wisdom_json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    data = json.loads(body)
    assert data["licence"]["id"] == "CC-BY-4.0"
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["source"] == {
        "publisher": "กรมการพัฒนาชุมชน กระทรวงมหาดไทย",
        "url": "http://testserver/catalogue/",
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", data["generated_at"])
    assert data["title"] == "ภูมิปัญญาท้องถิ่น"
    assert {"name": "holder", "title": "ปราชญ์ชาวบ้าน (เฉพาะผู้ที่ยินยอมให้เปิดเผยชื่อ)"} in data["fields"]
    assert data["record_count"] == len(data["records"]) == 2
    holders = {record["title"]: record["holder"] for record in data["records"]}
    assert holders == {"การจักสานไม้ไผ่": "", "ยาสมุนไพรพื้นบ้าน": "พ่อใหญ่มา ปราชญ์"}
    assert {record["branch_name"] for record in data["records"]} == {"อุตสาหกรรมและหัตถกรรม"}


@pytest.mark.django_db
def test_records_come_in_thai_dictionary_order(client, catalogue):
    expected = ["กล้วยตากพุนพิน", "ขนมจีนน้ำยา", "ไผ่จักสาน", "แม่บ้านขนมไทย"]
    _, body = download(client, "open_data_products_csv")
    in_csv = [row["name"] for row in csv_rows(body) if row["district_code"] == PHUNPHIN]
    _, body = download(client, "open_data_products_json")
    in_json = [r["name"] for r in json.loads(body)["records"] if r["district_code"] == PHUNPHIN]
    assert in_csv == in_json == expected
    _, body = download(client, "open_data_centers_csv")
    surat = [row["district_name"] for row in csv_rows(body) if row["province_code"] == "84"]
    assert surat.index("อำเภอเกาะสมุย") < surat.index("อำเภอไชยา") < surat.index("อำเภอพุนพิน")


@pytest.mark.django_db
def test_files_are_streamed_with_the_same_queries_for_few_and_many_records(client, centers):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response, body = download(client, "open_data_products_csv")
        assert response.streaming
        return len(captured.captured_queries)

    make_product(PHUNPHIN)
    few = queries()
    for i in range(20):
        make_product(CHAIYA, f"ผลิตภัณฑ์ {i}")
    assert queries() == few


@pytest.mark.django_db
def test_files_are_public_to_caches_and_answer_304_until_something_changes(
    client, catalogue, settings
):
    settings.PUBLIC_CACHE_SECONDS = 0  # no server-side keeping: each change shows at once
    response, _ = download(client, "open_data_products_csv")
    assert "public" in response["Cache-Control"]
    etag = response["ETag"]
    again, body = download(client, "open_data_products_csv", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and body == b""
    Product.objects.filter(name="ไผ่จักสาน").first().save()
    changed, _ = download(client, "open_data_products_csv", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.django_db
def test_a_standard_lapsing_changes_the_products_file_without_a_write(client, catalogue, settings):
    """The file lists the standards in force: one that lapses overnight is a change, or a
    client revalidating would keep the expired standard."""
    settings.PUBLIC_CACHE_SECONDS = 0
    long_ago = timezone.now() - dt.timedelta(days=30)
    for model in (Product, Producer, Certification):
        model.objects.update(updated_at=long_ago)
    response, _ = download(client, "open_data_products_csv")
    etag = response["ETag"]
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Certification.objects.filter(kind="fda").update(expires_on=yesterday, updated_at=long_ago)
    changed, body = download(client, "open_data_products_csv", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    snack = next(row for row in csv_rows(body) if row["name"] == "แม่บ้านขนมไทย")
    assert snack["standards"] == "มาตรฐานผลิตภัณฑ์ชุมชน (มผช.)"


@pytest.mark.django_db
def test_the_open_data_page_lists_each_file_with_size_time_and_licence(client, catalogue):
    assert reverse("open_data") in client.get(reverse("catalogue")).text
    response = client.get(reverse("open_data"))
    assert response.status_code == 200
    text = response.text
    assert "ข้อมูลเปิด" in text
    # «CC BY 4.0» is never cut (the sentences, the credit for GeoThai, each dataset); the
    # licence's address may end a line after a slash only.
    assert text.count('<span class="nobreak">CC BY 4.0</span>') == 2 + len(FILES) // 2
    assert "CC BY 4.0" not in re.sub(r'<span class="nobreak">CC BY 4.0</span>', "", text)
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener">'
        "creativecommons.org/<wbr>licenses/<wbr>by/<wbr>4.0/<wbr></a>"
    ) in text
    for name in FILES:
        assert f'href="{reverse(name)}"' in text
    products = re.search(r'data-testid="dataset-products".*?</section>', text, re.S).group(0)
    assert re.search(r"<dd>5</dd>", products)  # five products
    assert re.search(r"<dd>\d{1,2} [ก-๙.]+ 25\d\d", products)  # last changed, B.E.
    assert "<code>producer_name</code>" in products


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["open_data", *FILES])
def test_head_answers_like_get_without_a_body(client, catalogue, name):
    got, _ = download(client, name)
    head = client.head(reverse(name))
    assert head.status_code == 200
    body = b"".join(head.streaming_content) if head.streaming else head.content
    assert body == b""
    for header in ("Content-Type", "Content-Disposition", "Link", "ETag", "Cache-Control"):
        assert head.get(header) == got.get(header), header


@pytest.mark.django_db
def test_the_catalogue_shows_each_standard_in_force_once(client, catalogue):
    page = client.get(reverse("catalogue"), {"district": PHUNPHIN}).text
    card = page[page.index("แม่บ้านขนมไทย") :]
    card = card[: card.index("</li>")]
    assert card.count('<span class="pill">มาตรฐานผลิตภัณฑ์ชุมชน (มผช.)</span>') == 1
    assert '<span class="pill">สำนักงานคณะกรรมการอาหารและยา (อย.)</span>' in card
    # A product whose only standard has expired shows none.
    other = page[page.index("กล้วยตากพุนพิน") :]
    assert 'class="pill"' not in other[: other.index("</li>")]
