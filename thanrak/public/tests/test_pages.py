import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import CHAIYA, PHUNPHIN
from thanrak.centers.models import Activity, Center
from thanrak.core.thai import current_fiscal_year, fiscal_year_range, format_date_text
from thanrak.producers.models import Service
from thanrak.producers.tests.factories import make_product, make_service, make_wisdom


def test_landing_is_thai_by_default(client, areas):
    response = client.get(reverse("landing"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.status_code == 200
    assert '<html lang="th"' in response.text
    assert "ศูนย์บริการส่งเสริมเศรษฐกิจฐานราก" in response.text


def test_language_switch_to_english_and_back(client, areas):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en"' in response.text
    assert "Grassroots Economy Promotion Service Centers" in response.text
    response = client.post(reverse("set_language"), {"language": "th", "next": "/"}, follow=True)
    assert '<html lang="th"' in response.text


def test_about_page_credits_geothai_and_its_licence(client, areas):
    response = client.get(reverse("about"))
    assert "GeoThai" in response.text
    assert "CC BY 4.0" in response.text
    assert "77" in response.text
    # Bangkok's 50 เขต are among the 928 districts: not all of them are อำเภอ.
    assert "อำเภอและเขต 928 แห่ง" in response.text


def test_the_login_page_does_not_offer_itself_in_the_header(client, areas):
    login = client.get(reverse("login")).text
    about = client.get(reverse("about")).text
    link = f'href="{reverse("login")}"'
    assert link in about and link not in login


def test_unknown_page_is_a_thai_404(client, areas):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.text


def test_every_public_page_answers_head_like_get_without_a_body(client, settings, areas):
    # Link checkers and uptime probes ask with HEAD; signed-in pages already answer it.
    settings.PUBLIC_CACHE_SECONDS = 60
    for url in [reverse("landing"), reverse("about"), reverse("catalogue")]:
        got = client.get(url)
        head = client.head(url)
        assert (head.status_code, head.content) == (200, b""), url
        for header in ("Content-Type", "Cache-Control", "Content-Security-Policy"):
            assert head.get(header) == got.get(header), (url, header)


def test_landing_counts_what_the_centers_did_this_fiscal_year(client, areas):
    today = timezone.localdate()
    start, _end = fiscal_year_range(current_fiscal_year())
    center = Center.objects.create(district_id=PHUNPHIN)
    people = {"participants_type1": 5, "participants_type2": 10, "participants_type3": 3}
    for day in (start, today):
        Activity.objects.create(center=center, date=day, title="อบรม", kind="standards", **people)
    # Last fiscal year's activity and service are not this year's.
    Activity.objects.create(center=center, date=start - dt.timedelta(days=1), title="เก่า",
                            kind="standards", participants_type1=100)  # fmt: skip
    Service.objects.filter(pk=make_service(PHUNPHIN).pk).update(date=today)
    make_service(CHAIYA)  # 2020
    make_product(PHUNPHIN)
    make_wisdom(PHUNPHIN)

    page = client.get(reverse("landing")).text
    fy = current_fiscal_year()
    # The date is kept on one line: a narrow screen does not split its day from its month.
    heading = f'ผลการดำเนินงานของศูนย์ฯ ปีงบประมาณ {fy} (ถึงวันที่ <span class="nobreak">'
    assert f"{heading}{format_date_text(today)}</span>)" in page
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page))
    assert figures == {
        "ศูนย์ฯ ที่บันทึกในระบบ": "1",
        "กิจกรรมที่จัด": "2",
        "ผู้เข้าร่วมกิจกรรม (คน)": "36",
        "การให้บริการที่ศูนย์ฯ (ครั้ง)": "1",
    }
    assert "ภูมิปัญญาท้องถิ่น 1 รายการ กลุ่มอาชีพ 0 กลุ่ม และผลิตภัณฑ์ 1 รายการ" in page


def test_landing_figures_cost_the_same_queries_for_more_records(client, areas):
    center = Center.objects.create(district_id=PHUNPHIN)
    today = timezone.localdate()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("landing")).status_code == 200
        return len(captured)

    Activity.objects.create(center=center, date=today, title="อบรม", kind="standards")
    few = queries()
    for n in range(20):
        Activity.objects.create(center=center, date=today, title=f"อบรม {n}", kind="standards")
    assert queries() == few


def test_landing_prose_breaks_lines_only_between_thai_words(client, areas):
    page = client.get(reverse("landing")).text
    # Chromium's dictionary breaks «มาส|ร้างสรรค์»: each word is kept whole, a break
    # offered after it.
    assert (
        '<span class="nobreak">มา</span><thai-wbr></thai-wbr><span class="nobreak">สร้างสรรค์</span>'
        in page
    )
    assert '<span class="nobreak">ผู้ประกอบการ</span>' in page
