"""Impossible filter values (?quarter=5, ?fy=2020, ?fy=abc, ?month=13) get a Thai message
and status 400 on every page that reads them, never another year shown in silence."""

import pytest
from django.urls import reverse

from conftest import PHUNPHIN, SURAT_THANI
from thanrak.core.filters import ALL_YEARS, PeriodFilter
from thanrak.core.thai import current_fiscal_year

pytestmark = pytest.mark.django_db

GREGORIAN = "ปี 2020 น่าจะเป็นปีคริสต์ศักราช กรุณากรอกปีพุทธศักราช เช่น 2563"
NOT_A_YEAR = "“abc” ไม่ใช่ปีงบประมาณ กรุณาระบุปี พ.ศ."
NO_QUARTER = "ไม่มีไตรมาส “5” ปีงบประมาณหนึ่งมีไตรมาสที่ 1 ถึง 4"
NO_MONTH = "ไม่มีเดือน “13” เดือนต้องเป็นเลข 1 ถึง 12"


def test_the_filter_reads_thai_digits_and_names_what_is_wrong():
    good = PeriodFilter({"fy": "๒๕๖๓", "quarter": "2", "month": ""})
    assert good.is_valid()
    assert good.cleaned_data == {"fy": 2563, "quarter": 2, "month": None}
    assert PeriodFilter({}).is_valid()
    every = PeriodFilter({"fy": "all"}, allow_all=True)
    assert every.is_valid() and every.cleaned_data["fy"] == ALL_YEARS
    assert not PeriodFilter({"fy": "all"}).is_valid()
    codes = {
        "2020": "gregorian_year",
        "abc": "invalid",
        "2499": "out_of_range",
        str(current_fiscal_year() + 2): "out_of_range",
        "-1": "invalid",
    }
    for value, code in codes.items():
        form = PeriodFilter({"fy": value})
        assert not form.is_valid()
        assert form.errors.as_data()["fy"][0].code == code, value
    for field, value in (("quarter", "5"), ("quarter", "0"), ("month", "13"), ("month", "x")):
        assert not PeriodFilter({field: value}).is_valid(), (field, value)


def assert_refused(client, url: str, message: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code)
    assert message in response.text, url
    assert "แสดงข้อมูลของช่วงเวลานี้ไม่ได้" in response.text
    assert f'href="{url.split("?")[0]}"' in response.text  # the way back, without the filter


def test_province_pages_refuse_impossible_periods(client, province_officer):
    client.force_login(province_officer)
    compliance = reverse("rules:compliance", args=[SURAT_THANI])
    assert_refused(client, compliance + "?fy=2020", GREGORIAN)
    assert_refused(client, compliance + "?fy=2563&quarter=5", NO_QUARTER)
    assert_refused(client, compliance + "?fy=abc", NOT_A_YEAR)
    cell = reverse("rules:cell", args=[PHUNPHIN, "R3"])
    assert_refused(client, cell + "?fy=2563&quarter=5", NO_QUARTER)
    assert_refused(client, reverse("rules:readiness", args=[PHUNPHIN]) + "?fy=2020", GREGORIAN)
    dashboard = reverse("dashboards:province", args=[SURAT_THANI])
    assert_refused(client, dashboard + "?fy=abc", NOT_A_YEAR)
    overview = reverse("producers:province", args=[SURAT_THANI])
    assert_refused(client, overview + "?fy=2020", GREGORIAN)
    exports = reverse("documents:province_exports", args=[SURAT_THANI])
    assert_refused(client, exports + "?what=activities&fy=abc", NOT_A_YEAR)
    reports = reverse("documents:province_reports", args=[SURAT_THANI, 2563])
    assert_refused(client, reports + "?quarter=5", NO_QUARTER)
    assert_refused(client, reports + "?month=13", NO_MONTH)
    consolidated = reverse("documents:consolidated_pdf", args=[SURAT_THANI, 2563])
    assert_refused(client, consolidated + "?quarter=5", NO_QUARTER)


def test_nationwide_pages_refuse_impossible_periods(client, admin_user):
    client.force_login(admin_user)
    assert_refused(client, reverse("rules:nation") + "?fy=2020", GREGORIAN)
    assert_refused(client, reverse("dashboards:nation") + "?fy=abc", NOT_A_YEAR)


def test_district_pages_refuse_impossible_periods(client, phunphin_officer):
    client.force_login(phunphin_officer)
    for name in ("centers:meeting_list", "centers:expense_list", "producers:service_list"):
        assert_refused(client, reverse(name, args=[PHUNPHIN]) + "?fy=2020", GREGORIAN)
    services = reverse("producers:service_export", args=[PHUNPHIN])
    assert_refused(client, services + "?fy=abc", NOT_A_YEAR)
    assert_refused(client, reverse("producers:funnel", args=[PHUNPHIN]) + "?fy=2020", GREGORIAN)
    reports = reverse("documents:report_list", args=[PHUNPHIN])
    assert_refused(client, reports + "?fy=abc", NOT_A_YEAR)
    report = reverse("documents:report", args=[PHUNPHIN, 2563])
    assert_refused(client, report + "?quarter=5", NO_QUARTER)
    assert_refused(client, report + "?month=13", NO_MONTH)
    assert_refused(client, reverse("documents:report", args=[PHUNPHIN, 2020]), GREGORIAN)
    assert_refused(
        client,
        reverse("documents:report_pdf", args=[PHUNPHIN, 2563]) + "?quarter=9",
        "ไม่มีไตรมาส “9”",
    )


def test_a_possible_year_without_records_is_shown_as_asked_not_another(client, phunphin_officer):
    client.force_login(phunphin_officer)
    page = client.get(reverse("centers:meeting_list", args=[PHUNPHIN]) + "?fy=2561")
    assert page.status_code == 200
    assert page.context["fiscal_year"] == 2561
    assert 2561 in page.context["years"]
    everything = client.get(reverse("centers:meeting_list", args=[PHUNPHIN]) + "?fy=all")
    assert everything.status_code == 200 and everything.context["fiscal_year"] is None
    thai_digits = client.get(reverse("producers:service_list", args=[PHUNPHIN]) + "?fy=๒๕๖๑")
    assert thai_digits.status_code == 200 and thai_digits.context["fiscal_year"] == 2561


def test_a_list_opens_on_the_newest_year_not_after_the_current_one():
    from thanrak.core.records import list_years

    now = current_fiscal_year()
    # A long-term plan reaches years still to come: the list opens on this year's.
    assert list_years(None, [now + 3, now + 1, now, now - 1]).selected == now
    assert list_years(None, [now + 3, now - 2]).selected == now - 2
    assert list_years(None, [now + 3, now + 1]).selected == now + 1
    assert list_years(str(now + 3), [now + 3, now]).selected == now + 3
    assert list_years("2563", [now]).years == [now, 2563]
