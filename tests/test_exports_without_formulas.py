"""Every Excel export, fetched through its URL: text typed into a record that starts like a
formula (OWASP's CSV-injection examples) comes out as readable text, never as a formula.

The project's own formulas are listed here (the consolidated report's total row); any other
formula in any export fails the test.
"""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import PHUNPHIN
from thanrak.centers.models import Material
from thanrak.core.spreadsheets import looks_like_formula
from thanrak.core.thai import thai_digits
from thanrak.documents.tests.factories import make_report
from thanrak.monitoring.models import Team, Visit, VisitFinding
from thanrak.monitoring.tests.factories import make_round, make_visit
from thanrak.producers.models import Certification
from thanrak.producers.tests.factories import (
    make_group,
    make_producer,
    make_product,
    make_service,
    make_wisdom,
)
from thanrak.rules.tests import factories as rules_factories

pytestmark = pytest.mark.django_db

EVIL = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


def cells_of(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value not in (None, "")
    ]


def assert_text_not_formulas(content: bytes, expected: list[str], own_formulas=()) -> None:
    cells = cells_of(content)
    assert [c.value for c in cells if c.data_type == "f"] == list(own_formulas)
    for cell in cells:
        if looks_like_formula(cell.value) and cell.value not in own_formulas:
            assert cell.data_type == "s" and cell.quotePrefix, cell.value
    texts = [c.value for c in cells if isinstance(c.value, str)]
    for text in expected:
        # Kept readable: as typed (an XML reader turns a raw carriage return into a line feed).
        readable = text.replace("\r", "\n")
        assert any(readable in value for value in texts), text


@pytest.fixture
def evil_producers(phunphin_officer):
    soon = timezone.localdate() + dt.timedelta(days=30)
    for i, text in enumerate(EVIL):
        make_wisdom(PHUNPHIN, title=text, holder=text)
        make_group(PHUNPHIN, name=text)
        producer = make_producer(PHUNPHIN, name=text, registration_number=f"8417-{i}")
        product = make_product(PHUNPHIN, name=text, producer=producer)
        Certification.objects.create(
            product=product, kind=Certification.Kind.MPC, number=text, expires_on=soon
        )
        service = make_service(PHUNPHIN)
        service.visitor_name = text
        service.save()


@pytest.mark.parametrize("kind", ["wisdom", "group", "producer", "product", "service"])
def test_record_lists_export_typed_text_as_text(client, phunphin_officer, evil_producers, kind):
    client.force_login(phunphin_officer)
    response = client.get(reverse(f"producers:{kind}_export", args=[PHUNPHIN]) + "?fy=all")
    assert response.status_code == 200
    assert_text_not_formulas(response.content, EVIL)


def test_expiring_certifications_export_typed_text_as_text(
    client, phunphin_officer, province_officer, evil_producers
):
    client.force_login(phunphin_officer)
    district = client.get(reverse("producers:expiring", args=[PHUNPHIN]), {"format": "xlsx"})
    assert_text_not_formulas(district.content, EVIL)
    client.force_login(province_officer)
    province = client.get(reverse("producers:province", args=["84"]), {"format": "xlsx"})
    assert_text_not_formulas(province.content, EVIL)


def test_import_templates_hold_no_formula(client, phunphin_officer):
    client.force_login(phunphin_officer)
    for kind in ("producers", "groups", "wisdom"):
        response = client.get(reverse("producers:import_template"), {"kind": kind})
        assert_text_not_formulas(response.content, [])


@pytest.fixture
def evil_round(centers, media_root):
    round_ = make_round("84")
    Team.objects.filter(round=round_).update(name=EVIL[0])
    for text, code in zip(
        EVIL, ["8417", "8406", "8401", "8402", "8403", "8404", "8405"], strict=True
    ):
        visit = Visit.objects.get(pk=make_visit(code))
        visit.place, visit.note = text, text
        visit.save()
        VisitFinding.objects.create(visit=visit, overall=text, recommendations=text)
    return round_


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_monitoring_summary_exports_typed_text_as_text(client, province_officer, evil_round):
    client.force_login(province_officer)
    response = client.get(reverse("monitoring:summary_xlsx", args=[evil_round.pk]))
    assert response.status_code == 200
    assert_text_not_formulas(response.content, EVIL)


def test_printed_schedule_exports_typed_text_as_text(client, province_officer, evil_round):
    client.force_login(province_officer)
    response = client.get(reverse("documents:schedule_xlsx", kwargs={"round": evil_round.pk}))
    assert response.status_code == 200
    assert_text_not_formulas(response.content, EVIL)


@pytest.fixture
def evil_report(centers, phunphin_officer):
    report = make_report(PHUNPHIN)
    keys = ["activities", "target_groups", "committee", "materials", "evidence", "plans"]
    report.narrative = dict(zip(keys, EVIL, strict=False))
    report.save()
    Material.objects.create(center=centers[PHUNPHIN], title=EVIL[-1])
    return report


def test_report_form_exports_typed_text_as_text(client, phunphin_officer, evil_report):
    client.force_login(phunphin_officer)
    response = client.get(reverse("documents:report_xlsx", args=[PHUNPHIN, 2563]))
    assert response.status_code == 200
    # The narrative as typed; the material in the form's rows, which print Thai digits.
    assert_text_not_formulas(response.content, [*EVIL[:6], thai_digits(EVIL[6])])


def test_consolidated_report_writes_typed_titles_as_text(client, province_officer, centers):
    """The workbook lists every activity by its typed title; its totals are values."""
    for i, text in enumerate(EVIL):
        rules_factories.activity(centers[PHUNPHIN], dt.date(2020, 1, 1 + i), title=text)
    client.force_login(province_officer)
    response = client.get(reverse("documents:consolidated_xlsx", args=["84", 2563]))
    assert response.status_code == 200
    assert_text_not_formulas(response.content, EVIL)
