"""A record list: one current item per navigation bar, and a drawn file icon."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from thanrak.core.periods import quarter_reported_on
from thanrak.evidence.tests.factories import make_evidence

pytestmark = pytest.mark.django_db


def current_items(html: str, nav_class: str) -> list[str]:
    """The links that carry aria-current in the <nav> of the given class."""
    nav = re.search(rf'<nav class="{nav_class}[^"]*".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]*)</a>', nav)


def test_a_record_list_has_one_current_item_in_each_bar(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    html = client.get(reverse("centers:material_list", args=["8417"])).text
    assert current_items(html, "main-nav") == ["ศูนย์ของฉัน"]
    assert current_items(html, "record-nav") == ["สื่อ/สิ่งพิมพ์ที่ให้บริการในศูนย์ฯ"]


def test_a_district_officers_center_is_one_item_of_the_navigation(
    client, phunphin_officer, centers
):
    # Their home is their center: «ศูนย์ของฉัน», not a «หน้าหลัก» opening the same page.
    client.force_login(phunphin_officer)
    html = client.get(reverse("dashboard"), follow=True).text
    nav = re.search(r'<nav class="main-nav.*?</nav>', html, re.S).group(0)
    assert re.findall(r"<a [^>]*>([^<]*)</a>", nav) == [
        "ศูนย์ของฉัน",
        "ความพร้อมรับการติดตาม",
        "รายงานผลการดำเนินงาน",
    ]
    assert current_items(html, "main-nav") == ["ศูนย์ของฉัน"]


def test_the_most_specific_header_item_is_the_current_one(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    html = client.get(reverse("rules:readiness", args=["8417"])).text
    # The readiness page lies under "My center" too; only "Readiness" is current.
    assert current_items(html, "main-nav") == ["ความพร้อมรับการติดตาม"]


def test_the_provinces_reports_are_an_item_of_its_main_navigation(
    client, province_officer, centers
):
    client.force_login(province_officer)
    reported = quarter_reported_on(timezone.localdate())
    url = reverse("documents:province_reports", args=["84", reported.fiscal_year])
    html = client.get(url).text
    assert current_items(html, "main-nav") == ["รายงานผลการดำเนินงาน"]
    # It opens on the quarter being reported, not the year's report.
    assert f'href="{url}?quarter={reported.quarter}" aria-current="page"' in html
    # It is current on the reports of another year too.
    before = reverse("documents:province_reports", args=["84", reported.fiscal_year - 1])
    assert current_items(client.get(before).text, "main-nav") == ["รายงานผลการดำเนินงาน"]
    html = client.get(reverse("centers:budget", args=["84"])).text
    assert current_items(html, "main-nav") == ["อำเภอ"]


def test_a_provinces_page_is_under_the_item_of_its_work(client, province_officer, centers):
    from thanrak.documents.tests.factories import make_report
    from thanrak.monitoring.tests.factories import make_round

    client.force_login(province_officer)
    round_ = make_round("84")
    report = make_report("8417")
    pages = {
        reverse("documents:letters", args=["84"]): "การติดตาม",
        reverse("documents:letterhead", args=["84"]): "การติดตาม",
        reverse("monitoring:round", args=[round_.pk]): "การติดตาม",
        reverse("documents:generated_list", args=["84"]): "รายงานผลการดำเนินงาน",
        reverse("documents:province_exports", args=["84"]): "รายงานผลการดำเนินงาน",
        reverse("documents:review", args=[report.pk]): "รายงานผลการดำเนินงาน",
        reverse("rules:cell", args=["8417", "R1"]): "การดำเนินงานตามแนวทางฯ",
        reverse("rules:settings", args=["84", 2563]): "การดำเนินงานตามแนวทางฯ",
        reverse("centers:province", args=["84"]): "อำเภอ",
    }
    for url, item in pages.items():
        assert current_items(client.get(url).text, "main-nav") == [item], url


def test_the_file_count_is_a_drawn_icon_with_words_for_screen_readers(
    client, phunphin_officer, centers
):
    make_evidence("8417")
    client.force_login(phunphin_officer)
    html = client.get(reverse("centers:material_list", args=["8417"])).text
    assert "📎" not in html
    cell = re.search(r'<span class="file-count">(.*?)</span>1</span>', html, re.S).group(1)
    assert '<svg class="icon"' in cell and 'aria-hidden="true"' in cell and "<path " in cell
    assert cell.endswith('<span class="visually-hidden">ไฟล์แนบ ')
