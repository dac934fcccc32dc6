"""The province and national dashboards: who sees them, their figures, their cost."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from conftest import CHAIYA, PHUNPHIN, SURAT_THANI, make_centers, make_user
from thanrak.accounts.models import Role
from thanrak.areas.models import District, Province
from thanrak.centers.models import Activity, Center, Report
from thanrak.centers.tests.factories import make_record
from thanrak.core.thai import current_fiscal_year
from thanrak.dashboards import panels, selectors, tiles
from thanrak.dashboards.tiles import PROVINCE_TILES
from thanrak.documents.tests.factories import make_report
from thanrak.monitoring import services as monitoring
from thanrak.monitoring.models import DistrictOffice, Visit
from thanrak.monitoring.surat_thani import OFFICES
from thanrak.monitoring.tests.factories import make_visit
from thanrak.producers.models import Certification
from thanrak.producers.tests.factories import make_group, make_product, make_service
from thanrak.rules import guideline
from thanrak.rules.tests.factories import complete_year

FY = 2563


def province_url(code: str = SURAT_THANI) -> str:
    return reverse("dashboards:province", args=[code]) + f"?fy={FY}"


NATION_URL = reverse("dashboards:nation") + f"?fy={FY}"


@pytest.fixture(scope="module")
def _module_year(module_db, tmp_path_factory):
    """The year's rows, made once for the module; each test runs in a savepoint (module_db)."""
    media = tmp_path_factory.mktemp("dashboards-media")
    with module_db.unblock(), override_settings(MEDIA_ROOT=media):
        make_year(make_centers())
    return media


@pytest.fixture
def year(_module_year, db, settings):
    """Phunphin holds every rule of FY 2563; Chaiya has a returned report, a budget and an
    activity; Phunphin a service, a group, a producer, a certification to renew and a
    visit next week. The cache starts empty: the figures kept by one test (under the same
    stamps, the rows being shared) never serve another."""
    settings.MEDIA_ROOT = str(_module_year)
    cache.clear()


def make_year(centers: dict[str, Center]) -> None:
    complete_year(centers[PHUNPHIN], FY)
    make_report(CHAIYA, quarter=1, status=Report.Status.RETURNED)
    make_record("allocation", CHAIYA)  # 1,500 baht
    make_record("expense", CHAIYA)  # 1 baht, 20 Feb 2020
    Activity.objects.filter(pk=make_record("activity", CHAIYA).pk).update(participants_type1=5)
    make_service(PHUNPHIN)  # 20 Feb 2020
    make_group(PHUNPHIN)
    product = make_product(PHUNPHIN)  # its producer is registered
    Certification.objects.create(
        product=product,
        kind=Certification.Kind.MPC,
        number="2/2563",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )
    Visit.objects.filter(pk=make_visit(PHUNPHIN)).update(
        date=timezone.localdate() + dt.timedelta(days=7)
    )
    for code, (lat, lon, island) in OFFICES.items():
        DistrictOffice.objects.get_or_create(
            district_id=code, defaults={"latitude": lat, "longitude": lon, "island": island}
        )


def values(html: str, tag: str, name: str) -> list[str]:
    """The data-value of every bar of a chart (svg) or cell of its table (table)."""
    block = re.search(rf'<{tag} [^>]*data-chart="{name}".*?</{tag}>', html, re.S)
    assert block, f"no {tag} {name}"
    return re.findall(r'data-value="([^"]*)"', block.group(0))


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- The province dashboard --------------------------------------------------------


def test_province_dashboard_shows_the_years_figures(year, login, province_officer):
    response = login(province_officer).get(province_url())
    assert response.status_code == 200
    html = text(response)
    # Rules: Phunphin holds all ten, no one else holds any.
    assert values(html, "svg", "rules") == ["1"] * 10
    assert "R1 " in html and "1/19" in html
    # Reports: 19 centers × 5 periods; Phunphin's year report is submitted, Chaiya's
    # quarter 1 returned, everything else is not begun and past due; none is not due yet.
    assert values(html, "svg", "reports") == ["0", "1", "1", "0", "93", "0"]
    assert re.search(r'data-testid="reports-late">94<', html)
    # Budget: 1,500 + 1,500 allocated; 1,500 + 1 spent.
    assert "3,000" in html and "1,501" in html
    assert values(html, "svg", "budget") == ["1,501", "1,499"]
    # February 2020: Phunphin's activity and Chaiya's (5 people), and one service.
    activities = values(html, "svg", "activities")
    assert len(activities) == 12 and activities[4] == "2" and activities[0] == "1"
    assert values(html, "svg", "people")[4] == "6"
    assert "ต.ค." in html and "ก.ย." in html
    # Stages: one group formed, one registered producer.
    assert values(html, "svg", "stages") == ["0", "1", "0", "1", "0", "0"]
    assert re.search(r'data-testid="expiring-count">1<', html)
    assert reverse("monitoring:visit", args=[Visit.objects.get().pk]) in html


def test_reports_not_begun_are_late_only_once_their_due_date_has_passed(year):
    """In the year's third quarter the first two quarters' reports are due (ten days after
    each quarter), the third's, the fourth's and the year's are not: a report not begun is
    counted late or not due yet, never both, and the bars still add up to every report."""
    districts = list(District.objects.filter(province=SURAT_THANI).order_by("code"))
    fig = selectors.figures(districts, FY, today=dt.date(2020, 4, 20))
    reports = fig.reports
    # Quarter 2 ended on 31 March 2020: due on 10 April. Made: Phunphin's year report
    # (submitted) and Chaiya's quarter 1 (returned, so late as well).
    assert reports.overdue_not_started == 18 + 19
    assert reports.not_due == 19 + 19 + 18
    assert reports.late == 18 + 1 + 19
    drawn = panels.panels(fig)
    bars = drawn["reports"][0]
    # Named as the reports pages and the budget page name them.
    assert [bar.label for bar in bars] == [
        *(str(s.label) for s in (Report.Status.ACCEPTED, Report.Status.SUBMITTED)),
        *(str(s.label) for s in (Report.Status.RETURNED, Report.Status.DRAFT)),
        "เลยกำหนด ยังไม่ได้จัดทำ",
        "ยังไม่ถึงกำหนดส่ง",
    ]
    assert [bar.label for bar in drawn["budget"][0]] == ["ใช้จ่ายแล้ว", "คงเหลือ"]
    assert sum(bar.value for bar in bars) == reports.expected == 19 * 5
    # On the fiscal year's first day nothing is due: nothing not begun is late.
    first_day = selectors.figures(districts, FY, today=dt.date(2019, 10, 1)).reports
    assert first_day.overdue_not_started == 0 and first_day.late == 0
    assert first_day.not_due == 19 * 5 - 2


def test_the_stages_are_at_the_years_end_only_once_the_year_is_over(year, login, province_officer):
    """A past year's stages stood at its end; this year's stand today, the year not over."""
    client = login(province_officer)
    now = current_fiscal_year()
    pages = {
        fy: (
            text(client.get(reverse("dashboards:province", args=[SURAT_THANI]), {"fy": fy})),
            text(client.get(reverse("producers:province", args=[SURAT_THANI]), {"fy": fy})),
        )
        for fy in (FY, now)
    }
    for page in pages[FY]:
        assert "ณ สิ้นปีงบประมาณ" in page and "ยังไม่สิ้นสุด" not in page
    for page in pages[now]:
        assert "ณ วันนี้ (ปีงบประมาณยังไม่สิ้นสุด)" in page and "ณ สิ้นปีงบประมาณ" not in page


def test_spending_beyond_the_allocation_is_drawn_not_hidden_as_nothing_remaining():
    from decimal import Decimal

    within = panels._budget_bars(Decimal(1500), Decimal(1000))
    assert [(b.label, b.display) for b in within] == [("ใช้จ่ายแล้ว", "1,000"), ("คงเหลือ", "500")]
    over = panels._budget_bars(Decimal(28500), Decimal(28650))
    assert [(b.label, b.display) for b in over] == [
        ("ใช้จ่ายภายในวงเงินที่ได้รับจัดสรร", "28,500"),
        ("ใช้จ่ายเกินวงเงินที่ได้รับจัดสรร", "150"),
    ]
    assert sum(b.value for b in over) == 28650


def test_a_rule_met_by_every_district_it_is_due_for_is_a_full_bar():
    from thanrak.dashboards import charts

    svg = charts.horizontal_bars(
        "rules",
        "rules",
        [charts.Bar("R3", 18, "18/18", top=18), charts.Bar("R4", 18, "18/19")],
        top=19,
    )
    tracks = re.findall(r'class="chart-track" x="0" y="\d+" width="([\d.]+)"', svg)
    bars = re.findall(r'class="chart-bar [^"]*" x="0" y="\d+" width="([\d.]+)"', svg)
    assert float(bars[0]) == float(tracks[0]) and float(bars[1]) < float(tracks[1])


def test_a_rule_not_due_yet_is_said_so_not_drawn_as_every_district_failing(year):
    """On the fiscal year's first day a rule due later is not due for the districts that do
    not hold it yet: its bar says so, where «1/19» read as eighteen districts failing."""

    districts = list(District.objects.filter(province=SURAT_THANI).order_by("code"))
    fig = selectors.figures(districts, FY, today=dt.date(2019, 10, 1))
    counts = {count.rule.id: count for count in fig.rules}
    # R3 (the committee's meetings) is not due yet but where it is held (Phunphin).
    assert (counts["R3"].held, counts["R3"].due, counts["R3"].total) == (1, 1, 19)
    with translation.override("th"):
        bars = {bar.label.split()[0]: bar for bar in panels.panels(fig)["rules"][0]}
        nobody = panels._rule_bar(selectors.RuleCount(counts["R3"].rule, 0, 19, 0))
    # The drawing counts the districts it is due for («1/1», not «1/19» read as eighteen
    # failing); the table adds what is not due.
    assert (bars["R3"].text, bars["R3"].note) == ("1/1", "ยังไม่ถึงกำหนด 18 อำเภอ")
    assert (bars["R1"].text, bars["R1"].note) == ("1/19", "")  # due from the first day
    assert (nobody.text, nobody.note) == ("–", "ยังไม่ถึงกำหนด")
    # After the year every rule is due for every district, but R7 (the budget spent) for the
    # two districts that were allocated one, as the compliance matrix reads it.
    late = selectors.figures(districts, FY, today=dt.date(2020, 12, 31))
    assert {c.rule.id: c.due for c in late.rules} == {f"R{n}": 19 for n in range(1, 11)} | {"R7": 2}


def test_a_district_is_counted_on_the_rules_due_and_not_behind_for_the_others(year):
    """Early in the year a district that meets every rule due so far reads «n/n» with the
    rest not due yet, coloured as meeting them all; the districts furthest behind are those
    failing the most rules due."""

    districts = list(District.objects.filter(province=SURAT_THANI).order_by("code"))
    fig = selectors.figures(districts, FY, today=dt.date(2019, 10, 1))
    rows = {row.district.pk: row for row in fig.district_rows}
    phunphin, chaiya = rows[PHUNPHIN], rows[CHAIYA]
    assert phunphin.held == phunphin.due and phunphin.failed == 0
    assert chaiya.not_due > 0 and chaiya.held < chaiya.due  # it fails what is due
    with translation.override("th"):
        svg, _dots = panels.district_map(fig, {}, "fy=2563")
    assert f'data-code="{PHUNPHIN}"' in svg and "level-4" in svg
    # Coloured by the rules due it fails: seven of seven met (three not due yet) is the
    # colour of meeting them all, one failed of eight is not.
    seven = selectors.DistrictCount(districts[0], 7, 7)
    assert panels.failed_level(seven.failed) == "level-4"
    assert panels.failed_level(selectors.DistrictCount(districts[0], 7, 8).failed) == "level-3"
    assert panels.failed_level(10) == "level-0"
    with translation.override("th"):
        legend = [text for _css, text in panels.rules_legend()]
        assert legend[0] == "ผ่านทุกเกณฑ์ที่ถึงกำหนด" and legend[-1] == "ยังไม่มีเกณฑ์ที่ถึงกำหนด"
    # A year not begun: no rule is due, and no district is coloured as meeting them all.
    ahead = selectors.figures(districts, FY + 1, today=dt.date(2019, 10, 1))
    with translation.override("th"):
        svg, _dots = panels.district_map(ahead, {}, "fy=2564")
    assert "level-4" not in svg and svg.count("level-none") >= 19
    assert "ยังไม่มีเกณฑ์ที่ถึงกำหนด" in svg
    matrix = guideline.evaluate(districts, FY, today=dt.date(2019, 10, 1))
    behind = selectors.furthest_behind(matrix, count=19)
    failed = [len(b.missing) for b in behind]
    assert failed == sorted(failed, reverse=True) and PHUNPHIN not in [
        b.row.district.pk for b in behind
    ]


def test_numbers_in_the_tables_are_the_numbers_drawn(year, login, province_officer):
    html = text(login(province_officer).get(province_url()))
    for name in ("rules", "reports", "budget", "stages", "districts"):
        drawn = values(html, "svg", name) if name != "districts" else None
        if drawn is not None:
            assert values(html, "table", name) == drawn, name
    cells = re.findall(r'data-chart="activities" data-value="([^"]*)"', html)
    assert cells == values(html, "svg", "activities")
    people = re.findall(r'data-chart="people" data-value="([^"]*)"', html)
    assert people == values(html, "svg", "people")


def test_district_map_places_every_district_coloured_by_rules_met(year, login, province_officer):
    html = text(login(province_officer).get(province_url()))
    places = re.findall(
        r'<a href="([^"]*)" class="map-place" data-code="(\d+)" data-value="(\d+)"', html
    )
    assert len(places) == 19
    by_code = {code: (href, held) for href, code, held in places}
    assert by_code[PHUNPHIN][1] == "10" and by_code[CHAIYA][1] == "0"
    assert by_code[PHUNPHIN][0].startswith(reverse("rules:readiness", args=[PHUNPHIN]))
    assert '<circle class="level-4"' in html and '<circle class="level-0"' in html
    # The table under the map says the same.
    assert values(html, "table", "districts").count("10") == 1


def test_district_map_has_a_compact_drawing_for_a_phone(year, login, province_officer):
    html = text(login(province_officer).get(province_url()))
    full = re.search(
        r'<svg class="map map-full"[^>]*viewBox="0 0 (\d+) (\d+)"(.*?)</svg>', html, re.S
    )
    compact = re.search(
        r'<svg class="map map-compact"[^>]*viewBox="0 0 (\d+) (\d+)"(.*?)</svg>', html, re.S
    )
    assert full and compact
    # The same districts and numbers, without the names, in a viewBox about a phone's width
    # (so a number of 17 units reads at about 16 px on a 390 px screen).
    assert re.findall(r'data-code="(\d+)" data-value="(\d+)"', compact.group(3)) == re.findall(
        r'data-code="(\d+)" data-value="(\d+)"', full.group(3)
    )
    assert 'class="map-name"' in full.group(3) and 'class="map-name"' not in compact.group(3)
    assert int(compact.group(1)) <= 380 < int(full.group(1))


def test_map_falls_back_to_tiles_without_office_positions(year, login, province_officer):
    DistrictOffice.objects.all().delete()
    html = text(login(province_officer).get(province_url()))
    assert html.count('class="map-place"') == 19
    assert "<circle" not in html and 'data-map="districts"' in html


def test_furthest_behind_lists_what_each_district_must_do(year, login, province_officer):
    html = text(login(province_officer).get(province_url()))
    section = re.search(r'<ol class="behind">.*?</ol>', html).group(0)
    # Five districts meeting no rule, in code order; Phunphin is not among them.
    assert section.count("<h3>") == 5
    names = strip_tags(section)
    assert "อำเภอเมืองสุราษฎร์ธานี" in names and "อำเภอพุนพิน" not in names
    assert reverse("rules:cell", args=["8401", "R1"]) in section
    assert "R10 สรุปบทเรียน" in section


def test_monitor_sees_only_the_districts_of_their_rounds(year, login):
    monitor = make_user("m-only", Role.MONITOR, province=SURAT_THANI)
    round_ = monitoring.round_create(
        province=Province.objects.get(pk=SURAT_THANI),
        user=None,
        title="รอบสองอำเภอ",
        fiscal_year=FY,
        starts_on=dt.date(2020, 9, 7),
        ends_on=dt.date(2020, 9, 8),
        districts=District.objects.filter(pk__in=[PHUNPHIN, CHAIYA]),
    )
    monitoring.team_save(round_=round_, name="ทีมเอ", lead=monitor, members=[])
    html = text(login(monitor).get(province_url()))
    assert html.count('class="map-place"') == 2
    assert values(html, "svg", "rules") == ["1"] * 10
    assert "1/2" in html


def test_executive_of_the_province_sees_the_dashboard(year, login, viewer):
    response = login(viewer).get(province_url())
    assert response.status_code == 200
    assert values(text(response), "svg", "rules") == ["1"] * 10


def test_other_province_officer_gets_404(year, login, other_province_officer):
    assert login(other_province_officer).get(province_url()).status_code == 404


def test_district_officer_gets_403(year, login, phunphin_officer):
    assert login(phunphin_officer).get(province_url()).status_code == 403


def test_province_officers_and_executives_land_on_their_dashboard(
    login, province_officer, viewer, admin_user, monitor
):
    home = reverse("dashboards:province", args=[SURAT_THANI])
    assert login(province_officer).get(reverse("dashboard")).url == home
    assert login(viewer).get(reverse("dashboard")).url == home
    assert login(admin_user).get(reverse("dashboard")).url == reverse("dashboards:nation")
    nationwide = make_user("exec-nation", Role.VIEWER)
    assert login(nationwide).get(reverse("dashboard")).url == reverse("dashboards:nation")


# --- The national dashboard --------------------------------------------------------


def test_nation_shows_a_row_per_province_with_centers(year, login, admin_user):
    response = login(admin_user).get(NATION_URL)
    assert response.status_code == 200
    html = text(response)
    rows = re.findall(r'<tr data-code="(\d+)">(.*?)</tr>', html)
    assert sorted(code for code, _row in rows) == ["80", "84"]
    surat = dict(rows)["84"]
    # 10 of the 173 district × rule cells due held (R7, the budget spent, is due only for
    # the two districts allocated one): 6%; 94 reports late; 1,501 baht spent.
    assert "19/19" in surat and ">6%<" in surat and ">94<" in surat and "1,501" in surat
    assert reverse("dashboards:province", args=["84"]) in surat
    tiles = re.findall(r'class="map-place" data-code="(\d+)" data-value="([^"]*)"', html)
    assert len(tiles) == 77
    assert dict(tiles)["84"] == "6%" and dict(tiles)["10"] == "–"
    assert values(html, "svg", "rules") == values(html, "table", "rules")


def test_a_year_with_no_rule_due_yet_reads_a_dash_not_a_share(year, login, admin_user):
    """Next fiscal year, which the filter offers, has no rule due yet: a province with
    centers reads «–» and says why, never «None%» nor «no data»."""
    next_year = current_fiscal_year() + 1
    url = reverse("dashboards:nation") + f"?fy={next_year}"
    html = text(login(admin_user).get(url))
    surat = dict(re.findall(r'<tr data-code="(\d+)">(.*?)</tr>', html))["84"]
    assert "None" not in surat and '<td class="num" data-value="">–</td>' in surat
    assert "จังหวัดสุราษฎร์ธานี: ยังไม่มีเกณฑ์ที่ถึงกำหนด" in html


def test_nationwide_executive_sees_the_nation(year, login):
    executive = make_user("exec-all", Role.VIEWER)
    assert login(executive).get(NATION_URL).status_code == 200


def test_province_executive_is_sent_home_from_the_nation(year, login, viewer):
    response = login(viewer).get(NATION_URL)
    assert response.status_code == 302 and response.url == reverse("dashboard")


@pytest.mark.parametrize("persona", ["phunphin_officer", "monitor", "province_officer"])
def test_district_officers_monitors_and_province_officers_get_403_on_the_nation(
    year, login, persona, request
):
    user = request.getfixturevalue(persona)
    assert login(user).get(NATION_URL).status_code == 403


def test_tiles_place_every_province_once(areas):
    assert set(PROVINCE_TILES) == set(Province.objects.values_list("code", flat=True))
    positions = [(column, row) for column, row, _abbr in PROVINCE_TILES.values()]
    assert len(set(positions)) == 77
    assert PROVINCE_TILES["84"][2] == "สฎ"
    assert len({abbr for _c, _r, abbr in PROVINCE_TILES.values()}) == 77


def test_each_province_tile_has_an_english_name_of_its_own(year, login, admin_user, settings):
    english = tiles.english_abbreviations(dict(Province.objects.values_list("code", "name_en")))
    assert len(set(english.values())) == 77 and all(len(a) == 3 for a in english.values())
    # The six «Nakhon» provinces: Pathom, Nayok, Ratchasima, Phanom, Sawan, Si Thammarat.
    nakhon = [english[code] for code in ("73", "26", "30", "48", "60", "80")]
    assert nakhon == ["NPa", "NNa", "NRa", "NPh", "NSa", "NST"]
    assert english["84"] == "STh" and english["81"] == "Kra"
    client = login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    drawn = re.findall(r'class="map-name"[^>]*>([^<]+)<', text(client.get(NATION_URL)))
    assert sorted(drawn) == sorted(english.values())


# --- Cost ---------------------------------------------------------------------------


def queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    # The session notes the last request at most once a minute: not the page's cost.
    page = [q for q in context.captured_queries if '"django_session"' not in q["sql"]]
    return len(page), response


def more_data(province: str, count: int) -> None:
    """Move ``count`` districts of other provinces into the province, each with a center,
    a year's records, reports, a visit and producers."""
    districts = list(
        District.objects.exclude(province__in=[SURAT_THANI, "80"]).order_by("code")[:count]
    )
    District.objects.filter(pk__in=[d.pk for d in districts]).update(province_id=province)
    for district in districts:
        center = Center.objects.create(district=district)
        complete_year(center, FY)
        make_report(district.pk, quarter=2, status=Report.Status.ACCEPTED)
        make_service(district.pk)
        make_product(district.pk)
        Visit.objects.filter(pk=make_visit(district.pk)).update(
            date=timezone.localdate() + dt.timedelta(days=3)
        )


def test_province_dashboard_costs_the_same_for_more_districts_and_records(
    year, login, province_officer
):
    client = login(province_officer)
    client.get(province_url())
    small, _response = queries(client, province_url())
    more_data(SURAT_THANI, 6)
    large, response = queries(client, province_url())
    assert response.content.decode().count('class="map-place"') == 25
    assert small == large


def test_nation_dashboard_costs_the_same_for_more_provinces(year, login, admin_user):
    client = login(admin_user)
    client.get(NATION_URL)
    small, _response = queries(client, NATION_URL)
    for code in ("50", "90", "30"):
        center = Center.objects.create(district=District.objects.filter(province=code).first())
        complete_year(center, FY)
    large, response = queries(client, NATION_URL)
    assert len(re.findall(r'<tr data-code="\d+">', response.content.decode())) == 5
    assert small == large


def test_the_nations_figures_are_drawn_once_and_kept_with_their_time(
    year, login, admin_user, settings
):
    settings.DASHBOARD_CACHE_SECONDS = 300
    cache.clear()
    client = login(admin_user)
    first, response = queries(client, NATION_URL)
    kept, again = queries(client, NATION_URL)
    assert kept < first / 2
    assert text(again).count('<tr data-code="') == text(response).count('<tr data-code="')
    assert 'data-testid="figures-time"' in text(again)
    assert re.search(r"ข้อมูล ณ เวลา \d\d\.\d\d น\.<", text(again))  # «น.» once
    # Another nationwide reader gets the same figures under their own header.
    executive = make_user("exec-all", Role.VIEWER)
    other = login(executive).get(NATION_URL)
    assert text(other).count('<tr data-code="') == text(response).count('<tr data-code="')
    cache.clear()


def test_a_write_in_a_province_is_counted_at_once_and_the_others_read_back(
    year, login, admin_user, province_officer, settings
):
    settings.DASHBOARD_CACHE_SECONDS = 300
    settings.RULES_CACHE_SECONDS = 3600
    cache.clear()
    assert values(text(login(province_officer).get(province_url())), "svg", "people")[4] == "6"
    nation = login(admin_user)
    drawn, _response = queries(nation, NATION_URL)
    make_service(PHUNPHIN)  # 20 Feb 2020: a record the rules do not read
    make_group(CHAIYA)
    counted_again, response = queries(nation, NATION_URL)
    assert counted_again <= drawn
    html = text(response)
    assert values(html, "svg", "people")[4] == "7"
    assert values(html, "svg", "stages") == ["0", "2", "0", "1", "0", "0"]
    # Nothing changed since: the page is kept whole.
    kept, _again = queries(nation, NATION_URL)
    assert kept < counted_again / 2
    assert values(text(login(province_officer).get(province_url())), "svg", "people")[4] == "7"
    cache.clear()


def test_the_next_visits_are_those_still_to_come_today_included(centers):
    """A visit at 09.30 is no longer «next» at noon; one at 14.00 still is."""
    morning = Visit.objects.get(pk=make_visit(PHUNPHIN))
    afternoon = Visit.objects.get(pk=make_visit(CHAIYA))
    day = morning.date
    Visit.objects.filter(pk=morning.pk).update(date=day, time=dt.time(9, 30))
    Visit.objects.filter(pk=afternoon.pk).update(date=day, time=dt.time(14, 0))
    noon = dt.datetime.combine(day, dt.time(12, 0), tzinfo=timezone.get_current_timezone())
    found = selectors.next_visits([PHUNPHIN, CHAIYA], noon)
    assert [v.pk for v in found] == [afternoon.pk]
    dawn = noon.replace(hour=7)
    assert [v.pk for v in selectors.next_visits([PHUNPHIN, CHAIYA], dawn)] == [
        morning.pk,
        afternoon.pk,
    ]
