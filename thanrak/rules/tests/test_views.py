"""The compliance matrix, cell, readiness and settings pages: who sees what, and what they show."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from conftest import CHAIYA, PHUNPHIN
from thanrak.areas.models import Province
from thanrak.core.thai import current_fiscal_year
from thanrak.rules import guideline, selectors
from thanrak.rules.models import RuleSettings
from thanrak.rules.tests import factories as f

MATRIX = reverse("rules:compliance", args=["84"])


def cell_url(district=PHUNPHIN, rule="R3", **query):
    url = reverse("rules:cell", args=[district, rule])
    return f"{url}?fy={query.get('fy', 2563)}&quarter={query.get('quarter', '')}"


def readiness_url(district=PHUNPHIN, fy=2563):
    return f"{reverse('rules:readiness', args=[district])}?fy={fy}"


# --- Access --------------------------------------------------------------------------


# A monitor on no round reads no district: monitoring's tests cover team members.
@pytest.mark.parametrize("persona", ["province_officer", "viewer", "admin_user"])
def test_province_users_see_the_matrix(persona, request, login):
    client = login(request.getfixturevalue(persona))
    response = client.get(MATRIX)
    assert response.status_code == 200
    assert response.content.decode().count('class="status status-') >= 19 * 10


def test_district_officer_is_refused_the_province_matrix(login, phunphin_officer):
    assert login(phunphin_officer).get(MATRIX).status_code == 403


def test_another_provinces_officer_gets_404(login, other_province_officer):
    assert login(other_province_officer).get(MATRIX).status_code == 404


def test_anonymous_is_sent_to_log_in(client, centers):
    response = client.get(MATRIX)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_chaiya_officer_gets_404_on_phunphins_pages(login, chaiya_officer):
    client = login(chaiya_officer)
    assert client.get(readiness_url(PHUNPHIN)).status_code == 404
    assert client.get(cell_url(PHUNPHIN)).status_code == 404
    assert client.get(readiness_url(CHAIYA)).status_code == 200
    assert client.get(cell_url(CHAIYA)).status_code == 200


def test_unknown_rule_is_404(login, phunphin_officer):
    client = login(phunphin_officer)
    assert client.get(cell_url(rule="R11")).status_code == 404
    assert client.get(cell_url(rule="r3")).status_code == 404


def test_province_officer_reads_a_districts_cell_and_readiness(login, province_officer):
    client = login(province_officer)
    assert client.get(cell_url()).status_code == 200
    assert client.get(readiness_url()).status_code == 200


# --- The matrix -------------------------------------------------------------------


def test_matrix_lists_districts_in_thai_order_with_symbol_and_word(login, province_officer):
    html = login(province_officer).get(MATRIX + "?fy=2563&quarter=2").content.decode()
    names = ["กาญจนดิษฐ์", "เกาะพะงัน", "เกาะสมุย", "คีรีรัฐนิคม", "เคียนซา"]
    positions = [html.index(f"อำเภอ{name}") for name in names]
    assert positions == sorted(positions)
    assert "✗</span> ไม่ผ่าน" in html
    assert 'hx-get="/districts/8417/compliance/R3/?fy=2563&amp;quarter=2"' in html
    assert 'href="/districts/8417/compliance/R3/?fy=2563&amp;quarter=2"' in html
    assert 'value="2563" selected' in html


def test_an_english_page_lists_the_districts_from_a_to_z_by_their_english_names(
    login, province_officer
):
    from thanrak.areas.models import District

    client = login(province_officer)
    client.cookies["django_language"] = "en"
    html = client.get(MATRIX + "?fy=2563").content.decode()
    english = sorted(District.objects.filter(province="84").values_list("name_en", flat=True))
    positions = [
        html.index(f">{name} District<") for name in english if f">{name} District<" in html
    ]
    assert len(positions) == 19 and positions == sorted(positions)
    assert "ก–ฮ" not in html


def test_matrix_shows_the_settings_link_only_to_the_province_officer(
    login, province_officer, monitor
):
    settings_url = reverse("rules:settings", args=["84", 2563])
    assert settings_url in login(province_officer).get(MATRIX + "?fy=2563").content.decode()
    assert settings_url not in login(monitor).get(MATRIX + "?fy=2563").content.decode()


def test_matrix_refuses_an_impossible_period_in_thai(login, province_officer):
    response = login(province_officer).get(MATRIX + "?fy=abc&quarter=9")
    assert response.status_code == 400
    assert "ไม่ใช่ปีงบประมาณ" in response.content.decode()


# --- The cell -------------------------------------------------------------------------


def test_cell_explains_and_lists_records_with_their_files(login, province_officer, phunphin):
    meeting = f.meeting(phunphin, dt.date(2019, 12, 31))
    response = login(province_officer).get(cell_url(quarter=1))
    html = response.content.decode()
    assert "<html" in html
    assert "มีการประชุมคณะกรรมการพร้อมรายงานการประชุม 1 ครั้งในไตรมาสที่ 1" in html
    assert meeting.title in html
    assert "ผ่าน" in html
    assert "<dt>ที่มา</dt><dd>แนวทางฯ ข้อ 6.3 1)</dd>" in html  # not the funding "source"
    evidence = meeting.evidence.get()
    assert evidence.original_name in html or (evidence.caption or "") in html


def test_cell_as_an_htmx_partial(login, province_officer, phunphin):
    response = login(province_officer).get(cell_url(quarter=2), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-testid="rule-details"' in html
    assert "ไตรมาสที่ 2 ปีงบประมาณ 2563 (ม.ค.–มี.ค. 2563)" in html


def test_cell_links_records_that_have_a_page(login, phunphin_officer, phunphin):
    meeting = f.meeting(phunphin, dt.date(2019, 12, 31))
    html = login(phunphin_officer).get(cell_url(quarter=1)).content.decode()
    url = selectors.record_url(meeting)  # None while the centers app has no page for it
    assert url is None or f'href="{url}"' in html


def has_thai_digit(html: str) -> bool:
    return any("\u0e50" <= ch <= "\u0e59" for ch in html)


def test_cell_page_prints_arabic_digits_only(login, province_officer, phunphin):
    f.meeting(phunphin, dt.date(2019, 12, 31))
    client = login(province_officer)
    for rule in guideline.RULES:
        for quarter in ("", 2):
            html = client.get(cell_url(rule=rule.id, quarter=quarter)).content.decode()
            assert "2563" in html
            assert not has_thai_digit(html), (rule.id, quarter)


def test_compliance_page_prints_arabic_digits_only(login, province_officer, phunphin):
    f.complete_year(phunphin)
    html = login(province_officer).get(f"{MATRIX}?fy=2563&quarter=2").content.decode()
    assert "2563" in html
    assert not has_thai_digit(html)


# --- Readiness --------------------------------------------------------------------------


def test_readiness_shows_the_six_items_of_the_letter_in_order(login, phunphin_officer, phunphin):
    f.complete_year(phunphin)
    html = login(phunphin_officer).get(readiness_url()).content.decode()
    titles = [
        "โครงสร้างการขับเคลื่อนศูนย์ฯ",
        "หลักฐานการประชุมคณะกรรมการบริหารศูนย์ฯ",
        "แผนการส่งเสริมความเข้มแข็งของกลุ่มอาชีพ",
        "กิจกรรมส่งเสริมความเข้มแข็งของกลุ่มอาชีพ",
        "การเผยแพร่และประชาสัมพันธ์ผลการดำเนินงาน",
        "หลักฐานการจัดซื้อจัดจ้าง",
    ]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "data-print" in html  # the print button (static/js/thanrak.js)
    assert html.count("✓</span> พร้อม</span>") == 1 + 6  # the legend, then each item


def test_readiness_counts_the_committee_in_members_and_says_a_term_runs_until_replaced(
    login, phunphin_officer, phunphin
):
    f.term(phunphin, 13)  # an order with no end of term
    html = login(phunphin_officer).get(readiness_url()).content.decode()
    structure = html[html.index('data-testid="readiness-structure"') :]
    structure = structure[: structure.index("</section>")]
    assert "แต่งตั้งกรรมการ 13 คน แต่ยังไม่ได้แนบไฟล์คำสั่ง" in structure  # said once
    assert "13 รายการ" not in structure
    assert "1 ต.ค. 2562 – จนกว่าจะมีคำสั่งใหม่แทน" in structure


def test_readiness_says_an_item_whose_records_fall_short_of_the_guideline_is_only_partly_ready(
    login, phunphin_officer, phunphin
):
    f.complete_year(phunphin)
    term = phunphin.committeeterm_set.get()
    for member in term.members.order_by("-order")[: term.members.count() - 10]:
        member.delete()  # ten members: the guideline asks for eleven to fifteen (R1)
    html = login(phunphin_officer).get(readiness_url()).content.decode()
    structure = html[html.index('data-testid="readiness-structure"') :]
    structure = structure[: structure.index("</section>")]
    assert "◐</span> พร้อมบางส่วน</span>" in structure
    assert 'data-testid="short-of-R1"' in structure and "ยังไม่เป็นไปตามแนวทาง" in structure
    assert f'href="{reverse("rules:cell", args=[PHUNPHIN, "R1"])}?fy=2563"' in structure
    assert html.count("✓</span> พร้อม</span>") == 1 + 5  # the legend, then the other items
    assert "short-of-R3" not in html


def test_readiness_of_an_empty_center_is_missing_everywhere(login, phunphin_officer, phunphin):
    html = login(phunphin_officer).get(readiness_url()).content.decode()
    assert html.count("✗</span> ยังไม่มี</span>") == 1 + 6  # the legend, then each item


# --- Settings ----------------------------------------------------------------------------


def settings_url(fy=2563, province="84"):
    return reverse("rules:settings", args=[province, fy])


def test_province_officer_sets_the_thresholds(login, province_officer):
    client = login(province_officer)
    response = client.get(settings_url())
    assert response.status_code == 200
    assert 'value="11"' in response.content.decode()
    data = {
        "committee_min": 9,
        "committee_max": 15,
        "chairs": 1,
        "secretaries": 1,
        "agency_representatives": 4,
        "leaders_min": 3,
        "leaders_max": 8,
        "meetings_per_quarter": 1,
        "activities_per_month": 1,
        "publicity_per_quarter": 1,
    }
    response = client.post(settings_url(), data)
    assert response.status_code == 302
    assert response["Location"] == f"{MATRIX}?fy=2563"
    saved = RuleSettings.objects.get(province="84", fiscal_year=2563)
    assert (saved.committee_min, saved.agency_representatives) == (9, 4)
    assert saved.history.count() == 1
    client.post(settings_url(), {**data, "committee_min": 10})
    assert saved.history.count() == 2
    assert RuleSettings.objects.count() == 1


def test_settings_refuse_a_minimum_above_the_maximum(login, province_officer):
    response = login(province_officer).post(
        settings_url(),
        {
            "committee_min": 16,
            "committee_max": 15,
            "chairs": 1,
            "secretaries": 1,
            "agency_representatives": 5,
            "leaders_min": 4,
            "leaders_max": 8,
            "meetings_per_quarter": 1,
            "activities_per_month": 1,
            "publicity_per_quarter": 1,
        },
    )
    assert response.status_code == 200
    assert not RuleSettings.objects.exists()


def test_settings_with_a_bad_value_show_the_summary_and_change_nothing(login, province_officer):
    saved = RuleSettings.objects.create(province_id="84", fiscal_year=2563, committee_min=9)
    client = login(province_officer)
    page = client.get(settings_url()).content.decode()
    label = re.search(r'<label for="id_committee_min">(.*?)</label>', page, re.S).group(1)
    assert 'class="required-mark"' in label
    data = {
        "committee_min": "10",
        "committee_max": "-1",
        "chairs": 1,
        "secretaries": 1,
        "agency_representatives": 5,
        "leaders_min": 4,
        "leaders_max": "many",
        "meetings_per_quarter": 1,
        "activities_per_month": 1,
        "publicity_per_quarter": 1,
    }
    response = client.post(settings_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    box = re.search(r'<div class="error-summary"(.*?)</div>', html, re.S).group(0)
    assert "ระบบยังไม่ได้บันทึกข้อมูลใด ๆ" in box
    assert '<a href="#id_committee_max">' in box and '<a href="#id_leaders_max">' in box
    assert 'href="#id_committee_min"' not in box
    saved.refresh_from_db()
    assert (saved.committee_min, saved.committee_max, saved.leaders_max) == (9, 15, 8)
    assert saved.history.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("monitor", 403), ("viewer", 403), ("phunphin_officer", 403), ("other_province_officer", 404)],
)
def test_only_the_province_officer_edits_the_thresholds(persona, status, request, login):
    client = login(request.getfixturevalue(persona))
    assert client.get(settings_url()).status_code == status
    assert client.post(settings_url(), {"committee_min": 1}).status_code == status


# --- The district home's tag --------------------------------------------------------------


def test_district_compliance_tag_shows_the_row_and_what_to_do(phunphin):
    f.meeting(phunphin, dt.date(2019, 12, 31))
    template = Template("{% load compliance %}{% district_compliance district today %}")
    with translation.override("th"):
        html = template.render(
            Context({"district": phunphin.district, "today": dt.date(2020, 5, 10)})
        )
    assert 'data-testid="district-compliance"' in html
    assert "ปีงบประมาณ 2563" in html and "ไตรมาสที่ 3" in html
    assert "บันทึกการประชุมคณะกรรมการของไตรมาสที่ 2 พร้อมรายงานการประชุม" in html
    assert "/districts/8417/compliance/R3/?fy=2563" in html
    assert html.count('class="status status-') == 3 + 20  # the legend, then two rows


def test_district_compliance_tag_accepts_the_center(phunphin):
    html = Template("{% load compliance %}{% district_compliance center %}").render(
        Context({"center": phunphin})
    )
    assert 'data-testid="district-compliance"' in html


# --- The nation --------------------------------------------------------------------


def test_nation_page_links_each_province_to_its_districts(login, admin_user, phunphin):
    response = login(admin_user).get(reverse("rules:nation") + "?fy=2563")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{reverse('rules:compliance', args=['84'])}?fy=2563" in page
    assert "สุราษฎร์ธานี" in page
    # A province with no center recorded has no row of failures.
    empty = Province.objects.exclude(districts__center__isnull=False).first()
    assert f'data-code="{empty.code}"' not in page


def test_a_province_viewer_is_sent_to_the_province_matrix(login, viewer):
    response = login(viewer).get(reverse("rules:nation"))
    assert response.status_code == 302
    assert response.url == MATRIX


def test_district_officers_are_refused_the_nation(login, phunphin_officer):
    assert login(phunphin_officer).get(reverse("rules:nation")).status_code == 403


def test_a_document_prints_the_same_explanation_in_thai_digits(phunphin):
    """One text: Arabic digits on pages, Thai digits once a document prints it."""
    result = guideline.evaluate_district(phunphin.district, 2563, 2).results["R3"]
    assert "ไตรมาสที่ 2 ปีงบประมาณ 2563" in result.explanation
    printed = Template("{% load thai %}{{ text|thai_digits }}").render(
        Context({"text": result.explanation})
    )
    assert "ไตรมาสที่ ๒ ปีงบประมาณ ๒๕๖๓ (ม.ค.–มี.ค. ๒๕๖๓)" in printed
    assert not any(ch.isascii() and ch.isdigit() for ch in printed)


def footer(html: str) -> list[str]:
    """The text of each rule's cell in the matrix's totals row."""
    tfoot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    cells = re.findall(r'<td class="num">(.*?)</td>', tfoot, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]


def test_the_totals_row_tells_a_rule_not_due_from_one_failed(login, province_officer, phunphin):
    # R10 (the year's lessons learned) is due once the year ends: never in the current year.
    # Its total reads «–» as on the dashboard, not «0/19», which reads as every district
    # failing it; a rule due for some districts only names the others.
    f.complete_year(phunphin)
    client = login(province_officer)
    this_year = footer(client.get(f"{MATRIX}?fy={current_fiscal_year()}").content.decode())
    assert this_year[-1] == "– ยังไม่ถึงกำหนด"
    past = footer(client.get(f"{MATRIX}?fy=2563").content.decode())
    assert past[:6] == ["1/19"] * 6
    # R7 (the budget) is due where an allocation is recorded or money spent: here one.
    assert past[6] == "1/19 ยังไม่ถึงกำหนด 18 อำเภอ"


def test_the_matrix_puts_the_districts_short_of_most_rules_first(login, province_officer, phunphin):
    f.complete_year(phunphin)  # Phunphin holds every rule of 2563; the others hold none
    client = login(province_officer)
    html = client.get(MATRIX + "?fy=2563&order=shortfall").content.decode()
    rows = re.findall(ROW, html)
    assert len(rows) == 19 and rows[-1] == PHUNPHIN
    assert '<option value="shortfall" selected>' in html
    # The others, short of every rule alike, keep their Thai order.
    by_name = re.findall(ROW, client.get(MATRIX + "?fy=2563").content.decode())
    assert by_name[-1] != PHUNPHIN
    assert rows[:-1] == [code for code in by_name if code != PHUNPHIN]


ROW = re.compile(r'<th scope="row"><a href="/districts/(\d+)/">')


def test_the_matrix_refuses_an_unknown_order_in_thai(login, province_officer):
    response = login(province_officer).get(MATRIX + "?fy=2563&order=random")
    assert response.status_code == 400
    assert "ไม่มีการเรียงลำดับแบบ random กรุณาเลือกจากรายการ" in response.content.decode()


def test_the_nation_puts_the_provinces_short_of_most_rules_first(login, admin_user, phunphin):
    from thanrak.centers.models import Center

    f.complete_year(phunphin)  # Surat Thani: Phunphin holds every rule, 18 districts none
    Center.objects.create(district_id="3401")  # Ubon Ratchathani: one center, no records
    client = login(admin_user)
    codes = re.compile(r'<tr data-code="(\d+)"')
    by_name = codes.findall(client.get(reverse("rules:nation") + "?fy=2563").content.decode())
    assert by_name.index("84") < by_name.index("34")  # สุราษฎร์ธานี before อุบลราชธานี
    page = client.get(reverse("rules:nation") + "?fy=2563&order=shortfall").content.decode()
    worst_first = codes.findall(page)
    assert worst_first.index("34") < worst_first.index("84")
    assert '<option value="shortfall" selected>' in page


def test_the_nation_tells_a_rule_not_due_from_one_failed(login, admin_user, phunphin):
    # R10 (the year's lessons learned) is due once the year ends: never in the current year.
    f.complete_year(phunphin)
    client = login(admin_user)
    url = reverse("rules:nation")
    this_year = client.get(f"{url}?fy={current_fiscal_year()}").content.decode()
    surat_thani = this_year[this_year.index('<tr data-code="84">') :]
    cells = re.findall(
        r"<td class=\"num share[^\"]*\">(.*?)</td>", surat_thani[: surat_thani.index("</tr>")]
    )
    assert re.sub(r"<[^>]+>", " ", cells[-1]).split() == ["–", "ยังไม่ถึงกำหนด"]
    past = client.get(f"{url}?fy=2563").content.decode()
    surat_thani = past[past.index('<tr data-code="84">') :]
    cells = re.findall(
        r"<td class=\"num share[^\"]*\">(.*?)</td>", surat_thani[: surat_thani.index("</tr>")]
    )
    # R7 (the budget) is due where money was allocated or spent: Phunphin alone holds it.
    assert re.sub(r"<[^>]+>", " ", cells[6]).split() == [
        "1/19",
        "100%",
        "ยังไม่ถึงกำหนด",
        "18",
        "อำเภอ",
    ]
    assert re.sub(r"<[^>]+>", " ", cells[0]).split() == ["1/19", "5%"]
