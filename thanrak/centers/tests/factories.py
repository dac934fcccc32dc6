"""One record of each kind for a district's center, for tests that need any of them."""

import datetime as dt
from decimal import Decimal

from thanrak.centers.models import (
    Activity,
    BudgetAllocation,
    Center,
    CommitteeTerm,
    CompositionException,
    Expense,
    LessonsLearned,
    Material,
    Meeting,
    Plan,
    Publicity,
    Referral,
)

DAY = dt.date(2020, 2, 20)

FIELDS = {
    "term": (CommitteeTerm, {"order_number": "1/2562", "order_date": DAY, "starts_on": DAY}),
    "exception": (CompositionException, {"letter_number": "มท 0403/1", "letter_date": DAY}),
    "meeting": (Meeting, {"date": DAY, "title": "ครั้งที่ 2/2563"}),
    "plan": (Plan, {"kind": "short", "title": "แผนปี 2563", "first_year": 2563, "last_year": 2563}),
    "activity": (Activity, {"date": DAY, "title": "อบรม", "kind": "standards"}),
    "publicity": (Publicity, {"date": DAY, "channel": "facebook", "title": "ข่าว"}),
    "allocation": (BudgetAllocation, {"fiscal_year": 2563, "amount": Decimal(1500)}),
    "expense": (
        Expense,
        {"date": DAY, "description": "วัสดุ", "method": "purchase", "vendor": "ร้าน", "amount": 1},
    ),
    "referral": (
        Referral,
        {"date": DAY, "who": "กลุ่ม", "need": "บรรจุภัณฑ์", "agency": "อุตสาหกรรมจังหวัด"},
    ),
    "lessons": (LessonsLearned, {"fiscal_year": 2563, "results": "ดี"}),
    "material": (Material, {"title": "แผ่นพับ", "kind": "print"}),
}


def make_record(key: str, district_code: str):
    model, fields = FIELDS[key]
    center, _created = Center.objects.get_or_create(district_id=district_code)
    return model.objects.create(center=center, **fields)


def record_pk(key: str):
    """A factory (district code -> pk) for the URL walk."""
    return lambda code: make_record(key, code).pk
