"""The services list of a year with none points to the years that have some."""

from django.urls import reverse

from thanrak.core.thai import current_fiscal_year
from thanrak.producers.tests.factories import make_service


def test_an_empty_year_links_the_years_with_services(client, phunphin_officer, centers):
    make_service("8417")  # fiscal year 2563
    client.force_login(phunphin_officer)
    url = reverse("producers:service_list", args=["8417"])
    page = client.get(url, {"fy": current_fiscal_year()}).text
    assert f"ยังไม่มีข้อมูลในปีงบประมาณ {current_fiscal_year()}" in page
    assert '<a href="?fy=2563">2563</a>' in page
    assert "ยังไม่มีข้อมูลในปีงบประมาณ" not in client.get(url, {"fy": "2563"}).text
