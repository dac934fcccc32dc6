"""The report list and the letter's schedule become stacked cards on a phone (the shared
``table.stack`` CSS): every cell carries its column's name and one child, so the card
reads label | value; on a desktop they stay tables."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from thanrak.areas.models import Province
from thanrak.centers.models import Report
from thanrak.demo.documents import load_documents
from thanrak.demo.monitoring import load_monitoring
from thanrak.documents.tests.factories import make_report
from thanrak.monitoring.tests.factories import seed_team_users

pytestmark = pytest.mark.django_db


def table(html: str, css: str) -> str:
    return re.search(rf'<table class="{css}"[^>]*>(.*?)</table>', html, re.S).group(1)


def cells(body: str) -> list[tuple[str, str]]:
    return re.findall(r'<td[^>]*data-label="([^"]+)"[^>]*>(.*?)</td>', body, re.S)


def test_report_list_is_a_stack_with_labelled_cells(client, phunphin_officer, centers):
    make_report("8417", quarter=2, status=Report.Status.RETURNED)
    client.force_login(phunphin_officer)
    html = client.get(reverse("documents:report_list", args=["8417"]) + "?fy=2563").text
    body = table(html, "stack")
    rows = body.split("</thead>")[1].count("<tr")
    labelled = cells(body)
    assert rows == 5 and len(labelled) == 5 * 4
    assert {label for label, _ in labelled} == {"ระยะเวลา", "สถานะ", "กำหนดส่ง", "ไฟล์"}
    # A status with "late", and "PDF · Excel", stay one value beside their label.
    for label, value in labelled:
        if label in ("สถานะ", "ไฟล์"):
            assert value.startswith("<span>") and value.endswith("</span>"), value
    # The year shown is the one selected, even when older than the list of recent years.
    assert '<option value="2563" selected>' in html


def test_letter_schedule_is_a_stack_with_labelled_cells(client, province_officer, centers):
    seed_team_users()
    with translation.override("th"):
        load_monitoring(Province.objects.get(pk="84"), province_officer)
        letter = load_documents(Province.objects.get(pk="84"), province_officer)
    client.force_login(province_officer)
    html = client.get(reverse("documents:letter", args=[letter.pk])).text
    labelled = cells(table(html, "letter-schedule stack"))
    assert len(labelled) == 19 * 5
    assert ("สถานที่", "ที่ว่าการอำเภอพุนพิน") in labelled
    # A page prints Arabic digits, the letter's PDF Thai ones (tests/test_pdf_text.py).
    assert ("วันที่", "7 กันยายน 2563") in labelled and ("เวลา", "09.00 น.") in labelled
    assert not any("\u0e50" <= ch <= "\u0e59" for _label, value in labelled for ch in value)
