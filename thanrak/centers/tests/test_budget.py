"""The province's budget page: each center's allocation, spending and balance for a fiscal
year, and the province officer allocating to many districts at once."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import CHAIYA, PHUNPHIN, SURAT_THANI, make_user
from thanrak.accounts.models import Role
from thanrak.centers.models import BudgetAllocation, Center, Expense
from thanrak.evidence.models import Evidence
from thanrak.evidence.tests.factories import pdf_bytes, upload

URL = reverse("centers:budget", args=[SURAT_THANI])
LETTER = "สฎ 0019.03/ว 3673"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def allocate(client, chosen, *, fy=2563, **data):
    form = {
        "amount": "1,500",
        "letter_number": LETTER,
        "letter_date": "12/05/2563",
        "centers": [c.pk for c in chosen],
    }
    return client.post(f"{URL}?fy={fy}", form | data)


def test_the_page_shows_each_centers_allocation_spending_and_balance(
    client, province_officer, centers
):
    BudgetAllocation.objects.create(center=centers[PHUNPHIN], fiscal_year=2563, amount=1500)
    for day, amount in ((dt.date(2019, 10, 1), 400), (dt.date(2020, 9, 30), 250)):
        Expense.objects.create(
            center=centers[PHUNPHIN], date=day, description="ป้าย", method="hire",
            vendor="ร้าน", amount=amount,
        )  # fmt: skip
    # Outside fiscal year 2563 (1 October 2562 – 30 September 2563): not counted.
    Expense.objects.create(
        center=centers[PHUNPHIN], date=dt.date(2020, 10, 1), description="ป้าย",
        method="hire", vendor="ร้าน", amount=999,
    )  # fmt: skip
    client.force_login(province_officer)
    response = client.get(f"{URL}?fy=2563")
    assert response.status_code == 200
    budget = response.context["budget"]
    row = next(r for r in budget.rows if r.center == centers[PHUNPHIN])
    assert (row.allocation.amount, row.spent, row.balance) == (1500, 650, 850)
    assert (budget.allocated, budget.spent, budget.left) == (1500, 650, 850)
    assert len(budget.rows) == Center.objects.filter(district__province=SURAT_THANI).count()
    page = response.text
    assert "งบประมาณของศูนย์ฯ" in page
    assert "ยังไม่ได้รับจัดสรร" in page  # the other districts


def test_the_province_officer_allocates_to_the_districts_chosen_with_one_letter(
    client, province_officer, centers
):
    BudgetAllocation.objects.create(center=centers[CHAIYA], fiscal_year=2563, amount=2000)
    client.force_login(province_officer)
    offered = client.get(f"{URL}?fy=2563").context["form"].fields["centers"].queryset
    assert centers[CHAIYA] not in offered
    assert centers[PHUNPHIN] in offered
    chosen = [c for c in offered if c.district_id != "8401"]

    letter = upload("หนังสือจัดสรร.pdf", pdf_bytes(), "application/pdf")
    response = allocate(client, chosen, files=[letter])

    assert response.status_code == 302
    assert response.url == f"{URL}?fy=2563"
    made = BudgetAllocation.objects.filter(fiscal_year=2563, letter_number=LETTER)
    assert {a.center for a in made} == set(chosen)
    assert {(a.amount, a.letter_date, a.created_by) for a in made} == {
        (Decimal(1500), dt.date(2020, 5, 12), province_officer)
    }
    # The letter is kept with each, as the allocation's own file.
    files = Evidence.objects.filter(object_id__in=[a.pk for a in made])
    assert files.count() == len(chosen)
    assert {f.original_name for f in files} == {"หนังสือจัดสรร.pdf"}
    assert all(f.file.size == len(pdf_bytes()) for f in files)
    assert {a.history.get().history_user for a in made} == {province_officer}
    # Chaiya's own allocation is unchanged; Mueang got none.
    assert BudgetAllocation.objects.get(center=centers[CHAIYA]).amount == 2000
    assert not BudgetAllocation.objects.filter(center__district="8401").exists()

    page = client.get(response.url).text
    assert f"ปีงบประมาณ 2563: จัดสรรให้ {len(chosen)} อำเภอแล้ว อำเภอละ 1,500 บาท" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "0"}, "จำนวนเงินต้องมากกว่า 0 บาท"),
        ({"amount": "-5"}, "ติดลบ"),
        ({"amount": ""}, "จำนวนเงินอำเภอละ (บาท)"),
        ({"centers": []}, "กรุณาเลือกอย่างน้อยหนึ่งอำเภอ"),
        ({"letter_date": "31/02/2563"}, "ลงวันที่"),
    ],
)
def test_bad_input_says_what_is_wrong_in_thai_and_writes_nothing(
    client, province_officer, centers, data, message
):
    client.force_login(province_officer)
    response = allocate(client, [centers[PHUNPHIN], centers[CHAIYA]], **data)
    assert response.status_code == 200
    assert "กรุณาแก้ไขข้อผิดพลาดด้านล่าง ระบบยังไม่ได้บันทึกข้อมูลใด ๆ" in response.text
    assert message in response.text
    assert not BudgetAllocation.objects.exists()


def test_a_district_allocated_already_or_of_another_province_cannot_be_chosen(
    client, province_officer, centers
):
    BudgetAllocation.objects.create(center=centers[CHAIYA], fiscal_year=2563, amount=2000)
    client.force_login(province_officer)
    for chosen in (centers[CHAIYA], centers["8001"]):
        response = allocate(client, [centers[PHUNPHIN], chosen])
        assert response.status_code == 200
        assert "has-error" in response.text
    assert BudgetAllocation.objects.count() == 1


def test_a_refused_letter_file_writes_no_allocation(client, province_officer, centers):
    client.force_login(province_officer)
    script = pdf_bytes(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
    response = allocate(
        client,
        [centers[PHUNPHIN], centers[CHAIYA]],
        files=[upload("letter.pdf", script, "application/pdf")],
    )
    assert response.status_code == 200
    assert not BudgetAllocation.objects.exists()
    assert not Evidence.objects.exists()


def test_an_executive_reads_the_page_without_the_form(client, centers):
    executive = make_user("exec84", Role.VIEWER, province=SURAT_THANI)
    client.force_login(executive)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "จัดสรรงบประมาณให้อำเภอ" not in response.text
    assert allocate(client, [centers[PHUNPHIN]]).status_code == 403
    assert not BudgetAllocation.objects.exists()


def test_other_provinces_and_districts_do_not_reach_the_page(
    client, other_province_officer, phunphin_officer, centers
):
    # Another province's officer: not their province (404); a district officer: not their
    # role (403).
    for user, status in ((other_province_officer, 404), (phunphin_officer, 403)):
        client.force_login(user)
        assert client.get(URL).status_code == status
        assert allocate(client, [centers[PHUNPHIN]]).status_code in (403, 404)
    assert not BudgetAllocation.objects.exists()


def test_an_impossible_year_is_a_thai_400(client, province_officer, centers):
    client.force_login(province_officer)
    response = client.get(f"{URL}?fy=2020")
    assert response.status_code == 400
    assert "2020" in response.text


def test_the_page_costs_the_same_queries_for_more_centers_and_records(
    client, province_officer, centers
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{URL}?fy=2563").status_code == 200
        return len(captured)

    def record(center: Center) -> None:
        allocation = BudgetAllocation.objects.create(center=center, fiscal_year=2563, amount=10)
        Evidence.objects.create(
            record=allocation, district_id=center.district_id, size=1, uploaded_at=timezone.now()
        )
        Expense.objects.create(
            center=center, date=dt.date(2020, 1, 5), description="ป้าย", method="hire",
            vendor="ร้าน", amount=5,
        )  # fmt: skip

    client.force_login(province_officer)
    record(centers[CHAIYA])
    client.get(URL)
    few = queries()
    # Every center but Phunphin's allocated, with its letter and spending: the form is
    # still on the page, for Phunphin.
    for code, center in centers.items():
        if code not in (CHAIYA, PHUNPHIN):
            record(center)
    assert queries() == few


def test_the_page_exports_as_a_workbook_of_numbers_and_dates(client, centers):
    BudgetAllocation.objects.create(
        center=centers[PHUNPHIN],
        fiscal_year=2563,
        amount=1500,
        letter_number=LETTER,
        letter_date=dt.date(2020, 5, 12),
    )
    Expense.objects.create(
        center=centers[PHUNPHIN], date=dt.date(2020, 1, 5), description="ป้าย", method="hire",
        vendor="ร้าน", amount=650,
    )  # fmt: skip
    executive = make_user("exec84", Role.VIEWER, province=SURAT_THANI)
    client.force_login(executive)
    response = client.get(URL, {"fy": 2563, "format": "xlsx"})
    assert response["Content-Type"] == XLSX
    assert 'filename="budget-84-2563.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "งบประมาณของศูนย์ฯ จังหวัดสุราษฎร์ธานี ปีงบประมาณ 2563"
    assert rows[1] == (
        "อำเภอ", "ได้รับจัดสรร (บาท)", "เลขที่หนังสือ", "ลงวันที่", "ใช้จ่ายแล้ว (บาท)", "คงเหลือ (บาท)",
    )  # fmt: skip
    phunphin = next(r for r in rows if r[0] == "อำเภอพุนพิน")
    letter_day = dt.datetime(2020, 5, 12)  # noqa: DTZ001 - Excel cells have no time zone
    assert phunphin[1:] == (1500, LETTER, letter_day, 650, 850)
    chaiya = next(r for r in rows if r[0] == "อำเภอไชยา")
    assert chaiya[1:] == (None, None, None, 0, None)
    assert rows[-1] == ("รวม", 1500, None, None, 650, 850)
    assert len(rows) == 2 + Center.objects.filter(district__province=SURAT_THANI).count() + 1
