"""Record pages: members with masked citizen IDs, derived target groups, stages, exports,
expiring certifications, the funnel, and query counts that do not grow with the rows."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import CHAIYA, PHUNPHIN
from thanrak.areas.models import District
from thanrak.areas.stamps import ProvinceStamp
from thanrak.core.spreadsheets import BE_DATE
from thanrak.producers.models import Certification, Group, Member, Service, Stage, StageChange
from thanrak.producers.selectors import (
    expiring_certifications,
    funnel,
    service_counts,
    stages_at_end,
)
from thanrak.producers.tests.factories import (
    FAKE_CITIZEN_ID,
    make_group,
    make_producer,
    make_product,
    make_service,
    make_wisdom,
)

pytestmark = pytest.mark.django_db


def group_post(**extra) -> dict:
    data = {
        "name": "กลุ่มทอผ้าบางมะเดื่อ",
        "founded_on": "01/06/2545",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-0-name": "นางหนึ่ง ทดสอบ",
        "members-0-citizen_id": "1-1111-11111-11-9",
        "members-0-phone": "0890000001",
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-0-date": "15/01/2563",
        "stages-0-stage": Stage.PRODUCING,
    }
    return {**data, **extra}


def test_a_group_with_members_is_saved_and_the_citizen_id_only_shown_masked(
    client, phunphin_officer
):
    client.force_login(phunphin_officer)
    response = client.post(reverse("producers:group_create", args=[PHUNPHIN]), group_post())
    group = Group.objects.get()
    assert response.status_code == 302
    member = group.members.get()
    assert member.citizen_id == FAKE_CITIZEN_ID
    # The stage history sets the stage and so the target group (type 2), never typed.
    assert group.stage == Stage.PRODUCING and group.target_group == "2"
    detail = client.get(group.get_absolute_url()).text
    assert "X-XXXX-XXXXX-11-9" in detail and FAKE_CITIZEN_ID not in detail
    edit = client.get(reverse("producers:group_edit", args=[PHUNPHIN, group.pk])).text
    assert FAKE_CITIZEN_ID not in edit and "1-1111-11111-11-9" not in edit
    # Saving the form again keeps the number that was not sent back.
    data = group_post(
        **{
            "members-INITIAL_FORMS": "1",
            "members-0-id": str(member.pk),
            "members-0-citizen_id": "",
            "stages-TOTAL_FORMS": "0",
        }
    )
    client.post(reverse("producers:group_edit", args=[PHUNPHIN, group.pk]), data)
    member.refresh_from_db()
    assert member.citizen_id == FAKE_CITIZEN_ID


def test_a_wrong_check_digit_is_refused(client, phunphin_officer):
    client.force_login(phunphin_officer)
    data = group_post(**{"members-0-citizen_id": "1111111111110"})
    response = client.post(reverse("producers:group_create", args=[PHUNPHIN]), data)
    assert response.status_code == 200
    assert Group.objects.count() == 0 and Member.objects.count() == 0


def test_a_known_visitors_target_group_comes_from_its_stage(client, phunphin_officer):
    producer = make_producer(PHUNPHIN)
    client.force_login(phunphin_officer)
    client.post(
        reverse("producers:service_create", args=[PHUNPHIN]),
        {
            "date": "20/02/2563",
            "visitor": "group",
            "producer": producer.pk,
            "target_group": "1",  # typed wrongly: the stage wins
            "kind": "marketing",
        },
    )
    service = Service.objects.get()
    assert service.target_group == "3" and service.visitor_name == producer.name


def test_every_list_exports_to_excel_with_thai_headers_and_be_dates(client, phunphin_officer):
    make_service(PHUNPHIN)
    client.force_login(phunphin_officer)
    response = client.get(reverse("producers:service_export", args=[PHUNPHIN]), {"fy": "2563"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "วันที่"
    # A date cell, shown «20 ก.พ. 2563» by its Thai Buddhist calendar format.
    assert sheet["A3"].is_date and sheet["A3"].value.date() == dt.date(2020, 2, 20)
    assert sheet["A3"].number_format == BE_DATE


def test_group_export_has_no_full_citizen_id(client, phunphin_officer):
    make_group(PHUNPHIN)
    client.force_login(phunphin_officer)
    for key in ("wisdom", "group", "producer", "product", "service"):
        response = client.get(reverse(f"producers:{key}_export", args=[PHUNPHIN]))
        assert response.status_code == 200
        assert FAKE_CITIZEN_ID.encode() not in response.content


def test_certifications_expiring_within_90_days_are_listed(client, phunphin_officer):
    today = timezone.localdate()
    product = make_product(PHUNPHIN)
    soon = Certification.objects.create(
        product=product, kind="fda", expires_on=today + dt.timedelta(days=30)
    )
    Certification.objects.create(
        product=product, kind="gmp", expires_on=today.replace(year=today.year + 2)
    )
    rows = list(expiring_certifications(District.objects.filter(pk=PHUNPHIN)))
    assert rows == [soon]
    client.force_login(phunphin_officer)
    response = client.get(reverse("producers:expiring", args=[PHUNPHIN]))
    assert product.name in response.text


def test_a_certification_already_renewed_is_not_listed_to_renew(client, phunphin_officer):
    today = timezone.localdate()
    product = make_product(PHUNPHIN)
    old = Certification.objects.create(
        product=product, kind="fda", number="1/2566", expires_on=today + dt.timedelta(days=10)
    )
    other = make_product(PHUNPHIN, name="น้ำพริกแกง")
    still = Certification.objects.create(
        product=other, kind="fda", number="2/2566", expires_on=today + dt.timedelta(days=20)
    )
    districts = District.objects.filter(pk=PHUNPHIN)
    assert set(expiring_certifications(districts)) == {old, still}

    # The renewal: the same standard for the same product, in force for three more years.
    Certification.objects.create(
        product=product, kind="fda", number="9/2569", expires_on=today.replace(year=today.year + 3)
    )
    # Another standard expiring later renews nothing.
    Certification.objects.create(
        product=other, kind="gmp", expires_on=today.replace(year=today.year + 3)
    )
    assert list(expiring_certifications(districts)) == [still]
    client.force_login(phunphin_officer)
    page = client.get(reverse("producers:expiring", args=[PHUNPHIN])).text
    assert "2/2566" in page and "1/2566" not in page


def test_the_funnel_counts_who_moved_in_the_fiscal_year(centers):
    group = make_group(PHUNPHIN)  # group formed 20 Feb 2563
    producer = make_producer(PHUNPHIN, group=group)  # registered 20 Feb 2563 from the group
    StageChange.objects.create(
        district_id=PHUNPHIN, group=group, stage=Stage.WISDOM, date=dt.date(2019, 1, 1)
    )
    StageChange.objects.create(
        district_id=PHUNPHIN, producer=producer, stage=Stage.CERTIFIED, date=dt.date(2020, 8, 1)
    )
    make_producer(CHAIYA)
    rows, total = funnel(District.objects.filter(province="84"), 2563)
    phunphin = next(r for r in rows if r.district.pk == PHUNPHIN)
    # One entity (the group and the producer it became) at "certified" at the year's end.
    assert phunphin.at_end == {Stage.CERTIFIED: 1}
    assert phunphin.moved == 1
    assert phunphin.entered[Stage.GROUP] == 1 and phunphin.entered[Stage.REGISTERED] == 1
    assert total.total == 2 and total.moved == 2
    before, _total = funnel(District.objects.filter(pk=PHUNPHIN), 2562)
    assert before[0].at_end == {Stage.WISDOM: 1} and before[0].moved == 1


def test_the_stages_at_the_years_end_are_the_funnels_counted_by_the_database(centers):
    group = make_group(PHUNPHIN)  # group formed 20 Feb 2563
    producer = make_producer(PHUNPHIN, group=group)  # registered 20 Feb 2563 from the group
    alone = make_producer(PHUNPHIN)  # registered, no group
    StageChange.objects.create(
        district_id=PHUNPHIN, group=group, stage=Stage.WISDOM, date=dt.date(2019, 1, 1)
    )
    StageChange.objects.create(
        district_id=PHUNPHIN, producer=producer, stage=Stage.CERTIFIED, date=dt.date(2020, 8, 1)
    )
    # Changed after the end of fiscal year 2563: not counted for that year.
    StageChange.objects.create(
        district_id=PHUNPHIN, producer=alone, stage=Stage.ENTERPRISE, date=dt.date(2020, 10, 1)
    )
    make_producer(CHAIYA)
    districts = District.objects.filter(province="84")
    for fiscal_year in (2562, 2563, 2564):
        with CaptureQueriesContext(connection) as captured:
            at_end = stages_at_end(districts, fiscal_year)
        assert len(captured) == 1
        assert at_end == funnel(districts, fiscal_year)[1].at_end
    # The group and the producer it became are one; the producer alone is another.
    assert stages_at_end(districts, 2563)[Stage.CERTIFIED] == 1
    assert stages_at_end(districts, 2564)[Stage.ENTERPRISE] == 1


def make_rows(n: int, code: str = PHUNPHIN) -> None:
    # Each row saved as a page saves it (history, search words); the province's stamps
    # renewed once at the end rather than on every save.
    with ProvinceStamp.deferred():
        for i in range(n):
            wisdom = make_wisdom(code, f"ภูมิปัญญา {i}")
            group = make_group(code, f"กลุ่ม {i}")
            group.wisdom.add(wisdom)
            make_product(code, f"สินค้า {i}")
            make_service(code)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("key", ["wisdom", "group", "producer", "product", "service"])
def test_list_pages_run_the_same_queries_for_few_and_many_rows(client, phunphin_officer, key):
    client.force_login(phunphin_officer)
    url = reverse(f"producers:{key}_list", args=[PHUNPHIN]) + "?fy=2563"
    make_rows(2)
    client.get(url)  # warm the content-type cache, which a test before may not have
    few = count_queries(client, url)
    make_rows(12)
    assert count_queries(client, url) == few
    export = reverse(f"producers:{key}_export", args=[PHUNPHIN]) + "?fy=2563"
    few_export = count_queries(client, export)
    make_rows(5)
    assert count_queries(client, export) == few_export


def test_funnel_and_overview_pages_run_the_same_queries_for_few_and_many_rows(
    client, province_officer, phunphin_officer
):
    make_rows(2)
    make_rows(2, CHAIYA)
    client.force_login(province_officer)
    province = reverse("producers:province", args=["84"]) + "?fy=2563"
    few = count_queries(client, province)
    make_rows(10)
    make_rows(10, CHAIYA)
    assert count_queries(client, province) == few
    client.force_login(phunphin_officer)
    district = reverse("producers:funnel", args=[PHUNPHIN]) + "?fy=2563"
    few = count_queries(client, district)
    make_rows(5)
    assert count_queries(client, district) == few


def test_pages_render_for_readers_and_404_for_other_districts(
    client, phunphin_officer, province_officer
):
    product = make_product(PHUNPHIN)
    client.force_login(province_officer)
    assert client.get(product.get_absolute_url()).status_code == 200
    assert client.get(reverse("producers:home", args=[PHUNPHIN])).status_code == 200
    assert (
        client.get(reverse("producers:product_edit", args=[PHUNPHIN, product.pk])).status_code
        == 403
    )
    client.force_login(phunphin_officer)
    assert client.get(reverse("producers:home", args=[CHAIYA])).status_code == 404
    assert (
        client.get(reverse("producers:product_edit", args=[PHUNPHIN, product.pk])).status_code
        == 200
    )


def test_a_group_registered_as_a_producer_stands_where_its_producer_stands(
    client, phunphin_officer
):
    group = make_group(PHUNPHIN)
    producer = make_producer(PHUNPHIN, group=group)
    client.force_login(phunphin_officer)
    data = {
        "name": producer.name,
        "kind": producer.kind,
        "group": group.pk,
        "name_public": "on",
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-0-date": "01/08/2563",
        "stages-0-stage": Stage.CERTIFIED,
        "funding-TOTAL_FORMS": "0",
        "funding-INITIAL_FORMS": "0",
        "incomes-TOTAL_FORMS": "1",
        "incomes-INITIAL_FORMS": "0",
        "incomes-0-fiscal_year": "2563",
        "incomes-0-amount": "240000",
    }
    response = client.post(reverse("producers:producer_edit", args=[PHUNPHIN, producer.pk]), data)
    assert response.status_code == 302
    group.refresh_from_db()
    producer.refresh_from_db()
    assert producer.stage == Stage.CERTIFIED and group.stage == Stage.CERTIFIED
    assert group.target_group == "3"
    assert producer.incomes.get().fiscal_year == 2563


def test_services_are_counted_by_target_group_for_the_report(centers):
    make_service(PHUNPHIN)  # a person, type 1
    producer = make_producer(PHUNPHIN)
    Service.objects.create(
        district_id=PHUNPHIN,
        date=dt.date(2020, 3, 1),
        visitor="group",
        producer=producer,
        target_group=producer.target_group,
        kind="marketing",
    )
    counts = service_counts(
        District.objects.get(pk=PHUNPHIN), dt.date(2019, 10, 1), dt.date(2020, 9, 30)
    )
    assert counts == {"1": 1, "2": 0, "3": 1}


def test_a_stage_reached_is_in_the_records_history_under_who_recorded_it(phunphin_officer):
    """The stage a dated change moves a producer to is saved with its history, not updated in
    place (which showed it later as a change of whoever saved the producer next)."""
    from thanrak.centers.selectors import record_history
    from thanrak.producers.services import stage_sync

    producer = make_producer(PHUNPHIN)
    # Certified a month later: the change written, the producer not yet moved.
    StageChange.objects.create(
        district_id=PHUNPHIN, producer=producer, stage=Stage.CERTIFIED, date=dt.date(2020, 3, 20)
    )
    producer._history_user = phunphin_officer
    stage_sync(record=producer)
    latest = record_history(producer)[0]
    assert latest["who"] == phunphin_officer
    assert [change[0] for change in latest["changes"]] == ["ขั้นการพัฒนา"]


def test_each_count_on_the_district_page_opens_a_list_of_as_many(client, phunphin_officer):
    # Services of two fiscal years: the count is this year's, and so is the list it opens;
    # a register (the wisdom) counts every entry and opens every year.
    from thanrak.core.thai import current_fiscal_year

    old = make_service(PHUNPHIN)
    this_year = make_service(PHUNPHIN)
    this_year.date = timezone.localdate()
    this_year.save()
    fy = current_fiscal_year()
    client.force_login(phunphin_officer)
    home = client.get(reverse("producers:home", args=[PHUNPHIN])).content.decode()
    link = reverse("producers:service_list", args=[PHUNPHIN]) + f"?fy={fy}"
    assert f'href="{link}"' in home and f"ปีงบประมาณ {fy}" in home
    listed = client.get(link).context["page"].paginator.count
    assert listed == 1 and old.date < this_year.date
    count = re.search(rf'href="{re.escape(link)}">\s*<strong class="otop-count">(\d+)<', home)
    assert count and int(count[1]) == listed
    wisdom = reverse("producers:wisdom_list", args=[PHUNPHIN]) + "?fy=all"
    assert f'href="{wisdom}"' in home and "ทั้งหมดที่บันทึกไว้" in home
