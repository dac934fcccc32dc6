"""A list of a year with no records points to the years that have some."""

import datetime as dt

from django.urls import reverse

from thanrak.centers.models import Meeting
from thanrak.core.thai import current_fiscal_year


def test_an_empty_year_links_the_years_with_meetings(client, phunphin_officer, centers):
    Meeting.objects.create(center=centers["8417"], date=dt.date(2019, 12, 31), title="ประชุม 2563")
    Meeting.objects.create(center=centers["8417"], date=dt.date(2021, 1, 5), title="ประชุม 2564")
    client.force_login(phunphin_officer)
    url = reverse("centers:meeting_list", args=["8417"])
    page = client.get(url, {"fy": current_fiscal_year()}).text
    assert f"ยังไม่มีข้อมูลในปีงบประมาณ {current_fiscal_year()}" in page
    assert 'href="?fy=2563">2563</a>, <a href="?fy=2564">2564</a>' in page
    assert "ยังไม่มีข้อมูลในปีงบประมาณ" not in client.get(url, {"fy": "2563"}).text


def test_a_center_with_no_records_at_all_says_so_plainly(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    page = client.get(reverse("centers:meeting_list", args=["8417"])).text
    assert "ยังไม่มีข้อมูล</td>" in page
    assert "ยังไม่มีข้อมูลในปีงบประมาณ" not in page
