"""The round's printed schedule (exactly the seed's table) and the letter's pages."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from thanrak.areas.models import Province
from thanrak.core.thai import format_date_long, thai_digits
from thanrak.demo.monitoring import load_monitoring
from thanrak.documents import letters, render
from thanrak.documents.models import Letter, Letterhead
from thanrak.documents.tests.factories import make_letter
from thanrak.documents.tests.helpers import norm, one_line, pdf_text
from thanrak.evidence.tests.factories import image_bytes
from thanrak.monitoring import services
from thanrak.monitoring.tests.factories import seed_team_users

pytestmark = pytest.mark.django_db

# The seed's กำหนดการ, row by row (วันที่ | เวลา | สถานที่ | ทีม | หมายเหตุ).
SEED_SCHEDULE = """\
๗ กันยายน ๒๕๖๓|๐๙.๐๐ น.|ที่ว่าการอำเภอพุนพิน|ผอ.พิชัย|
|๑๓.๐๐ น.|ที่ว่าการอำเภอเคียนซา||
๘ กันยายน ๒๕๖๓|๐๙.๐๐ น.|ที่ว่าการอำเภอไชยา||
|๑๓.๐๐ น.|ที่ว่าการอำเภอท่าชนะ||
๙ กันยายน ๒๕๖๓|๐๙.๐๐ น.|ที่ว่าการอำเภอท่าฉาง||
|๑๓.๐๐ น.|ที่ว่าการอำเภอวิภาวดี||
๑๐ กันยายน ๒๕๖๓|๐๙.๐๐ น.|ที่ว่าการอำเภอคีรีรัฐนิคม||
|๑๓.๐๐ น.|ที่ว่าการอำเภอบ้านตาขุน||
๑๑ กันยายน ๒๕๖๓|๐๙.๓๐ น.|ที่ว่าการอำเภอพนม||
๗ กันยายน ๒๕๖๓|๐๙.๐๐ น.|ที่ว่าการอำเภอบ้านนาเดิม|ผอ.ไพศิษฐ์|
|๑๓.๐๐ น.|ที่ว่าการอำเภอบ้านนาสาร||
๘ กันยายน ๒๕๖๓|๐๙.๐๐ น.|ที่ว่าการอำเภอเวียงสระ||
|๑๓.๐๐ น.|ที่ว่าการอำเภอพระแสง||
๙ กันยายน ๒๕๖๓|๐๙.๐๐ น.|ที่ว่าการอำเภอเมืองฯ||
|๑๓.๓๐ น.|ที่ว่าการอำเภอชัยบุรี||
๑๐ กันยายน ๒๕๖๓|๐๙.๐๐ น.|ที่ว่าการอำเภอกาญจนดิษฐ์||
|๑๓.๐๐ น.|ที่ว่าการอำเภอดอนสัก||
๑๑ กันยายน ๒๕๖๓|๐๙.๓๐ น.|ที่ว่าการอำเภอเกาะสมุย||
|๑๔.๐๐ น.|ที่ว่าการอำเภอเกาะพะงัน||"""


SEED_TITLE = "กำหนดการติดตามโครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก"


@pytest.fixture
def seed_round(centers, province_officer):
    seed_team_users()
    with translation.override("th"):
        return load_monitoring(Province.objects.get(pk="84"), province_officer)


def test_schedule_rows_are_exactly_the_seeds_table(seed_round):
    rows = letters.round_schedule_rows(seed_round)
    printed = "\n".join(f"{r.date}|{r.time}|{r.place}|{r.team}|{r.note}" for r in rows)
    assert printed == SEED_SCHEDULE


def test_schedule_workbook_and_pdf_print_the_same_table(seed_round, client, province_officer):
    client.force_login(province_officer)
    xlsx = client.get(reverse("documents:schedule_xlsx", kwargs={"round": seed_round.pk}))
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    # Headed as the seed's: «กำหนดการ» and the round's title, then the province.
    assert [ws["A1"].value, ws["A2"].value] == [SEED_TITLE, "จังหวัดสุราษฎร์ธานี"]
    assert [c.value for c in ws[3]] == ["วันที่", "เวลา", "สถานที่", "ทีม", "หมายเหตุ"]
    # The seed's table with each row's date and team filled in: the workbook is a list to
    # sort and filter. The date is a date cell shown as the letter prints it.
    expected, date, team = [], "", ""
    for line in SEED_SCHEDULE.splitlines():
        day, time, place, who, note = line.split("|")
        date, team = day or date, who or team
        expected.append("|".join([date, time, place, team, note]))
    body = []
    for row in ws.iter_rows(min_row=4):
        assert row[0].is_date and row[0].number_format == "[$-D07041E]d mmmm yyyy"
        assert row[0].alignment.horizontal == "left"  # not against the time beside it
        values = [format_date_long(row[0].value.date()), *(c.value or "" for c in row[1:])]
        body.append("|".join(values))
    assert body == expected
    pdf = client.get(reverse("documents:schedule_pdf", kwargs={"round": seed_round.pk}))
    text = pdf_text(pdf.content)
    assert one_line(text).startswith(norm(one_line(f"{SEED_TITLE} จังหวัดสุราษฎร์ธานี วันที่")))
    assert norm("๑๑ กันยายน ๒๕๖๓ ๐๙.๓๐ น. ที่ว่าการอำเภอเกาะสมุย") in text
    assert norm("๑๔.๐๐ น. ที่ว่าการอำเภอเกาะพะงัน") in text


def test_each_round_heads_its_schedule_with_its_own_title(seed_round, client, province_officer):
    second = services.round_create(
        province=seed_round.province,
        user=province_officer,
        title="ติดตามศูนย์ฯ รอบที่ ๒ ปี ๒๕๖๓",
        fiscal_year=2563,
        starts_on=dt.date(2020, 9, 14),
        ends_on=dt.date(2020, 9, 18),
        districts=seed_round.districts.all(),
    )
    client.force_login(province_officer)
    heading = "กำหนดการติดตามศูนย์ฯ รอบที่ ๒ ปี ๒๕๖๓"
    pdf = client.get(reverse("documents:schedule_pdf", kwargs={"round": second.pk}))
    assert one_line(pdf_text(pdf.content)).startswith(norm(one_line(heading)))
    xlsx = client.get(reverse("documents:schedule_xlsx", kwargs={"round": second.pk}))
    assert load_workbook(io.BytesIO(xlsx.content)).active["A1"].value == heading
    # The page heads it the same way.
    page = client.get(reverse("monitoring:schedule", args=[second.pk])).content.decode()
    assert f"{heading}<br>" in page


def test_the_schedule_is_not_for_district_officers(seed_round, client, phunphin_officer):
    client.force_login(phunphin_officer)
    url = reverse("documents:schedule_pdf", kwargs={"round": seed_round.pk})
    assert client.get(url).status_code == 403


def test_schedule_rows_print_date_and_team_on_their_first_row_only():
    slots = [
        render.Slot(1, "ทีม ก", dt.date(2020, 9, 7), dt.time(9, 0), "ก"),
        render.Slot(1, "ทีม ก", dt.date(2020, 9, 7), dt.time(13, 0), "ข"),
        render.Slot(2, "ทีม ข", dt.date(2020, 9, 7), dt.time(9, 0), "ค"),
    ]
    rows = render.schedule_rows(slots)
    assert [(r.date, r.team) for r in rows] == [
        ("๗ กันยายน ๒๕๖๓", "ทีม ก"),
        ("", ""),
        ("๗ กันยายน ๒๕๖๓", "ทีม ข"),
    ]


def test_province_officer_writes_the_rounds_letter_from_the_template(
    seed_round, client, province_officer
):
    client.force_login(province_officer)
    url = reverse("documents:letter_create", args=["84"]) + f"?round={seed_round.pk}"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {k: form[k].value() or "" for k in form.fields}
    assert data["subject"] == "โครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก"
    assert data["to"] == "นายอำเภอทุกอำเภอ"
    data |= {"number": "สฎ 0019.03/ว.6555", "date": "20/08/2563", "signer_name": "นายทดสอบ ลงนาม"}
    # A browser sends a textarea's lines ended by CR LF.
    data["body"] = data["body"].replace("\n", "\r\n")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    letter = Letter.objects.get()
    assert response.status_code == 302 and letter.round == seed_round
    assert letter.date == dt.date(2020, 8, 20)
    assert "อำเภอละ" in letter.body
    pdf = client.get(reverse("documents:letter_pdf", args=[letter.pk]))
    text = pdf_text(pdf.content)
    assert norm("ที่ สฎ ๐๐๑๙.๐๓/ว.๖๕๕๕") in text
    # Each paragraph of the body starts a line of its own.
    assert len(letter.paragraphs) == 2
    second = letter.paragraphs[1].split()[0]
    assert any(line.strip().startswith(norm(second)) for line in text.splitlines())


def test_letters_are_the_provinces_own(
    client, province_officer, other_province_officer, viewer, phunphin_officer, centers
):
    letter = make_letter("84")
    url = reverse("documents:letter_pdf", args=[letter.pk])
    client.force_login(other_province_officer)
    assert client.get(url).status_code == 404
    client.force_login(phunphin_officer)
    assert client.get(url).status_code == 403
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    # The executive reads, but may not change the letter.
    assert client.post(reverse("documents:letter", args=[letter.pk]), {}).status_code == 403


def test_an_uploaded_emblem_is_printed_and_without_one_a_box_is_left(
    client, province_officer, centers
):
    letter = make_letter("84")
    without = letters.letter_context(letter)
    assert without["emblem_uri"] == ""
    client.force_login(province_officer)
    png = SimpleUploadedFile("garuda.png", image_bytes((60, 80)), content_type="image/png")
    response = client.post(reverse("documents:letterhead", args=["84"]), {"emblem": png})
    assert response.status_code == 302
    assert Letterhead.objects.get(province="84").emblem
    context = letters.letter_context(letter)
    assert context["emblem_uri"].startswith("data:image/png;base64,")
    assert letters.letter_pdf(letter).startswith(b"%PDF")


def test_a_team_name_is_not_broken_inside_a_word_on_the_printed_schedule():
    # WeasyPrint's dictionary does not know the name ไพศิษฐ์ and broke it («ผอ.ไพ|ศิษฐ์»)
    # in the narrow team column; the line may end at a space only.
    day = dt.date(2027, 2, 1)
    places = ["ที่ว่าการอำเภอเกาะสมุย", "ที่ว่าการอำเภอบ้านนาเดิม"]
    slots = [
        render.Slot(1, "ทีม ผอ.ไพศิษฐ์ และคณะ", day, dt.time(9 + 4 * n), place)
        for n, place in enumerate(places)
    ]
    text = pdf_text(render.schedule_pdf("กำหนดการ", "จังหวัดสุราษฎร์ธานี", render.schedule_rows(slots)))
    assert norm("ผอ.ไพศิษฐ์") in text.split()


def test_a_letter_ends_its_lines_between_words_never_inside_an_amount_a_date_or_a_number(areas):
    # WeasyPrint's dictionary broke «(หนึ่งพันห้า|ร้อยบาทถ้วน)» in the demo's letter. Each
    # paragraph here moves the phrases a few words on, so that some fall at a line's end.
    phrases = ["(หนึ่งพันห้าร้อยบาทถ้วน)", "สฎ 0019.03/ว.3673", "12 พฤษภาคม 2563"]
    filler = "ให้อำเภอดำเนินการ"
    letter = make_letter("84")
    letter.body = "\n\n".join(
        f"ตามหนังสือ{filler * n} อำเภอละ 1,500 บาท {phrases[0]} ที่ {phrases[1]} "
        f"ลงวันที่ {phrases[2]} ความละเอียดแจ้งแล้ว นั้น"
        for n in range(12)
    )
    letter.save()
    lines = pdf_text(letters.letter_pdf(letter)).splitlines()
    for phrase in phrases:
        assert sum(line.count(norm(thai_digits(phrase))) for line in lines) == 12, phrase
