"""The reports page of a year with no report points to the years that have some."""

from django.urls import reverse

from thanrak.centers.models import Report
from thanrak.core.thai import current_fiscal_year


def test_a_year_without_reports_links_the_years_with_reports(client, phunphin_officer, centers):
    Report.objects.create(center=centers["8417"], fiscal_year=2563, quarter=1)
    client.force_login(phunphin_officer)
    url = reverse("documents:report_list", args=["8417"])
    page = client.get(url).text  # opens on the current fiscal year
    assert f"ยังไม่มีข้อมูลในปีงบประมาณ {current_fiscal_year()}" in page
    assert '<a href="?fy=2563">2563</a>' in page
    assert "ยังไม่มีข้อมูลในปีงบประมาณ" not in client.get(url, {"fy": "2563"}).text
