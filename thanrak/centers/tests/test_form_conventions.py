"""The conventions every record form shares: Thai empty choices, required marks, an error
summary linking to the fields, no negative amounts and B.E. hints on year fields."""

import re

import pytest
from django.urls import reverse

from thanrak.areas.models import Province
from thanrak.centers.forms import BudgetAllocationForm, LessonsLearnedForm, PlanForm
from thanrak.centers.models import Center, Expense
from thanrak.core.thai import current_fiscal_year
from thanrak.monitoring.forms import RoundForm
from thanrak.producers.forms import IncomeForm


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def expense(**changes) -> dict:
    return {
        "date": "15/01/2568",
        "description": "วัสดุสำนักงาน",
        "method": "purchase",
        "vendor": "ร้านพุนพินพาณิชย์",
        "amount": "1500",
        **changes,
    }


def test_choice_fields_offer_a_thai_empty_option(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    expense_page = client.get(reverse("centers:expense_create", args=["8417"]))
    activity_page = client.get(reverse("centers:activity_create", args=["8417"]))
    for page in (expense_page, activity_page):
        assert "— เลือก —" in page.text
        assert "---------" not in page.text


def test_a_choice_left_empty_is_asked_to_be_chosen_not_typed(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    page = client.post(reverse("centers:activity_create", args=["8417"]), {"title": "x"}).text
    assert "กรุณาเลือกหนึ่งรายการ" in page  # the kind of activity, a drop-down
    assert "กรุณากรอกข้อมูลนี้" in page  # the date, typed


def test_required_fields_are_marked_with_an_accessible_label(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    page = client.get(reverse("centers:expense_create", args=["8417"])).text
    vendor_label = re.search(r'<label for="id_vendor">(.*?)</label>', page, re.S).group(1)
    assert 'class="required-mark" aria-hidden="true">*<' in vendor_label
    assert "จำเป็น" in vendor_label
    files_label = re.search(r'<label for="id_files">(.*?)</label>', page, re.S).group(1)
    assert "required-mark" not in files_label


def test_error_summary_links_to_each_field_in_error(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("centers:expense_create", args=["8417"]), expense(vendor="", method="")
    )
    assert response.status_code == 200
    summary = re.search(r'<div class="error-summary"(.*?)</div>', response.text, re.S).group(0)
    assert 'tabindex="-1"' in summary
    assert "ระบบยังไม่ได้บันทึกข้อมูลใด ๆ" in summary
    assert '<a href="#id_vendor">' in summary
    assert '<a href="#id_method">' in summary
    assert 'href="#id_amount"' not in summary
    assert 'id="id_vendor"' in response.text


def test_a_negative_expense_is_refused_in_thai_and_nothing_saved(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("centers:expense_create", args=["8417"]), expense(amount="-1500")
    )
    assert response.status_code == 200
    assert "จำนวนเงินต้องไม่ติดลบ" in response.text
    assert '<a href="#id_amount">' in response.text
    assert not Expense.objects.exists()


def test_negative_counts_and_costs_are_refused(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    response = client.post(
        reverse("centers:activity_create", args=["8417"]),
        {
            "date": "15/01/2568",
            "title": "อบรมอาชีพ",
            "kind": "training",
            "participants_type1": "-3",
            "participants_type2": "0",
            "participants_type3": "0",
            "cost": "-1",
        },
    )
    assert response.status_code == 200
    assert '<a href="#id_participants_type1">' in response.text
    assert '<a href="#id_cost">' in response.text
    assert "จำนวนนี้ต้องไม่ติดลบ" in response.text  # a count
    assert "จำนวนเงินต้องไม่ติดลบ" in response.text  # an amount of baht


def test_zero_amount_is_accepted(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    response = client.post(reverse("centers:expense_create", args=["8417"]), expense(amount="0"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Expense.objects.get().amount == 0


def test_year_fields_hint_at_the_current_be_year(client, phunphin_officer, centers):
    client.force_login(phunphin_officer)
    hint = f"ปี พ.ศ. เช่น {current_fiscal_year()}"
    producer = client.get(reverse("producers:producer_create", args=["8417"])).text
    assert re.search(r'id="id_registration_year_helptext">' + hint + "<", producer)
    round_form = RoundForm(province=Province.objects.get(code="84"))
    assert str(round_form.fields["fiscal_year"].help_text) == hint


def test_model_year_fields_hint_at_the_current_year_not_a_fixed_one(
    client, phunphin_officer, centers
):
    hint = f"ปี พ.ศ. เช่น {current_fiscal_year()}"
    center = Center.objects.get(district="8417")
    forms_and_fields = [
        (PlanForm(center=center), ["first_year", "last_year"]),
        (BudgetAllocationForm(center=center), ["fiscal_year"]),
        (LessonsLearnedForm(center=center), ["fiscal_year"]),
        (IncomeForm(district=center.district), ["fiscal_year"]),
    ]
    for form, fields in forms_and_fields:
        for field in fields:
            assert str(form.fields[field].help_text) == hint, (form, field)
    client.force_login(phunphin_officer)
    plan = client.get(reverse("centers:plan_create", args=["8417"])).text
    assert re.search(rf'id="id_last_year_helptext">{hint}<', plan)
    assert "เช่น 2563" not in plan and "เช่น 2565" not in plan


def test_a_meetings_title_hints_at_this_fiscal_year_in_the_pages_language(
    client, phunphin_officer, centers
):
    client.force_login(phunphin_officer)
    url = reverse("centers:meeting_create", args=["8417"])
    year = current_fiscal_year()
    page = client.get(url).text
    assert re.search(rf'id="id_title_helptext">เช่น ครั้งที่ 1/{year}<', page)
    client.cookies["django_language"] = "en"
    english = client.get(url).text
    assert re.search(rf'id="id_title_helptext">e.g. No. 1/{year}<', english)
