"""Objects of the documents app for tests and the URL walk (tests/test_policy.py)."""

import datetime as dt

from django.core.files.base import ContentFile

from thanrak.areas.models import District
from thanrak.centers.models import Center, Report
from thanrak.documents.models import GeneratedDocument, Letter
from thanrak.documents.services import letter_freeze_schedule
from thanrak.monitoring.models import Visit
from thanrak.monitoring.tests.factories import make_visit


def make_report(
    district_code: str, *, quarter: int = 0, status: str = Report.Status.DRAFT
) -> Report:
    center, _created = Center.objects.get_or_create(district_id=district_code)
    report, _created = Report.objects.get_or_create(
        center=center, fiscal_year=2563, quarter=quarter, defaults={"status": status}
    )
    return report


def _district_of(province_code: str) -> str:
    center = Center.objects.filter(district__province=province_code).order_by("district").first()
    if center:
        return center.district_id
    return District.objects.filter(province=province_code).order_by("code").first().code


def make_letter(province_code: str, rnd=None) -> Letter:
    return Letter.objects.create(
        province_id=province_code,
        number="สฎ 0019.03/ว.6555",
        date=dt.date(2020, 8, 20),
        subject="โครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก",
        to="นายอำเภอทุกอำเภอ",
        body="ย่อหน้าแรก\n\nย่อหน้าที่สอง",
        signer_name="นายนพรัตน์ อารังทรัพย์",
        signer_position="พัฒนาการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัด",
        round=rnd,
    )


def make_issued_letter(district_code: str) -> int:
    """A letter of a round whose schedule, issued with it, visits the district."""
    rnd = Visit.objects.get(pk=make_visit(district_code)).round
    letter = make_letter(rnd.province_id, rnd)
    letter_freeze_schedule(letter)
    letter.save(update_fields=["schedule_version"])
    return letter.pk


def make_generated(province_code: str) -> GeneratedDocument:
    from thanrak.evidence.tests.factories import ensure_temporary_media_root

    ensure_temporary_media_root()
    document = GeneratedDocument.objects.create(
        province_id=province_code,
        kind=GeneratedDocument.Kind.CONSOLIDATED_XLSX,
        fiscal_year=2563,
        status=GeneratedDocument.Status.DONE,
        progress=100,
    )
    document.file.save("consolidated.xlsx", ContentFile(b"PK\x03\x04 test"), save=True)
    return document


def make_export(district_code: str, *, personal: bool = False) -> GeneratedDocument:
    """A finished export of a district's producers, ready to download."""
    from thanrak.evidence.tests.factories import ensure_temporary_media_root

    ensure_temporary_media_root()
    document = GeneratedDocument.objects.create(
        district_id=district_code,
        province_id=District.objects.get(pk=district_code).province_id,
        kind=GeneratedDocument.Kind.EXPORT,
        what="producer",
        fiscal_year=0,
        personal=personal,
        status=GeneratedDocument.Status.DONE,
        progress=100,
    )
    document.file.save("producer.xlsx", ContentFile(b"PK\x03\x04 test"), save=True)
    return document


URL_OBJECTS = {
    "export": lambda code: make_export(code).pk,
    "issued_letter": make_issued_letter,
}

PROVINCE_URL_OBJECTS = {
    "report": lambda code: make_report(_district_of(code), status=Report.Status.SUBMITTED).pk,
    "letter": lambda code: make_letter(code).pk,
    "document": lambda code: make_generated(code).pk,
    # "round" is the monitoring app's keyword: its factories define it.
}
