"""Money in every record form: typed as people type it (1,500, ๑,๕๐๐, 1500 บาท), shown
back as 1,500.00, never negative; other decimals (road factor, coordinates) untouched."""

from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.urls import reverse

from conftest import PHUNPHIN
from thanrak.centers.forms import ActivityForm, BudgetAllocationForm, ExpenseForm, PlanItemForm
from thanrak.centers.models import Activity, BudgetAllocation, Center, Expense, Plan
from thanrak.core.forms import MoneyField, apply_conventions, is_money
from thanrak.producers.forms import FundingForm, IncomeForm
from thanrak.producers.models import Funding, Income
from thanrak.producers.tests.factories import make_producer

pytestmark = pytest.mark.django_db

TYPED = [
    ("1,500", Decimal("1500")),
    ("๑,๕๐๐", Decimal("1500")),
    ("1,500.50", Decimal("1500.50")),
    ("1500 บาท", Decimal("1500")),
    (" ๒๕,๐๐๐.๗๕ บาท ", Decimal("25000.75")),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def expense(amount: str) -> dict:
    return {
        "date": "15/01/2563",
        "description": "วัสดุสำนักงาน",
        "method": "purchase",
        "vendor": "ร้านพุนพินพาณิชย์",
        "amount": amount,
    }


def test_every_money_field_of_the_project_becomes_a_money_field(centers):
    """Walk every model's decimal fields: baht are MoneyFields, other numbers are not."""
    seen = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.DecimalField) and not model.__name__.startswith("Hist"):
                form_field = field.formfield()

                class Form(forms.Form):
                    pass

                form = Form()
                form.fields[field.name] = form_field
                apply_conventions(form)
                seen[f"{model.__name__}.{field.name}"] = isinstance(
                    form.fields[field.name], MoneyField
                )
    assert seen["Expense.amount"] and seen["BudgetAllocation.amount"]
    assert seen["Activity.cost"] and seen["PlanItem.budget"]
    assert seen["Funding.amount"] and seen["Income.amount"]
    assert not seen["TravelSettings.road_factor"]
    assert not any(v for k, v in seen.items() if k.endswith(("latitude", "longitude")))
    assert not is_money("road_factor", forms.DecimalField(max_digits=4, decimal_places=2))


@pytest.mark.parametrize(
    "form_class",
    [ExpenseForm, BudgetAllocationForm, ActivityForm, PlanItemForm, FundingForm, IncomeForm],
)
def test_record_forms_read_amounts_as_typed(centers, form_class):
    center = Center.objects.get(district=PHUNPHIN)
    kwargs = {"district": center.district} if form_class in (FundingForm, IncomeForm) else {}
    form = form_class(**(kwargs or {"center": center}))
    name = next(n for n, f in form.fields.items() if isinstance(f, MoneyField))
    field = form.fields[name]
    assert field.widget.attrs["inputmode"] == "decimal"
    for typed, value in TYPED:
        assert field.clean(typed) == value, typed
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("-1,500")
    assert refused.value.code == "negative_amount"
    with pytest.raises(forms.ValidationError):
        field.clean("หนึ่งพัน")


@pytest.mark.parametrize(("typed", "value"), TYPED)
def test_an_expense_saves_the_amount_as_typed_and_shows_it_back(
    client, phunphin_officer, typed, value
):
    client.force_login(phunphin_officer)
    response = client.post(reverse("centers:expense_create", args=[PHUNPHIN]), expense(typed))
    assert response.status_code == 302, response.text[:3000]
    saved = Expense.objects.get()
    assert saved.amount == value
    page = client.get(reverse("centers:expense_edit", args=[PHUNPHIN, saved.pk])).text
    assert f'value="{value:,.2f}"' in page
    assert 'inputmode="decimal"' in page


def test_a_negative_or_unreadable_amount_is_refused_in_thai(client, phunphin_officer):
    client.force_login(phunphin_officer)
    url = reverse("centers:expense_create", args=[PHUNPHIN])
    negative = client.post(url, expense("-1,500"))
    assert negative.status_code == 200
    assert "จำนวนเงินต้องไม่ติดลบ" in negative.text
    assert '<a href="#id_amount">' in negative.text
    assert 'value="-1,500"' in negative.text  # what was typed stays to be corrected
    words = client.post(url, expense("พันห้า"))
    assert "กรอกจำนวนเงินเป็นบาท เช่น 1,500 หรือ 1,500.50" in words.text
    assert not Expense.objects.exists()


def test_allocation_activity_and_plan_take_thai_digits(client, phunphin_officer, province_officer):
    client.force_login(province_officer)  # the province allocates the budget
    allocation = client.post(
        reverse("centers:allocation_create", args=[PHUNPHIN]),
        {"fiscal_year": "2563", "amount": "๑,๕๐๐", "letter_number": "", "letter_date": ""},
    )
    assert allocation.status_code == 302, allocation.text[:3000]
    assert BudgetAllocation.objects.get().amount == Decimal(1500)
    client.force_login(phunphin_officer)
    activity = client.post(
        reverse("centers:activity_create", args=[PHUNPHIN]),
        {
            "date": "15/01/2563",
            "title": "อบรมอาชีพ",
            "kind": "standards",
            "participants_type1": "3",
            "participants_type2": "0",
            "participants_type3": "0",
            "cost": "1,500.50",
        },
    )
    assert activity.status_code == 302, activity.text[:3000]
    assert Activity.objects.get().cost == Decimal("1500.50")
    plan = client.post(
        reverse("centers:plan_create", args=[PHUNPHIN]),
        {"kind": "short", "title": "แผนปี 2563", "first_year": "2563", "last_year": "2563",
         "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0",
         "items-0-title": "อบรมบรรจุภัณฑ์", "items-0-target_group": "all",
         "items-0-budget": "๒๐,๐๐๐ บาท"},
    )  # fmt: skip
    assert plan.status_code == 302, plan.text[:3000]
    item = Plan.objects.get().items.get()
    assert item.budget == Decimal(20000)
    page = client.get(reverse("centers:plan_edit", args=[PHUNPHIN, item.plan_id])).text
    assert 'value="20,000.00"' in page


def test_producer_funding_and_income_take_commas_and_thai_digits(client, phunphin_officer):
    producer = make_producer(PHUNPHIN)
    client.force_login(phunphin_officer)
    data = {
        "name": producer.name,
        "kind": producer.kind,
        "registration_number": producer.registration_number,
        "stages-TOTAL_FORMS": "0",
        "stages-INITIAL_FORMS": "0",
        "funding-TOTAL_FORMS": "1",
        "funding-INITIAL_FORMS": "0",
        "funding-0-source": Funding.Source.VILLAGE_FUND,
        "funding-0-amount": "๕๐,๐๐๐",
        "funding-0-date": "01/03/2563",
        "incomes-TOTAL_FORMS": "1",
        "incomes-INITIAL_FORMS": "0",
        "incomes-0-fiscal_year": "2563",
        "incomes-0-amount": "240,000.50 บาท",
    }
    url = reverse("producers:producer_edit", args=[PHUNPHIN, producer.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.text[:3000]
    assert Funding.objects.get().amount == Decimal(50000)
    assert Income.objects.get().amount == Decimal("240000.50")
    page = client.get(url).text
    assert 'value="50,000.00"' in page and 'value="240,000.50"' in page
    data["incomes-0-amount"] = "-5"
    data["funding-TOTAL_FORMS"] = "0"
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "จำนวนเงินต้องไม่ติดลบ" in refused.text
