"""Sara am (ำ) reads back from every PDF as ำ: searching a PDF finds «อำเภอ» and «ดำเนินงาน»."""

import datetime as dt

import pytest
from django.utils import translation

from thanrak.areas.models import Province
from thanrak.core.periods import Period
from thanrak.demo.centers_fy2563 import load_center_records
from thanrak.demo.documents import load_documents
from thanrak.documents import consolidated, letters, render, selectors
from thanrak.documents.tests.helpers import norm, one_line, pdf_text
from thanrak.documents.tests.test_pdf_text import demo_round  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
DECOMPOSED = "\u0e4d\u0e32"  # nikhahit + sara aa, what the PDFs read before


def _finds_the_words(text: str) -> None:
    flat = one_line(text)
    assert "อำเภอ" in flat and "ดำเนินงาน" in flat
    assert DECOMPOSED not in text


def test_a_short_text_reads_back_word_for_word_with_tone_marks_and_bold():
    html = "<p>อำเภอ ดำเนินงาน น้ำ ค่ำ ต่ำ <b>จำนวน</b> ผู้ใหญ่</p><p>นิคหิตเดี่ยว ํ และสระอา า ไม่เปลี่ยน</p>"
    text = pdf_text(render.html_to_pdf(f"<html><body>{html}</body></html>"))
    assert norm("อำเภอ ดำเนินงาน น้ำ ค่ำ ต่ำ จำนวน ผู้ใหญ่") in text
    assert "ํ และสระอา า" in text  # a nikhahit not followed by sara aa stays itself


def test_letter_and_its_schedule(demo_round, province_officer):  # noqa: F811
    with translation.override("th"):
        letter = load_documents(demo_round.province, province_officer)
    text = pdf_text(letters.letter_pdf(letter))
    _finds_the_words(text)
    assert "ที่ว่าการอำเภอพุนพิน" in text  # the schedule appended to it
    assert "จึงเรียนมาเพื่อพิจารณาดำเนินการ" in one_line(text)


def test_schedule_pdf(demo_round):  # noqa: F811
    title, subtitle = letters.schedule_titles(demo_round)
    text = pdf_text(render.schedule_pdf(title, subtitle, letters.round_schedule_rows(demo_round)))
    assert "ที่ว่าการอำเภอพุนพิน" in text
    assert DECOMPOSED not in text


def test_report_form_and_consolidated(centers, phunphin_officer, province_officer):
    with translation.override("th"):
        load_center_records(centers["8417"], phunphin_officer, province_officer)
    center = next(c for c in selectors.province_centers("84") if c.district_id == "8417")
    _finds_the_words(pdf_text(render.report_pdf([selectors.report_content(center, Period(2563))])))
    data, _name = consolidated.consolidated_file(
        Province.objects.get(pk="84"),
        selectors.province_centers("84"),
        Period(2563),
        "pdf",
        dt.date(2020, 10, 15),
    )
    _finds_the_words(pdf_text(data))
