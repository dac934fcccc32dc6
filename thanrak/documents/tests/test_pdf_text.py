"""Must show: what the PDFs say, read back from their text layer with pdftotext."""

import io

import pytest
from django.utils import translation

from thanrak.accounts.models import Role, User
from thanrak.areas.models import Province
from thanrak.centers.models import Activity, Center, ProvinceOffice
from thanrak.core.periods import Period
from thanrak.core.thai import thai_digits
from thanrak.demo import data
from thanrak.demo.centers_fy2563 import load_center_records
from thanrak.demo.documents import load_documents
from thanrak.demo.monitoring import load_monitoring
from thanrak.documents import letters, render, selectors
from thanrak.documents.tests.helpers import norm, one_line, pdf_text
from thanrak.monitoring.tests.factories import seed_team_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def phunphin_fy2563(phunphin_officer, province_officer, centers):
    center = centers["8417"]
    with translation.override("th"):
        load_center_records(center, phunphin_officer, province_officer)
    return Center.objects.select_related("district__province").get(pk=center.pk)


def test_phunphin_fy2563_report_has_heading_district_and_activity_rows(phunphin_fy2563):
    content = selectors.report_content(phunphin_fy2563, Period(2563))
    text = pdf_text(render.report_pdf([content]))
    flat = one_line(text)
    assert norm("แบบรายงานผลการดำเนินงานศูนย์บริการส่งเสริมเศรษฐกิจฐานราก") in text
    assert one_line(norm("สำนักงานพัฒนาชุมชนอำเภอพุนพิน จังหวัดสุราษฎร์ธานี")) in flat
    assert norm("ปีงบประมาณ ๒๕๖๓") in text
    # Every activity of the year is a numbered row, with its date in Thai digits.
    activities = Activity.objects.filter(center=phunphin_fy2563).order_by("date")
    assert activities.count() >= 10
    first = activities.first()
    assert one_line(norm(first.title)) in flat
    assert norm(f"๑ {thai_digits(first.date.day)} ") in text
    assert one_line(norm("ลงชื่อ")) in flat and "ผู้รายงาน" in text


def test_report_pdf_is_a4_landscape_with_the_header_on_every_page(phunphin_fy2563):
    from weasyprint import HTML  # noqa: F401 - the renderer is WeasyPrint

    content = selectors.report_content(phunphin_fy2563, Period(2563))
    text = pdf_text(render.report_pdf([content]))
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    # The header repeats on every page of the table (the last holds the signature).
    for page in pages[:-1]:
        assert norm("กิจกรรมที่ดำเนินการ") in page and norm("แผนการดำเนินงาน") in page


@pytest.fixture
def demo_round(centers, province_officer, phunphin_officer):
    province = Province.objects.get(pk="84")
    ProvinceOffice.objects.create(province=province, **data.PROVINCE_OFFICE)
    User.objects.create(
        username="executive84",
        role=Role.VIEWER,
        province=province,
        first_name="นายนพรัตน์",
        last_name="อารังทรัพย์",
        position="พัฒนาการจังหวัดสุราษฎร์ธานี",
    )
    with translation.override("th"):
        load_center_records(centers["8417"], phunphin_officer, province_officer)
        seed_team_users()
        return load_monitoring(province, province_officer)


def test_demo_letter_reads_as_the_seed_letter(demo_round, province_officer):
    with translation.override("th"):
        letter = load_documents(demo_round.province, province_officer)
    assert letter.round == demo_round
    text = pdf_text(letters.letter_pdf(letter))
    flat = one_line(text)
    assert norm("ที่ สฎ ๐๐๑๙.๐๓/ว.๖๕๕๕") in text
    assert norm("๒๐ สิงหาคม ๒๕๖๓") in text
    assert "(หนึ่งพันห้าร้อยบาทถ้วน)" in flat
    # The rest of the seed's letter, nearly word for word.
    for expected in [
        "ศาลากลางจังหวัดสุราษฎร์ธานี",
        "ถนนดอนนก อำเภอเมืองฯ สฎ ๘๔๐๐๐",
        "เรื่อง โครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก",
        "เรียน นายอำเภอทุกอำเภอ",
        "อ้างถึง หนังสือจังหวัดสุราษฎร์ธานี ที่ สฎ ๐๐๑๙.๐๓/ว.๓๖๗๓ ลงวันที่ ๑๒ พฤษภาคม ๒๕๖๓",
        "สิ่งที่ส่งมาด้วย ๑. กำหนดการฯ จำนวน ๑ ฉบับ",
        "๒. แนวทางการดำเนินงานฯ จำนวน ๑ ชุด",
        "อำเภอละ ๑,๕๐๐ บาท",
        "หลักฐานการจัดซื้อจัดจ้าง ไว้สำหรับการติดตามของคณะติดตามรายละเอียดตามสิ่งที่ส่งมาด้วย",
        "จึงเรียนมาเพื่อพิจารณาดำเนินการ",
        "ขอแสดงความนับถือ",
        "(นายนพรัตน์ อารังทรัพย์)",
        "พัฒนาการจังหวัดสุราษฎร์ธานี ปฏิบัติราชการแทน",
        "ผู้ว่าราชการจังหวัดสุราษฎร์ธานี",
        "สำนักงานพัฒนาชุมชนจังหวัด",
        "กลุ่มงานส่งเสริมการพัฒนาชุมชน",
        "โทร./โทรสาร ๐ ๗๗๒๗ ๒๕๕๘",
    ]:
        assert one_line(norm(expected)) in flat, expected
    # The round's schedule is appended as the attachment.
    assert one_line(norm("กำหนดการติดตามโครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก")) in flat
    assert norm("๗ กันยายน ๒๕๖๓ ๐๙.๐๐ น. ที่ว่าการอำเภอพุนพิน ผอ.พิชัย") in text


def test_the_letters_text_has_no_arabic_digits(demo_round, province_officer):
    with translation.override("th"):
        letter = load_documents(demo_round.province, province_officer)
    text = pdf_text(letters.letter_pdf(letter))
    assert not any(ch.isascii() and ch.isdigit() for ch in text)


def test_the_pdfs_are_tagged_for_screen_readers(phunphin_fy2563):
    from pypdf import PdfReader

    content = selectors.report_content(phunphin_fy2563, Period(2563))
    catalog = PdfReader(io.BytesIO(render.report_pdf([content]))).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    structure = catalog["/StructTreeRoot"].get_object()
    assert structure["/K"]
