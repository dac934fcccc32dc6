"""The round's pages, the printed schedule, the calendar, the summary and the visit form."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from conftest import PHUNPHIN
from thanrak.core.spreadsheets import BE_DATE
from thanrak.evidence.tests.factories import image_bytes, pdf_bytes, upload
from thanrak.monitoring.models import ItemFinding, MonitoringRound, Visit, VisitFinding


def url(name, *args):
    return reverse(f"monitoring:{name}", args=args)


# --- Round pages ------------------------------------------------------------------------


# The seed's round is made once for the module's tests that ask for it (conftest.demo_round)
# and may already be there: these two look only at the round their form makes.
def test_rounds_list_and_create_with_the_default_checklist(login, province_officer):
    client = login(province_officer)
    assert client.get(url("rounds", "84")).status_code == 200
    response = client.post(
        url("round_create", "84"),
        {
            "title": "ติดตามรอบที่ ๒",
            "fiscal_year": 2564,
            "starts_on": "01/03/2564",
            "ends_on": "05/03/2564",
            "districts": [PHUNPHIN, "8406"],
        },
    )
    round_ = MonitoringRound.objects.get(title="ติดตามรอบที่ ๒")
    assert response.status_code == 302 and response["Location"] == url("teams", round_.pk)
    assert round_.starts_on == dt.date(2021, 3, 1) and round_.checklist.count() == 6
    assert round_.created_by == province_officer


def test_round_form_refuses_a_christian_era_year(login, province_officer):
    response = login(province_officer).post(
        url("round_create", "84"),
        {
            "title": "x",
            "fiscal_year": 2564,
            "starts_on": "01/03/2021",
            "ends_on": "05/03/2564",
            "districts": [PHUNPHIN],
        },
    )
    assert response.status_code == 200 and not MonitoringRound.objects.filter(title="x").exists()


def test_round_form_names_a_christian_era_fiscal_year_and_days_outside_the_year(
    login, province_officer
):
    client = login(province_officer)
    base = {"title": "นอกปี", "districts": [PHUNPHIN]}
    christian = client.post(
        url("round_create", "84"),
        {**base, "fiscal_year": 2027, "starts_on": "11/01/2570", "ends_on": "15/01/2570"},
    )
    assert christian.context["form"].errors["fiscal_year"] == [
        "ปี 2027 น่าจะเป็นปีคริสต์ศักราช กรุณากรอกปีพุทธศักราช เช่น 2570"
    ]
    outside = client.post(
        url("round_create", "84"),
        {**base, "fiscal_year": 2570, "starts_on": "11/01/2575", "ends_on": "15/01/2575"},
    )
    errors = outside.context["form"].errors
    expected = "วันที่ไม่อยู่ในปีงบประมาณ 2570 ซึ่งเริ่ม 1 ตุลาคม 2569 ถึง 30 กันยายน 2570"
    assert errors["starts_on"] == [expected] and errors["ends_on"] == [expected]
    assert not MonitoringRound.objects.filter(title="นอกปี").exists()


def test_round_page_shows_the_schedule_and_the_check(demo_round, login, province_officer):
    html = login(province_officer).get(url("round", demo_round.pk)).content.decode()
    assert "กำหนดการเป็นไปตามเงื่อนไขทั้งหมด" in html
    assert html.count("<tr") == 20  # the header and 19 visits
    assert "ที่ว่าการอำเภอเมืองฯ" in html and "13.30 น." in html
    assert url("generate", demo_round.pk) in html


def test_printed_schedule_is_the_seeds_table(demo_round, login, province_officer):
    html = login(province_officer).get(url("schedule", demo_round.pk)).content.decode()
    for header in ("วันที่", "เวลา", "สถานที่", "ทีม", "หมายเหตุ"):
        assert f'<th scope="col">{header}</th>' in html
    # The table writes a day on its first row, once per team; a phone's card names it too.
    assert html.count('data-label="วันที่">7 กันยายน 2563</td>') == 2
    assert html.count('<span class="on-card">7 กันยายน 2563</span>') == 2
    assert html.count('data-label="ทีม">ผอ.พิชัย</td>') == 1
    assert html.count('data-label="ทีม">ผอ.ไพศิษฐ์</td>') == 1
    assert "กำหนดการติดตามโครงการพัฒนาศักยภาพศูนย์บริการส่งเสริมเศรษฐกิจฐานราก" in html


def test_printed_schedule_of_a_latin_title_has_a_space_after_the_thai_word(
    demo_round, login, province_officer
):
    MonitoringRound.objects.filter(pk=demo_round.pk).update(title="OTOP Review 2563")
    client = login(province_officer)
    html = client.get(url("schedule", demo_round.pk)).content.decode()
    assert '<h1 class="doc-title">กำหนดการ OTOP Review 2563<br>' in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url("schedule", demo_round.pk)).content.decode()
    assert '<h1 class="doc-title">Schedule: OTOP Review 2563<br>' in english


def test_teams_and_checklist_are_edited_by_the_province(
    demo_round, login, province_officer, team_users
):
    client = login(province_officer)
    response = client.post(
        url("teams", demo_round.pk),
        {
            "team0-name": "ผอ.พิชัย",
            "team0-lead": team_users["pichai"].pk,
            "team0-members": [team_users["pichai.team"].pk],
            "team1-name": "ผอ.ไพศิษฐ์",
            "team1-lead": team_users["paisit"].pk,
            "team1-members": [team_users["paisit.team"].pk],
            "team2-name": "ทีมสาม",
            "team2-lead": province_officer.pk,
        },
    )
    assert response.status_code == 302
    assert [t.name for t in demo_round.teams.all()] == ["ผอ.พิชัย", "ผอ.ไพศิษฐ์", "ทีมสาม"]
    items = list(demo_round.checklist.all())
    # The empty rows to add items come numbered after the last (6), not 0 before the first.
    page = client.get(url("checklist", demo_round.pk)).text
    assert 'name="checklist-6-order" value="7"' in page
    assert 'name="checklist-7-order" value="8"' in page
    assert '<textarea name="checklist-0-text"' in page
    data = {
        "checklist-TOTAL_FORMS": 7,
        "checklist-INITIAL_FORMS": 6,
        "checklist-MIN_NUM_FORMS": 0,
        "checklist-MAX_NUM_FORMS": 1000,
    }
    for n, item in enumerate(items):
        data |= {
            f"checklist-{n}-id": item.pk,
            f"checklist-{n}-order": item.order,
            f"checklist-{n}-text": item.text,
            f"checklist-{n}-round": demo_round.pk,
        }
    data |= {"checklist-6-order": 7, "checklist-6-text": "การให้บริการกลุ่มเป้าหมาย"}
    assert client.post(url("checklist", demo_round.pk), data).status_code == 302
    assert demo_round.checklist.last().text == "การให้บริการกลุ่มเป้าหมาย"


def teams_data(round_) -> dict:
    """The teams form as the page posts it, unchanged."""
    data = {}
    for n, team in enumerate(round_.teams.all()):
        data |= {
            f"team{n}-name": team.name,
            f"team{n}-lead": team.lead_id,
            f"team{n}-members": [m.pk for m in team.members.all()],
        }
    return data


def test_a_team_without_visits_is_removed_and_one_with_visits_is_not(
    demo_round, login, province_officer
):
    from thanrak.monitoring.models import Team

    client = login(province_officer)
    spare = Team.objects.create(round=demo_round, name="ทีมสำรอง", lead=province_officer, order=9)
    teams = list(demo_round.teams.all())
    data = teams_data(demo_round)
    busy = teams.index(next(t for t in teams if t.visits.exists()))
    refused = client.post(url("teams", demo_round.pk), data | {f"team{busy}-remove": "on"})
    assert refused.status_code == 200
    assert "กรุณาเปลี่ยนทีมของกำหนดการเหล่านั้นในตารางก่อนลบทีม" in refused.text
    assert demo_round.teams.count() == len(teams)
    removed = client.post(
        url("teams", demo_round.pk), data | {f"team{teams.index(spare)}-remove": "on"}
    )
    assert removed.status_code == 302
    assert not Team.objects.filter(pk=spare.pk).exists()
    assert demo_round.teams.count() == len(teams) - 1


def test_no_one_is_on_two_teams(demo_round, login, province_officer, team_users):
    client = login(province_officer)
    data = teams_data(demo_round)
    before = {t.pk: set(t.members.all()) for t in demo_round.teams.all()}
    data["team1-members"] = [*data["team1-members"], team_users["pichai.team"].pk]
    answer = client.post(url("teams", demo_round.pk), data)
    assert answer.status_code == 200
    assert "อยู่ในทีม ผอ.พิชัย แล้ว ทุกทีมออกติดตามในวันเดียวกัน" in answer.text
    assert {t.pk: set(t.members.all()) for t in demo_round.teams.all()} == before


def grid_data(round_) -> dict:
    data = {}
    for visit in round_.visits.all():
        p = visit.district_id
        data |= {
            f"{p}-date": visit.date.strftime("%d/%m/") + str(visit.date.year + 543),
            f"{p}-time": visit.time.strftime("%H.%M"),
            f"{p}-team": visit.team_id,
            f"{p}-place": visit.place,
            f"{p}-note": visit.note,
        }
    return data


def test_visit_grid_saves_a_row_with_thai_times(demo_round, login, province_officer):
    client = login(province_officer)
    page = client.get(url("visits", demo_round.pk))
    assert page.status_code == 200
    data = grid_data(demo_round)
    data[f"{PHUNPHIN}-time"] = "๐๙.๓๐ น."
    data[f"{PHUNPHIN}-note"] = "พบพัฒนาการอำเภอ"
    assert client.post(url("visits", demo_round.pk), data).status_code == 302
    visit = demo_round.visits.get(district=PHUNPHIN)
    assert visit.time == dt.time(9, 30) and visit.note == "พบพัฒนาการอำเภอ"


def test_visit_grid_names_a_wrong_time_and_a_day_outside_the_round(
    demo_round, login, province_officer
):
    client = login(province_officer)
    before = list(demo_round.visits.values_list("district", "date", "time"))
    wrong_time = grid_data(demo_round) | {f"{PHUNPHIN}-time": "25.00"}
    rows = client.post(url("visits", demo_round.pk), wrong_time).context["rows"]
    errors = [str(e) for row in rows for e in row.errors.get("time", [])]
    assert errors == ["กรุณาเขียนเวลาเป็นชั่วโมงและนาที เช่น 09.30 (00.00 ถึง 23.59)"]
    assert not any(row.non_field_errors() for row in rows)
    assert list(demo_round.visits.values_list("district", "date", "time")) == before
    # A grid is saved as typed; the round's page checks it and says what is outside.
    outside = grid_data(demo_round) | {f"{PHUNPHIN}-date": "14/09/2563"}
    assert client.post(url("visits", demo_round.pk), outside).status_code == 302
    page = client.get(url("round", demo_round.pk)).content.decode()
    assert "อยู่นอกรอบการติดตาม: วันทำการของรอบคือ 7 ก.ย. 2563 ถึง 11 ก.ย. 2563" in page


def test_generate_on_too_few_days_explains_and_saves_nothing(demo_round, login, province_officer):
    MonitoringRound.objects.filter(pk=demo_round.pk).update(ends_on=dt.date(2020, 9, 8))
    before = list(Visit.objects.values_list("pk", "date", "time", "team"))
    response = login(province_officer).post(url("generate", demo_round.pk))
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="generate-error"' in html
    assert "ไม่ได้บันทึกกำหนดการ" in html and "รวมได้มากที่สุด 8 แห่ง" in html
    assert list(Visit.objects.values_list("pk", "date", "time", "team")) == before


# --- Calendar and Excel ----------------------------------------------------------------------


def test_team_calendar_is_icalendar_in_bangkok_time(demo_round, login, team_users):
    team = demo_round.teams.get(name="ผอ.พิชัย")
    response = login(team_users["pichai.team"]).get(url("team_calendar", team.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 9
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Bangkok"]
    first = events[0]
    assert first["DTSTART"].params["TZID"] == "Asia/Bangkok"
    assert first.decoded("DTSTART") == dt.datetime(
        2020, 9, 7, 9, 0, tzinfo=ZoneInfo("Asia/Bangkok")
    )
    assert str(first["LOCATION"]) == "ที่ว่าการอำเภอพุนพิน"
    assert "อำเภอพุนพิน" in str(first["SUMMARY"])
    assert len({str(e["UID"]) for e in events}) == 9


def test_summary_exports_to_excel_with_thai_headers_and_be_dates(
    demo_round, login, province_officer
):
    response = login(province_officer).get(url("summary_xlsx", demo_round.pk))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet["A1"].value == demo_round.title
    headers = [c.value for c in sheet[2]]
    assert headers[:4] == ["ที่", "อำเภอ", "วันที่", "ทีม"]
    assert "โครงสร้างการขับเคลื่อนศูนย์ฯ" in headers and headers[-3:] == [
        "ผลการติดตามโดยรวม",
        "ข้อเสนอแนะ",
        "สถานะ",
    ]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert len(rows) == 19
    phunphin = rows["อำเภอพุนพิน"]
    assert phunphin[2] == dt.datetime(2020, 9, 7) and phunphin[3] == "ผอ.พิชัย"  # noqa: DTZ001
    assert sheet["C3"].number_format == BE_DATE  # a date cell shown «7 ก.ย. 2563»
    assert phunphin[4] == "✓ พบ" and phunphin[8] == "◐ พบบางส่วน"
    assert phunphin[-1] == "บันทึกผลแล้ว" and rows["อำเภอไชยา"][-1] == "ยังไม่ได้บันทึกผล"
    counts = book.worksheets[1]
    assert [c.value for c in counts[1]] == ["ประเด็น", "พบ", "พบบางส่วน", "ไม่พบ"]


def test_summary_page_lists_districts_not_recorded_in_few_queries(
    demo_round, login, province_officer
):
    client = login(province_officer)
    with CaptureQueriesContext(connection) as small:
        html = client.get(url("summary", demo_round.pk)).content.decode()
    assert "อำเภอไชยา" in html and html.count('class="result result-') == 18
    # More findings: the number of queries stays the same.
    for visit in demo_round.visits.exclude(district__in=["8417", "8414", "8413"]):
        for item in demo_round.checklist.all():
            ItemFinding.objects.create(visit=visit, item=item, result="found")
        VisitFinding.objects.create(visit=visit, overall="ดี")
    with CaptureQueriesContext(connection) as large:
        client.get(url("summary", demo_round.pk))
    assert len(large) == len(small) <= 12


def test_a_visit_later_today_is_not_visited_yet_until_its_hour_or_a_finding(demo_round):
    from thanrak.monitoring import selectors

    visit = demo_round.visits.get(district="8406")
    visit.item_findings.all().delete()
    day = visit.date
    Visit.objects.filter(pk=visit.pk).update(time=dt.time(9, 30))
    bangkok = ZoneInfo("Asia/Bangkok")

    def where(hour: int, minute: int = 0) -> str:
        summary = selectors.round_summary(
            demo_round, dt.datetime.combine(day, dt.time(hour, minute), tzinfo=bangkok)
        )
        chaiya = next(r for r in summary.rows if r.district.code == "8406")
        if chaiya in summary.not_visited:
            return "not visited"
        return "not recorded" if chaiya in summary.not_recorded else "recorded"

    assert where(8) == where(9, 29) == "not visited"
    assert where(9, 30) == where(16) == "not recorded"
    # Findings written early (the team came before its hour): the visit took place.
    ItemFinding.objects.create(visit=visit, item=demo_round.checklist.first(), result="found")
    assert where(8) == "not recorded"


# --- The visit form --------------------------------------------------------------------------


@pytest.fixture
def phunphin_visit(demo_round):
    return demo_round.visits.get(district=PHUNPHIN)


def test_team_member_answers_one_item_with_htmx(phunphin_visit, login, team_users):
    client = login(team_users["pichai.team"])
    chaiya = phunphin_visit.round.visits.get(district="8406")
    item = phunphin_visit.round.checklist.get(order=5)
    response = client.post(
        chaiya.get_absolute_url(),
        {"item": item.pk, "result": "not_found", "comment": "ยังไม่มีเพจ"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "บันทึกแล้ว" in html and "<html" not in html
    finding = ItemFinding.objects.get(visit=chaiya, item=item)
    assert (finding.result, finding.comment) == ("not_found", "ยังไม่มีเพจ")
    # A comment typed later keeps the answer: only what is sent changes.
    client.post(
        chaiya.get_absolute_url(),
        {"item": item.pk, "comment": "มีแผนจะทำเพจ"},
        HTTP_HX_REQUEST="true",
    )
    finding.refresh_from_db()
    assert (finding.result, finding.comment) == ("not_found", "มีแผนจะทำเพจ")


def test_an_item_with_a_comment_and_no_result_says_it_is_not_answered(
    phunphin_visit, login, team_users
):
    client = login(team_users["pichai.team"])
    chaiya = phunphin_visit.round.visits.get(district="8406")
    item = chaiya.round.checklist.get(order=2)
    # As the item says it (visit.html also carries the words for visit.js, in an attribute).
    not_answered = ">ยังไม่ได้เลือกผลการตรวจของข้อนี้"

    def saved(comment: str) -> str:
        data = {"item": item.pk, "comment": comment}
        return client.post(chaiya.get_absolute_url(), data, HTTP_HX_REQUEST="true").text

    assert not_answered in saved("รอเอกสาร") and "data-missing" in saved("รอเอกสาร")
    assert not_answered in client.get(chaiya.get_absolute_url()).text
    # The comment cleared: the item holds nothing, and says nothing of it.
    assert not_answered not in saved("")
    assert not_answered not in client.get(chaiya.get_absolute_url()).text


def test_plain_post_with_a_photo_and_the_overall_finding(phunphin_visit, login, team_users):
    client = login(team_users["pichai"])
    item = phunphin_visit.round.checklist.get(order=1)
    photo = upload("หน้าศูนย์.jpg", image_bytes((800, 600), "JPEG"), "image/jpeg")
    response = client.post(
        phunphin_visit.get_absolute_url(), {"item": item.pk, "result": "found", "files": [photo]}
    )
    assert response.status_code == 302
    finding = ItemFinding.objects.get(visit=phunphin_visit, item=item)
    evidence = finding.evidence.last()  # after the demo's own photo
    assert finding.evidence.count() == 2
    assert evidence.original_name == "หน้าศูนย์.jpg"
    assert evidence.district_id == PHUNPHIN and evidence.kind == "image"
    response = client.post(
        phunphin_visit.get_absolute_url(), {"overall": "ดีมาก", "recommendations": "ทำต่อไป"}
    )
    assert response.status_code == 302
    assert VisitFinding.objects.get(visit=phunphin_visit).overall == "ดีมาก"
    page = client.get(phunphin_visit.get_absolute_url()).content.decode()
    assert reverse("evidence:thumbnail", args=[evidence.pk]) in page
    assert f'href="/districts/{PHUNPHIN}/readiness/?fy=2563"' in page
    # Monitors read the districts of their rounds: the file downloads.
    assert client.get(reverse("evidence:download", args=[evidence.pk])).status_code == 200


def test_an_item_takes_photos_only_and_names_the_pdf_it_refuses(phunphin_visit, login, team_users):
    # A PDF passes the evidence check of a record, but a checklist item keeps photos: it
    # is refused by its name, the answer sent with it is kept, and no file is.
    client = login(team_users["pichai"])
    item = phunphin_visit.round.checklist.get(order=3)
    minutes = upload("รายงานการประชุม.pdf", pdf_bytes(), "application/pdf")
    response = client.post(
        phunphin_visit.get_absolute_url(),
        {"item": item.pk, "result": "found", "files": [minutes]},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "ไฟล์ รายงานการประชุม.pdf ไม่ใช่รูปภาพ" in page and "data-error" in page
    finding = ItemFinding.objects.get(visit=phunphin_visit, item=item)
    assert finding.result == "found" and not finding.evidence.exists()
    # The same PDF sent alone to an item not answered yet: refused, and no empty finding
    # is made (nor a change in the visit's history).
    other = phunphin_visit.round.checklist.get(order=4)
    ItemFinding.objects.filter(visit=phunphin_visit, item=other).delete()
    history = ItemFinding.history.filter(visit=phunphin_visit).count()
    minutes.seek(0)
    alone = client.post(
        phunphin_visit.get_absolute_url(),
        {"item": other.pk, "files": [minutes]},
        HTTP_HX_REQUEST="true",
    )
    assert "data-error" in alone.content.decode()
    assert not ItemFinding.objects.filter(visit=phunphin_visit, item=other).exists()
    assert ItemFinding.history.filter(visit=phunphin_visit).count() == history


def test_a_refused_file_is_explained_and_nothing_is_attached(phunphin_visit, login, team_users):
    client = login(team_users["pichai"])
    item = phunphin_visit.round.checklist.get(order=2)
    bad = upload("virus.exe", b"MZ\x90\x00" * 64, "application/octet-stream")
    response = client.post(
        phunphin_visit.get_absolute_url(),
        {"item": item.pk, "result": "partly", "files": [bad]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "status-not_held" in response.content.decode()
    assert not ItemFinding.objects.filter(
        visit=phunphin_visit, item=item, evidence__isnull=False
    ).exists()


def test_a_result_is_taken_back_to_none(phunphin_visit, login, team_users):
    client = login(team_users["pichai"])
    item = phunphin_visit.round.checklist.get(order=2)
    url = phunphin_visit.get_absolute_url()
    client.post(url, {"item": item.pk, "result": "not_found"}, HTTP_HX_REQUEST="true")
    page = client.post(url, {"item": item.pk, "result": ""}, HTTP_HX_REQUEST="true").text
    assert ItemFinding.objects.get(visit=phunphin_visit, item=item).result == ""
    assert '<input type="radio" name="result" value="" checked>' in page


def test_the_visit_names_its_team_once_whatever_the_name_says(phunphin_visit, login, team_users):
    client = login(team_users["pichai.team"])
    team = phunphin_visit.team
    assert "· ทีม ผอ.พิชัย</p>" in client.get(phunphin_visit.get_absolute_url()).content.decode()
    # A name typed with «ทีม» (the form's label) or numbered is not said twice.
    for name in ("ทีมที่ 1", "ทีม ผอ.พิชัย"):
        team.name = name
        team.save()
        html = client.get(phunphin_visit.get_absolute_url()).content.decode()
        assert f"· {name}</p>" in html and "ทีม ทีม" not in html
