"""Thai dictionary order (names beginning with เ แ โ ใ ไ among the others, not last) in a
record list, a dropdown, an export and the public catalogue; on SQLite and PostgreSQL."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PHUNPHIN
from thanrak.areas.models import District
from thanrak.core.db import in_thai_order, thai_ordering
from thanrak.core.thai import collate
from thanrak.producers.forms import GroupForm, ProducerForm, ProductForm, ServiceForm
from thanrak.producers.models import Group, Producer
from thanrak.producers.tests.factories import make_producer, make_product

pytestmark = pytest.mark.django_db

# Named so that no other text of a page contains them.
NAMES = [f"{word}ทดสอบเรียง" for word in ("เกษตร", "แม่บ้าน", "ไผ่", "กล้วย", "ขนม")]
THAI_ORDER = [f"{word}ทดสอบเรียง" for word in ("กล้วย", "เกษตร", "ขนม", "ไผ่", "แม่บ้าน")]


def in_page_order(text: str, names: list[str]) -> list[str]:
    return sorted(names, key=text.index)


def test_the_order_is_the_dictionarys_not_the_code_points():
    assert collate(NAMES) == THAI_ORDER
    assert sorted(NAMES)[-3:] == [NAMES[0], NAMES[1], NAMES[2]]  # plain sorting: เ แ ไ last


def test_thai_ordering_collates_names_and_leaves_codes_and_dates(areas):
    ordering = thai_ordering(Producer, ["-name", "kind", "-id"])
    assert ordering[1:] == ["kind", "-id"]  # a choice code and an id stay as they are
    assert ordering[0].descending
    subdistricts = in_thai_order(District.objects.get(pk=PHUNPHIN).subdistricts.all())
    names = list(subdistricts.values_list("name_th", flat=True))
    assert names == collate(names) and len(names) > 5


def test_a_record_list_and_its_export_are_in_thai_order(client, phunphin_officer):
    for name in NAMES:
        make_producer(PHUNPHIN, name=name)
    client.force_login(phunphin_officer)
    page = client.get(reverse("producers:producer_list", args=[PHUNPHIN]))
    assert page.status_code == 200
    assert in_page_order(page.text.split("<tbody", 1)[1], NAMES) == THAI_ORDER
    export = client.get(reverse("producers:producer_export", args=[PHUNPHIN]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    exported = [row[0] for row in sheet.iter_rows(values_only=True) if row[0] in NAMES]
    assert exported == THAI_ORDER


def test_dropdowns_of_names_are_in_thai_order(centers):
    district = District.objects.get(pk=PHUNPHIN)
    for name in NAMES:
        make_producer(PHUNPHIN, name=name)
        Group.objects.create(district=district, name=name)
    service = ServiceForm(district=district)
    assert [p.name for p in service.fields["producer"].queryset] == THAI_ORDER
    assert [g.name for g in service.fields["group"].queryset] == THAI_ORDER
    product = ProductForm(district=district)
    assert [p.name for p in product.fields["producer"].queryset] == THAI_ORDER
    producer = ProducerForm(district=district)
    assert [g.name for g in producer.fields["group"].queryset] == THAI_ORDER
    group = GroupForm(district=district)
    subdistricts = [s.name_th for s in group.fields["subdistrict"].queryset]
    assert subdistricts == collate(subdistricts) and len(subdistricts) > 5


def test_the_public_catalogue_lists_products_in_thai_order(client, centers):
    producer = make_producer(PHUNPHIN, name="วิสาหกิจชุมชนทดสอบ")
    for name in NAMES:
        make_product(PHUNPHIN, name=name, producer=producer)
    page = client.get(reverse("catalogue"), {"district": PHUNPHIN})
    assert page.status_code == 200
    assert in_page_order(page.text, NAMES) == THAI_ORDER
    everything = client.get(reverse("catalogue"), {"province": "84"})
    assert in_page_order(everything.text, NAMES) == THAI_ORDER
