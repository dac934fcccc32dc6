"""One digit style per page: monitoring pages write Arabic digits, the printed schedule and
the letter Thai ones. Only typed data (the demo round's title «… ปี ๒๕๖๓») keeps what was
typed."""

import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from thanrak.areas.models import Province
from thanrak.demo.documents import load_documents
from thanrak.documents.tests.helpers import norm, pdf_text
from thanrak.monitoring import services
from thanrak.monitoring.models import ItemFinding, VisitFinding

pytestmark = pytest.mark.django_db

THAI_DIGIT = re.compile("[๐-๙]")


def typed_texts(round_) -> list[str]:
    """What people typed and the pages show as typed: titles, names, places, findings."""
    texts = [round_.title, *round_.teams.values_list("name", flat=True)]
    texts += round_.checklist.values_list("text", flat=True)
    for place, note in round_.visits.values_list("place", "note"):
        texts += [place, note]
    texts += ItemFinding.objects.filter(visit__round=round_).values_list("comment", flat=True)
    for overall, recommendations in VisitFinding.objects.filter(visit__round=round_).values_list(
        "overall", "recommendations"
    ):
        texts += [overall, recommendations]
    texts += round_.letters.values_list("number", flat=True)
    return sorted({t for t in texts if t}, key=len, reverse=True)


class _Shown(HTMLParser):
    """What a reader sees: text, and the values and placeholders of fields (not a field's
    `pattern`, which accepts Thai digits typed by habit)."""

    SHOWN = ("value", "placeholder", "title", "aria-label", "data-label")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts += [value for name, value in attrs if name in self.SHOWN and value]

    def handle_data(self, data):
        self.parts.append(data)


def thai_digits_outside_typed_data(html: str, round_) -> list[str]:
    parser = _Shown()
    parser.feed(html)
    shown = "\n".join(parser.parts)
    for text in typed_texts(round_):
        shown = shown.replace(text, "")
    return [shown[max(0, m.start() - 40) : m.end() + 40] for m in THAI_DIGIT.finditer(shown)]


@pytest.fixture
def issued_and_changed(demo_round, province_officer):
    """The seed's letter issued with its schedule, then a visit moved to 12.15: the round
    page warns of the letter and the checker names times."""
    with translation.override("th"):
        load_documents(Province.objects.get(pk="84"), province_officer)
    visit = demo_round.visits.get(district="8417")
    row = {"date": visit.date, "time": dt.time(12, 15), "team": visit.team, "place": visit.place}
    services.visits_save(round_=demo_round, rows=[(visit.district, row)])
    return demo_round


def test_typed_data_is_the_only_thai_digits_the_check_sees(demo_round):
    # A title typed with Thai digits: left as typed.
    demo_round.title = f"{demo_round.title} ปี ๒๕๖๓"
    demo_round.save(update_fields=["title"])
    assert thai_digits_outside_typed_data(f"<h1>{demo_round.title}</h1>", demo_round) == []
    assert thai_digits_outside_typed_data("<p>๐๙.๓๐ น.</p>", demo_round) != []


def test_monitoring_pages_show_arabic_digits(issued_and_changed, login, province_officer):
    round_ = issued_and_changed
    client = login(province_officer)
    pages = [reverse("monitoring:rounds", args=["84"])] + [
        reverse(f"monitoring:{name}", args=[round_.pk])
        for name in ("round", "round_edit", "schedule", "teams", "checklist", "visits")
        + ("generate", "summary")
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert thai_digits_outside_typed_data(html, round_) == [], page

    html = client.get(reverse("monitoring:round", args=[round_.pk])).content.decode()
    assert "ลงวันที่ 20 สิงหาคม 2563" in html  # the warning of the letter's schedule
    assert "เวลา 12.15 น." in html and "(09.00–11.30 น.)" in html  # the checker
    assert "12.15 น." in html and "7 กันยายน 2563" in html  # the table

    # The proposal beside the schedule now, and a generator's refusal with its counts.
    html = client.post(reverse("monitoring:generate", args=[round_.pk])).content.decode()
    assert thai_digits_outside_typed_data(html, round_) == []
    assert "9 กันยายน 2563" in html and "13.30 น." in html
    round_.ends_on = round_.starts_on
    round_.save()
    html = client.post(reverse("monitoring:generate", args=[round_.pk])).content.decode()
    assert "ติดตาม 19 อำเภอใน 1 วันทำการด้วย 2 ทีมไม่ได้" in html
    assert thai_digits_outside_typed_data(html, round_) == []


def test_team_pages_show_arabic_digits(demo_round, login, team_users):
    client = login(team_users["pichai"])
    html = client.get(reverse("monitoring:my_visits")).content.decode()
    assert "7 กันยายน 2563 · 09.00 น." in html
    assert thai_digits_outside_typed_data(html, demo_round) == []
    visit = demo_round.visits.get(district="8417")  # findings and a photo recorded
    html = client.get(reverse("monitoring:visit", args=[visit.pk])).content.decode()
    assert "09.00" in html
    assert thai_digits_outside_typed_data(html, demo_round) == []


def test_printed_schedule_keeps_thai_digits(issued_and_changed, login, province_officer):
    round_ = issued_and_changed
    client = login(province_officer)
    text = pdf_text(client.get(reverse("documents:schedule_pdf", args=[round_.pk])).content)
    assert norm("๗ กันยายน ๒๕๖๓ ๑๒.๑๕ น. ที่ว่าการอำเภอพุนพิน ผอ.พิชัย") in text
    assert not re.search("[0-9]", text)  # no Arabic digit anywhere

    data = client.get(reverse("documents:schedule_xlsx", args=[round_.pk])).content
    sheet = load_workbook(io.BytesIO(data)).active
    # Dates are date cells shown with Thai digits («๗ กันยายน ๒๕๖๓»); the rest is text.
    dates = [row[0] for row in sheet.iter_rows(min_row=4)]
    assert {c.number_format for c in dates} == {"[$-D07041E]d mmmm yyyy"}
    assert dt.date(2020, 9, 7) in {c.value.date() for c in dates}
    cells = [
        str(c) for row in sheet.iter_rows(min_row=4, min_col=2, values_only=True) for c in row if c
    ]
    assert "๑๒.๑๕ น." in cells
    assert not any(re.search("[0-9]", c) for c in cells)

    # The letter prints the schedule it was issued with, in Thai digits.
    letter = round_.letters.get()
    text = pdf_text(client.get(reverse("documents:letter_pdf", args=[letter.pk])).content)
    assert norm("๗ กันยายน ๒๕๖๓ ๐๙.๐๐ น. ที่ว่าการอำเภอพุนพิน") in text
    assert norm("๒๐ สิงหาคม ๒๕๖๓") in text
